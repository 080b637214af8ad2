// tether/asio.hpp — the one place that chooses the Asio flavour.
//
// Standalone Asio by default; define TETHER_USE_BOOST_ASIO to use Boost.Asio instead.
// Every tether header names Asio only as `tether::net`, so each works with both.
// `tether::task<T>` is `net::awaitable<T>`: tether composes with any Asio coroutine code.
#pragma once

#include <utility>

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

} // namespace tether
