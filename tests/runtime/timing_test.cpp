// sleep, with_timeout / timeout_or (on a real loopback socket), shield, rate_limiter,
// async_with.
#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "test_support.hpp"

using namespace tether_test;
using tether::task_group;

namespace {

using clock_type = std::chrono::steady_clock;

TEST(Sleep, SleepsAndIsCancellable) {
  auto start = clock_type::now();
  run_bounded([]() -> task<void> {
    co_await tether::sleep_for(20ms);
    co_await tether::sleep_until(std::chrono::system_clock::now() + 5ms);
  }());
  EXPECT_GE(clock_type::now() - start, 20ms);

  bool cancelled = false;
  run_bounded([&]() -> task<void> {
    co_await tether::race(sleep_until_cancelled(cancelled), tether::sleep_for(1ms));
  }());
  EXPECT_TRUE(cancelled);
}

TEST(Sleep, AnUnboundedDurationSleepsUntilCancelled) {
  // now() + hours::max() would overflow into the past: it saturates, as Asio's timers do.
  using far_future = std::chrono::time_point<std::chrono::system_clock, std::chrono::hours>;
  auto finished = run_bounded([]() -> task<std::pair<bool, bool>> {
    bool a = co_await tether::timeout_or(tether::sleep_for(std::chrono::hours::max()), 5ms);
    bool b = co_await tether::timeout_or(tether::sleep_until(far_future::max()), 5ms);
    co_return std::pair(a, b);
  }());
  EXPECT_FALSE(finished.first);
  EXPECT_FALSE(finished.second);
}

TEST(WithTimeout, CancelsAReadFromASilentPeerAndWaitsForItToStop) {
  bool read_stopped = false;
  bool timed_out = false;
  std::string later;
  run_bounded([&]() -> task<void> {
    auto [client, server] = co_await connected_pair();
    char buf[16];
    auto read = [&]() -> task<std::size_t> {
      try {
        co_return co_await client.async_read_some(net::buffer(buf), net::use_awaitable);
      } catch (...) {
        read_stopped = true;
        throw;
      }
    };
    try {
      co_await tether::with_timeout(read(), 50ms);
    } catch (const tether::timeout_error& e) {
      timed_out = true;
      EXPECT_FALSE(tether::is_cancellation(std::current_exception()));
      EXPECT_TRUE(read_stopped) << "the read outlived with_timeout";
    }
    // The socket has no read left in flight: a new one gets the peer's bytes.
    co_await net::async_write(server, net::buffer("late", 4), net::use_awaitable);
    auto n = co_await tether::with_timeout(
        client.async_read_some(net::buffer(buf), net::use_awaitable), 10s);
    later.assign(buf, n);
  }());
  EXPECT_TRUE(timed_out);
  EXPECT_EQ(later, "late");
}

TEST(WithTimeout, AResultBeforeTheDeadlineIsReturned) {
  auto got = run_bounded([]() -> task<std::string> {
    auto [client, server] = co_await connected_pair();
    char buf[16];
    auto [n, written] = co_await tether::gather(
        tether::with_timeout(client.async_read_some(net::buffer(buf), net::use_awaitable), 10s),
        [](tcp::socket& s) -> task<std::size_t> {
          co_await tether::sleep_for(10ms);
          co_return co_await net::async_write(s, net::buffer("hello", 5), net::use_awaitable);
        }(server));
    EXPECT_EQ(written, 5u);
    co_return std::string(buf, n);
  }());
  EXPECT_EQ(got, "hello");
}

TEST(WithTimeout, AResultArrivingAsTheDeadlinePassesIsNotLost) {
  // The operation finishes its work despite the cancellation: its result wins over the timeout.
  auto r = run_bounded([]() -> task<int> {
    co_return co_await tether::with_timeout(
        []() -> task<int> {
          co_await tether::shield(tether::sleep_for(50ms));
          co_return 42;
        }(),
        5ms);
  }());
  EXPECT_EQ(r, 42);
}

TEST(WithTimeout, OtherErrorsPassThrough) {
  EXPECT_THROW(run_bounded([]() -> task<void> {
                 co_await tether::with_timeout(fail_after("inner", 1ms), 10s);
               }()),
               std::runtime_error);
}

TEST(WithTimeout, CancellingTheCallerCancelsTheOperationAndWaitsForIt) {
  bool op_cancelled = false;
  bool caller_saw_cancellation = false;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      auto h = g.spawn([&]() -> task<void> {
        try {
          co_await tether::with_timeout(sleep_until_cancelled(op_cancelled), 1h);
        } catch (...) {
          caller_saw_cancellation = tether::is_cancellation(std::current_exception());
          EXPECT_TRUE(op_cancelled);
          throw;
        }
      });
      co_await tether::sleep_for(10ms);
      h.cancel();
    });
  }());
  EXPECT_TRUE(op_cancelled);
  EXPECT_TRUE(caller_saw_cancellation);
}

