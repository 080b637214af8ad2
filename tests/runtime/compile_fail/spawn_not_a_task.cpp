// Must not compile: task_group::spawn is given a lambda that is not a coroutine. ctest expects
// the compiler to say so in one line (see tests/runtime/CMakeLists.txt); calls_well_formed.cpp
// is the control.
#include "tether/task_group.hpp"

tether::task<void> g() {
  co_await tether::task_group::open([](tether::task_group& group) -> tether::task<> {
    group.spawn([] {});
    co_return;
  });
}
