// A call that never runs starts nothing: the left side of a comma in a
// SFINAE decltype (async_mqtt's is_customize_handshake_callable_impl writes
// `decltype(layer::async_handshake(...), std::true_type())`), a sizeof, a
// noexcept. The same call in a function body is reported.
// RUN: %check_tidy %s async-fire-and-forget %t -- -- %asio_flags

#include <asio.hpp>
#include <type_traits>

using asio::awaitable;

struct customized_layer {
  static awaitable<void> async_handshake(int Stream);
};

struct is_customize_handshake_callable_impl {
  template <typename Layer>
  static auto check(Layer &&, int Stream)
      -> decltype(Layer::async_handshake(Stream), std::true_type());
  static std::false_type check(...);
};

static_assert(decltype(is_customize_handshake_callable_impl::check(
    customized_layer{}, 0))::value);

template <typename Layer>
auto callable_with(int Stream)
    -> decltype(Layer::async_handshake(Stream), std::true_type()) {
  return {};
}

static_assert(decltype(callable_with<customized_layer>(0))::value);

constexpr auto TaskSize = sizeof(customized_layer::async_handshake(0), 0);

bool handshake_is_noexcept() {
  return noexcept(customized_layer::async_handshake(0), 0);
}

void forgotten() {
  customized_layer::async_handshake(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'async_handshake' is discarded: if it is lazy it never runs, if it is eager nobody owns it; co_await it or keep it to await later [async-fire-and-forget]
}
