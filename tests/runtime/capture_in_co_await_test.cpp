// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// A lambda with a by-copy capture, written inside a co_await expression: g++ 12 destroys the
// capture twice (GCC PR 100611), whichever way the awaited call takes the lambda. This
// program counts the destructions of such a capture for each runtime call that takes a
// callable, and for the two forms docs/runtime.md recommends instead (capture by reference,
// or name the lambda before the co_await).
//
// The same with plain Asio coroutines that take the callable by value, by const&, or by
// forwarding reference (copied by a function that is not a coroutine).
//
// It fails if a recommended form destroys a capture twice, with any compiler, or if the form
// written inside the co_await does so with a compiler other than g++; for g++ it prints what
// it measured (the runtime cannot change it: the caller's code is what is miscompiled).
#include <tether/tether.hpp>

#include <cstdio>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

std::set<const void*> alive;
int destroyed_twice = 0;

/// A capture that knows whether it was destroyed twice. It holds no memory, so a second
/// destruction corrupts nothing.
struct tracked {
  int v;
  explicit tracked(int v) : v(v) { alive.insert(this); }
  tracked(const tracked& o) : v(o.v) { alive.insert(this); }
  tracked(tracked&& o) noexcept : v(o.v) { alive.insert(this); }
  tracked& operator=(const tracked&) = default;
  ~tracked() {
    if (!alive.erase(this))
      ++destroyed_twice;
  }
};

struct resource {
  static tether::task<resource> open() { co_return resource{}; }
  tether::task<void> async_close() { co_return; }
};

// Other ways a function could take the callable, in plain Asio: none helps, since the code
// that is miscompiled is the caller's.
template <class F>
tether::net::awaitable<int> by_value(F fn) {
  co_return fn();
}
template <class F>
tether::net::awaitable<int> by_const_ref(const F& fn) {
  co_return fn();
}
template <class F>
tether::net::awaitable<int> by_forwarding_ref(F&& fn) { // not a coroutine: copies, then calls one
  return by_value(std::decay_t<F>(std::forward<F>(fn)));
}

struct result {
  const char* form;
  bool recommended;
  int twice;
};
std::vector<result> results;

template <class Run>
tether::task<void> measure(const char* form, bool recommended, Run run) {
  int before = destroyed_twice;
  co_await run();
  results.push_back({form, recommended, destroyed_twice - before});
}

tether::task<void> all_forms() {
  tracked t(1);
  std::vector<int> items{1, 2};
  tether::condition cond;

  // Written inside the co_await.
  co_await measure("co_await offload([t] {...})", false, [&]() -> tether::task<void> {
    co_await tether::offload([t] { return t.v; });
  });
  co_await measure("co_await offload([s = tracked(2)] {...})", false, [&]() -> tether::task<void> {
    co_await tether::offload([s = tracked(2)] { return s.v; });
  });
  co_await measure("co_await task_group::open([t](task_group&) -> task<int> {...})", false,
                   [&]() -> tether::task<void> {
                     co_await tether::task_group::open(
                         [t](tether::task_group&) -> tether::task<int> { co_return t.v; });
                   });
  co_await measure("co_await for_each_bounded(items, 2, [t](int) -> task<> {...})", false,
                   [&]() -> tether::task<void> {
                     co_await tether::for_each_bounded(
                         items, 2, [t](int) -> tether::task<> { co_return; });
                   });
  co_await measure("co_await cond.wait([t] {...})", false, [&]() -> tether::task<void> {
    co_await cond.wait([t] { return t.v > 0; });
  });
  co_await measure("co_await async_with(resource::open(), [t](resource&) -> task<> {...})", false,
                   [&]() -> tether::task<void> {
                     co_await tether::async_with(
                         resource::open(), [t](resource&) -> tether::task<> { co_return; });
                   });
  co_await measure("co_await by_value([t] {...}), plain Asio", false, [&]() -> tether::task<void> {
    co_await by_value([t] { return t.v; });
  });
  co_await measure("co_await by_const_ref([t] {...}), plain Asio", false,
                   [&]() -> tether::task<void> { co_await by_const_ref([t] { return t.v; }); });
  co_await measure("co_await by_forwarding_ref([t] {...}), plain Asio", false,
                   [&]() -> tether::task<void> { co_await by_forwarding_ref([t] { return t.v; }); });

  // What docs/runtime.md recommends.
  co_await measure("co_await offload([&] {...})", true, [&]() -> tether::task<void> {
    co_await tether::offload([&] { return t.v; });
  });
  co_await measure("auto fn = [t] {...}; co_await offload(std::move(fn))", true,
                   [&]() -> tether::task<void> {
                     auto fn = [t] { return t.v; };
                     co_await tether::offload(std::move(fn));
                   });
  co_await measure("co_await task_group::open([&](task_group&) -> task<int> {...})", true,
                   [&]() -> tether::task<void> {
                     co_await tether::task_group::open(
                         [&](tether::task_group&) -> tether::task<int> { co_return t.v; });
                   });
  co_await measure("auto body = [t](task_group&) -> task<int> {...}; co_await open(std::move(body))",
                   true, [&]() -> tether::task<void> {
                     auto body = [t](tether::task_group&) -> tether::task<int> { co_return t.v; };
                     co_await tether::task_group::open(std::move(body));
                   });
  co_await measure("g.spawn([t]() -> task<> {...}), a statement without co_await", true,
                   [&]() -> tether::task<void> {
                     co_await tether::task_group::open([&](tether::task_group& g) -> tether::task<> {
                       g.spawn([t]() -> tether::task<> { co_return; });
                       co_await tether::sleep_for(std::chrono::milliseconds(1));
                     });
                   });
  co_await measure("auto fn = [t](int) -> task<> {...}; co_await for_each_bounded(items, 2, fn)",
                   true, [&]() -> tether::task<void> {
                     auto fn = [t](int) -> tether::task<> { co_return; };
                     co_await tether::for_each_bounded(items, 2, fn);
                   });
}

} // namespace

int main() {
  tether::run(all_forms());
#if defined(__GNUC__) && !defined(__clang__)
  const bool gcc = true;
  std::printf("g++ %d.%d.%d\n", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  const bool gcc = false;
  std::printf("clang++ %s\n", __clang_version__);
#endif
  int failures = 0;
  for (const result& r : results) {
    bool bad = r.twice != 0 && (r.recommended || !gcc);
    failures += bad;
    std::printf("%-4s %-92s captures destroyed twice: %d\n", bad ? "FAIL" : "ok", r.form,
                r.twice);
  }
  return failures == 0 ? 0 : 1;
}
