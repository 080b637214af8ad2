// channel and semaphore: backpressure, close, fairness, and cancellation that never loses an
// item or a permit.
#include <algorithm>
#include <numeric>
#include <optional>
#include <random>
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
            // Each side suspends at least once: on Boost.Asio 1.81 a race whose winner finishes
            // without suspending makes io_context::run() throw, a problem of its own.
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

} // namespace
