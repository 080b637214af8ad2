// task_group, gather, gather_settled, race and for_each_bounded: ownership, error and
// cancellation rules.
#include <algorithm>
#include <numeric>
#include <ranges>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace tether_test;
using tether::task_group;

namespace {

TEST(TaskGroup, ReturnsOnlyWhenEveryChildHasFinished) {
  std::vector<int> finished;
  auto r = run_bounded([&]() -> task<int> {
    co_return co_await task_group::open([&](task_group& g) -> task<int> {
      for (int i = 0; i < 5; ++i)
        g.spawn([&, i]() -> task<void> {
          co_await tether::sleep_for(std::chrono::milliseconds(5 * (5 - i)));
          finished.push_back(i);
        });
      // A child that spawns into the group: its child is owned by the group too.
      g.spawn([&]() -> task<void> {
        co_await tether::sleep_for(1ms);
        g.spawn([&]() -> task<void> {
          co_await tether::sleep_for(40ms);
          finished.push_back(99);
        });
      });
      co_return 7; // the body is done long before the children
    });
  }());
  EXPECT_EQ(r, 7);
  ASSERT_EQ(finished.size(), 6u);
  EXPECT_EQ(finished.back(), 99);
}

TEST(TaskGroup, HandleReturnsTheChildsResult) {
  auto r = run_bounded([]() -> task<int> {
    co_return co_await task_group::open([](task_group& g) -> task<int> {
      auto a = g.spawn(value_after(20, 10ms));
      auto b = g.spawn(value_after(22, 1ms));
      co_return co_await a.wait() + co_await b.wait();
    });
  }());
  EXPECT_EQ(r, 42);
}

TEST(TaskGroup, FirstFailureCancelsSiblingsAndBodyAndIsRethrownAsIs) {
  bool sibling_cancelled = false;
  bool body_cancelled = false;
  try {
    run_bounded([&]() -> task<void> {
      co_await task_group::open([&](task_group& g) -> task<void> {
        g.spawn(sleep_until_cancelled(sibling_cancelled));
        g.spawn(fail_after("child failed", 10ms));
        co_await sleep_until_cancelled(body_cancelled);
      });
    }());
    FAIL() << "the group did not throw";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "child failed");
  }
  EXPECT_TRUE(sibling_cancelled);
  EXPECT_TRUE(body_cancelled);
}

TEST(TaskGroup, SeveralFailuresAreAnExceptionGroupInCompletionOrder) {
  try {
    run_bounded([&]() -> task<void> {
      co_await task_group::open([&](task_group& g) -> task<void> {
        g.spawn(fail_after("first", 5ms));
        // Fails while being cancelled: a real error, not a cancellation.
        g.spawn([]() -> task<void> {
          try {
            co_await tether::sleep_for(1h);
          } catch (...) {
          }
          throw std::runtime_error("second, during cleanup");
        }());
        co_await tether::sleep_for(1h);
      });
    }());
    FAIL() << "the group did not throw";
  } catch (const tether::exception_group& eg) {
    ASSERT_EQ(eg.size(), 2u);
    EXPECT_EQ(message_of(eg.exceptions()[0]), "first");
    EXPECT_EQ(message_of(eg.exceptions()[1]), "second, during cleanup");
  }
}

TEST(TaskGroup, NoExceptionIsLost) {
  // Children failing one right after the other, and the body failing too, before any of them
  // has seen the cancellation of the first failure: all three are kept.
  auto fail_after_a_step = [](std::string what) -> task<void> {
    co_await yield();
    throw std::runtime_error(what);
  };
  try {
    run_bounded([&]() -> task<void> {
      co_await task_group::open([&](task_group& g) -> task<void> {
        g.spawn(fail_after_a_step("a"));
        g.spawn(fail_after_a_step("b"));
        co_await fail_after_a_step("body");
      });
    }());
    FAIL() << "the group did not throw";
  } catch (const tether::exception_group& eg) {
    std::vector<std::string> got;
    for (const auto& e : eg.exceptions())
      got.push_back(message_of(e));
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, (std::vector<std::string>{"a", "b", "body"}));
  }
}

