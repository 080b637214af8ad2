// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Every C++ idiom of docs/runtime.md and of the runtime headers' comments, compiled and run.
//
// Each idiom is written here as it is shown, inside a small program of its own that gives it
// the functions and objects it names and checks that it does what the text around it says.
// tests/runtime/docs_idioms.py (ctest: runtime_docs_idioms.accounted) fails when an idiom of
// the docs or of the headers is not found here line for line, so the two cannot drift apart.
// Lines that end with `// [setup]` belong to the program around an idiom: the check skips them,
// so they may sit between the lines of an idiom (a sibling task, a refill between two calls).
#include <tether/tether.hpp>

#include <sys/socket.h>

#include <array>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <deque>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace idioms {

namespace net = tether::net;
using namespace std::chrono_literals;

inline int checked = 0;

inline void check(bool ok, const char* what) {
  if (!ok)
    throw std::runtime_error(std::string("docs idiom does not do what it says: ") + what);
  ++checked;
}

inline tether::task<void> tick() { co_await tether::sleep_for(1ms); }

/// A connected pair of local stream sockets on the caller's executor; `peer` has written
/// "hello" so that a read on `sock` completes.
struct socket_pair {
  net::local::stream_protocol::socket sock;
  net::local::stream_protocol::socket peer;
  explicit socket_pair(const net::any_io_executor& ex) : sock(ex), peer(ex) {
    net::local::connect_pair(sock, peer);
    net::write(peer, net::buffer(std::string_view("hello")));
  }
};

/// What connect(ep), connection::open(ep) and friends return: a pretend connection that
/// counts its async_close() calls.
struct endpoint {
  int port = 0;
};
inline int closes = 0;
struct connection {
  int port = 0;
  static tether::task<connection> open(endpoint ep) {
    co_await tick();
    co_return connection{ep.port};
  }
  tether::task<void> send(const std::string& request) {
    co_await tick();
    check(!request.empty(), "a connection sends the request");
  }
  tether::task<void> async_close() {
    co_await tick();
    ++closes;
  }
};

} // namespace idioms

// ---------------------------------------------------------------------------------------
// docs/runtime.md: the opening example. The #include and `using` lines are the example's own
// (the header is already included; its include guard makes the second include empty).
namespace intro {
std::vector<std::string> urls{"/a", "/b", "/c"};
int stored = 0;
tether::task<std::string> fetch(std::string url) {
  co_await idioms::tick();
  co_return "body of " + url;
}
tether::task<void> store(std::string body) {
  if (body.starts_with("body of /"))
    ++stored;
  co_return;
}

#include <tether/tether.hpp>
using namespace std::chrono_literals;

tether::task<int> serve() {
  co_await tether::for_each_bounded(urls, 8, [](const std::string& url) -> tether::task<> {
    auto body = co_await tether::with_timeout(fetch(url), 5s);
    co_await store(body);
  });
  co_return 0;
}

int main() { return tether::run(serve()); }
} // namespace intro

// ---------------------------------------------------------------------------------------
// docs/runtime.md, run: the synopsis, declared as shown and defined over tether::run, so
// that a field of a different name or type than tether::options has does not compile.
namespace run_synopsis {
using tether::task;
struct options {
  bool debug = false;                        // report slow steps and tasks alive at exit
  std::chrono::milliseconds slow_step{100};  // what "slow" means
  bool handle_signals = true;                // SIGINT / SIGTERM cancel main
  std::function<void(std::string_view)> report;  // where reports go (default: stderr)
};
template <class T> T run(task<T> main, options opts = {});

template <class T> T run(task<T> main, options opts) {
  return tether::run(std::move(main), tether::options{.debug = opts.debug,
                                                      .slow_step = opts.slow_step,
                                                      .handle_signals = opts.handle_signals,
                                                      .report = opts.report});
}

tether::task<int> answer() {
  co_await idioms::tick();
  co_return 42;
}

void test() {
  const tether::options real;
  const options shown;
  idioms::check(real.debug == shown.debug && real.slow_step == shown.slow_step &&
                    real.handle_signals == shown.handle_signals && !real.report && !shown.report,
                "run's options have the defaults the synopsis shows");
  idioms::check(run(answer()) == 42, "run returns main's result");
}

// A deadlock is a logic_error; a wait that a signal ends is written as a sleep.
tether::task<void> until_a_signal() {
  std::raise(SIGINT); // [setup]
  co_await tether::sleep_for(std::chrono::hours::max());
}

void deadlock_or_wait() {
  bool cancelled = false;
  try {
    tether::run(until_a_signal());
  } catch (...) {
    cancelled = tether::is_cancellation(std::current_exception());
  }
  idioms::check(cancelled, "sleep_for(hours::max()) waits until a signal cancels main");
  bool reported = false;
  try {
    tether::run([]() -> tether::task<void> {
      tether::event never;
      co_await never.wait();
    }());
  } catch (const std::logic_error&) {
    reported = true;
  }
  idioms::check(reported, "a main that waits for an event nobody sets is a logic_error");
}
} // namespace run_synopsis

