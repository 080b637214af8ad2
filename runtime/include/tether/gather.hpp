// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/gather.hpp — fan-out / fan-in.
//
//   auto [a, b] = co_await tether::gather(fetch(x), fetch(y));   // tuple; void gives monostate
//   auto all    = co_await tether::gather(std::move(tasks));    // vector<task<T>> -> vector<T>
//   auto each   = co_await tether::gather_settled(f(), g());     // tuple of outcome<T>
//   auto first  = co_await tether::race(read(), sleep_for(1s)); // variant, index = winner
//
// gather runs every task concurrently in a task_group, with its error rules: the first failure
// cancels the rest; one error is rethrown as is, several as exception_group. gather_settled
// never cancels on failure and reports each task's result or exception; cancelling it cancels
// every task, and it throws that cancellation (`operation_aborted`) as gather does. race
// returns the first task to finish and cancels the others (waiting for them); if the first to
// finish failed, that error is thrown.
//
// race drops what a loser returns. A loser that completes in the step its cancellation
// arrives, before it has seen it, would lose its result; so race only operations that honour
// a cancellation without consuming anything: the runtime's own do (`channel::receive` gives
// back an item handed over in that step and throws operation_aborted; a dropped semaphore
// permit goes back). For an operation that cannot undo its effect, use gather_settled or a
// task_group and cancel by hand.
#pragma once

#include <cstddef>
#include <exception>
#include <optional>
#include <ranges>
#include <source_location>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "tether/asio.hpp"
#include "tether/cancellation.hpp"
#include "tether/detail/debug.hpp"
#include "tether/exception_group.hpp"
#include "tether/task_group.hpp"

namespace tether {

namespace detail {

/// The part of an outcome that knows whether anyone looked at its error.
class outcome_error {
public:
  outcome_error() = default;
  explicit outcome_error(std::exception_ptr e) : error_(std::move(e)) {}
  outcome_error(outcome_error&& o) noexcept
      : error_(std::move(o.error_)), observed_(std::exchange(o.observed_, true)) {}
  outcome_error& operator=(outcome_error&& o) noexcept {
    if (this != &o) {
      check();
      error_ = std::move(o.error_);
      observed_ = std::exchange(o.observed_, true);
    }
    return *this;
  }
  ~outcome_error() { check(); }

  const std::exception_ptr& get() const noexcept {
    observed_ = true;
    return error_;
  }
  explicit operator bool() const noexcept { return error_ != nullptr; }

private:
  void check() noexcept {
    if (error_ && !observed_) {
      try {
        report_unobserved(exception_group::describe(error_) +
                          " (a gather_settled outcome dropped without looking at its error)");
      } catch (...) {
      }
    }
  }
  std::exception_ptr error_;
  mutable bool observed_ = false;
};

} // namespace detail

/// A finished task's result or exception. In a debug run (see run.hpp), an outcome whose
/// error is destroyed without having been looked at (`has_value`, `value` or `error`) is
/// reported as an unobserved error.
template <class T>
class outcome {
public:
  outcome() = default;
  static outcome success(T v) {
    outcome o;
    o.value_.emplace(std::move(v));
    return o;
  }
  static outcome failure(std::exception_ptr e) {
    outcome o;
    o.error_ = detail::outcome_error(std::move(e));
    return o;
  }
  bool has_value() const noexcept {
    error_.get();
    return value_.has_value();
  }
  explicit operator bool() const noexcept { return has_value(); }
  /// The value, or the task's exception rethrown.
  T& value() {
    if (error_.get())
      std::rethrow_exception(error_.get());
    return *value_;
  }
  const std::exception_ptr& error() const noexcept { return error_.get(); }

private:
  std::optional<T> value_;
  detail::outcome_error error_;
};

template <>
class outcome<void> {
public:
  outcome() = default;
  static outcome success() { return outcome(); }
  static outcome failure(std::exception_ptr e) {
    outcome o;
    o.error_ = detail::outcome_error(std::move(e));
    return o;
  }
  bool has_value() const noexcept { return !error_.get(); }
  explicit operator bool() const noexcept { return has_value(); }
  void value() const {
    if (error_.get())
      std::rethrow_exception(error_.get());
  }
  const std::exception_ptr& error() const noexcept { return error_.get(); }

private:
  detail::outcome_error error_;
};

namespace detail {

template <class T>
using value_or_monostate_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <class... T, std::size_t... I>
void spawn_gathered(task_group& g, std::tuple<std::optional<value_or_monostate_t<T>>...>& slots,
                    std::index_sequence<I...>, task<T>&... tasks) {
  (group_access::spawn_into(g, std::move(tasks), std::get<I>(slots),
                            std::source_location::current()),
   ...);
}

/// `t`'s outcome; but a cancellation that came from gather_settled being cancelled is passed
/// on, so that gather_settled throws it instead of returning outcomes nobody asked for.
template <class T>
task<outcome<T>> settle(task<T> t) {
  auto state = co_await net::this_coro::cancellation_state;
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(t);
      co_return outcome<void>::success();
    } else {
      co_return outcome<T>::success(co_await std::move(t));
    }
  } catch (...) {
    if (state.cancelled() != net::cancellation_type::none &&
        is_cancellation(std::current_exception()))
      throw;
    co_return outcome<T>::failure(std::current_exception());
  }
}