TEST(TaskGroup, AnErrorSeenThroughAHandleIsReportedOnce) {
  try {
    run_bounded([&]() -> task<void> {
      co_await task_group::open([&](task_group& g) -> task<void> {
        auto h = g.spawn(fail_after("once", 1ms));
        co_await h.wait(); // rethrows the child's exception in the body
      });
    }());
    FAIL() << "the group did not throw";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "once");
  }
}

TEST(TaskGroup, CancellingTheParentCancelsEveryChild) {
  bool c1 = false, c2 = false, body = false;
  bool parent_saw_cancellation = false;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& outer) -> task<void> {
      auto inner = outer.spawn([&]() -> task<void> {
        try {
          co_await task_group::open([&](task_group& g) -> task<void> {
            g.spawn(sleep_until_cancelled(c1));
            g.spawn(sleep_until_cancelled(c2));
            co_await sleep_until_cancelled(body);
          });
        } catch (...) {
          parent_saw_cancellation = tether::is_cancellation(std::current_exception());
          throw;
        }
      });
      co_await tether::sleep_for(20ms);
      inner.cancel(); // cancels the coroutine awaiting the inner group
      co_return;
    });
  }());
  EXPECT_TRUE(c1);
  EXPECT_TRUE(c2);
  EXPECT_TRUE(body);
  EXPECT_TRUE(parent_saw_cancellation);
}

TEST(TaskGroup, CancellingTheCoroutineBeforeItAwaitsStillWaitsForChildren) {
  // The awaiting coroutine is already cancelled when the group starts: children are cancelled
  // at once, and the group still waits for them.
  bool child_finished = false;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& outer) -> task<void> {
      auto h = outer.spawn([&]() -> task<void> {
        co_await tether::sleep_for(5ms);
        co_await task_group::open([&](task_group& g) -> task<void> {
          g.spawn([&]() -> task<void> {
            try {
              co_await tether::sleep_for(1h);
            } catch (...) {
            }
            // Cleanup after the cancellation: a cancelled coroutine must say so to co_await.
            co_await net::this_coro::throw_if_cancelled(false);
            co_await tether::sleep_for(10ms);
            child_finished = true;
          });
          outer.cancel(); // cancels this coroutine's own parent, synchronously
          co_return;
        });
      });
      co_return;
    });
  }());
  EXPECT_TRUE(child_finished);
}

TEST(TaskGroup, ACancelledChildIsNotAFailure) {
  auto r = run_bounded([&]() -> task<int> {
    co_return co_await task_group::open([&](task_group& g) -> task<int> {
      auto slow = g.spawn(value_after(1, 1h));
      auto fast = g.spawn(value_after(2, 1ms));
      int v = co_await fast.wait();
      slow.cancel();
      co_return v;
    });
  }());
  EXPECT_EQ(r, 2);
}

TEST(TaskGroup, ChildrenOnAStrandOfTheSameContext) {
  int n = 0;
  bool failed_on_strand = false;
  run_bounded([&]() -> task<void> {
    auto strand = net::make_strand(co_await net::this_coro::executor);
    co_await task_group::open([&](task_group& g) -> task<void> {
      for (int i = 0; i < 10; ++i)
        g.spawn(strand, [&]() -> task<void> {
          co_await tether::sleep_for(1ms);
          ++n;
        });
      auto h = g.spawn(strand, value_after(3, 1ms));
      EXPECT_EQ(co_await h.wait(), 3);
    });
    try {
      co_await task_group::open([&](task_group& g) -> task<void> {
        g.spawn(strand, fail_after("on the strand", 1ms));
        co_return;
      });
    } catch (const std::runtime_error&) {
      failed_on_strand = true;
    }
  }());
  EXPECT_EQ(n, 10);
  EXPECT_TRUE(failed_on_strand);
}

TEST(TaskGroup, ManyChildren) {
  int count = 0;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      for (int i = 0; i < 10000; ++i)
        g.spawn([&]() -> task<void> {
          ++count;
          co_return;
        });
      co_return;
    });
  }());
  EXPECT_EQ(count, 10000);
}

