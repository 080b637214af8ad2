// Must not compile: offload is given a coroutine, which is not blocking work. ctest expects the
// compiler to say so in one line (see tests/runtime/CMakeLists.txt); calls_well_formed.cpp is
// the control.
#include "tether/offload.hpp"

tether::task<void> g() {
  co_await tether::offload([]() -> tether::task<int> { co_return 1; });
}
