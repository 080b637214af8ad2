// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/async_with.hpp — async RAII: a resource whose cleanup is itself asynchronous.
//
//   co_await tether::async_with(connection::open(ep), [&](connection& c) -> tether::task<> {
//     co_await c.send(request);
//   });
//
// `acquire` is awaited for the resource; `body(resource)` runs; then `co_await
// resource.async_close()` runs on every exit path (result, exception, cancellation), shielded
// from cancellation so the cleanup finishes. The body's error wins; if both the body and the
// close fail, both are thrown as an exception_group.
#pragma once

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "tether/asio.hpp"
#include "tether/exception_group.hpp"
#include "tether/shield.hpp"

namespace tether {

template <class Resource, class Body>
task<task_value_t<std::invoke_result_t<Body&, Resource&>>> async_with(task<Resource> acquire,
                                                                      Body body) {
  using R = task_value_t<std::invoke_result_t<Body&, Resource&>>;
  Resource resource = co_await std::move(acquire);
  std::optional<std::conditional_t<std::is_void_v<R>, char, R>> result;
  std::exception_ptr body_error;
  try {
    if constexpr (std::is_void_v<R>) {
      co_await body(resource);
      result.emplace();
    } else {
      result.emplace(co_await body(resource));
    }
  } catch (...) {
    body_error = std::current_exception();
  }
  std::exception_ptr close_error;
  bool throws = co_await net::this_coro::throw_if_cancelled();
  co_await net::this_coro::throw_if_cancelled(false); // the close runs even when cancelled
  try {
    co_await shield(resource.async_close());
  } catch (...) {
    close_error = std::current_exception();
  }
  co_await net::this_coro::throw_if_cancelled(throws);
  if (body_error && close_error)
    throw exception_group({body_error, close_error});
  if (body_error)
    std::rethrow_exception(body_error);
  if (close_error)
    std::rethrow_exception(close_error);
  if constexpr (!std::is_void_v<R>)
    co_return std::move(*result);
}

} // namespace tether
