// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/for_each_bounded.hpp — one task per item, at most n at a time.
//
//   co_await tether::for_each_bounded(urls, 8, [&](const url& u) -> tether::task<> {
//     co_await fetch(u);
//   });
//
// The rewrite target of unbounded spawning in a loop. Items are started in order as earlier
// ones finish, with at most `n` in flight; the call returns when all are done. Error rules are
// task_group's: the first failure cancels the tasks in flight and starts no more.
//
// `fn` may take the item by reference: the item lives until fn's task has finished, also when
// the range yields it by value (`views::transform`, `views::iota`) or overwrites it on the next
// increment (an input range such as `views::istream`); then it is kept in the worker's frame.
// `fn(item)` must return a `tether::task`: anything else (a function returning void, a value,
// or a task of another executor) is a compile-time error that says so.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <functional>
#include <iterator>
#include <ranges>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "tether/asio.hpp"
#include "tether/task_group.hpp"

namespace tether {

namespace detail {

/// True when `*it` stays valid after `++it` for as long as the range lives: the callee may then
/// be handed the range's own element. Otherwise (a prvalue, or an input range whose iterator
/// refers to storage the next increment reuses) the element is moved into the worker's frame.
template <class Range>
inline constexpr bool element_outlives_increment_v =
    std::is_lvalue_reference_v<std::ranges::range_reference_t<Range>> &&
    std::ranges::forward_range<Range>;

/// What the worker passes to fn: the range's element itself, or the copy it keeps (an lvalue
/// for an input range's element, an rvalue for a prvalue).
template <class Range>
using item_argument_t = std::conditional_t<
    element_outlives_increment_v<Range>, std::ranges::range_reference_t<Range>,
    std::conditional_t<std::is_lvalue_reference_v<std::ranges::range_reference_t<Range>>,
                       std::ranges::range_value_t<Range>&,
                       std::remove_cv_t<std::ranges::range_reference_t<Range>>&&>>;

template <std::ranges::input_range Range, class Fn>
task<void> for_each_bounded_impl(Range&& range, std::size_t n, Fn fn) {
  if (n == 0)
    throw std::invalid_argument("tether::for_each_bounded: n must be at least 1");
  auto it = std::ranges::begin(range);
  auto end = std::ranges::end(range);
  if constexpr (std::ranges::sized_range<Range>)
    n = std::min<std::size_t>(n, std::ranges::size(range));
  // n workers pull items in order: never more than n calls of fn in flight.
  auto worker = [&]() -> task<void> {
    using reference = std::ranges::range_reference_t<Range>;
    while (it != end) {
      if constexpr (detail::element_outlives_increment_v<Range>) {
        auto step = fn(*it);
        ++it;
        co_await std::move(step);
      } else if constexpr (std::is_lvalue_reference_v<reference>) {
        // An input range's element: take it before the increment overwrites it.
        std::ranges::range_value_t<Range> item(std::ranges::iter_move(it));
        ++it;
        co_await fn(item);
      } else {
        // A prvalue (or a proxy): keep it here, where it outlives fn's task, and hand it on
        // as the rvalue it was.
        std::remove_cv_t<reference> item(*it);
        ++it;
        co_await fn(std::move(item));
      }
    }
  };
  co_await task_group::open([&](task_group& g) -> task<void> {
    for (std::size_t i = 0; i < n; ++i)
      g.spawn(worker());
    co_return;
  });
}

} // namespace detail

template <std::ranges::input_range Range, class Fn>
task<void> for_each_bounded(Range&& range, std::size_t n, Fn fn) {
  // Checked here, before the coroutine is instantiated, so that a wrong fn gives these two
  // lines and not a page of errors from inside the worker.
  using argument = detail::item_argument_t<Range>;
  static_assert(std::invocable<Fn&, argument>,
                "tether::for_each_bounded: fn must be callable with one item of the range");
  static_assert(detail::returns_task<Fn&, argument>,
                "tether::for_each_bounded: fn must return a tether::task "
                "(a coroutine such as [&](const T& item) -> tether::task<> { ... })");
  if constexpr (detail::returns_task<Fn&, argument>)
    return detail::for_each_bounded_impl(std::forward<Range>(range), n, std::move(fn));
  else
    return {};
}

} // namespace tether
