// tether::run (result, errors, signals, debug reports) and tether::offload.
#include <csignal>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

using namespace tether_test;
using tether::task_group;

namespace {

struct captured_reports {
  std::vector<std::string> lines;
  tether::options debug(std::chrono::milliseconds slow = 100ms) {
    return {.debug = true,
            .slow_step = slow,
            .handle_signals = false,
            .report = [this](std::string_view m) { lines.emplace_back(m); }};
  }
  int count(const std::string& needle) const {
    int n = 0;
    for (const auto& l : lines)
      n += l.find(needle) != std::string::npos;
    return n;
  }
};

std::string here(int line) { return std::string("run_test.cpp:") + std::to_string(line); }

TEST(Run, ReturnsMainsResultAndRethrowsItsError) {
  EXPECT_EQ(tether::run(value_after(3, 1ms)), 3);
  EXPECT_THROW(tether::run(fail_after("main failed", 1ms)), std::runtime_error);
  // A result type that is not default-constructible.
  struct only_int {
    explicit only_int(int v) : v(v) {}
    int v;
  };
  auto r = tether::run([]() -> task<only_int> { co_return only_int(9); }());
  EXPECT_EQ(r.v, 9);
}

TEST(Run, SigintCancelsMain) {
  bool cancelled = false;
  try {
    tether::run([&]() -> task<void> {
      std::raise(SIGINT);
      co_await sleep_until_cancelled(cancelled);
    }());
    FAIL() << "run returned normally";
  } catch (...) {
    EXPECT_TRUE(tether::is_cancellation(std::current_exception()));
  }
  EXPECT_TRUE(cancelled);
}

TEST(Run, SigtermCancelsMainWhichCanShutDownCleanly) {
  auto r = tether::run([]() -> task<int> {
    std::raise(SIGTERM);
    try {
      co_await tether::sleep_for(1h);
    } catch (...) {
      if (!tether::is_cancellation(std::current_exception()))
        throw;
    }
    co_return 7;
  }());
  EXPECT_EQ(r, 7);
}

TEST(Run, ReturnsWhenMainIsDoneEvenIfATaskWasLeaked) {
  auto r = tether::run([]() -> task<int> {
    net::co_spawn(co_await net::this_coro::executor, tether::sleep_for(1h), net::detached);
    co_return 1;
  }());
  EXPECT_EQ(r, 1);
}

/// Runs `main` with and without debug mode; true if run reported a deadlock both times.
template <class MakeMain>
bool reports_deadlock(MakeMain make_main) {
  int reported = 0;
  for (bool debug : {false, true}) {
    try {
      tether::run(make_main(), {.debug = debug});
    } catch (const std::logic_error& e) {
      reported += std::string(e.what()).find("main never completed") != std::string::npos;
    }
  }
  return reported == 2;
}

TEST(Run, AMainWaitingForAnEventNobodySetsIsADeadlock) {
  EXPECT_TRUE(reports_deadlock([]() -> task<void> {
    tether::event never;
    co_await never.wait();
  }));
  // Also when a signal handler is installed, and when main has other work first.
  EXPECT_TRUE(reports_deadlock([]() -> task<void> {
    co_await tether::sleep_for(1ms);
    co_await tether::offload([] {});
    tether::semaphore none(0);
    co_await none.acquire();
  }));
}

TEST(Run, AReceiveWithNoSenderLeftIsADeadlock) {
  // The producer sends two items and ends without closing the channel.
  int received = 0;
  EXPECT_TRUE(reports_deadlock([&]() -> task<void> {
    tether::channel<int> ch(1);
    co_await task_group::open([&](task_group& g) -> task<void> {
      g.spawn([&]() -> task<void> {
        co_await ch.send(1);
        co_await ch.send(2);
      });
      while (auto v = co_await ch.receive())
        received += *v;
    });
  }));
  EXPECT_EQ(received, 6); // both items, in both runs: the deadlock is found after them
}

TEST(Run, TasksThatWaitForEachOtherAreADeadlock) {
  // Two children take two mutexes in opposite orders, on a strand and on the loop; and waits
  // inside shield, gather and a with_timeout whose deadline never comes.
  EXPECT_TRUE(reports_deadlock([]() -> task<void> {
    tether::mutex a, b;
    auto ex = co_await net::this_coro::executor;
    co_await task_group::open([&](task_group& g) -> task<void> {
      g.spawn(net::make_strand(ex), [&]() -> task<void> {
        auto la = co_await a.lock();
        co_await yield();
        auto lb = co_await b.lock();
      });
      g.spawn([&]() -> task<void> {
        auto lb = co_await b.lock();
        co_await yield();
        auto la = co_await a.lock();
      });
      co_return;
    });
  }));
  EXPECT_TRUE(reports_deadlock([]() -> task<void> {
    tether::event never;
    co_await tether::shield(never.wait());
  }));
  EXPECT_TRUE(reports_deadlock([]() -> task<void> {
    tether::condition changed;
    auto never_true = [] { return false; };
    co_await tether::gather(
        tether::with_timeout(changed.wait(never_true), std::chrono::hours::max()),
        tether::sleep_for(1ms));
  }));
}

TEST(Run, AWaitThatATimerIOAnotherThreadOrASignalWillEndIsNoDeadlock) {
  auto ends = [](task<void> main) {
    try {
      tether::run(std::move(main));
      return true;
    } catch (const std::logic_error&) {
      return false;
    }
  };
  // A timer, an offload, a task_group child on another context.
  EXPECT_TRUE(ends([]() -> task<void> {
    tether::event later;
    co_await tether::gather(later.wait(), [&]() -> task<void> {
      co_await tether::sleep_for(50ms);
      later.set();
    }());
  }()));
  EXPECT_TRUE(ends([]() -> task<void> {
    tether::event later;
    co_await tether::gather(later.wait(), [&]() -> task<void> {
      co_await tether::offload([] { std::this_thread::sleep_for(50ms); });
      later.set();
    }());
  }()));
  EXPECT_TRUE(ends([]() -> task<void> {
    net::thread_pool pool(1);
    co_await task_group::open([&](task_group& g) -> task<void> {
      g.spawn(pool.get_executor(), []() -> task<void> {
        std::this_thread::sleep_for(50ms);
        co_return;
      });
      co_return;
    });
  }()));
  // A deadline: with_timeout ends a wait that nothing else would.
  EXPECT_TRUE(ends([]() -> task<void> {
    tether::event never;
    EXPECT_FALSE(co_await tether::timeout_or(never.wait(), 50ms));
  }()));
  // I/O: a read that a peer's write, from another thread, completes.
  EXPECT_TRUE(ends([]() -> task<void> {
    auto [client, server] = co_await connected_pair();
    std::thread writer([&client = client] {
      std::this_thread::sleep_for(50ms);
      client.write_some(net::buffer("x", 1));
    });
    char byte = 0;
    co_await net::async_read(server, net::buffer(&byte, 1), net::use_awaitable);
    writer.join();
    EXPECT_EQ(byte, 'x');
  }()));
  // Another thread that holds a work guard (as Asio asks of a thread that will post).
  EXPECT_TRUE(ends([]() -> task<void> {
    tether::event later;
    auto ex = co_await net::this_coro::executor;
    std::thread poster([&, guard = net::make_work_guard(ex)] {
      std::this_thread::sleep_for(50ms);
      net::post(ex, [&] { later.set(); });
    });
    co_await later.wait();
    poster.join();
  }()));
  // A signal the program waits for with its own signal_set.
  EXPECT_TRUE(ends([]() -> task<void> {
    net::signal_set usr1(co_await net::this_coro::executor, SIGUSR1);
    std::thread raiser([] {
      std::this_thread::sleep_for(50ms);
      std::raise(SIGUSR1);
    });
    co_await usr1.async_wait(net::use_awaitable);
    raiser.join();
  }()));
}

TEST(Run, SigintWhileMainWaitsForAnEventNobodySetsCancelsMain) {
  // The signal reaches run's handler before the loop is found idle: main is cancelled.
  try {
    tether::run([]() -> task<void> {
      tether::event never;
      std::raise(SIGINT);
      co_await never.wait();
    }());
    FAIL() << "run returned normally";
  } catch (const std::logic_error& e) {
    FAIL() << e.what();
  } catch (...) {
    EXPECT_TRUE(tether::is_cancellation(std::current_exception()));
  }
}

TEST(Run, DebugReportsSlowStepsWithTheirLocation) {
  captured_reports reports;
  int line = 0;
  tether::run(
      [&]() -> task<void> {
        co_await tether::sleep_for(1ms); line = __LINE__;
        std::this_thread::sleep_for(300ms); // holds the event loop
        co_await tether::sleep_for(1ms);    // a fast step: not reported
      }(),
      reports.debug(100ms));
  // (Only this step is slow by design; a loaded machine may add others, so count ours.)
  EXPECT_GE(reports.count("slow step"), 1) << ::testing::PrintToString(reports.lines);
  EXPECT_EQ(reports.count(here(line)), 1) << ::testing::PrintToString(reports.lines);
}

TEST(Run, DebugDoesNotCountIdleTimeAsASlowStep) {
  // A sleep, an offload and a wait for an event set by a timer keep the loop idle, not busy.
  captured_reports reports;
  tether::event later;
  tether::run(
      [&]() -> task<void> {
        co_await tether::sleep_for(500ms);
        co_await tether::offload([] { std::this_thread::sleep_for(500ms); });
        co_await tether::gather(later.wait(), [&]() -> task<void> {
          co_await tether::sleep_for(500ms);
          later.set();
        }());
      }(),
      reports.debug(200ms));
  EXPECT_EQ(reports.count("slow step"), 0) << ::testing::PrintToString(reports.lines);
}

TEST(Run, NoReportsWithoutDebug) {
  // Without debug, the same program runs and nothing is reported (report is never called).
  captured_reports reports;
  auto opts = reports.debug(1ms);
  opts.debug = false;
  tether::run(
      []() -> task<void> {
        co_await tether::sleep_for(1ms);
        std::this_thread::sleep_for(20ms);
      }(),
      opts);
  EXPECT_TRUE(reports.lines.empty());
}

TEST(Run, DebugReportsTasksStillAliveAtExit) {
  captured_reports reports;
  int line = 0;
  tether::run(
      [&]() -> task<void> {
        // A group that nobody awaits (started with a raw co_spawn): its child outlives main.
        net::co_spawn(co_await net::this_coro::executor,
                      task_group::open([&](task_group& g) -> task<void> {
                        g.spawn(tether::sleep_for(1h)); line = __LINE__;
                        co_return;
                      }),
                      net::detached);
        co_await tether::sleep_for(1ms);
      }(),
      reports.debug());
  EXPECT_EQ(reports.count("task still alive"), 1) << ::testing::PrintToString(reports.lines);
  EXPECT_EQ(reports.count(here(line)), 1) << ::testing::PrintToString(reports.lines);

  captured_reports raw;
  tether::run(
      []() -> task<void> {
        net::co_spawn(co_await net::this_coro::executor, tether::sleep_for(1h), net::detached);
        co_return;
      }(),
      raw.debug());
  EXPECT_EQ(raw.count("still pending"), 1) << ::testing::PrintToString(raw.lines);

  captured_reports clean;
  tether::run(
      []() -> task<void> {
        co_await tether::gather(tether::sleep_for(1ms), tether::sleep_for(2ms));
      }(),
      clean.debug());
  EXPECT_EQ(clean.count("still alive") + clean.count("still pending"), 0)
      << ::testing::PrintToString(clean.lines);
}

TEST(Run, DebugReportsUnobservedErrors) {
  captured_reports reports;
  tether::run(
      []() -> task<void> {
        auto [a, b] = co_await tether::gather_settled(value_after(1, 1ms),
                                                      fail_after("nobody looked at me", 1ms));
        EXPECT_EQ(a.value(), 1);
        co_return; // b's error is dropped unseen
      }(),
      reports.debug());
  EXPECT_EQ(reports.count("unobserved error: nobody looked at me"), 1)
      << ::testing::PrintToString(reports.lines);

  captured_reports quiet;
  tether::run(
      []() -> task<void> {
        auto [b] = co_await tether::gather_settled(fail_after("seen", 1ms));
        EXPECT_FALSE(b.has_value());
      }(),
      quiet.debug());
  EXPECT_EQ(quiet.count("unobserved"), 0) << ::testing::PrintToString(quiet.lines);
}

TEST(Run, DebugDoesNotReportTheCancelledTasksOfACancelledGatherSettled) {
  // Their cancellations are gather_settled's own, thrown to its caller: no outcome holds them.
  captured_reports reports;
  auto settled = tether::run(
      []() -> task<bool> {
        auto r = co_await tether::timeout_or(
            tether::gather_settled(tether::sleep_for(1h), tether::sleep_for(1h)), 5ms);
        co_return r.has_value();
      }(),
      reports.debug());
  EXPECT_FALSE(settled);
  EXPECT_EQ(reports.count("unobserved"), 0) << ::testing::PrintToString(reports.lines);
}

TEST(Offload, RunsOnAnotherThreadAndResumesOnTheCallersExecutor) {
  std::thread::id loop, worker, after;
  auto r = run_bounded([&]() -> task<int> {
    loop = std::this_thread::get_id();
    int v = co_await tether::offload([&] {
      worker = std::this_thread::get_id();
      return 41;
    });
    after = std::this_thread::get_id();
    co_return v + 1;
  }());
  EXPECT_EQ(r, 42);
  EXPECT_NE(worker, loop);
  EXPECT_EQ(after, loop);
}

TEST(Offload, MainEndingInAnOffloadLeavesNothingBehindOnItsContext) {
  // The pool thread must let go of its hold on run's io_context before the loop can see main
  // finish: run then destroys the context, and a release after that lands on a dead context
  // (or on the next run's, which then runs out of work and says main never completed).
  for (int i = 0; i < 500; ++i) {
    auto r = tether::run(
        [](int v) -> task<int> { co_return co_await tether::offload([v] { return v; }); }(i));
    ASSERT_EQ(r, i);
  }
}

TEST(Offload, PropagatesExceptionsAndRunsInParallel) {
  EXPECT_THROW(run_bounded([]() -> task<void> {
                 co_await tether::offload([] { throw std::runtime_error("blocking work failed"); });
               }()),
               std::runtime_error);

  // Blocking calls offloaded together overlap; the loop thread stays free meanwhile.
  net::thread_pool pool(4);
  std::atomic<int> running{0}, max_running{0};
  int ticks = 0;
  run_bounded([&]() -> task<void> {
    auto blocking = [&] {
      int now = ++running;
      int seen = max_running.load();
      while (seen < now && !max_running.compare_exchange_weak(seen, now))
        ;
      std::this_thread::sleep_for(200ms);
      --running;
    };
    co_await tether::gather(tether::offload(pool.get_executor(), blocking),
                            tether::offload(pool.get_executor(), blocking),
                            [&]() -> task<void> {
                              for (int i = 0; i < 3; ++i) {
                                co_await tether::sleep_for(1ms);
                                ++ticks;
                              }
                            }());
  }());
  EXPECT_EQ(max_running.load(), 2);
  EXPECT_EQ(ticks, 3);
}

} // namespace
