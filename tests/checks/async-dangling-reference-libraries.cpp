// Other libraries' async scopes own and join what is spawned on them: a
// local outlives a task the scope joins before the local's scope ends, and
// an object outlives a task spawned on a scope it owns.
// RUN: %check_tidy %s async-dangling-reference %t -- -- -I %S/Inputs

#include "cppcoro_async_scope.h"
#include <string>

cppcoro::task<> handle(const std::string &Request);

cppcoro::task<> joined() {
  cppcoro::async_scope Scope;
  std::string Request = "x";
  Scope.spawn(handle(Request));
  co_await Scope.join();
}

cppcoro::task<> notJoined(cppcoro::async_scope &Scope) {
  std::string Request = "x";
  Scope.spawn(handle(Request));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: task 'handle' started by 'spawn' can outlive local 'Request', which its parameter 'Request' refers to [async-dangling-reference]
  co_return;
}

class Server {
public:
  void start() { Scope.spawn(serve()); }
  void startElsewhere(cppcoro::async_scope &Other) { Other.spawn(serve()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:66: warning: task 'serve' started by 'spawn' can outlive '*this': nothing keeps the 'Server' it refers to alive until the task completes [async-dangling-reference]

private:
  cppcoro::task<> serve();
  cppcoro::async_scope Scope;
};