TEST(WithTimeout, TheCallersCancellationWinsOverADeadlinePassingWhileTheOperationStops) {
  // A sibling's failure cancels the caller at 5 ms; the operation takes 40 ms to stop, and the
  // 20 ms deadline passes meanwhile. with_timeout reports the cancellation, so the group
  // rethrows the sibling's error alone, not an exception_group with a timeout_error.
  auto slow_to_stop = []() -> task<void> {
    std::exception_ptr cancelled;
    try {
      co_await tether::sleep_for(1h);
    } catch (...) {
      cancelled = std::current_exception();
    }
    co_await net::this_coro::throw_if_cancelled(false);
    co_await tether::shield(tether::sleep_for(40ms)); // cleanup
    std::rethrow_exception(cancelled);
  };
  std::exception_ptr seen_by_caller;
  std::exception_ptr group_error;
  try {
    run_bounded([&]() -> task<void> {
      co_await task_group::open([&](task_group& g) -> task<void> {
        g.spawn([&]() -> task<void> {
          try {
            co_await tether::with_timeout(slow_to_stop(), 20ms);
          } catch (...) {
            seen_by_caller = std::current_exception();
            throw;
          }
        });
        g.spawn(fail_after("sibling failed", 5ms));
        co_return;
      });
    }());
  } catch (...) {
    group_error = std::current_exception();
  }
  EXPECT_EQ(message_of(group_error), "sibling failed");
  EXPECT_TRUE(tether::is_cancellation(seen_by_caller)) << message_of(seen_by_caller);
}

TEST(WithTimeout, ManyDeadlinesFireInDeadlineOrder) {
  // All deadlines share one system timer: deadlines armed later but due sooner must fire
  // first. (Spaced widely: arming takes a while in a loaded sanitizer build.)
  std::vector<int> order;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      for (int ms : {600, 400, 200, 20})
        g.spawn([&, ms]() -> task<void> {
          co_await tether::timeout_or(tether::sleep_for(1h), std::chrono::milliseconds(ms));
          order.push_back(ms);
        });
      co_return;
    });
  }());
  EXPECT_EQ(order, (std::vector<int>{20, 200, 400, 600}));
}

TEST(WithTimeout, AFinishedTimeoutDoesNotKeepTheLoopAlive) {
  // The shared deadline timer is stopped once no deadline is pending, so io_context::run
  // returns when the work is done instead of when the longest deadline would have passed.
  net::io_context ctx;
  int r = 0;
  net::co_spawn(ctx, tether::with_timeout(value_after(5, 1ms), 1h), [&](std::exception_ptr, int v) {
    r = v;
  });
  auto start = clock_type::now();
  ctx.run_for(60s);
  EXPECT_EQ(r, 5);
  EXPECT_LT(clock_type::now() - start, 30s);
}

