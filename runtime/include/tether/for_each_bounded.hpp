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
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <ranges>
#include <stdexcept>
#include <utility>

#include "tether/asio.hpp"
#include "tether/task_group.hpp"

namespace tether {

template <std::ranges::input_range Range, class Fn>
task<void> for_each_bounded(Range&& range, std::size_t n, Fn fn) {
  if (n == 0)
    throw std::invalid_argument("tether::for_each_bounded: n must be at least 1");
  auto it = std::ranges::begin(range);
  auto end = std::ranges::end(range);
  if constexpr (std::ranges::sized_range<Range>)
    n = std::min<std::size_t>(n, std::ranges::size(range));
  // n workers pull items in order: never more than n calls of fn in flight.
  auto worker = [&]() -> task<void> {
    while (it != end) {
      auto step = fn(*it);
      ++it;
      co_await std::move(step);
    }
  };
  co_await task_group::open([&](task_group& g) -> task<void> {
    for (std::size_t i = 0; i < n; ++i)
      g.spawn(worker());
    co_return;
  });
}

} // namespace tether
