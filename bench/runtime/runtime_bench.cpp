// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether against raw Asio, on the same machine in one run. Every benchmark is a pair
// "<case>/tether" and "<case>/asio..."; the table at the end gives tether's time per item
// divided by the baseline's (below 1.0: tether is faster).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <asio/experimental/awaitable_operators.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/experimental/concurrent_channel.hpp>

#include "tether/tether.hpp"

namespace net = tether::net;
using tether::task;
using namespace std::chrono_literals;

namespace {

void run_once(task<void> t) {
  net::io_context ctx(1);
  net::co_spawn(ctx, std::move(t), tether::rethrow);
  ctx.run();
}

task<void> trivial() { co_return; }
task<int> trivial_value(int i) { co_return i; }

// Children that suspend once before finishing. co_spawn posts the completion of a child that
// never suspended, and dispatches (runs inline) that of one that did.
task<void> suspend_once() {
  co_await net::post(co_await net::this_coro::executor, net::use_awaitable);
}
task<int> suspend_once_value(int i) {
  co_await suspend_once();
  co_return i;
}

// ---- spawn + join of 100k children, trivial or suspending once ------------------------------

constexpr int spawn_n = 100000;

void spawn_join_tether(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      co_await tether::task_group::open([](tether::task_group& g) -> task<void> {
        for (int i = 0; i < spawn_n; ++i)
          g.spawn(trivial());
        co_return;
      });
    }());
  state.SetItemsProcessed(state.iterations() * spawn_n);
}

/// Raw Asio: co_spawn each child with a completion handler that counts down, and a timer used
/// as the event the parent waits on.
task<void> raw_spawn_join(int n) {
  auto ex = co_await net::this_coro::executor;
  int left = n;
  net::steady_timer all_done(ex, net::steady_timer::time_point::max());
  for (int i = 0; i < n; ++i)
    net::co_spawn(ex, trivial(), [&](std::exception_ptr) {
      if (--left == 0)
        all_done.cancel();
    });
  tether::error_code ec;
  if (left != 0)
    co_await all_done.async_wait(net::redirect_error(net::use_awaitable, ec));
}

void spawn_join_asio_co_spawn(benchmark::State& state) {
  for (auto _ : state)
    run_once(raw_spawn_join(spawn_n));
  state.SetItemsProcessed(state.iterations() * spawn_n);
}

void spawn_join_suspending_tether(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      co_await tether::task_group::open([](tether::task_group& g) -> task<void> {
        for (int i = 0; i < spawn_n; ++i)
          g.spawn(suspend_once());
        co_return;
      });
    }());
  state.SetItemsProcessed(state.iterations() * spawn_n);
}

/// raw_spawn_join with children that suspend once.
task<void> raw_suspending_spawn_join(int n) {
  auto ex = co_await net::this_coro::executor;
  int left = n;
  net::steady_timer all_done(ex, net::steady_timer::time_point::max());
  for (int i = 0; i < n; ++i)
    net::co_spawn(ex, suspend_once(), [&](std::exception_ptr) {
      if (--left == 0)
        all_done.cancel();
    });
  tether::error_code ec;
  if (left != 0)
    co_await all_done.async_wait(net::redirect_error(net::use_awaitable, ec));
}

void spawn_join_suspending_asio_co_spawn(benchmark::State& state) {
  for (auto _ : state)
    run_once(raw_suspending_spawn_join(spawn_n));
  state.SetItemsProcessed(state.iterations() * spawn_n);
}

/// The same with each child cancellable (its own cancellation signal, as a task_group child
/// has): the floor for any structured spawn on Asio's per-operation cancellation.
task<void> raw_cancellable_spawn_join(int n) {
  auto ex = co_await net::this_coro::executor;
  int left = n;
  net::steady_timer all_done(ex, net::steady_timer::time_point::max());
  struct child {
    net::cancellation_signal signal;
  };
  for (int i = 0; i < n; ++i) {
    auto* c = new child;
    net::co_spawn(ex, trivial(),
                  net::bind_cancellation_slot(c->signal.slot(), [&, c](std::exception_ptr) {
                    delete c;
                    if (--left == 0)
                      all_done.cancel();
                  }));
  }
  tether::error_code ec;
  if (left != 0)
    co_await all_done.async_wait(net::redirect_error(net::use_awaitable, ec));
}