TEST(WithTimeout, AnUnboundedDurationSaturatesInsteadOfOverflowing) {
  // now() + d would overflow: the deadline is "never", as with Asio's timers.
  auto [a, b, c] = run_bounded([]() -> task<std::tuple<int, int, std::optional<int>>> {
    auto a = co_await tether::with_timeout(value_after(1, 5ms), std::chrono::hours::max());
    auto b = co_await tether::with_timeout(value_after(2, 5ms),
                                           std::chrono::steady_clock::duration::max());
    auto c = co_await tether::timeout_or(value_after(3, 5ms), std::chrono::seconds::max());
    co_return std::make_tuple(a, b, c);
  }());
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 2);
  EXPECT_EQ(c, 3);

  // A deadline that passes while an unbounded one is pending does not leave the shared timer
  // armed for the end of time: the loop still ends when the work is done.
  net::io_context ctx;
  int r = 0;
  net::co_spawn(
      ctx,
      []() -> task<int> {
        auto [v, finished] =
            co_await tether::gather(tether::with_timeout(value_after(4, 30ms), std::chrono::hours::max()),
                                    tether::timeout_or(tether::sleep_for(1h), 5ms));
        EXPECT_FALSE(finished);
        co_return v;
      }(),
      [&](std::exception_ptr, int v) { r = v; });
  auto start = clock_type::now();
  ctx.run_for(60s);
  EXPECT_EQ(r, 4);
  EXPECT_LT(clock_type::now() - start, 30s);
}

TEST(WithDeadline, StepsBoundedByOneDeadlineShareIt) {
  // 300 ms for three steps: the first two take 100 ms each, so the third, which would take
  // 400 ms, is cut at what is left of the same deadline.
  auto start = clock_type::now();
  std::chrono::steady_clock::duration cut_after{};
  bool expired = false;
  auto left = run_bounded([&]() -> task<std::chrono::steady_clock::duration> {
    auto d = tether::deadline::after(300ms);
    EXPECT_EQ(co_await tether::with_deadline(value_after(1, 100ms), d), 1);
    EXPECT_EQ(co_await tether::timeout_or(value_after(2, 100ms), d), 2);
    EXPECT_THROW(co_await tether::with_deadline(value_after(3, 400ms), d), tether::timeout_error);
    cut_after = clock_type::now() - start;
    expired = d.expired();
    co_return d.remaining();
  }());
  EXPECT_GE(cut_after, 300ms);
  EXPECT_LT(cut_after, 600ms); // not 200 ms + a fresh 300 ms
  EXPECT_TRUE(expired);
  EXPECT_EQ(left, std::chrono::steady_clock::duration::zero());
}

TEST(WithDeadline, TakesTimePointsOfAnyClockAndSaturates) {
  using std::chrono::steady_clock;
  using std::chrono::system_clock;
  run_bounded([]() -> task<void> {
    EXPECT_EQ(co_await tether::with_deadline(value_after(1, 1ms), steady_clock::now() + 10s), 1);
    EXPECT_FALSE(co_await tether::timeout_or(tether::sleep_for(1h), system_clock::now() + 10ms));
    // Already passed: the operation is cancelled at once.
    EXPECT_FALSE(co_await tether::timeout_or(tether::sleep_for(1h), steady_clock::now() - 1s));
    // Too late to represent, or none at all: no deadline.
    EXPECT_EQ(co_await tether::with_deadline(value_after(2, 1ms), system_clock::time_point::max()),
              2);
    EXPECT_EQ(co_await tether::with_deadline(value_after(3, 1ms),
                                             std::chrono::time_point<system_clock, std::chrono::hours>::max()),
              3);
    EXPECT_EQ(co_await tether::with_deadline(value_after(4, 1ms), tether::deadline::never()), 4);
  }());
  EXPECT_EQ(tether::deadline(), tether::deadline::never());
  EXPECT_EQ(tether::deadline::never().remaining(), steady_clock::duration::max());
  EXPECT_FALSE(tether::deadline::after(std::chrono::hours::max()).expired());
  auto soon = tether::deadline::after(1s);
  EXPECT_EQ(earlier(soon, tether::deadline::after(1h)), soon);
  EXPECT_EQ(earlier(tether::deadline::never(), soon), soon);
}