template <class Range>
using range_task_value_t = task_value_t<std::ranges::range_value_t<Range>>;

template <class Range>
concept task_range = std::ranges::input_range<Range> && is_task_v<std::ranges::range_value_t<Range>>;

/// What gather and gather_settled take: tasks, or one range of tasks.
template <class... A>
concept gather_arguments = (is_task_v<std::remove_cvref_t<A>> && ...) ||
                           (sizeof...(A) == 1 && (task_range<std::remove_cvref_t<A>> && ...));

} // namespace detail

/// Every result, in argument order.
template <class... T>
task<std::tuple<detail::value_or_monostate_t<T>...>> gather(task<T>... tasks) {
  // run throws if a task failed or was cancelled: past it, every slot is filled.
  std::tuple<std::optional<detail::value_or_monostate_t<T>>...> slots;
  co_await detail::group_access::run<void>(
      [&](task_group& g) {
        detail::spawn_gathered(g, slots, std::index_sequence_for<T...>{}, tasks...);
        return [] {};
      },
      std::source_location::current());
  co_return std::apply([](auto&... s) { return std::make_tuple(std::move(*s)...); }, slots);
}

/// Every result of a range of tasks, in order (nothing for tasks of void).
template <detail::task_range Range>
task<std::conditional_t<std::is_void_v<detail::range_task_value_t<Range>>, void,
                        std::vector<detail::range_task_value_t<Range>>>>
gather(Range tasks) {
  using T = detail::range_task_value_t<Range>;
  using slot = std::optional<detail::value_or_monostate_t<T>>;
  if constexpr (!std::ranges::sized_range<Range>) {
    // The slots must not move once the tasks run: count the tasks first.
    std::vector<task<T>> counted;
    for (auto& t : tasks)
      counted.push_back(std::move(t));
    co_return co_await gather(std::move(counted));
  } else {
    // run throws if a task failed or was cancelled: past it, every slot is filled.
    std::vector<slot> slots(std::ranges::size(tasks));
    co_await detail::group_access::run<void>(
        [&](task_group& g) {
          auto s = slots.begin();
          for (auto& t : tasks)
            detail::group_access::spawn_into(g, std::move(t), *s++,
                                             std::source_location::current());
          return [] {};
        },
        std::source_location::current());
    if constexpr (!std::is_void_v<T>) {
      std::vector<T> results;
      results.reserve(slots.size());
      for (auto& s : slots)
        results.push_back(std::move(*s));
      co_return results;
    }
  }
}

/// Each task's outcome, in argument order; a failure cancels nothing.
template <class... T>
task<std::tuple<outcome<T>...>> gather_settled(task<T>... tasks) {
  co_return co_await gather(detail::settle(std::move(tasks))...);
}

template <detail::task_range Range>
task<std::vector<outcome<detail::range_task_value_t<Range>>>> gather_settled(Range tasks) {
  using T = detail::range_task_value_t<Range>;
  std::vector<task<outcome<T>>> settled;
  for (auto& t : tasks)
    settled.push_back(detail::settle(std::move(t)));
  co_return co_await gather(std::move(settled));
}

/// Anything else: one line that says what gather takes, not a list of candidates.
template <class... A>
  requires(!detail::gather_arguments<A...>)
task<void> gather(A&&...) {
  static_assert(detail::misuse<A...>,
                "tether::gather: takes tether::task arguments or one range of them (call each "
                "coroutine: gather(f(), g()))");
  return {}; // awaitable, so that the assertion is the only error
}

template <class... A>
  requires(!detail::gather_arguments<A...>)
task<void> gather_settled(A&&...) {
  static_assert(detail::misuse<A...>,
                "tether::gather_settled: takes tether::task arguments or one range of them (call "
                "each coroutine: gather_settled(f(), g()))");
  return {};
}

namespace detail {

template <std::size_t I, class Variant, class T>
task<void> racer(task_group& g, std::optional<Variant>& winner, task<T> t) {
  if constexpr (std::is_void_v<T>) {
    co_await std::move(t);
    if (!winner) {
      winner.emplace(std::in_place_index<I>);
      g.cancel();
    }
  } else {
    auto v = co_await std::move(t);
    if (!winner) {
      winner.emplace(std::in_place_index<I>, std::move(v));
      g.cancel();
    }
  }
}

template <class Variant, class... T, std::size_t... I>
void spawn_racers(task_group& g, std::optional<Variant>& winner, std::index_sequence<I...>,
                  task<T>&... tasks) {
  (g.spawn(racer<I, Variant>(g, winner, std::move(tasks))), ...);
}

} // namespace detail

/// The result of the first task to finish (its index is the variant's index); the others are
/// cancelled and awaited.
template <class... T>
task<std::variant<detail::value_or_monostate_t<T>...>> race(task<T>... tasks) {
  static_assert(sizeof...(T) > 0, "race needs at least one task");
  using variant = std::variant<detail::value_or_monostate_t<T>...>;
  std::optional<variant> winner;
  co_await task_group::open([&](task_group& g) -> task<void> {
    detail::spawn_racers(g, winner, std::index_sequence_for<T...>{}, tasks...);
    co_return;
  });
  co_return std::move(*winner);
}

} // namespace tether