void spawn_join_asio_co_spawn_cancellable(benchmark::State& state) {
  for (auto _ : state)
    run_once(raw_cancellable_spawn_join(spawn_n));
  state.SetItemsProcessed(state.iterations() * spawn_n);
}

/// raw_cancellable_spawn_join with children that suspend once.
task<void> raw_cancellable_suspending_spawn_join(int n) {
  auto ex = co_await net::this_coro::executor;
  int left = n;
  net::steady_timer all_done(ex, net::steady_timer::time_point::max());
  struct child {
    net::cancellation_signal signal;
  };
  for (int i = 0; i < n; ++i) {
    auto* c = new child;
    net::co_spawn(ex, suspend_once(),
                  net::bind_cancellation_slot(c->signal.slot(), [&, c](std::exception_ptr) {
                    delete c;
                    if (--left == 0)
                      all_done.cancel();
                  }));
  }
  tether::error_code ec;
  if (left != 0)
    co_await all_done.async_wait(net::redirect_error(net::use_awaitable, ec));
}

void spawn_join_suspending_asio_co_spawn_cancellable(benchmark::State& state) {
  for (auto _ : state)
    run_once(raw_cancellable_suspending_spawn_join(spawn_n));
  state.SetItemsProcessed(state.iterations() * spawn_n);
}

// ---- gather --------------------------------------------------------------------------------

constexpr int gather_n = 1000;

void gather_1k_tether(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      std::vector<task<int>> ts;
      ts.reserve(gather_n);
      for (int i = 0; i < gather_n; ++i)
        ts.push_back(trivial_value(i));
      auto r = co_await tether::gather(std::move(ts));
      benchmark::DoNotOptimize(r.data());
    }());
  state.SetItemsProcessed(state.iterations() * gather_n);
}

void gather_1k_asio_co_spawn(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      auto ex = co_await net::this_coro::executor;
      std::vector<int> results(gather_n);
      int left = gather_n;
      net::steady_timer all_done(ex, net::steady_timer::time_point::max());
      for (int i = 0; i < gather_n; ++i)
        net::co_spawn(ex, trivial_value(i), [&, i](std::exception_ptr, int v) {
          results[i] = v;
          if (--left == 0)
            all_done.cancel();
        });
      tether::error_code ec;
      if (left != 0)
        co_await all_done.async_wait(net::redirect_error(net::use_awaitable, ec));
      benchmark::DoNotOptimize(results.data());
    }());
  state.SetItemsProcessed(state.iterations() * gather_n);
}

void gather_1k_suspending_tether(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      std::vector<task<int>> ts;
      ts.reserve(gather_n);
      for (int i = 0; i < gather_n; ++i)
        ts.push_back(suspend_once_value(i));
      auto r = co_await tether::gather(std::move(ts));
      benchmark::DoNotOptimize(r.data());
    }());
  state.SetItemsProcessed(state.iterations() * gather_n);
}

void gather_1k_suspending_asio_co_spawn(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      auto ex = co_await net::this_coro::executor;
      std::vector<int> results(gather_n);
      int left = gather_n;
      net::steady_timer all_done(ex, net::steady_timer::time_point::max());
      for (int i = 0; i < gather_n; ++i)
        net::co_spawn(ex, suspend_once_value(i), [&, i](std::exception_ptr, int v) {
          results[i] = v;
          if (--left == 0)
            all_done.cancel();
        });
      tether::error_code ec;
      if (left != 0)
        co_await all_done.async_wait(net::redirect_error(net::use_awaitable, ec));
      benchmark::DoNotOptimize(results.data());
    }());
  state.SetItemsProcessed(state.iterations() * gather_n);
}

constexpr int pairs_n = 1000;

void gather_pair_tether(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      for (int i = 0; i < pairs_n; ++i) {
        auto [a, b] = co_await tether::gather(trivial_value(1), trivial_value(2));
        benchmark::DoNotOptimize(a + b);
      }
    }());
  state.SetItemsProcessed(state.iterations() * pairs_n);
}

