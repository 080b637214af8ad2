// co_spawn(..., detached) where a tether::task_group is in view: a note
// offers to spawn the task on the group. The fixed file is compiled against
// the runtime, with standalone Asio and with Boost.Asio.
// RUN: %check_tidy -fix-notes %s async-fire-and-forget %t -- -- -I %runtime_include %asio_flags
// RUN: %check_tidy -fix-notes %s async-fire-and-forget %t -- -- -I %runtime_include \
// RUN:   -DTETHER_USE_BOOST_ASIO=1 %boost_asio_flags

#include <tether/task_group.hpp>

namespace net = tether::net;
using tether::task;

task<int> fetch(int Id) { co_return Id; }
net::awaitable<void, net::io_context::executor_type> onIoExecutor();

task<void> fanOut(net::io_context &Io, const std::vector<int> &Ids) {
  auto Executor = co_await net::this_coro::executor;
  co_await tether::task_group::open([&](tether::task_group &Group) -> task<void> {
    for (int Id : Ids) {
      net::co_spawn(Executor, fetch(Id), net::detached);
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost [async-fire-and-forget]
      // CHECK-NOTES: :[[@LINE-2]]:7: note: spawn it on task group 'Group': the group owns it, waits for it and rethrows its exception
      // CHECK-FIXES: {{^}}      Group.spawn(Executor, fetch(Id));{{$}}
    }
    net::co_spawn(Io, [Id = Ids.size()]() -> task<void> { co_await fetch(static_cast<int>(Id)); }, net::detached);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_spawn' with 'detached' runs the task unowned
    // CHECK-NOTES: :[[@LINE-2]]:5: note: spawn it on task group 'Group'
    // CHECK-FIXES: {{^}}    Group.spawn(Io.get_executor(), [Id = Ids.size()]() -> task<void> { co_await fetch(static_cast<int>(Id)); });{{$}}
    co_return;
  });
}

class Poller {
public:
  explicit Poller(tether::task_group &Group) : Group(Group) {}
  void start(net::any_io_executor Executor) {
    net::co_spawn(Executor, poll(), net::detached);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_spawn' with 'detached' runs the task unowned
    // CHECK-NOTES: :[[@LINE-2]]:5: note: spawn it on task group 'Group'
    // CHECK-FIXES: {{^}}    Group.spawn(Executor, poll());{{$}}
  }

private:
  task<void> poll() { co_return; }
  tether::task_group &Group;
};

void throughPointer(tether::task_group *Group, net::io_context &Io) {
  net::co_spawn(Io, fetch(1), net::detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned
  // CHECK-NOTES: :[[@LINE-2]]:3: note: spawn it on task group 'Group'
  // CHECK-FIXES: {{^}}  Group->spawn(Io.get_executor(), fetch(1));{{$}}
}

// No group in view, or a task the group cannot run: the note explains.
void noGroup(net::io_context &Io, tether::task_group &Group) {
  auto Spawn = [&Io] {
    net::co_spawn(Io, fetch(2), net::detached);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_spawn' with 'detached' runs the task unowned
    // CHECK-NOTES: :[[@LINE-2]]:5: note: own the task: spawn it on a 'tether::task_group', co_await it with 'use_awaitable', or pass a completion handler that handles its 'std::exception_ptr'
  };
  Spawn();
  net::co_spawn(Io, onIoExecutor(), net::detached);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned
  // CHECK-NOTES: :[[@LINE-2]]:3: note: own the task: spawn it on a 'tether::task_group'
  (void)Group;
}

// Owned already: nothing to report.
task<void> owned(tether::task_group &Group, net::io_context &Io) {
  Group.spawn(fetch(3));
  auto Handle = Group.spawn(Io.get_executor(), fetch(4));
  co_await Handle.wait();
  net::co_spawn(Io, fetch(5), tether::rethrow);
}
