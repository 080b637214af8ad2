// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/cancellation.hpp — recognising cancellations and not losing errors.
//
// tether has one cancellation model: Asio terminal cancellation, which a coroutine sees as
// `system_error(operation_aborted)` (or an exception_group of several). `is_cancellation(eptr)`
// tells a cancellation from a failure (a handler that catches everything rethrows the first).
// `tether::rethrow` is a completion token for `co_spawn` that rethrows a task's exception out
// of `io_context::run` instead of dropping it.
#pragma once

#include <algorithm>
#include <exception>

#include "tether/asio.hpp"
#include "tether/exception_group.hpp"

namespace tether {

/// True if `e` holds a cancellation: `system_error` with `operation_aborted`, or an
/// `exception_group` of nothing else (concurrent steps that were all cancelled).
inline bool is_cancellation(const std::exception_ptr& e) noexcept {
  if (!e)
    return false;
  try {
    std::rethrow_exception(e);
  } catch (const system_error& se) {
    return se.code() == net::error::operation_aborted;
  } catch (const exception_group& g) {
    return std::all_of(g.exceptions().begin(), g.exceptions().end(),
                       [](const std::exception_ptr& x) { return is_cancellation(x); });
  } catch (...) {
    return false;
  }
}

/// The error a cancelled tether operation throws.
[[noreturn]] inline void throw_cancelled() {
  throw system_error(error_code(net::error::operation_aborted));
}

/// Completion handler for `co_spawn`: rethrows the task's exception from the handler, so it
/// propagates out of `io_context::run()`; a result is discarded.
struct rethrow_t {
  template <class... Results>
  void operator()(std::exception_ptr e, Results&&...) const {
    if (e)
      std::rethrow_exception(e);
  }
};

/// `net::co_spawn(ex, work(), tether::rethrow);`
inline constexpr rethrow_t rethrow{};

} // namespace tether
