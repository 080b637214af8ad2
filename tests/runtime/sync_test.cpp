// channel, semaphore, mutex, event and condition: backpressure, close, fairness, and
// cancellation that never loses an item, a permit, the lock or a wake-up.
#include <algorithm>
#include <memory>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "test_support.hpp"

using namespace tether_test;
using tether::task_group;

namespace {

TEST(Channel, SendWaitsWhenFull) {
  tether::channel<int> ch(2);
  int sent = 0;
  int sent_when_first_received = -1;
  std::vector<int> got;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      g.spawn([&]() -> task<void> {
        for (int i = 0; i < 5; ++i) {
          co_await ch.send(i);
          ++sent;
        }
        ch.close();
      });
      g.spawn([&]() -> task<void> {
        co_await tether::sleep_for(20ms); // the producer runs ahead until the channel is full
        sent_when_first_received = sent;
        while (auto v = co_await ch.receive())
          got.push_back(*v);
      });
      co_return;
    });
  }());
  EXPECT_EQ(sent_when_first_received, 2);
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(Channel, ReceiveDrainsWhatIsBufferedBeforeReportingClosed) {
  tether::channel<std::string> ch(8);
  auto got = run_bounded([&]() -> task<std::vector<std::string>> {
    co_await ch.send("a");
    co_await ch.send("b");
    ch.close();
    EXPECT_THROW(co_await ch.send("c"), tether::channel_closed);
    std::vector<std::string> out;
    while (auto v = co_await ch.receive())
      out.push_back(*v);
    EXPECT_FALSE((co_await ch.receive()).has_value()); // stays closed
    co_return out;
  }());
  EXPECT_EQ(got, (std::vector<std::string>{"a", "b"}));
}

TEST(Channel, CloseWakesEveryWaiter) {
  tether::channel<int> empty(1);
  tether::channel<int> full(1);
  int receivers_woken = 0, senders_woken = 0;
  run_bounded([&]() -> task<void> {
    co_await full.send(0);
    co_await task_group::open([&](task_group& g) -> task<void> {
      for (int i = 0; i < 3; ++i) {
        g.spawn([&]() -> task<void> {
          auto v = co_await empty.receive();
          EXPECT_FALSE(v.has_value());
          ++receivers_woken;
        });
        g.spawn([&]() -> task<void> {
          try {
            co_await full.send(1);
          } catch (const tether::channel_closed&) {
            ++senders_woken;
          }
        });
      }
      co_await tether::sleep_for(5ms);
      empty.close();
      full.close();
    });
  }());
  EXPECT_EQ(receivers_woken, 3);
  EXPECT_EQ(senders_woken, 3);
  EXPECT_EQ(*full.try_receive(), 0); // what was buffered before close is still there
}

TEST(Channel, TrySendTryReceiveAndRendezvous) {
  tether::channel<int> ch(1);
  int v = 1;
  EXPECT_TRUE(ch.try_send(v));
  EXPECT_FALSE(ch.try_send(2));
  EXPECT_EQ(ch.try_receive(), 1);
  EXPECT_FALSE(ch.try_receive().has_value());

  tether::channel<int> rendezvous(0);
  EXPECT_FALSE(rendezvous.try_send(3)); // nobody receiving
  auto got = run_bounded([&]() -> task<std::vector<int>> {
    std::vector<int> out;
    co_await task_group::open([&](task_group& g) -> task<void> {
      g.spawn([&]() -> task<void> {
        for (int i = 0; i < 3; ++i)
          co_await rendezvous.send(i);
        rendezvous.close();
      });
      while (auto x = co_await rendezvous.receive())
        out.push_back(*x);
    });
    co_return out;
  }());
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2}));
}