TEST(TaskGroup, ChildrenThatFinishWithoutSuspendingKeepTheirResultForTheHandle) {
  // With standalone Asio such a child has finished before spawn returns (Boost.Asio defers
  // its completion by one step); either way its result waits for the handle.
  auto r = run_bounded([]() -> task<int> {
    co_return co_await task_group::open([](task_group& g) -> task<int> {
      std::vector<tether::task_handle<int>> hs;
      for (int i = 0; i < 1000; ++i)
        hs.push_back(g.spawn([i]() -> task<int> { co_return i; }));
      int sum = 0;
      for (auto& h : hs)
        sum += co_await h.wait();
      co_return sum;
    });
  }());
  EXPECT_EQ(r, 999 * 1000 / 2);
}

TEST(TaskGroup, AChildFailingBeforeItsFirstSuspensionCancelsTheBodyAndLaterChildren) {
  // Standalone Asio runs a child's first step inside spawn: the group is cancelling from there
  // on and refuses the next child, throwing the body's cancellation. Boost.Asio runs the first
  // step later: the next child is spawned, then cancelled with the body.
  bool body_cancelled = false;
  bool later_cancelled = false;
  bool later_refused = false;
  try {
    run_bounded([&]() -> task<void> {
      co_await task_group::open([&](task_group& g) -> task<void> {
        g.spawn(fail_after("at once", 0ms));
        try {
          g.spawn(sleep_until_cancelled(later_cancelled));
        } catch (...) {
          later_refused = body_cancelled = tether::is_cancellation(std::current_exception());
          throw;
        }
        try {
          co_await tether::sleep_for(1h);
        } catch (...) {
          body_cancelled = tether::is_cancellation(std::current_exception());
          throw;
        }
      });
    }());
    FAIL() << "the group did not throw";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "at once");
  }
  EXPECT_TRUE(body_cancelled);
  EXPECT_NE(later_refused, later_cancelled) << "refused " << later_refused;
}

TEST(Gather, ReturnsResultsInOrder) {
  auto [a, b, c] = run_bounded([]() -> task<std::tuple<int, std::string, std::monostate>> {
    co_return co_await tether::gather(value_after(1, 20ms), value_after(std::string("two"), 1ms),
                                      tether::sleep_for(5ms));
  }());
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, "two");
  (void)c;
}

TEST(Gather, RangeAndFailureCancelsTheRest) {
  auto v = run_bounded([]() -> task<std::vector<int>> {
    std::vector<task<int>> ts;
    for (int i = 0; i < 100; ++i)
      ts.push_back(value_after(i, std::chrono::milliseconds(i % 7)));
    co_return co_await tether::gather(std::move(ts));
  }());
  std::vector<int> want(100);
  std::iota(want.begin(), want.end(), 0);
  EXPECT_EQ(v, want);

  bool cancelled = false;
  EXPECT_THROW(run_bounded([&]() -> task<void> {
                 co_await tether::gather(sleep_until_cancelled(cancelled), fail_after("x", 5ms));
               }()),
               std::runtime_error);
  EXPECT_TRUE(cancelled);
}

TEST(Gather, TasksThatFinishWithoutSuspending) {
  auto [a, b] = run_bounded([]() -> task<std::tuple<int, std::monostate>> {
    co_return co_await tether::gather([]() -> task<int> { co_return 1; }(),
                                      []() -> task<void> { co_return; }());
  }());
  EXPECT_EQ(a, 1);
  (void)b;

  // An input range that is not sized, of tasks that finish at once.
  auto v = run_bounded([]() -> task<std::vector<int>> {
    std::vector<task<int>> ts;
    for (int i = 0; i < 10; ++i)
      ts.push_back([](int i) -> task<int> { co_return i; }(i));
    co_return co_await tether::gather(ts | std::views::filter([](auto&) { return true; }));
  }());
  std::vector<int> want(10);
  std::iota(want.begin(), want.end(), 0);
  EXPECT_EQ(v, want);

  bool cancelled = false;
  EXPECT_THROW(run_bounded([&]() -> task<void> {
                 co_await tether::gather([]() -> task<int> { co_return 1; }(),
                                         fail_after("at once", 0ms),
                                         sleep_until_cancelled(cancelled));
               }()),
               std::runtime_error);
  EXPECT_TRUE(cancelled);
}