// runtime/include/tether/run.hpp
namespace run_header {
using namespace std::chrono_literals;
tether::task<int> serve() {
  co_await idioms::tick();
  co_return 0;
}
int main() { return tether::run(serve(), {.debug = true, .slow_step = 100ms}); }
} // namespace run_header

// ---------------------------------------------------------------------------------------
// docs/runtime.md, the model: cleanup after a cancellation.
namespace model {
using namespace idioms;

tether::task<void> cleanup_after_cancellation() {
  bool cleaned_up = false;
  co_await tether::task_group::open([&](tether::task_group& g) -> tether::task<> {
    g.spawn([&]() -> tether::task<> {
      try {
        co_await tether::sleep_for(std::chrono::hours(1));
      } catch (...) {
        if (!tether::is_cancellation(std::current_exception()))
          throw;
      }
      co_await net::this_coro::throw_if_cancelled(false);
      co_await tether::sleep_for(1ms); // async cleanup: runs although the task was cancelled
      cleaned_up = true;
    });
    co_await tick();
    g.cancel();
  });
  check(cleaned_up, "after throw_if_cancelled(false) a cancelled coroutine can await cleanup");
}
} // namespace model

// ---------------------------------------------------------------------------------------
// docs/runtime.md, task_group.
namespace task_group_docs {
using namespace tether;
using namespace idioms;

int worked = 0, spawned = 0;
task<void> work() {
  co_await tick();
  ++worked;
}
task<int> count() {
  co_await tick();
  co_return 41;
}

task<void> test() {
  using R = int; // [setup]
  auto strand = net::make_strand(co_await net::this_coro::executor); // [setup]
  R r = co_await task_group::open([&](task_group& g) -> task<R> {
    g.spawn(work());                        // the group owns it
    task_handle<int> h = g.spawn(count());  // or keep a handle
    g.spawn([&]() -> task<> { co_await tick(); ++spawned; });  // a lambda: kept alive until its task is done
    g.spawn(strand, work());                // on another executor of the same context
    co_return co_await h.wait() + 1;
  });
  check(r == 42 && worked == 2 && spawned == 1, "open returns the body's result after every child");
}
} // namespace task_group_docs

// runtime/include/tether/task_group.hpp
namespace task_group_header {
using namespace idioms;
std::vector<std::string> fetched;
tether::task<std::string> fetch(std::string what) {
  co_await tick();
  fetched.push_back(what);
  co_return what;
}

tether::task<void> test() {
  std::string a = "a", b = "b"; // [setup]
  co_await tether::task_group::open([&](tether::task_group& g) -> tether::task<> {
    g.spawn(fetch(a));
    auto h = g.spawn(fetch(b));      // a handle: co_await h.wait() for its result
    co_return;
  });
  check(fetched.size() == 2, "the group waits for children the body did not wait for");
}
} // namespace task_group_header