TEST(Channel, TrySendTakesAConstLvalueAndAMoveOnlyItemIsMovedOnlyWhenSent) {
  tether::channel<std::string> ch(1);
  const std::string hello = "hello";
  EXPECT_TRUE(ch.try_send(hello));
  EXPECT_FALSE(ch.try_send(hello)); // full
  EXPECT_EQ(hello, "hello");
  EXPECT_EQ(ch.try_receive(), "hello");

  tether::channel<std::unique_ptr<int>> owned(1);
  auto first = std::make_unique<int>(1), second = std::make_unique<int>(2);
  EXPECT_TRUE(owned.try_send(first));
  EXPECT_FALSE(first);
  EXPECT_FALSE(owned.try_send(second));
  ASSERT_TRUE(second); // untouched: the channel was full
  EXPECT_EQ(*second, 2);
}

TEST(Channel, CancelledSendsAndReceivesLoseNoItem) {
  // Producers and consumers whose operations are cancelled by short timeouts all the time:
  // every item must arrive exactly once.
  constexpr int producers = 4, consumers = 4, per_producer = 300;
  tether::channel<int> ch(3);
  std::vector<int> received;
  int cancelled_sends = 0, cancelled_receives = 0;
  // Shared by the children, so declared outside the body: the body's frame ends before theirs.
  int producers_left = producers;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      for (int p = 0; p < producers; ++p)
        g.spawn([&, p]() -> task<void> {
          std::minstd_rand rng(p);
          for (int i = 0; i < per_producer; ++i) {
            int item = p * per_producer + i;
            for (;;) { // a send that timed out did not enqueue: send the item again
              auto us = std::chrono::microseconds(rng() % 300);
              if (co_await tether::timeout_or(ch.send(item), us))
                break;
              ++cancelled_sends;
            }
          }
          if (--producers_left == 0)
            ch.close();
        });
      for (int c = 0; c < consumers; ++c)
        g.spawn([&, c]() -> task<void> {
          std::minstd_rand rng(100 + c);
          for (;;) {
            auto us = std::chrono::microseconds(rng() % 300);
            auto got = co_await tether::timeout_or(ch.receive(), us);
            if (!got) {
              ++cancelled_receives;
              continue;
            }
            if (!*got)
              break; // closed and drained
            received.push_back(**got);
            if (rng() % 4 == 0)
              co_await tether::sleep_for(std::chrono::microseconds(rng() % 200));
          }
        });
      co_return;
    });
  }());
  std::sort(received.begin(), received.end());
  std::vector<int> want(producers * per_producer);
  std::iota(want.begin(), want.end(), 0);
  EXPECT_EQ(received, want);
  EXPECT_GT(cancelled_sends + cancelled_receives, 0) << "no operation was cancelled";
}

TEST(Channel, ManyProducersAndConsumers) {
  tether::channel<long> ch(16);
  long total = 0;
  int items = 0;
  int left = 8;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      for (int p = 0; p < 8; ++p)
        g.spawn([&, p]() -> task<void> {
          for (long i = 1; i <= 1000; ++i)
            co_await ch.send(i * (p + 1));
          if (--left == 0)
            ch.close();
        });
      for (int c = 0; c < 5; ++c)
        g.spawn([&]() -> task<void> {
          while (auto v = co_await ch.receive()) {
            total += *v;
            ++items;
          }
        });
      co_return;
    });
  }());
  EXPECT_EQ(items, 8000);
  EXPECT_EQ(total, 500500L * 36);
}

TEST(Channel, ARaceDoesNotLoseAnItemHandedToItsReceiveInTheStepItEnds) {
  // The other task hands the waiting receive an item and finishes in the same step: it wins
  // the race, and the receive, cancelled before it could resume, must leave the item in the
  // channel.
  for (std::size_t capacity : {0u, 1u}) {
    tether::channel<int> ch(capacity);
    auto r = run_bounded([&]() -> task<std::variant<std::optional<int>, std::monostate>> {
      co_return co_await tether::race(ch.receive(), [&]() -> task<void> {
        co_await yield(); // the receive is waiting now
        EXPECT_TRUE(ch.try_send(42));
      }());
    }());
    EXPECT_EQ(r.index(), 1u) << "capacity " << capacity;
    EXPECT_EQ(ch.try_receive(), std::optional<int>(42)) << "capacity " << capacity;
    EXPECT_EQ(ch.try_receive(), std::nullopt) << "capacity " << capacity;
  }
}