TEST(TaskGroup, CancelFromInsideIsNotAFailureOfTheGroup) {
  // A body, or a child, that cancels its own group while the body still runs: open returns
  // normally, and the outer group does not take it for a failure that cancels the sibling.
  bool sibling_finished = false;
  int inner_groups_returned = 0;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& outer) -> task<void> {
      outer.spawn([&]() -> task<void> {
        co_await task_group::open([&](task_group& g) -> task<void> {
          g.spawn(tether::sleep_for(1h));
          co_await tether::sleep_for(1ms);
          g.cancel();
          co_await tether::sleep_for(1h); // the body is cancelled too
        });
        ++inner_groups_returned;
      });
      outer.spawn([&]() -> task<void> {
        co_await task_group::open([&](task_group& g) -> task<void> {
          g.spawn([&]() -> task<void> {
            co_await tether::sleep_for(1ms);
            g.cancel();
          });
          co_await tether::sleep_for(1h);
        });
        ++inner_groups_returned;
      });
      outer.spawn([&]() -> task<void> {
        co_await tether::sleep_for(20ms);
        sibling_finished = true;
      });
      co_return;
    });
  }());
  EXPECT_EQ(inner_groups_returned, 2);
  EXPECT_TRUE(sibling_finished);
}

TEST(TaskGroup, ABodyThatCancelsItsGroupAndReturnsWithoutSuspending) {
  bool child_cancelled = false;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      g.spawn(sleep_until_cancelled(child_cancelled));
      g.cancel();
      co_return;
    });
  }());
  EXPECT_TRUE(child_cancelled);
}

TEST(TaskGroup, CancelledFromOutsideItThrowsTheCancellationEvenIfItsTasksAbsorbedIt) {
  // The children catch the cancellation and return normally: open still throws
  // operation_aborted, so the timeout around it is reported as a timeout.
  auto absorb = []() -> task<void> {
    try {
      co_await tether::sleep_for(1h);
    } catch (...) {
      if (!tether::is_cancellation(std::current_exception()))
        throw;
    }
  };
  auto start = std::chrono::steady_clock::now();
  auto finished = run_bounded([&]() -> task<bool> {
    co_return co_await tether::timeout_or(task_group::open([&](task_group& g) -> task<void> {
                                            g.spawn(absorb());
                                            co_await absorb();
                                          }),
                                          10ms);
  }());
  EXPECT_FALSE(finished);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);

  bool threw_cancellation = false;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& outer) -> task<void> {
      auto h = outer.spawn([&]() -> task<void> {
        try {
          co_await task_group::open([&](task_group& g) -> task<void> {
            g.spawn(absorb());
            co_return;
          });
        } catch (...) {
          threw_cancellation = tether::is_cancellation(std::current_exception());
          throw;
        }
      });
      co_await tether::sleep_for(5ms);
      h.cancel();
    });
  }());
  EXPECT_TRUE(threw_cancellation);
}

TEST(TaskGroup, SpawnIntoAGroupThatIsShuttingDownIsRefused) {
  // After a failure the group is cancelling: spawn throws operation_aborted, and the child
  // never runs a step. The failure is what the group throws.
  bool late_child_ran = false;
  bool spawn_refused = false;
  std::exception_ptr group_error;
  try {
    run_bounded([&]() -> task<void> {
      co_await task_group::open([&](task_group& g) -> task<void> {
        g.spawn(fail_after("failed", 1ms));
        co_await net::this_coro::throw_if_cancelled(false);
        co_await tether::shield(tether::sleep_for(10ms)); // still running after the failure
        try {
          g.spawn([&]() -> task<void> {
            late_child_ran = true;
            co_return;
          });
        } catch (...) {
          spawn_refused = tether::is_cancellation(std::current_exception());
        }
      });
    }());
  } catch (...) {
    group_error = std::current_exception();
  }
  EXPECT_EQ(message_of(group_error), "failed");
  EXPECT_TRUE(spawn_refused);
  EXPECT_FALSE(late_child_ran);
}

