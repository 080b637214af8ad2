// Must not compile: gather is given a value that is not a task. ctest expects the compiler to
// say so in one line (see tests/runtime/CMakeLists.txt); calls_well_formed.cpp is the control.
#include "tether/gather.hpp"

tether::task<int> f();

tether::task<void> g() {
  co_await tether::gather(f(), 42);
}