// ---------------------------------------------------------------------------------------
// docs/runtime.md, gather, gather_settled, race.
namespace gather_docs {
using namespace tether;
using namespace idioms;

task<int> fetch(int v) {
  co_await tick();
  co_return v;
}
task<int> read() { co_return 7; }

task<void> test() {
  int x = 1, y = 2; // [setup]
  using T = int; // [setup]
  using A = int; // [setup]
  using B = std::monostate; // [setup]
  std::vector<task<int>> tasks; // [setup]
  tasks.push_back(fetch(3)); // [setup]
  tasks.push_back(fetch(4)); // [setup]
  auto [a, b] = co_await gather(fetch(x), fetch(y));          // std::tuple; void -> monostate
  std::vector<T> all = co_await gather(std::move(tasks));     // a range of task<T>
  auto [oa, ob] = co_await gather_settled(fetch(x), fetch(y)); // std::tuple<outcome<T>...>
  tasks.clear(); // [setup]
  tasks.push_back(fetch(5)); // [setup]
  std::vector<outcome<T>> each = co_await gather_settled(std::move(tasks));
  std::variant<A, B> first = co_await race(read(), tether::sleep_for(1s));
  check(a == 1 && b == 2, "gather returns a tuple of results");
  check(all == std::vector<int>{3, 4}, "gather of a range returns the results in order");
  check(oa.value() == 1 && ob.value() == 2, "gather_settled returns outcomes");
  check(each.size() == 1 && each[0].value() == 5, "gather_settled of a range");
  check(first.index() == 0 && std::get<0>(first) == 7, "race returns the first to finish");
}
} // namespace gather_docs

// runtime/include/tether/gather.hpp
namespace gather_header {
using namespace idioms;
using tether::sleep_for;

tether::task<int> fetch(int v) {
  co_await tick();
  co_return v;
}
tether::task<int> f() { co_return 1; }
tether::task<void> g() { throw std::runtime_error("g failed"); co_return; }
tether::task<int> read() { co_return 7; }

tether::task<void> test() {
  int x = 1, y = 2; // [setup]
  std::vector<tether::task<int>> tasks; // [setup]
  tasks.push_back(fetch(3)); // [setup]
  auto [a, b] = co_await tether::gather(fetch(x), fetch(y));   // tuple; void gives monostate
  auto all    = co_await tether::gather(std::move(tasks));    // vector<task<T>> -> vector<T>
  auto each   = co_await tether::gather_settled(f(), g());     // tuple of outcome<T>
  auto first  = co_await tether::race(read(), sleep_for(1s)); // variant, index = winner
  check(a + b == 3 && all.size() == 1 && std::get<0>(each).value() == 1 &&
            std::get<1>(each).error() != nullptr && first.index() == 0,
        "gather, gather_settled and race as the header shows them");
}
} // namespace gather_header

// ---------------------------------------------------------------------------------------
// docs/runtime.md and for_each_bounded.hpp.
namespace for_each_bounded_docs {
using namespace tether;
using namespace idioms;

std::vector<int> seen;
task<void> handle(int x) {
  co_await tick();
  seen.push_back(x);
}

task<void> test() {
  // What the rewrite replaces: one detached task per item (async-fire-and-forget and
  // async-unbounded-task-creation report it) ...
  std::vector<int> items{1, 2, 3}; // [setup]
  auto ex = co_await net::this_coro::executor; // [setup]
  using net::co_spawn; // [setup]
  using net::detached; // [setup]
  for (auto& x : items) co_spawn(ex, handle(x), detached);
  co_await tether::sleep_for(20ms); // [setup] nobody waits for them: sleep and hope
  check(seen.size() == 3, "the detached loop ran (this time)");
  // ... and what it becomes: every item handled before the call returns, n at a time.
  seen.clear(); // [setup]
  auto range = items; // [setup]
  std::size_t n = 2; // [setup]
  auto fn = [](int x) { return handle(x); }; // [setup]
  co_await for_each_bounded(range, n, fn);
  check(seen.size() == 3, "for_each_bounded returns when every item is done");
  // for_each_bounded calls `co_await fn(item)` for every item, in order:
  for (int item : range)
    co_await fn(item);
  check(seen.size() == 6, "fn(item) is a task");
}
} // namespace for_each_bounded_docs

namespace for_each_bounded_header {
using namespace idioms;
using url = std::string;
int fetched = 0;
tether::task<void> fetch(const url& u) {
  co_await tick();
  fetched += !u.empty();
}

tether::task<void> test() {
  std::vector<url> urls{"/x", "/y"}; // [setup]
  co_await tether::for_each_bounded(urls, 8, [&](const url& u) -> tether::task<> {
    co_await fetch(u);
  });
  check(fetched == 2, "for_each_bounded as the header shows it");
}
} // namespace for_each_bounded_header