TEST(TaskGroup, AHandleTellsWhetherItsChildEndedByTheCancellationItWasAskedFor) {
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      auto cancelled = g.spawn(tether::sleep_for(1h));
      auto finished = g.spawn(value_after(1, 1ms));
      EXPECT_FALSE(cancelled.cancelled());
      cancelled.cancel();
      EXPECT_FALSE(cancelled.cancelled()); // not finished yet
      EXPECT_THROW(co_await cancelled.wait(), tether::system_error);
      EXPECT_TRUE(cancelled.cancelled());
      EXPECT_EQ(co_await finished.wait(), 1);
      EXPECT_FALSE(finished.cancelled());
    });
  }());

  // An operation_aborted nobody asked for is a failure of the group, not a cancellation.
  tether::task_handle<void> failed;
  EXPECT_THROW(run_bounded([&]() -> task<void> {
                 co_await task_group::open([&](task_group& g) -> task<void> {
                   failed = g.spawn([]() -> task<void> {
                     co_await tether::sleep_for(1ms);
                     tether::throw_cancelled();
                   });
                   co_return;
                 });
               }()),
               tether::system_error);
  EXPECT_TRUE(failed.done());
  EXPECT_FALSE(failed.cancelled());
}

TEST(Gather, SettledNeverCancelsAndReportsEachOutcome) {
  auto [a, b, c] = run_bounded(
      []() -> task<std::tuple<tether::outcome<int>, tether::outcome<void>, tether::outcome<int>>> {
        co_return co_await tether::gather_settled(value_after(1, 30ms), fail_after("boom", 1ms),
                                                  value_after(3, 10ms));
      }());
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a.value(), 1); // still ran to completion after b failed
  EXPECT_FALSE(b.has_value());
  EXPECT_EQ(message_of(b.error()), "boom");
  EXPECT_EQ(c.value(), 3);

  auto all = run_bounded([]() -> task<std::vector<tether::outcome<int>>> {
    std::vector<task<int>> ts;
    ts.push_back(value_after(1, 1ms));
    ts.push_back([]() -> task<int> {
      co_await fail_after("r", 1ms);
      co_return 0;
    }());
    co_return co_await tether::gather_settled(std::move(ts));
  }());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].value(), 1);
  EXPECT_THROW(all[1].value(), std::runtime_error);
}

TEST(Gather, SettledPassesItsOwnCancellationOn) {
  // Cancelling gather_settled cancels its tasks, and it throws the cancellation instead of
  // returning their "operation aborted" outcomes: a timeout around it is a timeout, and a
  // cancelled caller learns it was cancelled.
  auto r = run_bounded([]() -> task<bool> {
    auto settled = co_await tether::timeout_or(
        tether::gather_settled(tether::sleep_for(1h), value_after(1, 1ms)), 20ms);
    co_return settled.has_value();
  }());
  EXPECT_FALSE(r);

  bool caller_saw_cancellation = false;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      auto h = g.spawn([&]() -> task<void> {
        try {
          std::vector<task<int>> ts;
          ts.push_back(value_after(1, 1h));
          co_await tether::gather_settled(std::move(ts));
        } catch (...) {
          caller_saw_cancellation = tether::is_cancellation(std::current_exception());
          throw;
        }
      });
      co_await tether::sleep_for(5ms);
      h.cancel();
    });
  }());
  EXPECT_TRUE(caller_saw_cancellation);

  // An operation_aborted of a task nobody cancelled is that task's outcome.
  auto [own] = run_bounded([]() -> task<std::tuple<tether::outcome<void>>> {
    co_return co_await tether::gather_settled([]() -> task<void> {
      co_await tether::sleep_for(1ms);
      tether::throw_cancelled();
    }());
  }());
  EXPECT_FALSE(own.has_value());
  EXPECT_TRUE(tether::is_cancellation(own.error()));
}