TEST(WithTimeout, OnStrandsOfAnIoContextRunByManyThreads) {
  // The documented way to use with_timeout, timeout_or and shield on a multi-threaded
  // io_context: each coroutine on its own strand (run under ThreadSanitizer too).
  net::io_context ctx(4);
  std::atomic<int> finished{0};
  for (int c = 0; c < 4; ++c)
    net::co_spawn(
        net::make_strand(ctx),
        []() -> task<int> {
          int n = 0;
          for (int i = 0; i < 100; ++i) {
            n += co_await tether::with_timeout(value_after(1, 0ms), 10s);
            n += !co_await tether::timeout_or(tether::sleep_for(1h), 100us);
            co_await tether::shield(yield());
          }
          co_return n;
        }(),
        [&](std::exception_ptr e, int n) {
          EXPECT_FALSE(e);
          EXPECT_EQ(n, 200);
          ++finished;
        });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] { ctx.run_for(60s); });
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(finished.load(), 4);
}

/// Awaits with_timeout, timeout_or and shield on the executor the coroutine runs on; the number
/// of them that refused to start with the single-executor rule's logic_error.
task<int> rejected_by_the_one_executor_rule() {
  int rejected = 0;
  auto refused = [&](const std::logic_error& e) {
    rejected += std::string(e.what()).find("without a strand") != std::string::npos;
  };
  try {
    co_await tether::with_timeout(value_after(1, 0ms), 10s);
  } catch (const std::logic_error& e) {
    refused(e);
  }
  try {
    co_await tether::timeout_or(tether::sleep_for(1h), 100us);
  } catch (const std::logic_error& e) {
    refused(e);
  }
  try {
    co_await tether::shield(yield());
  } catch (const std::logic_error& e) {
    refused(e);
  }
  co_return rejected;
}

TEST(WithTimeout, OnAnIoContextRunByManyThreadsWithoutAStrandIsRejected) {
  // Without a strand the operation's completion would race its caller: with_timeout,
  // timeout_or and shield throw instead of starting, on a bare executor of an io_context built
  // for several threads or of a thread_pool of several.
  auto rejected_on = [](auto& context, int threads) {
    std::atomic<int> rejected{-1};
    net::co_spawn(context, rejected_by_the_one_executor_rule(),
                  [&](std::exception_ptr e, int n) {
                    EXPECT_FALSE(e);
                    rejected = n;
                  });
    if constexpr (std::is_same_v<std::decay_t<decltype(context)>, net::io_context>) {
      std::vector<std::thread> runners;
      for (int t = 0; t < threads; ++t)
        runners.emplace_back([&] { context.run_for(60s); });
      for (auto& t : runners)
        t.join();
    } else {
      context.join();
    }
    return rejected.load();
  };
  net::io_context many(4);
  EXPECT_EQ(rejected_on(many, 4), 3);
  net::thread_pool pool(4);
  EXPECT_EQ(rejected_on(pool, 4), 3);
  // One thread: the same calls run.
  net::io_context one(1);
  EXPECT_EQ(rejected_on(one, 1), 0);
  net::thread_pool single(1);
  EXPECT_EQ(rejected_on(single, 1), 0);
  net::io_context unknown; // the default hint says nothing of threads: taken on trust
  EXPECT_EQ(rejected_on(unknown, 1), 0);
}

TEST(TimeoutOr, ValueOrNothing) {
  auto [a, b, c, d] = run_bounded([]() -> task<std::tuple<std::optional<int>, std::optional<int>,
                                                           bool, bool>> {
    auto a = co_await tether::timeout_or(value_after(1, 1ms), 10s);
    auto b = co_await tether::timeout_or(value_after(2, 1h), 5ms);
    auto c = co_await tether::timeout_or(tether::sleep_for(1ms), 10s);
    auto d = co_await tether::timeout_or(tether::sleep_for(1h), 5ms);
    co_return std::make_tuple(a, b, c, d);
  }());
  EXPECT_EQ(a, 1);
  EXPECT_FALSE(b.has_value());
  EXPECT_TRUE(c);
  EXPECT_FALSE(d);
}

