// RUN: %check_tidy -fix-notes %s async-blocking-call-in-coroutine %t -- -- %asio_flags -I %runtime_include
// A wait on a std::condition_variable in a coroutine points at
// tether::condition, never at offload (the pool thread would unlock a mutex
// this thread holds). The wait becomes `co_await cv.wait(pred)` on a
// tether::condition, as a note's fix, when nothing else changes meaning: the
// condition variable is declared on its own in this file and used only by
// this wait and by notifications in coroutines, and the waiter's lock is
// used only by the wait, on a mutex that only coroutines use. notify_one
// becomes notify_all: every waiter checks its own predicate.

#include <asio.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <tether/tether.hpp>

using asio::awaitable;
using namespace std::chrono_literals;

awaitable<void> tick();

// Waiter and notifiers all coroutines: rewritten, with the include.
std::deque<int> Queue;
std::mutex QueueMutex;
std::condition_variable Pushed;
// CHECK-FIXES: {{^}}tether::condition Pushed;{{$}}

awaitable<int> pop() {
  std::unique_lock<std::mutex> Lock(QueueMutex);
  Pushed.wait(Lock, [] { return !Queue.empty(); });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': awaiting its 'wait(pred)' suspends the coroutine, not its thread
  // The lock's declaration goes.
  // CHECK-FIXES-NOT: Lock(QueueMutex)
  // CHECK-FIXES: {{^}}  co_await Pushed.wait([] { return !Queue.empty(); });{{$}}
  const int Item = Queue.front();
  Queue.pop_front();
  co_return Item;
}

awaitable<void> push(int Item) {
  {
    std::lock_guard<std::mutex> Guard(QueueMutex);
    Queue.push_back(Item);
  }
  Pushed.notify_one();
  // CHECK-FIXES: {{^}}  Pushed.notify_all();{{$}}
  co_await tick();
}

awaitable<void> pushMany() {
  Queue.push_back(1);
  Queue.push_back(2);
  Pushed.notify_all();
  co_return;
}

// A member, waited on with a member lock's mutex: rewritten too. The lock is
// also held across the co_await after the wait, which the fix ends as well.
class Gate {
public:
  awaitable<void> pass() {
    std::unique_lock<std::mutex> Lock(Mu);
    Opened.wait(Lock, [this] { return Open; });
    // CHECK-NOTES: :[[@LINE-2]]:34: warning: mutex 'Mu' is held across a suspension point: {{.*}}
    // CHECK-NOTES: :[[@LINE+5]]:5: note: the coroutine suspends here with 'Mu' locked
    // CHECK-NOTES: :[[@LINE-3]]:5: warning: 'std::condition_variable::wait' blocks {{.*}}
    // CHECK-NOTES: :[[@LINE-4]]:5: note: wait on an async condition instead, such as 'tether::condition': {{.*}}
    // CHECK-FIXES-NOT: Lock(Mu)
    // CHECK-FIXES: {{^}}    co_await Opened.wait([this] { return Open; });{{$}}
    co_await tick();
  }
  awaitable<void> open() {
    Open = true;
    Opened.notify_one();
    // CHECK-FIXES: {{^}}    Opened.notify_all();{{$}}
    co_return;
  }

private:
  bool Open = false;
  std::mutex Mu;
  std::condition_variable Opened;
  // CHECK-FIXES: {{^}}  tether::condition Opened;{{$}}
};

// Notified by a thread: a tether::condition cannot be notified from there.
std::mutex JobsMutex;
std::condition_variable JobReady;
bool HasJob = false;

awaitable<void> takeJob() {
  std::unique_lock<std::mutex> Lock(JobsMutex);
  JobReady.wait(Lock, [] { return HasJob; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': {{.*}}
  co_return;
}

void postJob() {
  std::lock_guard<std::mutex> Guard(JobsMutex);
  HasJob = true;
  JobReady.notify_one();
}

// The mutex is locked by a thread: dropping the waiter's lock would leave the
// state unguarded against it.
std::mutex StateMutex;
std::condition_variable StateChanged;
int State = 0;

awaitable<void> awaitState() {
  std::unique_lock<std::mutex> Lock(StateMutex);
  StateChanged.wait(Lock, [] { return State > 0; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': {{.*}}
  co_return;
}

void setState(int Value) {
  std::lock_guard<std::mutex> Guard(StateMutex);
  State = Value;
}

awaitable<void> announceState() {
  StateChanged.notify_all();
  co_return;
}

// Two waits on one condition variable: one fix each would rewrite its type
// twice.
std::mutex TwiceMutex;
std::condition_variable Twice;
bool TwiceReady = false;

awaitable<void> firstWaiter() {
  std::unique_lock<std::mutex> Lock(TwiceMutex);
  Twice.wait(Lock, [] { return TwiceReady; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': {{.*}}
  co_return;
}

awaitable<void> secondWaiter() {
  std::unique_lock<std::mutex> Lock(TwiceMutex);
  Twice.wait(Lock, [] { return TwiceReady; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': {{.*}}
  co_return;
}

// The lock is used after the wait: tether's wait has no lock to give back.
std::mutex KeptMutex;
std::condition_variable KeptChanged;
bool KeptReady = false;

awaitable<void> keepsLock() {
  std::unique_lock<std::mutex> Lock(KeptMutex);
  KeptChanged.wait(Lock, [] { return KeptReady; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': {{.*}}
  Lock.unlock();
  co_return;
}

// No predicate (tether's wait takes one), a timed wait (tether's has no
// timeout), a condition variable that is a reference, and two declared
// together: the advice, no fix.
std::mutex PlainMutex;
std::condition_variable PlainChanged, OtherChanged;

awaitable<void> noPredicate(std::condition_variable &Given) {
  std::unique_lock<std::mutex> Lock(PlainMutex);
  PlainChanged.wait(Lock);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': {{.*}}
  OtherChanged.wait_for(Lock, 1s, [] { return true; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait_for' blocks {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': {{.*}}
  Given.wait(Lock, [] { return true; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': {{.*}}
  co_return;
}

std::mutex PairMutex;
std::condition_variable PairA, PairB;

awaitable<void> waitsOnPair() {
  std::unique_lock<std::mutex> Lock(PairMutex);
  PairA.wait(Lock, [] { return true; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': {{.*}}
  co_return;
}

// Outside a coroutine a condition variable is the right tool.
void threadWaits() {
  std::unique_lock<std::mutex> Lock(PairMutex);
  PairB.wait(Lock, [] { return true; });
}