TEST(Race, FirstToFinishWinsAndTheOthersAreCancelled) {
  bool loser_cancelled = false;
  auto r = run_bounded([&]() -> task<std::variant<std::monostate, int>> {
    co_return co_await tether::race(sleep_until_cancelled(loser_cancelled), value_after(5, 5ms));
  }());
  ASSERT_EQ(r.index(), 1u);
  EXPECT_EQ(std::get<1>(r), 5);
  EXPECT_TRUE(loser_cancelled);

  bool other_cancelled = false;
  EXPECT_THROW(run_bounded([&]() -> task<void> {
                 co_await tether::race(fail_after("lost", 1ms), sleep_until_cancelled(other_cancelled));
               }()),
               std::runtime_error);
  EXPECT_TRUE(other_cancelled);
}

TEST(Race, AWinnerThatCompletesWithoutSuspending) {
  // It cancels its own group in the step it finishes in (on Boost.Asio 1.81 the exception of
  // co_spawn's last check escaped io_context::run()).
  auto r = run_bounded([]() -> task<int> {
    auto v = co_await tether::race([]() -> task<int> { co_return 7; }(), tether::sleep_for(1h));
    co_return std::get<0>(v);
  }());
  EXPECT_EQ(r, 7);
}

TEST(ForEachBounded, NeverMoreThanNInFlightAndEveryItemDone) {
  std::vector<int> items(50);
  std::iota(items.begin(), items.end(), 0);
  int in_flight = 0, max_in_flight = 0;
  std::vector<int> done;
  run_bounded([&]() -> task<void> {
    co_await tether::for_each_bounded(items, 4, [&](int i) -> task<void> {
      ++in_flight;
      max_in_flight = std::max(max_in_flight, in_flight);
      co_await tether::sleep_for(std::chrono::milliseconds(i % 3));
      --in_flight;
      done.push_back(i);
    });
  }());
  EXPECT_EQ(max_in_flight, 4);
  std::sort(done.begin(), done.end());
  EXPECT_EQ(done, items);
}

TEST(ForEachBounded, AFailureStopsStartingNewItems) {
  std::vector<int> items(100);
  std::iota(items.begin(), items.end(), 0);
  int started = 0;
  EXPECT_THROW(run_bounded([&]() -> task<void> {
                 co_await tether::for_each_bounded(items, 2, [&](int i) -> task<void> {
                   ++started;
                   co_await tether::sleep_for(1ms);
                   if (i == 5)
                     throw std::runtime_error("item 5");
                 });
               }()),
               std::runtime_error);
  EXPECT_LE(started, 8);
}

// An element that knows whether it is still alive, so that a callee can check, after it has
// suspended, that the item it was handed a reference to has not been destroyed meanwhile.
struct tracked_item {
  static inline std::set<const tracked_item*> alive;
  int value;
  explicit tracked_item(int v) : value(v) { alive.insert(this); }
  tracked_item(const tracked_item& o) : value(o.value) { alive.insert(this); }
  tracked_item(tracked_item&& o) noexcept : value(o.value) { alive.insert(this); }
  ~tracked_item() { alive.erase(this); }
};

TEST(ForEachBounded, AnItemOfARangeOfPrvaluesLivesAsLongAsItsTask) {
  // views::transform yields each element by value: the callee's reference must stay valid
  // across its suspensions.
  std::vector<int> seen;
  int dangling = 0;
  run_bounded([&]() -> task<void> {
    auto items = std::views::iota(0, 20) | std::views::transform([](int i) { return tracked_item(i); });
    co_await tether::for_each_bounded(items, 3, [&](const tracked_item& item) -> task<void> {
      co_await tether::sleep_for(std::chrono::milliseconds(item.value % 3));
      if (!tracked_item::alive.contains(&item)) {
        ++dangling;
        co_return;
      }
      seen.push_back(item.value);
    });
  }());
  EXPECT_EQ(dangling, 0);
  std::sort(seen.begin(), seen.end());
  std::vector<int> all(20);
  std::iota(all.begin(), all.end(), 0);
  EXPECT_EQ(seen, all);
  EXPECT_TRUE(tracked_item::alive.empty());
}