TEST(Shield, KeepsACancellationFromTheOperationAndDeliversItAfterwards) {
  bool op_finished = false;
  bool cancelled_after = false;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      auto h = g.spawn([&]() -> task<void> {
        co_await tether::shield([](bool& finished) -> task<void> {
          co_await tether::sleep_for(30ms);
          finished = true;
        }(op_finished));
        try {
          co_await tether::sleep_for(1h);
        } catch (...) {
          cancelled_after = tether::is_cancellation(std::current_exception());
        }
      });
      co_await tether::sleep_for(5ms);
      h.cancel();
    });
  }());
  EXPECT_TRUE(op_finished);
  EXPECT_TRUE(cancelled_after);
}

TEST(RateLimiter, BurstThenRate) {
  tether::rate_limiter limit(200.0, 5); // 5ms per token
  int immediate = 0;
  while (limit.try_acquire())
    ++immediate;
  EXPECT_EQ(immediate, 5);

  tether::rate_limiter paced(200.0, 5);
  auto start = clock_type::now();
  run_bounded([&]() -> task<void> {
    for (int i = 0; i < 25; ++i)
      co_await paced.acquire();
  }());
  // 5 tokens at once, then 20 more at 5 ms each.
  EXPECT_GE(clock_type::now() - start, 95ms);
}

TEST(RateLimiter, ACancelledAcquireGivesItsTokenBack) {
  tether::rate_limiter limit(20.0, 1); // one token per 50 ms
  bool granted_again = false;
  run_bounded([&]() -> task<void> {
    co_await limit.acquire();
    auto got = co_await tether::timeout_or(limit.acquire(), 1ms);
    EXPECT_FALSE(got);
    co_await tether::sleep_for(60ms);
    granted_again = limit.try_acquire(); // would wait until 100 ms had the token been kept
  }());
  EXPECT_TRUE(granted_again);
}

struct resource {
  int* closes;
  int* close_completed;
  bool fail_close = false;

  static task<resource> open(int& closes, int& completed, bool fail_close = false) {
    co_await tether::sleep_for(1ms);
    co_return resource{&closes, &completed, fail_close};
  }
  task<void> async_close() {
    ++*closes;
    co_await tether::sleep_for(10ms); // would be aborted if the cancellation reached it
    ++*close_completed;
    if (fail_close)
      throw std::runtime_error("close failed");
  }
};

TEST(AsyncWith, ClosesOnEveryExitPath) {
  int closes = 0, completed = 0;
  auto r = run_bounded([&]() -> task<int> {
    co_return co_await tether::async_with(resource::open(closes, completed),
                                          [](resource&) -> task<int> { co_return 5; });
  }());
  EXPECT_EQ(r, 5);
  EXPECT_EQ(completed, 1);

  EXPECT_THROW(run_bounded([&]() -> task<void> {
                 co_await tether::async_with(resource::open(closes, completed),
                                             [](resource&) -> task<void> {
                                               co_await fail_after("body", 1ms);
                                             });
               }()),
               std::runtime_error);
  EXPECT_EQ(completed, 2);

  bool saw_cancellation = false;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      auto h = g.spawn([&]() -> task<void> {
        try {
          co_await tether::async_with(resource::open(closes, completed),
                                      [](resource&) -> task<void> {
                                        co_await tether::sleep_for(1h);
                                      });
        } catch (...) {
          saw_cancellation = tether::is_cancellation(std::current_exception());
          throw;
        }
      });
      co_await tether::sleep_for(10ms);
      h.cancel();
    });
  }());
  EXPECT_TRUE(saw_cancellation);
  EXPECT_EQ(closes, 3);
  EXPECT_EQ(completed, 3); // the close ran to its end despite the cancellation

  try {
    run_bounded([&]() -> task<void> {
      co_await tether::async_with(resource::open(closes, completed, true),
                                  [](resource&) -> task<void> { co_await fail_after("body", 0ms); });
    }());
    FAIL() << "no error";
  } catch (const tether::exception_group& eg) {
    ASSERT_EQ(eg.size(), 2u);
    EXPECT_EQ(message_of(eg.exceptions()[0]), "body");
    EXPECT_EQ(message_of(eg.exceptions()[1]), "close failed");
  }
}

} // namespace