// ---------------------------------------------------------------------------------------
// docs/runtime.md, sleep_for, shield; sleep.hpp, shield.hpp.
namespace sleep_shield {
using namespace tether;
using namespace idioms;

int flushed = 0;
task<void> flush() {
  co_await tether::sleep_for(5ms);
  ++flushed;
}

task<void> test() {
  using namespace std::chrono_literals; // [setup]
  co_await tether::sleep_for(100ms);
  co_await shield(flush());
  bool cancelled = false;
  co_await task_group::open([&](task_group& g) -> task<> {
    g.spawn([&]() -> task<> {
      try {
        co_await tether::shield(flush()); // cancelled while it runs: finishes all the same
        ++flushed; // [setup] runs: the cancellation takes effect at the next co_await
        co_await tether::sleep_for(1s);
      } catch (...) {
        cancelled = tether::is_cancellation(std::current_exception());
      }
    });
    co_await tether::sleep_for(1ms);
    g.cancel();
  });
  check(flushed == 3 && cancelled, "shield finishes the work and delivers the cancellation after");
}
} // namespace sleep_shield

// ---------------------------------------------------------------------------------------
// docs/runtime.md, with_timeout and timeout_or; with_timeout.hpp.
namespace with_timeout_docs {
using namespace tether;
using namespace idioms;

task<int> compute() {
  co_await tether::sleep_for(1s);
  co_return 1;
}
task<void> flush() { co_await tick(); }

task<void> test() {
  socket_pair pair(co_await net::this_coro::executor); // [setup]
  auto& sock = pair.sock; // [setup]
  std::array<char, 16> bytes{}; // [setup]
  auto buf = net::buffer(bytes); // [setup]
  auto n = co_await with_timeout(sock.async_read_some(buf, net::use_awaitable), 5s);
  std::optional<int> v = co_await timeout_or(compute(), 100ms);
  bool finished = co_await timeout_or(flush(), 1s);   // for task<void>
  check(n == 5 && !v && finished, "with_timeout returns the result; timeout_or an empty optional");
  net::write(pair.peer, net::buffer(std::string_view("again")));
  // The bare operation that the rewrite bounds:
  auto m = co_await sock.async_read_some(buf, net::use_awaitable);
  check(m == 5, "a bare read");
}
} // namespace with_timeout_docs

namespace with_timeout_header {
using namespace idioms;

std::string sent;
tether::task<void> send(std::string reply) {
  co_await tick();
  sent = reply;
}

tether::task<void> test() {
  socket_pair pair(co_await net::this_coro::executor); // [setup]
  auto& sock = pair.sock; // [setup]
  std::array<char, 16> bytes{}; // [setup]
  auto buf = net::buffer(bytes); // [setup]
  auto n = co_await tether::with_timeout(sock.async_read_some(buf, net::use_awaitable), 5s);
  std::string reply = "pong"; // [setup]
  auto d = tether::deadline::after(1s); // [setup]
  co_await tether::with_deadline(send(reply), d);   // a tether::deadline or a time point
  check(n == 5 && sent == "pong", "with_timeout and with_deadline as the header shows them");
}
} // namespace with_timeout_header

// ---------------------------------------------------------------------------------------
// docs/runtime.md, with_deadline and deadline; deadline.hpp.
namespace deadline_docs {
using namespace tether;
using namespace idioms;

task<connection> connect(endpoint ep) { return connection::open(ep); }
task<void> send(connection c, std::string request) { co_await c.send(request); }
task<std::string> receive(connection) {
  co_await tick();
  co_return "reply";
}
int flushed = 0;
task<void> flush() {
  co_await tick();
  ++flushed;
}

task<void> test() {
  endpoint ep{80}; // [setup]
  std::string request = "GET /"; // [setup]
  auto d = tether::deadline::after(5s);                  // or deadline(time_point), deadline::never()
  auto conn = co_await with_deadline(connect(ep), d);
  co_await with_deadline(send(conn, request), d);        // what is left of the same 5 s
  auto reply = co_await timeout_or(receive(conn), d);    // std::optional, as with a duration
  co_await with_deadline(flush(), std::chrono::system_clock::now() + 1min);  // any clock's time point
  check(conn.port == 80 && reply == std::optional<std::string>("reply") && flushed == 1 &&
            !d.expired(),
        "steps bounded by one deadline");
}
} // namespace deadline_docs