void gather_pair_asio_operator_and(benchmark::State& state) {
  using namespace net::experimental::awaitable_operators;
  for (auto _ : state)
    run_once([]() -> task<void> {
      for (int i = 0; i < pairs_n; ++i) {
        auto [a, b] = co_await (trivial_value(1) && trivial_value(2));
        benchmark::DoNotOptimize(a + b);
      }
    }());
  state.SetItemsProcessed(state.iterations() * pairs_n);
}

// ---- channels ------------------------------------------------------------------------------

constexpr int pingpong_n = 10000;

void channel_pingpong_tether(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      tether::channel<int> ping(1), pong(1);
      co_await tether::task_group::open([&](tether::task_group& g) -> task<void> {
        g.spawn([&]() -> task<void> {
          for (int i = 0; i < pingpong_n; ++i)
            co_await pong.send(*co_await ping.receive());
        });
        for (int i = 0; i < pingpong_n; ++i) {
          co_await ping.send(i);
          benchmark::DoNotOptimize(co_await pong.receive());
        }
      });
    }());
  state.SetItemsProcessed(state.iterations() * pingpong_n);
}

template <class Channel>
task<void> asio_pingpong() {
  auto ex = co_await net::this_coro::executor;
  Channel ping(ex, 1), pong(ex, 1);
  net::co_spawn(
      ex,
      [&]() -> task<void> {
        for (int i = 0; i < pingpong_n; ++i) {
          int v = co_await ping.async_receive(net::use_awaitable);
          co_await pong.async_send(tether::error_code(), v, net::use_awaitable);
        }
      },
      tether::rethrow);
  for (int i = 0; i < pingpong_n; ++i) {
    co_await ping.async_send(tether::error_code(), i, net::use_awaitable);
    benchmark::DoNotOptimize(co_await pong.async_receive(net::use_awaitable));
  }
}

using asio_channel = net::experimental::channel<void(tether::error_code, int)>;
using asio_concurrent_channel = net::experimental::concurrent_channel<void(tether::error_code, int)>;

void channel_pingpong_asio_channel(benchmark::State& state) {
  for (auto _ : state)
    run_once(asio_pingpong<asio_channel>());
  state.SetItemsProcessed(state.iterations() * pingpong_n);
}

constexpr int mm_n = 40000; // items through a 4 producers x 4 consumers channel

void channel_4x4_tether(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      tether::channel<int> ch(64);
      int producers_left = 4;
      long sum = 0;
      co_await tether::task_group::open([&](tether::task_group& g) -> task<void> {
        for (int p = 0; p < 4; ++p)
          g.spawn([&]() -> task<void> {
            for (int i = 0; i < mm_n / 4; ++i)
              co_await ch.send(i);
            if (--producers_left == 0)
              ch.close();
          });
        for (int c = 0; c < 4; ++c)
          g.spawn([&]() -> task<void> {
            while (auto v = co_await ch.receive())
              sum += *v;
          });
        co_return;
      });
      benchmark::DoNotOptimize(sum);
    }());
  state.SetItemsProcessed(state.iterations() * mm_n);
}

template <class Channel>
task<void> asio_4x4() {
  auto ex = co_await net::this_coro::executor;
  Channel ch(ex, 64);
  int producers_left = 4, consumers_left = 4;
  long sum = 0;
  net::steady_timer all_done(ex, net::steady_timer::time_point::max());
  for (int p = 0; p < 4; ++p)
    net::co_spawn(
        ex,
        [&]() -> task<void> {
          for (int i = 0; i < mm_n / 4; ++i)
            co_await ch.async_send(tether::error_code(), i, net::use_awaitable);
          if (--producers_left == 0)
            ch.close();
        },
        tether::rethrow);
  for (int c = 0; c < 4; ++c)
    net::co_spawn(
        ex,
        [&]() -> task<void> {
          for (;;) {
            tether::error_code ec;
            int v = co_await ch.async_receive(net::redirect_error(net::use_awaitable, ec));
            if (ec)
              break;
            sum += v;
          }
          if (--consumers_left == 0)
            all_done.cancel();
        },
        tether::rethrow);
  tether::error_code ec;
  co_await all_done.async_wait(net::redirect_error(net::use_awaitable, ec));
  benchmark::DoNotOptimize(&sum);
}

