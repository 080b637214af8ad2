// The control of for_each_bounded_not_a_task.cpp: the same call with a function that returns a
// task compiles, so the failure there is the one the test looks for.
#include <vector>

#include "tether/for_each_bounded.hpp"

tether::task<void> f(const std::vector<int>& items) {
  co_await tether::for_each_bounded(items, 4, [](int) -> tether::task<> { co_return; });
}