TEST(ForEachBounded, TheDocumentedStringCalleeOverTransformAndIota) {
  // The documented form, `(const std::string& url)`, over a range of prvalues (ASan reports
  // a heap-use-after-free if the string is gone when the callee reads it).
  std::vector<std::string> seen;
  run_bounded([&]() -> task<void> {
    auto urls = std::views::iota(0, 8) | std::views::transform([](int i) {
                  return "https://example.com/a/rather/long/path/so/the/string/is/on/the/heap/" +
                         std::to_string(i);
                });
    co_await tether::for_each_bounded(urls, 2, [&](const std::string& url) -> task<void> {
      co_await yield();
      seen.push_back(url);
    });
  }());
  ASSERT_EQ(seen.size(), 8u);
  std::sort(seen.begin(), seen.end());
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(seen[i], "https://example.com/a/rather/long/path/so/the/string/is/on/the/heap/" +
                           std::to_string(i));

  std::vector<int> numbers;
  run_bounded([&]() -> task<void> {
    co_await tether::for_each_bounded(std::views::iota(0, 6), 2, [&](const int& i) -> task<void> {
      co_await yield();
      numbers.push_back(i);
    });
  }());
  std::sort(numbers.begin(), numbers.end());
  EXPECT_EQ(numbers, (std::vector<int>{0, 1, 2, 3, 4, 5}));
}

TEST(ForEachBounded, AnItemOfAnInputRangeIsNotOverwrittenByTheNextOne) {
  // istream_view's iterator refers to one element stored in the view, which the next
  // increment overwrites: each callee must keep the item it was given.
  std::istringstream in("a b c d e f");
  auto words = std::views::istream<std::string>(in);
  std::vector<std::string> seen;
  run_bounded([&]() -> task<void> {
    co_await tether::for_each_bounded(words, 2, [&](const std::string& w) -> task<void> {
      co_await yield();
      seen.push_back(w);
    });
  }());
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b", "c", "d", "e", "f"}));
}

TEST(Cancellation, IsCancellationAndRethrowToken) {
  EXPECT_TRUE(tether::is_cancellation(std::make_exception_ptr(
      tether::system_error(tether::error_code(net::error::operation_aborted)))));
  EXPECT_FALSE(tether::is_cancellation(std::make_exception_ptr(std::runtime_error("x"))));
  EXPECT_FALSE(tether::is_cancellation(std::make_exception_ptr(tether::timeout_error())));
  EXPECT_FALSE(tether::is_cancellation(nullptr));

  net::io_context ctx;
  net::co_spawn(ctx, fail_after("escapes run()", 0ms), tether::rethrow);
  net::co_spawn(ctx, value_after(1, 0ms), tether::rethrow);
  EXPECT_THROW(ctx.run(), std::runtime_error);
}

TEST(Cancellation, AnExceptionGroupOfOnlyCancellationsIsACancellation) {
  auto aborted = std::make_exception_ptr(
      tether::system_error(tether::error_code(net::error::operation_aborted)));
  auto failure = std::make_exception_ptr(std::runtime_error("x"));
  EXPECT_TRUE(tether::is_cancellation(
      std::make_exception_ptr(tether::exception_group({aborted, aborted}))));
  EXPECT_FALSE(tether::is_cancellation(
      std::make_exception_ptr(tether::exception_group({aborted, failure}))));

  // A child asked to cancel that reports the cancellation of two of its steps together is
  // not a failure: its sibling is not cancelled.
  bool sibling_finished = false;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      auto h = g.spawn([&]() -> task<void> {
        bool cancelled = false;
        std::exception_ptr first;
        try {
          co_await sleep_until_cancelled(cancelled);
        } catch (...) {
          first = std::current_exception();
        }
        throw tether::exception_group({first, first});
      });
      g.spawn([&]() -> task<void> {
        co_await tether::sleep_for(20ms);
        sibling_finished = true;
      });
      co_await tether::sleep_for(1ms);
      h.cancel();
    });
  }());
  EXPECT_TRUE(sibling_finished);
}

} // namespace