TEST(Channel, ReceivesRacedAgainstShortTimeoutsLoseNoItem) {
  // A consumer that races every receive against a wait of a few steps, while a producer sends:
  // every item arrives exactly once, in order.
  for (std::size_t capacity : {0u, 1u, 4u}) {
    tether::channel<int> ch(capacity);
    std::vector<int> got;
    std::mt19937 rng(7 + capacity);
    auto steps = [](int n) -> task<void> {
      for (int i = 0; i < n; ++i)
        co_await yield();
    };
    constexpr int items = 2000;
    run_bounded([&]() -> task<void> {
      co_await task_group::open([&](task_group& g) -> task<void> {
        g.spawn([&]() -> task<void> {
          for (int i = 0; i < items; ++i) {
            co_await ch.send(i);
            co_await steps(int(rng() % 3));
          }
          ch.close();
        });
        g.spawn([&]() -> task<void> {
          for (;;) {
            auto r = co_await tether::race(
                [&](int before) -> task<std::optional<int>> {
                  co_await steps(before);
                  co_return co_await ch.receive();
                }(1 + int(rng() % 2)),
                steps(1 + int(rng() % 4)));
            if (r.index() == 0) {
              auto& v = std::get<0>(r);
              if (!v)
                break;
              got.push_back(*v);
            }
          }
        });
        co_return;
      });
    }());
    std::vector<int> all(items);
    std::iota(all.begin(), all.end(), 0);
    EXPECT_EQ(got, all) << "capacity " << capacity;
  }
}

TEST(Semaphore, NeverMoreThanNPermits) {
  tether::semaphore sem(3);
  int held = 0, max_held = 0;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      for (int i = 0; i < 20; ++i)
        g.spawn([&, i]() -> task<void> {
          auto permit = co_await sem.acquire();
          ++held;
          max_held = std::max(max_held, held);
          co_await tether::sleep_for(std::chrono::milliseconds(1 + i % 3));
          --held;
        });
      co_return;
    });
  }());
  EXPECT_EQ(max_held, 3);
  EXPECT_EQ(sem.available(), 3u);
}

TEST(Semaphore, IsFifoFair) {
  tether::semaphore sem(1);
  std::vector<int> order;
  bool newcomer_got_permit = true;
  run_bounded([&]() -> task<void> {
    auto first = co_await sem.acquire();
    co_await task_group::open([&](task_group& g) -> task<void> {
      for (int i = 0; i < 5; ++i) {
        g.spawn([&, i]() -> task<void> {
          auto permit = co_await sem.acquire();
          order.push_back(i);
          co_await tether::sleep_for(1ms);
        });
        co_await yield(); // waiter i queues before waiter i + 1
      }
      EXPECT_EQ(sem.waiting(), 5u);
      first.release();
      // A permit was handed to the first waiter: a newcomer cannot jump the queue.
      newcomer_got_permit = sem.try_acquire().has_value();
    });
  }());
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_FALSE(newcomer_got_permit);
}

