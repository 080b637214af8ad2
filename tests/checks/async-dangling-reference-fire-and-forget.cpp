// async-fire-and-forget and async-dangling-reference on one co_spawn of a
// coroutine lambda invoked in place: two bugs, one rewrite. Both fixes pass
// the lambda itself, so whichever is applied, the task keeps its captures.
// RUN: %check_tidy -check-suffixes=,WARN %s async-fire-and-forget,async-dangling-reference %t -- -- -I %runtime_include %asio_flags
// RUN: %check_tidy -check-suffixes=,NOTE -fix-notes %s async-fire-and-forget,async-dangling-reference %t -- -- -I %runtime_include %asio_flags

#include <tether/task_group.hpp>

using tether::task;

task<void> work(int N);

task<void> fanOut(int N) {
  auto Ex = co_await asio::this_coro::executor;
  co_await tether::task_group::open([&](tether::task_group &Group) -> task<void> {
    asio::co_spawn(Ex, [N]() -> task<void> { co_await work(N); }(), asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost [async-fire-and-forget]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: spawn it on task group 'Group'
    // CHECK-MESSAGES: :[[@LINE-3]]:24: warning: coroutine lambda invoked in place is a temporary destroyed at the end of the full-expression, but its task started by 'co_spawn' uses its captures; pass the lambda itself, which the spawn keeps alive [async-dangling-reference]
    // CHECK-FIXES-WARN: {{^}}    asio::co_spawn(Ex, [N]() -> task<void> { co_await work(N); }, asio::detached);{{$}}
    // CHECK-FIXES-NOTE: {{^}}    Group.spawn(Ex, [N]() -> task<void> { co_await work(N); });{{$}}
    co_return;
  });
}
