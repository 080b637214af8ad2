// A detached completion token is judged where it is written: never through
// a template parameter that passes on the caller's token (the library's
// instantiation for detached_t is not a second finding), never in an
// unevaluated operand.
// RUN: %check_tidy %s async-fire-and-forget %t -- -header-filter='.*' -- -I %S/Inputs

#include "forwarding_tokens.h"

struct job {
  void operator()() {}
};

void start(asio::io_context &Io) {
  asio::post(Io, asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'post' with 'detached' runs the operation unowned: its result and its error are lost [async-fire-and-forget]
  asio::co_spawn(Io, job(), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost [async-fire-and-forget]
  asio::post(Io, [] {});
}

// A template of the user that passes its caller's token on: the caller's
// call is where the token is written.
template <typename Token> void startWith(asio::io_context &Io, Token &&T) {
  asio::post(Io, std::forward<Token>(T));
  asio::co_spawn(Io, job(), static_cast<Token &&>(T));
}

void caller(asio::io_context &Io) {
  startWith(Io, asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'startWith' with 'detached' runs the operation unowned: its result and its error are lost [async-fire-and-forget]
  startWith(Io, [] {});
}

// A template that writes the token itself is reported there.
template <typename F> void spawnDetached(asio::io_context &Io, F Fn) {
  asio::co_spawn(Io.get_executor(), Fn, asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_spawn' with 'detached' runs the task unowned: its result and its exception are lost [async-fire-and-forget]
}
template void spawnDetached(asio::io_context &, job);

// Unevaluated operands start nothing.
using posted = decltype(asio::post(std::declval<asio::io_context &>(),
                                   asio::detached));
auto postType(asio::io_context &Io) -> decltype(asio::post(Io, asio::detached));
bool unevaluated(asio::io_context &Io) {
  using result = decltype(asio::post(Io, asio::detached));
  return noexcept(asio::post(Io, asio::detached)) &&
         requires { asio::co_spawn(Io, job(), asio::detached); };
}