TEST(Semaphore, PermitsReturnOnExceptionAndCancellation) {
  tether::semaphore sem(2);
  run_bounded([&]() -> task<void> {
    // Exception while holding a permit.
    EXPECT_THROW(co_await [](tether::semaphore& s) -> task<void> {
      auto permit = co_await s.acquire();
      throw std::runtime_error("x");
    }(sem),
                 std::runtime_error);
    EXPECT_EQ(sem.available(), 2u);

    // Cancellation while holding a permit, and while waiting for one.
    co_await task_group::open([&](task_group& g) -> task<void> {
      auto holder = g.spawn([&]() -> task<void> {
        auto permit = co_await sem.acquire();
        co_await tether::sleep_for(1h);
      });
      auto holder2 = g.spawn([&]() -> task<void> {
        auto permit = co_await sem.acquire();
        co_await tether::sleep_for(1h);
      });
      auto waiter = g.spawn([&]() -> task<void> {
        auto permit = co_await sem.acquire();
        ADD_FAILURE() << "a cancelled waiter got a permit";
      });
      co_await tether::sleep_for(5ms);
      EXPECT_EQ(sem.available(), 0u);
      EXPECT_EQ(sem.waiting(), 1u);
      waiter.cancel();
      co_await yield();
      EXPECT_EQ(sem.waiting(), 0u);
      EXPECT_EQ(sem.available(), 0u); // the cancelled waiter took nothing
      holder.cancel();
      holder2.cancel();
    });
    EXPECT_EQ(sem.available(), 2u);
  }());
}

/// Counts while alive: how many coroutines are inside a critical section.
struct inside {
  explicit inside(int& n, int& max_n) : n(n) { max_n = std::max(max_n, ++n); }
  inside(const inside&) = delete;
  ~inside() { --n; }
  int& n;
};

TEST(Mutex, ExcludesAcrossSuspensionsInFifoOrder) {
  tether::mutex m;
  int holders = 0, max_holders = 0;
  std::vector<int> order;
  bool newcomer_got_lock = true;
  run_bounded([&]() -> task<void> {
    auto first = co_await m.lock();
    EXPECT_TRUE(first);
    EXPECT_TRUE(m.is_locked());
    EXPECT_FALSE(m.try_lock());
    co_await task_group::open([&](task_group& g) -> task<void> {
      for (int i = 0; i < 5; ++i) {
        g.spawn([&, i]() -> task<void> {
          auto lock = co_await m.lock();
          inside in(holders, max_holders);
          order.push_back(i);
          co_await tether::sleep_for(1ms);
          co_await yield();
        });
        co_await yield(); // waiter i queues before waiter i + 1
      }
      EXPECT_EQ(m.waiting(), 5u);
      first.unlock();
      EXPECT_FALSE(first);
      // The lock went to the first waiter: a newcomer cannot take it.
      newcomer_got_lock = m.try_lock().has_value();
    });
  }());
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(max_holders, 1);
  EXPECT_FALSE(newcomer_got_lock);
  EXPECT_FALSE(m.is_locked());
  auto again = m.try_lock();
  EXPECT_TRUE(again && *again);
}

TEST(Mutex, AWaiterCancelledInTheQueueNeverHoldsTheLock) {
  tether::mutex m;
  std::vector<int> got;
  bool cancelled_waiter_saw_cancellation = false;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      auto holder = co_await m.lock();
      g.spawn([&]() -> task<void> {
        auto lock = co_await m.lock();
        got.push_back(1);
      });
      auto cancelled = g.spawn([&]() -> task<void> {
        try {
          auto lock = co_await m.lock();
          got.push_back(2);
        } catch (...) {
          cancelled_waiter_saw_cancellation = tether::is_cancellation(std::current_exception());
          throw;
        }
      });
      g.spawn([&]() -> task<void> {
        auto lock = co_await m.lock();
        got.push_back(3);
      });
      co_await yield();
      EXPECT_EQ(m.waiting(), 3u);
      cancelled.cancel();
      EXPECT_EQ(m.waiting(), 2u); // it left the queue at once
      holder.unlock();
      EXPECT_THROW(co_await cancelled.wait(), tether::system_error);
      EXPECT_TRUE(cancelled.cancelled());
    });
  }());
  EXPECT_EQ(got, (std::vector<int>{1, 3}));
  EXPECT_TRUE(cancelled_waiter_saw_cancellation);
  EXPECT_FALSE(m.is_locked());
}

