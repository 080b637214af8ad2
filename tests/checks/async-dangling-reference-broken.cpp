// Half-written code, the editor's normal state: the check neither crashes nor
// reports nonsense on what does not compile, and still reports what does.
// RUN: %not %tidy %s --checks='-*,async-dangling-reference' -- -std=c++20 %asio_flags 2>&1 | %filecheck %s

#include <asio.hpp>
#include <string>

// CHECK-NOT: warning: {{.*}}[async-dangling-reference]

asio::awaitable<void> greet(const std::string &Name);
asio::awaitable<void> unfinished(const std::string &Name, int Count);

void broken(asio::io_context &Io) {
  std::string Name = "x";
  asio::co_spawn(Io, greet(Name, 1), asio::detached);
  asio::co_spawn(Io, unfinished(Name), asio::detached);
  asio::co_spawn(Io, greet(Undeclared), asio::detached);
  // The closure is a temporary however its body ends.
  asio::co_spawn(Io, [&]() -> asio::awaitable<void> { co_await greet(Name) }(), asio::detached);
  // CHECK: :[[@LINE-1]]:22: warning: coroutine lambda invoked in place is a temporary
  // CHECK-NOT: warning: {{.*}}[async-dangling-reference]
  asio::co_spawn(Io, greet(Name), );
  auto Half = greet(Name) + ;
  asio::co_spawn(Io, [&Missing]() -> asio::awaitable<void> { co_return; }, asio::detached);
  return greet(Name);
}

void stillChecked(asio::io_context &Io) {
  std::string Name = "x";
  asio::co_spawn(Io, greet(Name), asio::detached);
}

// CHECK: :[[@LINE-3]]:22: warning: task 'greet' started by 'co_spawn' can outlive local 'Name'
// CHECK-NOT: warning: {{.*}}[async-dangling-reference]
