// Library templates that pass on the completion token their caller chose,
// as Asio's own headers do (asio/async_result.hpp, asio/impl/co_spawn.hpp):
// the token is a template parameter, forwarded with static_cast or
// std::forward, also in the decltype of a trailing return type. Included
// with -I, as a project's copy of Asio is.
#pragma once
#include <exception>
#include <type_traits>
#include <utility>

namespace asio {
struct detached_t {
  constexpr detached_t() {}
};
inline constexpr detached_t detached;

template <typename T> struct type_identity {
  typedef T type;
};
template <typename T> using type_identity_t = typename type_identity<T>::type;

template <typename CompletionToken, typename Signature> struct async_result {
  template <typename Initiation, typename RawToken, typename... Args>
  static void initiate(Initiation &&initiation, RawToken &&token,
                       Args &&...args) {
    static_cast<Initiation &&>(initiation)(static_cast<RawToken &&>(token),
                                           static_cast<Args &&>(args)...);
  }
};

template <typename CompletionToken, typename Signature, typename Initiation,
          typename... Args>
inline auto async_initiate(Initiation &&initiation,
                           type_identity_t<CompletionToken> &token,
                           Args &&...args)
    -> decltype(async_result<std::decay_t<CompletionToken>, Signature>::
                    initiate(static_cast<Initiation &&>(initiation),
                             static_cast<CompletionToken &&>(token),
                             static_cast<Args &&>(args)...)) {
  return async_result<std::decay_t<CompletionToken>, Signature>::initiate(
      static_cast<Initiation &&>(initiation),
      static_cast<CompletionToken &&>(token), static_cast<Args &&>(args)...);
}

struct io_context {
  struct executor_type {};
  executor_type get_executor();
};

struct initiate_post {
  template <typename Handler, typename W>
  void operator()(Handler &&, W &&) const {}
};

struct empty_work_function {};
template <typename CompletionToken>
auto post(io_context &, CompletionToken &&token)
    -> decltype(async_initiate<CompletionToken, void()>(
        std::declval<initiate_post>(), token, empty_work_function())) {
  return async_initiate<CompletionToken, void()>(initiate_post(), token,
                                                 empty_work_function());
}

struct initiate_co_spawn {
  template <typename Handler, typename F>
  void operator()(Handler &&, F &&) const {}
};

template <typename F, typename CompletionToken>
auto co_spawn(io_context::executor_type, F &&f, CompletionToken &&token) {
  return async_initiate<CompletionToken, void(std::exception_ptr)>(
      initiate_co_spawn(), token, std::forward<F>(f));
}

// co_spawn on a context passes the token on to co_spawn on its executor.
template <typename F, typename CompletionToken>
auto co_spawn(io_context &ctx, F &&f, CompletionToken &&token) {
  return (co_spawn)(ctx.get_executor(), std::forward<F>(f),
                    std::forward<CompletionToken>(token));
}
} // namespace asio