TEST(Mutex, ManyWaitersAndRandomCancellationsHandTheLockOnExactlyOnce) {
  // 64 coroutines lock and unlock 20 times each, holding the lock across suspensions, while a
  // third of their waits race short timeouts and random workers are cancelled: one holder at a
  // time, every wait ends exactly one way, and no hand-off is lost (a lost one would leave the
  // mutex locked and the others waiting until the test's time limit).
  tether::mutex m;
  int holders = 0, max_holders = 0;
  int attempts = 0, acquired = 0, timed_out = 0, cancelled_waits = 0;
  std::mt19937 rng(11);
  run_bounded(
      [&]() -> task<void> {
        co_await task_group::open([&](task_group& g) -> task<void> {
          std::vector<tether::task_handle<void>> workers;
          for (int w = 0; w < 64; ++w)
            workers.push_back(g.spawn([&]() -> task<void> {
              for (int round = 0; round < 20; ++round) {
                ++attempts;
                std::optional<tether::mutex::guard> lock;
                try {
                  if (rng() % 3 == 0)
                    lock = co_await tether::timeout_or(m.lock(),
                                                       std::chrono::microseconds(rng() % 400));
                  else
                    lock = co_await m.lock();
                } catch (...) {
                  ++cancelled_waits;
                  throw;
                }
                if (!lock) {
                  ++timed_out;
                  continue;
                }
                ++acquired;
                inside in(holders, max_holders);
                for (int s = int(rng() % 3); s > 0; --s)
                  co_await yield();
              }
            }));
          for (int k = 0; k < 24; ++k) {
            co_await tether::sleep_for(std::chrono::microseconds(rng() % 200));
            workers[rng() % workers.size()].cancel();
          }
        });
      }(),
      30s);
  EXPECT_EQ(max_holders, 1);
  EXPECT_EQ(attempts, acquired + timed_out + cancelled_waits);
  EXPECT_GT(acquired, 0);
  EXPECT_GT(timed_out, 0);
  EXPECT_GT(cancelled_waits, 0);
  EXPECT_FALSE(m.is_locked());
  EXPECT_EQ(m.waiting(), 0u);
}

TEST(Event, SetWakesEveryWaiterAndLetsLaterWaitsThroughUntilReset) {
  tether::event e;
  int woken = 0;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      for (int i = 0; i < 3; ++i)
        g.spawn([&]() -> task<void> {
          co_await e.wait();
          ++woken;
        });
      co_await yield();
      EXPECT_EQ(e.waiting(), 3u);
      EXPECT_EQ(woken, 0);
      e.set();
      e.reset(); // a waiter woken by set() returns even though the event is clear again
    });
    EXPECT_FALSE(e.is_set());
    e.set();
    co_await e.wait(); // set: no wait
    EXPECT_TRUE(e.is_set());
    e.reset();
    EXPECT_FALSE(co_await tether::timeout_or(e.wait(), 5ms));
  }());
  EXPECT_EQ(woken, 3);
}

TEST(Event, KeptAcrossLoopsWaitsInEachLoop) {
  // A primitive that outlives the loop it was first used in (a global, a member of a
  // long-lived object): each loop's waits belong to that loop, not to the first one, which is
  // gone, though the next may be made at the same address.
  tether::event e;
  for (int round = 0; round < 3; ++round) {
    bool woken = false;
    run_bounded([&]() -> task<void> {
      co_await task_group::open([&](task_group& g) -> task<void> {
        g.spawn([&]() -> task<void> {
          co_await e.wait();
          woken = true;
        });
        co_await yield();
        EXPECT_EQ(e.waiting(), 1u);
        e.set();
      });
      e.reset();
    }());
    EXPECT_TRUE(woken) << "round " << round;
  }
}