namespace deadline_header {
using namespace idioms;

tether::task<connection> connect(endpoint ep) { return connection::open(ep); }
tether::task<void> send(connection c, std::string request) { co_await c.send(request); }

tether::task<void> test() {
  endpoint ep{81}; // [setup]
  std::string request = "GET /"; // [setup]
  auto d = tether::deadline::after(5s);              // or a time point: deadline(tp)
  auto conn = co_await tether::with_deadline(connect(ep), d);
  co_await tether::with_deadline(send(conn, request), d);  // what is left of the same 5 s
  check(conn.port == 81 && d.remaining() > 0s, "a deadline shared by two steps");
}
} // namespace deadline_header

// ---------------------------------------------------------------------------------------
// docs/runtime.md, semaphore, mutex, event, condition; their headers.
namespace sync_docs {
using namespace tether;
using namespace idioms;

int state = 0;
task<void> write(int& s) {
  co_await tick();
  ++s;
}

task<void> semaphore_idiom() {
  tether::semaphore limit(8);
  auto permit = co_await limit.acquire();   // semaphore::permit, move-only
  check(limit.available() == 7, "a permit is out");
  tether::semaphore sem(1); // [setup]
  {
    auto permit = co_await sem.acquire();
    check(sem.available() == 0, "the asyncio table's semaphore");
  }
  check(sem.available() == 1, "the permit went back");
}

task<void> mutex_idiom() {
  tether::mutex m;
  auto lock = co_await m.lock();   // mutex::guard, move-only: unlocks when it goes out of scope
  co_await write(state);           // no other coroutine holds m meanwhile
  check(m.is_locked() && state == 1, "the guard holds the mutex");
}

task<void> event_idiom() {
  bool woke = false;
  tether::event ready;
  co_await task_group::open([&](task_group& g) -> task<> { // [setup]
    g.spawn([&]() -> task<> { co_await tick(); ready.set(); }); // [setup]
    co_await ready.wait();   // at once if set, else until ready.set()
    woke = true; // [setup]
    ready.set(); ready.reset(); ready.is_set();
    co_return; // [setup]
  }); // [setup]
  check(woke && !ready.is_set(), "wait returns after set; reset clears the event");
}

task<void> condition_idiom() {
  bool woke = false;
  tether::condition changed;
  std::deque<int> queue; // [setup]
  int x = 7; // [setup]
  co_await task_group::open([&](task_group& g) -> task<> { // [setup]
    g.spawn([&]() -> task<> { // [setup]
      co_await changed.wait([&] { return queue.size() >= 10; });  // the waiter
      woke = queue.size() >= 10; // [setup]
    }); // [setup]
    for (int i = 0; i < 10; ++i) { // [setup]
      co_await tick(); // [setup]
      queue.push_back(x); changed.notify_all();                   // whoever changes the state
    } // [setup]
  }); // [setup]
  check(woke, "wait returns once the predicate holds");
  // The asyncio table's form:
  tether::condition cond;
  auto pred = [&] { return !queue.empty(); };
  co_await cond.wait(pred);
  check(true, "a predicate that already holds returns at once");
}
} // namespace sync_docs

// ---------------------------------------------------------------------------------------
// docs/runtime.md, channel; channel.hpp.
namespace channel_docs {
using namespace tether;
using namespace idioms;

struct job {
  int id = 0;
};

task<void> test() {
  job j{1}; // [setup]
  std::vector<int> received; // [setup]
  tether::channel<job> jobs(64);                  // capacity 0: every send is a rendezvous
  co_await jobs.send(j);                          // waits while full (backpressure)
  jobs.close(); // [setup] so that the loop ends once the channel is drained
  while (auto j = co_await jobs.receive()) received.push_back(j->id);
  jobs.try_send(j); jobs.try_receive(); jobs.close();
  check(received == std::vector<int>{1} && !jobs.try_send(j), "send, receive until closed");
}
} // namespace channel_docs

// ---------------------------------------------------------------------------------------
// docs/runtime.md, offload; offload.hpp.
namespace offload_docs {
using namespace tether;
using namespace idioms;

std::string read_file(const std::string& path) { return "contents of " + path; }

task<void> test() {
  std::string path = "/etc/hostname"; // [setup]
  auto text = co_await tether::offload([&] { return read_file(path); });
  auto fn = [] { return 6 * 7; };
  int v = co_await offload(fn);
  auto f = [&] { return read_file(path).size(); };
  auto size = co_await tether::offload(f);
  check(text == "contents of /etc/hostname" && v == 42 && size == text.size(),
        "offload returns fn's result");
}
} // namespace offload_docs