void channel_4x4_asio_channel(benchmark::State& state) {
  for (auto _ : state) {
    net::io_context ctx(1);
    net::co_spawn(ctx, asio_4x4<asio_channel>(), tether::rethrow);
    ctx.run();
  }
  state.SetItemsProcessed(state.iterations() * mm_n);
}

void channel_4x4_asio_concurrent_channel(benchmark::State& state) {
  for (auto _ : state) {
    net::io_context ctx(1);
    net::co_spawn(ctx, asio_4x4<asio_concurrent_channel>(), tether::rethrow);
    ctx.run();
  }
  state.SetItemsProcessed(state.iterations() * mm_n);
}

// ---- with_timeout on an operation that completes at once ------------------------------------

constexpr int op_n = 10000;

/// Runs `t` with a timer pending in the background, as in any program that has deadlines: the
/// event loop then polls the reactor between handlers, for the bare operation too.
void run_with_reactor(task<void> t) {
  net::io_context ctx(1);
  net::steady_timer background(ctx, 1h);
  background.async_wait([](const tether::error_code&) {});
  net::co_spawn(ctx, std::move(t), [&](std::exception_ptr e) {
    background.cancel();
    if (e)
      std::rethrow_exception(e);
  });
  ctx.run();
}

void with_timeout_tether(benchmark::State& state) {
  for (auto _ : state)
    run_with_reactor([]() -> task<void> {
      auto ex = co_await net::this_coro::executor;
      for (int i = 0; i < op_n; ++i)
        co_await tether::with_timeout(net::post(ex, net::use_awaitable), 10s);
    }());
  state.SetItemsProcessed(state.iterations() * op_n);
}

void with_timeout_asio_bare_operation(benchmark::State& state) {
  for (auto _ : state)
    run_with_reactor([]() -> task<void> {
      auto ex = co_await net::this_coro::executor;
      for (int i = 0; i < op_n; ++i)
        co_await net::post(ex, net::use_awaitable);
    }());
  state.SetItemsProcessed(state.iterations() * op_n);
}

// ---- semaphore acquire + release -----------------------------------------------------------

void semaphore_tether(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      tether::semaphore sem(4);
      for (int i = 0; i < op_n; ++i) {
        auto permit = co_await sem.acquire();
        benchmark::DoNotOptimize(permit);
      }
    }());
  state.SetItemsProcessed(state.iterations() * op_n);
}

/// The usual raw-Asio semaphore: a channel with n slots; a send takes a permit, a receive
/// gives it back.
void semaphore_asio_channel(benchmark::State& state) {
  for (auto _ : state)
    run_once([]() -> task<void> {
      asio_channel sem(co_await net::this_coro::executor, 4);
      for (int i = 0; i < op_n; ++i) {
        co_await sem.async_send(tether::error_code(), 0, net::use_awaitable);
        sem.try_receive([](tether::error_code, int) {});
      }
    }());
  state.SetItemsProcessed(state.iterations() * op_n);
}

// ---- tether::run's event loop against io_context::run -----------------------------------------
// run checks for a deadlock whenever the loop goes idle: steps that follow each other without
// a wait (each one posts the next) never reach the check; a wake-up from another thread (an
// offload of nothing) reaches it once per wait.

task<void> post_steps() {
  auto ex = co_await net::this_coro::executor;
  for (int i = 0; i < op_n; ++i)
    co_await net::post(ex, net::use_awaitable);
}

void run_steps_tether(benchmark::State& state) {
  for (auto _ : state)
    tether::run(post_steps(), {.handle_signals = false});
  state.SetItemsProcessed(state.iterations() * op_n);
}

void run_steps_asio_io_context_run(benchmark::State& state) {
  for (auto _ : state)
    run_once(post_steps());
  state.SetItemsProcessed(state.iterations() * op_n);
}

