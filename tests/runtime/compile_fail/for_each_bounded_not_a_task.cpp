// Must not compile: for_each_bounded's function returns void, not a task. ctest expects the
// compiler to say so in one line (see tests/runtime/CMakeLists.txt).
#include <vector>

#include "tether/for_each_bounded.hpp"

tether::task<void> f(const std::vector<int>& items) {
  co_await tether::for_each_bounded(items, 4, [](int) {});
}