// ---------------------------------------------------------------------------------------
// docs/runtime.md, async_with; async_with.hpp.
namespace async_with_docs {
using namespace tether;
using namespace idioms;

task<connection> open() { return connection::open(endpoint{9}); }

task<void> test() {
  endpoint ep{8}; // [setup]
  std::string request = "hello"; // [setup]
  int bodies = 0; // [setup]
  closes = 0; // [setup]
  co_await async_with(connection::open(ep), [&](connection& c) -> task<> { ++bodies; co_return; });
  co_await tether::async_with(connection::open(ep), [&](connection& c) -> tether::task<> {
    co_await c.send(request);
  });
  auto body = [&](connection& c) -> task<> { bodies += c.port == 9; co_return; };
  co_await tether::async_with(open(), body);
  connection resource = co_await connection::open(ep);
  co_await resource.async_close();
  check(bodies == 2 && closes == 4, "async_with closes after the body");
}
} // namespace async_with_docs

// ---------------------------------------------------------------------------------------
// docs/runtime.md, rate_limiter; rate_limiter.hpp.
namespace rate_limiter_docs {
using namespace idioms;

tether::task<void> test() {
  tether::rate_limiter limit(10.0, 5);   // 10 per second on average, bursts of up to 5
  co_await limit.acquire();              // suspends (never blocks) until a token is free
  check(true, "a token of a full bucket");
}
} // namespace rate_limiter_docs

// ---------------------------------------------------------------------------------------
// docs/runtime.md, is_cancellation and rethrow; cancellation.hpp.
namespace cancellation_docs {
using namespace idioms;

tether::task<void> work() {
  co_await tick();
  throw std::runtime_error("lost unless rethrown");
}

void rethrow_idiom() {
  net::io_context ctx; // [setup]
  auto ex = ctx.get_executor(); // [setup]
  net::co_spawn(ex, work(), tether::rethrow);
  std::string error;
  try {
    ctx.run();
  } catch (const std::runtime_error& e) {
    error = e.what();
  }
  check(error == "lost unless rethrown", "rethrow makes io_context::run throw the task's error");
}

tether::task<void> is_cancellation_idiom() {
  bool rethrown = false;
  co_await tether::task_group::open([&](tether::task_group& g) -> tether::task<> {
    g.spawn([&]() -> tether::task<> {
      try {
        try {
          co_await tether::sleep_for(1s);
        } catch (...) {
          if (tether::is_cancellation(std::current_exception())) throw;
        }
      } catch (const tether::system_error&) {
        rethrown = true;
        throw;
      }
    });
    co_await tick();
    g.cancel();
  });
  check(rethrown, "a handler that catches everything rethrows a cancellation");
}
} // namespace cancellation_docs

// ---------------------------------------------------------------------------------------
// docs/runtime.md and annotations.hpp: the annotations, on declarations, then defined and
// called (they change no code).
namespace annotations_docs {
using tether::task;
struct event {
  int id = 0;
};

TETHER_BLOCKING std::string load_config(const std::string&);

TETHER_BLOCKING std::string load_config(const std::string& path);  // reads a file
TETHER_NONBLOCKING int try_connect(int fd, const sockaddr* a, socklen_t n);  // fd is O_NONBLOCK
template <class Op> TETHER_PROVIDES_DEADLINE auto bounded(Op op);   // races op against a timer
TETHER_DETACH_OK task<void> log_and_forget(event e);                // catches all it throws

std::string load_config(const std::string& path) { return "config of " + path; }
int try_connect(int fd, const sockaddr*, socklen_t) { return fd; }
template <class Op> auto bounded(Op op) {
  return tether::with_timeout(std::move(op), std::chrono::seconds(1));
}
task<void> log_and_forget(event e) {
  idioms::check(e.id == 3, "an annotated task runs as any other");
  co_return;
}

task<void> test() {
  idioms::check(load_config("a") == "config of a" && try_connect(4, nullptr, 0) == 4,
                "annotated functions run as any other");
  co_await bounded(idioms::tick());
  co_await log_and_forget(event{3});
}
} // namespace annotations_docs

