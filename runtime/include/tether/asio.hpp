// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/asio.hpp — the one place that chooses the Asio flavour.
//
// Standalone Asio by default; define TETHER_USE_BOOST_ASIO to use Boost.Asio instead.
// Every tether header names Asio only as `tether::net`, so each works with both.
// `tether::task<T>` is `net::awaitable<T>`: tether composes with any Asio coroutine code.
//
// Asio's coroutine support (`awaitable`, `co_spawn`) exists only when Asio's config defines
// ASIO_HAS_CO_AWAIT, and Asio 1.22 and Boost 1.74 do not detect clang's C++20 coroutines.
// So when the compiler has them, this header defines the macro before the first Asio include;
// if Asio was included earlier without it, it stops with the remedy instead of a cascade of
// "no template named 'awaitable'" errors.
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>

#if defined(__cpp_impl_coroutine) && __cpp_impl_coroutine >= 201902L && __has_include(<coroutine>)
#  if defined(TETHER_USE_BOOST_ASIO)
#    if !defined(BOOST_ASIO_HAS_CO_AWAIT)
#      if defined(BOOST_ASIO_DETAIL_CONFIG_HPP) || defined(BOOST_ASIO_DISABLE_CO_AWAIT)
#        error "tether: Boost.Asio was configured without coroutine support: define BOOST_ASIO_HAS_CO_AWAIT=1 for the whole target (link tether::runtime_boost), or include tether before Boost.Asio"
#      endif
#      define BOOST_ASIO_HAS_CO_AWAIT 1
#    endif
#  else
#    if !defined(ASIO_HAS_CO_AWAIT)
#      if defined(ASIO_DETAIL_CONFIG_HPP) || defined(ASIO_DISABLE_CO_AWAIT)
#        error "tether: Asio was configured without coroutine support: define ASIO_HAS_CO_AWAIT=1 for the whole target (link tether::runtime), or include tether before Asio"
#      endif
#      define ASIO_HAS_CO_AWAIT 1
#    endif
#  endif
#else
#  error "tether needs C++20 coroutines: compile with -std=c++20 or later"
#endif

#if defined(TETHER_USE_BOOST_ASIO)
#  include <boost/asio.hpp>
#  include <boost/system/system_error.hpp>
namespace tether {
namespace net = ::boost::asio;
using error_code = ::boost::system::error_code;
using system_error = ::boost::system::system_error;
} // namespace tether
#else
#  include <asio.hpp>
#  include <system_error>
namespace tether {
namespace net = ::asio;
using error_code = std::error_code;
using system_error = std::system_error;
} // namespace tether
#endif

namespace tether {

/// A coroutine that runs on an Asio executor; the same type as `net::awaitable<T>`.
template <class T = void>
using task = net::awaitable<T, net::any_io_executor>;

namespace detail {
template <class A>
struct task_value;
template <class T, class E>
struct task_value<net::awaitable<T, E>> {
  using type = T;
};
} // namespace detail

/// The result type of an awaitable: `task_value_t<task<int>>` is `int`.
template <class A>
using task_value_t = typename detail::task_value<std::remove_cvref_t<A>>::type;

namespace detail {

template <class R>
inline constexpr bool is_task_v = false;
template <class T>
inline constexpr bool is_task_v<task<T>> = true;

/// `fn(args...)` is a call that returns a `tether::task`.
template <class Fn, class... Args>
concept returns_task =
    std::invocable<Fn, Args...> && is_task_v<std::invoke_result_t<Fn, Args...>>;

/// For a `static_assert` that must fail only when its template is instantiated: the runtime's
/// overloads for misuse say what is wrong in one line instead of a list of candidates.
template <class...>
inline constexpr bool misuse = false;

} // namespace detail

} // namespace tether