constexpr int wakeup_n = 1000;

task<void> offload_nothing() {
  for (int i = 0; i < wakeup_n; ++i)
    co_await tether::offload([] {});
}

void run_wakeups_tether(benchmark::State& state) {
  for (auto _ : state)
    tether::run(offload_nothing(), {.handle_signals = false});
  state.SetItemsProcessed(state.iterations() * wakeup_n);
}

void run_wakeups_asio_io_context_run(benchmark::State& state) {
  for (auto _ : state)
    run_once(offload_nothing());
  state.SetItemsProcessed(state.iterations() * wakeup_n);
}

BENCHMARK(spawn_join_tether)->Unit(benchmark::kMillisecond);
BENCHMARK(spawn_join_asio_co_spawn)->Unit(benchmark::kMillisecond);
BENCHMARK(spawn_join_asio_co_spawn_cancellable)->Unit(benchmark::kMillisecond);
BENCHMARK(spawn_join_suspending_tether)->Unit(benchmark::kMillisecond);
BENCHMARK(spawn_join_suspending_asio_co_spawn)->Unit(benchmark::kMillisecond);
BENCHMARK(spawn_join_suspending_asio_co_spawn_cancellable)->Unit(benchmark::kMillisecond);
BENCHMARK(gather_1k_tether)->Unit(benchmark::kMicrosecond);
BENCHMARK(gather_1k_asio_co_spawn)->Unit(benchmark::kMicrosecond);
BENCHMARK(gather_1k_suspending_tether)->Unit(benchmark::kMicrosecond);
BENCHMARK(gather_1k_suspending_asio_co_spawn)->Unit(benchmark::kMicrosecond);
BENCHMARK(gather_pair_tether)->Unit(benchmark::kMicrosecond);
BENCHMARK(gather_pair_asio_operator_and)->Unit(benchmark::kMicrosecond);
BENCHMARK(channel_pingpong_tether)->Unit(benchmark::kMicrosecond);
BENCHMARK(channel_pingpong_asio_channel)->Unit(benchmark::kMicrosecond);
BENCHMARK(channel_4x4_tether)->Unit(benchmark::kMicrosecond);
BENCHMARK(channel_4x4_asio_channel)->Unit(benchmark::kMicrosecond);
BENCHMARK(channel_4x4_asio_concurrent_channel)->Unit(benchmark::kMicrosecond);
BENCHMARK(with_timeout_tether)->Unit(benchmark::kMicrosecond);
BENCHMARK(with_timeout_asio_bare_operation)->Unit(benchmark::kMicrosecond);
BENCHMARK(semaphore_tether)->Unit(benchmark::kMicrosecond);
BENCHMARK(semaphore_asio_channel)->Unit(benchmark::kMicrosecond);
BENCHMARK(run_steps_tether)->Unit(benchmark::kMicrosecond);
BENCHMARK(run_steps_asio_io_context_run)->Unit(benchmark::kMicrosecond);
BENCHMARK(run_wakeups_tether)->Unit(benchmark::kMicrosecond);
BENCHMARK(run_wakeups_asio_io_context_run)->Unit(benchmark::kMicrosecond);

/// Console output plus a table of tether/baseline ratios per case.
class ratio_reporter : public benchmark::ConsoleReporter {
public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs)
      if (r.run_type == Run::RT_Iteration && !r.error_occurred)
        per_item_[r.benchmark_name()] = r.GetAdjustedRealTime(); // per iteration
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\n%-26s %-34s %10s\n", "case", "baseline", "tether/it");
    for (const auto& [name, t] : per_item_) {
      auto cut = name.find("_tether");
      if (cut == std::string::npos)
        continue;
      auto prefix = name.substr(0, cut);
      for (const auto& [other, b] : per_item_)
        if (other != name && other.rfind(prefix + "_asio", 0) == 0)
          std::printf("%-26s %-34s %10.2f\n", prefix.c_str(),
                      other.substr(prefix.size() + 1).c_str(), t / b);
    }
  }

private:
  std::map<std::string, double> per_item_;
};

} // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  ratio_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
}