TEST(Event, ManyWaitersAndRandomCancellationsLoseNoWakeUp) {
  // Rounds of 32 waiters, some cancelled while they wait, some in the step of the set(), after
  // which the event is reset at once: every waiter still queued at the set() returns, every one
  // cancelled before it throws operation_aborted, and the queue is left empty.
  std::mt19937 rng(5);
  for (int round = 0; round < 50; ++round) {
    tether::event e;
    int woken = 0, cancelled = 0;
    std::size_t queued_at_set = 0;
    run_bounded([&]() -> task<void> {
      co_await task_group::open([&](task_group& g) -> task<void> {
        std::vector<tether::task_handle<void>> waiters;
        for (int i = 0; i < 32; ++i)
          waiters.push_back(g.spawn([&]() -> task<void> {
            try {
              co_await e.wait();
            } catch (...) {
              cancelled += tether::is_cancellation(std::current_exception());
              throw;
            }
            ++woken;
          }));
        co_await yield();
        EXPECT_EQ(e.waiting(), 32u);
        for (int k = int(rng() % 8); k > 0; --k)
          waiters[rng() % waiters.size()].cancel();
        queued_at_set = e.waiting();
        e.set();
        e.reset();
        for (int k = int(rng() % 8); k > 0; --k) // woken already: too late to cancel the wait
          waiters[rng() % waiters.size()].cancel();
      });
    }());
    EXPECT_EQ(std::size_t(woken), queued_at_set) << "round " << round;
    EXPECT_EQ(woken + cancelled, 32) << "round " << round;
    EXPECT_EQ(e.waiting(), 0u);
  }
}

TEST(Condition, WaitReturnsOnceThePredicateHolds) {
  tether::condition changed;
  std::vector<int> queue;
  std::vector<std::size_t> seen;
  run_bounded([&]() -> task<void> {
    co_await task_group::open([&](task_group& g) -> task<void> {
      g.spawn([&]() -> task<void> {
        co_await changed.wait([&] { return queue.size() >= 3; });
        seen.push_back(queue.size());
      });
      for (int i = 0; i < 5; ++i) {
        co_await yield();
        queue.push_back(i);
        changed.notify_all();
      }
    });
    // A predicate that holds already: no wait.
    co_await changed.wait([&] { return !queue.empty(); });
    EXPECT_EQ(changed.waiting(), 0u);
  }());
  EXPECT_EQ(seen, (std::vector<std::size_t>{3}));
}

TEST(Condition, ManyWaitersAndRandomCancellationsLoseNoWakeUp) {
  // 32 waiters wait for a counter to reach their own target while a producer counts to 1000 in
  // random steps, notifying each time, and random waiters are cancelled: each waiter that is not
  // cancelled returns with its predicate true (a lost wake-up would leave it waiting until the
  // test's time limit).
  std::mt19937 rng(3);
  tether::condition changed;
  int counter = 0, satisfied = 0, cancelled = 0;
  run_bounded(
      [&]() -> task<void> {
        co_await task_group::open([&](task_group& g) -> task<void> {
          std::vector<tether::task_handle<void>> waiters;
          for (int i = 0; i < 32; ++i) {
            int target = 1 + int(rng() % 1000);
            waiters.push_back(g.spawn([&, target]() -> task<void> {
              try {
                co_await changed.wait([&] { return counter >= target; });
              } catch (...) {
                cancelled += tether::is_cancellation(std::current_exception());
                throw;
              }
              EXPECT_GE(counter, target);
              ++satisfied;
            }));
          }
          while (counter < 1000) {
            for (int s = int(rng() % 3); s > 0; --s)
              co_await yield();
            ++counter;
            changed.notify_all();
            if (rng() % 100 == 0)
              waiters[rng() % waiters.size()].cancel();
          }
        });
      }(),
      30s);
  EXPECT_EQ(satisfied + cancelled, 32);
  EXPECT_GT(satisfied, 0);
  EXPECT_EQ(changed.waiting(), 0u);
}

} // namespace
