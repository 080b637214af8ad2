// A descriptor on the process's standard input or output is the terminal, not
// a peer: reading it waits for the user, as a chat client that publishes what
// is typed means to (Boost.Redis's cpp20_chat_room.cpp). The stream is known
// by how it is made (STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO, stdin), also
// through a smart pointer and through a parameter that every call of the
// translation unit gives it.
// RUN: %check_tidy %s async-missing-timeout %t -- -- %asio_flags

#include <asio.hpp>
#include <memory>
#include <stdio.h>
#include <string>
#include <unistd.h>

using asio::awaitable;
using asio::use_awaitable;
using asio::posix::stream_descriptor;

awaitable<void> echoTerminal() {
  auto Ex = co_await asio::this_coro::executor;
  stream_descriptor In(Ex, ::dup(STDIN_FILENO));
  stream_descriptor Out(Ex, STDOUT_FILENO);
  std::string Line;
  auto N = co_await asio::async_read_until(In, asio::dynamic_buffer(Line), "\n",
                                           use_awaitable);
  co_await asio::async_write(Out, asio::buffer(Line, N), use_awaitable);
  stream_descriptor Err(Ex, ::fileno(stderr));
  co_await Err.async_write_some(asio::buffer(Line), use_awaitable);
}

// Through a shared_ptr and a parameter: every call passes the terminal.
awaitable<void> publisher(std::shared_ptr<stream_descriptor> In) {
  for (std::string Msg;;) {
    auto N = co_await asio::async_read_until(*In, asio::dynamic_buffer(Msg),
                                             "\n", use_awaitable);
    Msg.erase(0, N);
    char Byte;
    co_await In->async_read_some(asio::buffer(&Byte, 1), use_awaitable);
  }
}

awaitable<void> chat() {
  auto Ex = co_await asio::this_coro::executor;
  auto Stream = std::make_shared<stream_descriptor>(Ex, ::dup(STDIN_FILENO));
  asio::co_spawn(Ex, publisher(Stream), [](std::exception_ptr) {});
}

// A descriptor made from anything else is a peer: a pipe or a socket.
awaitable<void> readPipe(int Fd) {
  auto Ex = co_await asio::this_coro::executor;
  stream_descriptor Pipe(Ex, Fd);
  char Buf[16];
  co_await Pipe.async_read_some(asio::buffer(Buf), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline: a peer that stops answering suspends the coroutine forever; wrap it in 'tether::with_timeout' or race it against a timer [async-missing-timeout]
}

// A parameter one call gives the terminal and another a pipe: a peer.
awaitable<void> relay(stream_descriptor &From) {
  char Buf[16];
  co_await From.async_read_some(asio::buffer(Buf), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read_some' is awaited with no deadline
}

awaitable<void> relayBoth(int Fd) {
  auto Ex = co_await asio::this_coro::executor;
  stream_descriptor In(Ex, STDIN_FILENO);
  stream_descriptor Pipe(Ex, Fd);
  co_await relay(In);
  co_await relay(Pipe);
}