// ---------------------------------------------------------------------------------------
// docs/runtime.md, Python asyncio -> tether: the tether column.
namespace asyncio_table {
using namespace tether;
using namespace idioms;

int ran = 0;
task<void> c() {
  co_await tick();
  ++ran;
}
task<int> a() { co_return 1; }
task<int> b() { co_return 2; }

task<void> test() {
  co_await task_group::open([&](task_group& g) -> task<> { g.spawn(c()); co_return; });
  auto [x, y] = co_await tether::gather(a(), b());
  co_await tether::with_timeout(c(), 5s);
  bool done = co_await tether::timeout_or(c(), 5s);
  auto d = tether::deadline::after(5s); // [setup]
  co_await tether::with_deadline(c(), d);
  co_await tether::shield(c());
  check(ran == 5 && x + y == 3 && done, "the tether column of the asyncio table");
}
} // namespace asyncio_table

// ---------------------------------------------------------------------------------------
// docs/runtime.md, Performance: the baseline of with_timeout is the bare `co_await post(...)`.
namespace performance {
using namespace idioms;
using net::post;

tether::task<void> test() {
  co_await post(net::use_awaitable);
  co_await tether::with_timeout(post(net::use_awaitable), 10s);
  check(true, "a post, bare and bounded");
}
} // namespace performance

// ---------------------------------------------------------------------------------------
// docs/runtime.md, "g++ 12 and lambda captures": the forms that g++ 12 compiles correctly.
namespace gcc12_forms {
using namespace idioms;

std::size_t checksum(const std::string& s) {
  std::size_t h = 0;
  for (char ch : s)
    h = h * 31 + static_cast<unsigned char>(ch);
  return h;
}

tether::task<void> test() {
  std::vector<std::string> items{std::string(100, 'a'), std::string(200, 'b')}; // [setup]
  std::size_t total = 0, expected = checksum(items[0]) + checksum(items[1]); // [setup]
  for (auto item = items.begin(); item != items.end(); ++item) { // [setup]
    total += co_await tether::offload([&] { return checksum(*item); });
  } // [setup]
  for (auto item = items.begin(); item != items.end(); ++item) { // [setup]
    auto work = [s = *item] { return checksum(s); };
    total += co_await tether::offload(std::move(work));
  } // [setup]
  check(total == 2 * expected, "offload of a lambda that captures by reference, or named first");
  std::string name(64, 'n'); // [setup]
  using R = std::size_t; // [setup]
  using tether::task; // [setup]
  using tether::task_group; // [setup]
  auto body = [name](task_group& g) -> task<R> { g.spawn(tick()); co_return name.size(); };
  auto size = co_await tether::task_group::open(std::move(body));
  check(size == 64, "open of a named lambda that captures by value");
}
} // namespace gcc12_forms

// ---------------------------------------------------------------------------------------
tether::task<void> all_idioms() {
  co_await model::cleanup_after_cancellation();
  co_await task_group_docs::test();
  co_await task_group_header::test();
  co_await gather_docs::test();
  co_await gather_header::test();
  co_await for_each_bounded_docs::test();
  co_await for_each_bounded_header::test();
  co_await sleep_shield::test();
  co_await with_timeout_docs::test();
  co_await with_timeout_header::test();
  co_await deadline_docs::test();
  co_await deadline_header::test();
  co_await sync_docs::semaphore_idiom();
  co_await sync_docs::mutex_idiom();
  co_await sync_docs::event_idiom();
  co_await sync_docs::condition_idiom();
  co_await channel_docs::test();
  co_await offload_docs::test();
  co_await async_with_docs::test();
  co_await rate_limiter_docs::test();
  co_await cancellation_docs::is_cancellation_idiom();
  co_await annotations_docs::test();
  co_await asyncio_table::test();
  co_await performance::test();
  co_await gcc12_forms::test();
}

int main() {
  try {
    idioms::check(intro::main() == 0 && intro::stored == 3, "the opening example fetches and stores");
    run_synopsis::test();
    run_synopsis::deadlock_or_wait();
    idioms::check(run_header::main() == 0, "run with debug options");
    cancellation_docs::rethrow_idiom();
    tether::run(all_idioms());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  std::printf("docs idioms: %d checks passed\n", idioms::checked);
  return 0;
}
