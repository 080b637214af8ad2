// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/detail/one_executor.hpp — the single-executor rule, checked as far as Asio tells.
//
// shield, with_timeout and timeout_or run an operation beside their caller, and the two share
// state in the caller's frame without a lock: they are right only on an executor that runs one
// step at a time (a strand, or an io_context run by one thread). On an io_context run by
// several threads without a strand, the operation's completion races the caller (a lost
// wake-up, or a crash). Asio does not say how many threads are running an io_context, but it
// keeps what the context was made for: its concurrency hint. So `require_one_executor` rejects
// a bare executor (not a strand) of an io_context built for more than one thread
// (`io_context(4)`) or of a thread_pool of more than one thread, by throwing
// std::logic_error before anything starts. What it cannot see is taken on trust: an io_context
// built with the default hint (`io_context()`, which says nothing of its threads) and then run
// by several threads, an executor type of the program's own, and any executor in a build
// without typeid.
#pragma once

#include <stdexcept>
#include <string>
#include <typeinfo>

#include "tether/asio.hpp"
#include "tether/detail/deadline_queue.hpp"

namespace tether::detail {

/// Whether `ex` holds an executor of type `T`. (Asio 1.22's `any_io_executor::target<T>()`
/// does not check the type: it casts whatever it holds.) Without typeid (-fno-rtti, and Asio's
/// NO_TYPEID), Asio keeps its type identities private: nothing is recognised.
template <class T>
bool holds(const net::any_io_executor& ex) {
#if defined(ASIO_NO_TYPEID) || defined(BOOST_ASIO_NO_TYPEID)
  (void)ex;
  return false;
#else
  return ex.target_type() == typeid(T);
#endif
}

/// Throws std::logic_error if `ex`, the caller's executor, may run two of its steps at once.
/// `context` is the per-context service that with_timeout looks up anyway (its lookup is
/// cached per thread); it keeps the context's concurrency hint.
inline void require_one_executor(const net::any_io_executor& ex, const deadline_queue& context,
                                 const char* who) {
  bool parallel = false;
  if (holds<net::io_context::executor_type>(ex))
    parallel = context.concurrency_hint() > 1;
  else if (holds<net::thread_pool::executor_type>(ex))
    parallel = context.concurrency_hint() != 1;
  if (parallel)
    throw std::logic_error(
        std::string(who) +
        ": the caller runs on an io_context or thread_pool that several threads run, without "
        "a strand; the operation would race its caller. Start the coroutine on a strand: "
        "co_spawn(net::make_strand(ctx), ...)");
}

} // namespace tether::detail
