// RUN: %check_tidy -check-suffixes=,WARN %s async-blocking-call-in-coroutine %t -- -- %asio_flags -I %runtime_include
// RUN: %check_tidy -check-suffixes=,WARN,NOTE -fix-notes %s async-blocking-call-in-coroutine %t -- -- %asio_flags -I %runtime_include

#include <asio.hpp>
#include <barrier>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iostream>
#include <latch>
#include <semaphore>
#include <sstream>
#include <string>
// CHECK-FIXES-WARN: {{^}}#include <tether/sleep.hpp>{{$}}
// CHECK-FIXES-NOTE: {{^}}#include <tether/offload.hpp>{{$}}
#include <thread>
#include <netdb.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

using namespace std::chrono_literals;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

awaitable<void> sleeps() {
  std::this_thread::sleep_for(10ms);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_await tether::sleep_for(10ms);{{$}}
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_until' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_await tether::sleep_until(std::chrono::steady_clock::now() + 1s);{{$}}
  using namespace std::this_thread;
  sleep_for(std::chrono::milliseconds(5));
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_await tether::sleep_for(std::chrono::milliseconds(5));{{$}}
  sleep(1);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'sleep' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: suspend on a timer instead, such as 'co_await tether::sleep_for(...)'
  usleep(10);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'usleep' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: suspend on a timer instead, such as 'co_await tether::sleep_for(...)'
  timespec Pause{0, 1000};
  nanosleep(&Pause, nullptr);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'nanosleep' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: suspend on a timer instead, such as 'co_await tether::sleep_for(...)'
  co_return;
}

awaitable<int> waits(std::future<int> &Future, std::shared_future<int> &Shared,
                     std::thread &Thread, std::jthread &JThread,
                     std::condition_variable &Cv,
                     std::condition_variable_any &CvAny, std::mutex &Mutex,
                     std::counting_semaphore<4> &Slots,
                     std::binary_semaphore &Signal, std::latch &Latch,
                     std::barrier<> &Barrier) {
  int Value = Future.get();
// CHECK-NOTES: :[[@LINE-1]]:15: warning: 'std::future::get' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:15: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  int Value = co_await tether::offload([&] { return Future.get(); });{{$}}
  Future.wait();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::future::wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Future.wait(); });{{$}}
  Future.wait_for(1s);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::future::wait_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Future.wait_for(1s); });{{$}}
  Future.wait_until(std::chrono::steady_clock::now() + 1s);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::future::wait_until' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Future.wait_until(std::chrono::steady_clock::now() + 1s); });{{$}}
  Value += Shared.get();
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'std::shared_future::get' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:12: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
  Shared.wait();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::shared_future::wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Shared.wait(); });{{$}}
  Thread.join();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::thread::join' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Thread.join(); });{{$}}
  JThread.join();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::jthread::join' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { JThread.join(); });{{$}}
  std::unique_lock<std::mutex> Lock(Mutex);
  Cv.wait(Lock);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': awaiting its 'wait(pred)' suspends the coroutine, not its thread
  Cv.wait_for(Lock, 1s, [] { return true; });
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': awaiting its 'wait(pred)' suspends the coroutine, not its thread
  CvAny.wait(Lock);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable_any::wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': awaiting its 'wait(pred)' suspends the coroutine, not its thread
  Lock.unlock();
  Slots.acquire();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::counting_semaphore::acquire' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Slots.acquire(); });{{$}}
  Signal.acquire();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::counting_semaphore::acquire' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Signal.acquire(); });{{$}}
  if (Slots.try_acquire_for(5ms))
// CHECK-NOTES: :[[@LINE-1]]:7: warning: 'std::counting_semaphore::try_acquire_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:7: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  if (co_await tether::offload([&] { return Slots.try_acquire_for(5ms); })){{$}}
    Slots.release();
  Latch.wait();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::latch::wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Latch.wait(); });{{$}}
  Latch.arrive_and_wait();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::latch::arrive_and_wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Latch.arrive_and_wait(); });{{$}}
  Barrier.arrive_and_wait();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::barrier::arrive_and_wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Barrier.arrive_and_wait(); });{{$}}
  co_return Value;
}

awaitable<std::size_t> syncAsio(tcp::socket &Socket, tcp::socket *Pointer,
                                tcp::acceptor &Acceptor,
                                tcp::resolver &Resolver,
                                asio::ip::udp::socket &Datagram,
                                asio::io_context &Context) {
  char Buffer[64];
  std::size_t Count = Socket.read_some(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:23: warning: 'asio::basic_stream_socket::read_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  std::size_t Count = co_await Socket.async_read_some(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Count += Socket.write_some(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_stream_socket::write_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Socket.async_write_some(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Count += Socket.receive(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_stream_socket::receive' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Socket.async_receive(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Count += Pointer->send(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_stream_socket::send' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Pointer->async_send(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  asio::error_code Error;
  Count += Socket.read_some(asio::buffer(Buffer), Error);
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_stream_socket::read_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:12: note: co_await its asynchronous twin 'async_read_some'; its error then goes to the same error_code through 'redirect_error'
// CHECK-FIXES-NOTE: {{^}}  Count += co_await Socket.async_read_some(asio::buffer(Buffer), asio::redirect_error(asio::use_awaitable, Error));{{$}}
  Socket.connect(tcp::endpoint());
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::basic_socket::connect' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_await Socket.async_connect(tcp::endpoint(), asio::use_awaitable);{{$}}
  tcp::socket Peer = Acceptor.accept();
// CHECK-NOTES: :[[@LINE-1]]:22: warning: 'asio::basic_socket_acceptor::accept' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  tcp::socket Peer = co_await Acceptor.async_accept(asio::use_awaitable);{{$}}
  Acceptor.accept(Peer, Error);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::basic_socket_acceptor::accept' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: co_await its asynchronous twin 'async_accept'; its error then goes to the same error_code through 'redirect_error'
// CHECK-FIXES-NOTE: {{^}}  co_await Acceptor.async_accept(Peer, asio::redirect_error(asio::use_awaitable, Error));{{$}}
  auto Endpoints = Resolver.resolve("localhost", "80");
// CHECK-NOTES: :[[@LINE-1]]:20: warning: 'asio::ip::basic_resolver::resolve' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  auto Endpoints = co_await Resolver.async_resolve("localhost", "80", asio::use_awaitable);{{$}}
  asio::connect(Socket, Endpoints);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::connect' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_await asio::async_connect(Socket, Endpoints, asio::use_awaitable);{{$}}
  Count += asio::read(Socket, asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::read' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await asio::async_read(Socket, asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Count += asio::write(Socket, asio::buffer(Buffer), Error);
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::write' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:12: note: co_await its asynchronous twin 'async_write'; its error then goes to the same error_code through 'redirect_error'
// CHECK-FIXES-NOTE: {{^}}  Count += co_await asio::async_write(Socket, asio::buffer(Buffer), asio::redirect_error(asio::use_awaitable, Error));{{$}}
  asio::streambuf Line;
  Count += asio::read_until(Socket, Line, '\n');
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::read_until' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await asio::async_read_until(Socket, Line, '\n', asio::use_awaitable);{{$}}
  asio::ip::udp::endpoint From;
  Count += Datagram.receive_from(asio::buffer(Buffer), From);
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_datagram_socket::receive_from' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Datagram.async_receive_from(asio::buffer(Buffer), From, asio::use_awaitable);{{$}}
  Count += Datagram.send_to(asio::buffer(Buffer), From);
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_datagram_socket::send_to' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Datagram.async_send_to(asio::buffer(Buffer), From, asio::use_awaitable);{{$}}
  Context.run();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::io_context::run' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Context.run(); });{{$}}
  Count += Context.poll();
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::io_context::poll' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:12: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  Count += co_await tether::offload([&] { return Context.poll(); });{{$}}
  co_return Count + Socket.read_some(asio::buffer(Buffer)) +
// CHECK-NOTES: :[[@LINE-1]]:21: warning: 'asio::basic_stream_socket::read_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_return Count + co_await Socket.async_read_some(asio::buffer(Buffer), asio::use_awaitable) +{{$}}
      Resolver.resolve("localhost", "80").size();
// CHECK-NOTES: :[[@LINE-1]]:7: warning: 'asio::ip::basic_resolver::resolve' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}      (co_await Resolver.async_resolve("localhost", "80", asio::use_awaitable)).size();{{$}}
}

awaitable<void> posix(int Fd) {
  char Buffer[16];
  ssize_t Count = read(Fd, Buffer, sizeof Buffer);
// CHECK-NOTES: :[[@LINE-1]]:19: warning: 'read' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:19: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  ssize_t Count = co_await tether::offload([&] { return read(Fd, Buffer, sizeof Buffer); });{{$}}
  Count = write(Fd, Buffer, 1);
// CHECK-NOTES: :[[@LINE-1]]:11: warning: 'write' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:11: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  Count = co_await tether::offload([&] { return write(Fd, Buffer, 1); });{{$}}
  Count = recv(Fd, Buffer, 1, 0);
// CHECK-NOTES: :[[@LINE-1]]:11: warning: 'recv' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:11: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  Count = co_await tether::offload([&] { return recv(Fd, Buffer, 1, 0); });{{$}}
  Count = ::send(Fd, Buffer, 1, 0);
// CHECK-NOTES: :[[@LINE-1]]:11: warning: 'send' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:11: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  Count = co_await tether::offload([&] { return ::send(Fd, Buffer, 1, 0); });{{$}}
  sockaddr_storage Address;
  socklen_t Length = sizeof Address;
  Count = recvfrom(Fd, Buffer, 1, 0, (sockaddr *)&Address, &Length);
// CHECK-NOTES: :[[@LINE-1]]:11: warning: 'recvfrom' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:11: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  Count = co_await tether::offload([&] { return recvfrom(Fd, Buffer, 1, 0, (sockaddr *)&Address, &Length); });{{$}}
  Count = sendto(Fd, Buffer, 1, 0, (sockaddr *)&Address, Length);
// CHECK-NOTES: :[[@LINE-1]]:11: warning: 'sendto' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:11: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  Count = co_await tether::offload([&] { return sendto(Fd, Buffer, 1, 0, (sockaddr *)&Address, Length); });{{$}}
  connect(Fd, (sockaddr *)&Address, Length);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'connect' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { connect(Fd, (sockaddr *)&Address, Length); });{{$}}
  int Client = accept(Fd, nullptr, nullptr);
// CHECK-NOTES: :[[@LINE-1]]:16: warning: 'accept' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:16: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  int Client = co_await tether::offload([&] { return accept(Fd, nullptr, nullptr); });{{$}}
  pollfd Ready{Client, POLLIN, 0};
  poll(&Ready, 1, -1);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'poll' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { poll(&Ready, 1, -1); });{{$}}
  select(0, nullptr, nullptr, nullptr, nullptr);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'select' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { select(0, nullptr, nullptr, nullptr, nullptr); });{{$}}
  epoll_event Event;
  epoll_wait(Fd, &Event, 1, -1);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'epoll_wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { epoll_wait(Fd, &Event, 1, -1); });{{$}}
  fsync(Fd);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'fsync' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { fsync(Fd); });{{$}}
  waitpid(-1, nullptr, 0);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'waitpid' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { waitpid(-1, nullptr, 0); });{{$}}
  co_return;
}

// Descriptors the code treats as non-blocking: it tests errno for EAGAIN,
// EWOULDBLOCK or EINPROGRESS after the call, or awaits their readiness.
awaitable<void> waitReadable(int Fd);
awaitable<void> waitWritable(int Fd);

awaitable<void> nonBlockingRead(int Fd) {
  char Buffer[16];
  for (;;) {
    ssize_t Count = ::read(Fd, Buffer, sizeof Buffer);
    if (Count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      co_await waitReadable(Fd);
      continue;
    }
    co_return;
  }
}

awaitable<void> nonBlockingConnect(int Fd, const sockaddr *Address,
                                   socklen_t Length) {
  if (::connect(Fd, Address, Length) < 0 && errno != EINPROGRESS)
    co_return;
  co_await waitWritable(Fd);
}

awaitable<void> readinessFirst(int Fd, int File) {
  co_await waitReadable(Fd);
  char Buffer[4];
  ::read(Fd, Buffer, sizeof Buffer);
  // Another descriptor, whose readiness nothing awaits.
  ::read(File, Buffer, sizeof Buffer);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'read' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { ::read(File, Buffer, sizeof Buffer); });{{$}}
}

// A socket whose readiness is awaited, read through its native handle; a
// call with MSG_DONTWAIT returns at once on any descriptor.
awaitable<void> peekAfterReadiness(asio::ip::tcp::socket &Socket, int Fd) {
  co_await Socket.async_wait(asio::ip::tcp::socket::wait_read,
                             asio::use_awaitable);
  unsigned char Head[5];
  ::recv(Socket.native_handle(), Head, sizeof Head, MSG_PEEK);
  ::recv(Fd, Head, sizeof Head, MSG_PEEK | MSG_DONTWAIT);
  ::send(Fd, Head, sizeof Head, MSG_NOSIGNAL);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'send' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { ::send(Fd, Head, sizeof Head, MSG_NOSIGNAL); });{{$}}
}

awaitable<std::string> files(const char *Path) {
  FILE *File = fopen(Path, "r");
// CHECK-NOTES: :[[@LINE-1]]:16: warning: 'fopen' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:16: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  FILE *File = co_await tether::offload([&] { return fopen(Path, "r"); });{{$}}
  char Buffer[64];
  fread(Buffer, 1, sizeof Buffer, File);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'fread' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { fread(Buffer, 1, sizeof Buffer, File); });{{$}}
  fwrite(Buffer, 1, 1, File);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'fwrite' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { fwrite(Buffer, 1, 1, File); });{{$}}
  fgets(Buffer, sizeof Buffer, File);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'fgets' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { fgets(Buffer, sizeof Buffer, File); });{{$}}
  fclose(File);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'fclose' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { fclose(File); });{{$}}
  std::ifstream In(Path);
// CHECK-NOTES: :[[@LINE-1]]:17: warning: 'std::basic_ifstream' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:17: note: construct it on a thread pool, such as with 'tether::offload'
  std::ofstream Out;
  Out.open(Path);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::basic_ofstream::open' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Out.open(Path); });{{$}}
  std::fstream Both{Path};
// CHECK-NOTES: :[[@LINE-1]]:16: warning: 'std::basic_fstream' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:16: note: construct it on a thread pool, such as with 'tether::offload'
  std::string Line;
  std::getline(std::cin, Line);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::getline' on 'std::cin' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { std::getline(std::cin, Line); });{{$}}
  int Number;
  std::cin >> Number >> Line;
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'operator>>' on 'std::cin' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { std::cin >> Number >> Line; });{{$}}
  while (std::getline(std::cin, Line))
// CHECK-NOTES: :[[@LINE-1]]:10: warning: 'std::getline' on 'std::cin' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:10: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
    ;
  system("true");
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'system' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { system("true"); });{{$}}
  FILE *Pipe = popen("ls", "r");
// CHECK-NOTES: :[[@LINE-1]]:16: warning: 'popen' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:16: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  FILE *Pipe = co_await tether::offload([&] { return popen("ls", "r"); });{{$}}
  addrinfo *Info;
  getaddrinfo("localhost", "80", nullptr, &Info);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'getaddrinfo' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { getaddrinfo("localhost", "80", nullptr, &Info); });{{$}}
  gethostbyname("localhost");
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'gethostbyname' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { gethostbyname("localhost"); });{{$}}
  co_return Line;
}

// Non-blocking look-alikes.
struct Journal {
  int read();
  void write(int);
  void send();
};

awaitable<void> lookAlikes(std::mutex &Mutex, std::future<int> &Future,
                           std::condition_variable &Cv, Journal &Log,
                           std::thread &Thread, tcp::socket &Socket) {
  if (Mutex.try_lock())
    Mutex.unlock();
  {
    std::unique_lock<std::mutex> Maybe(Mutex, std::try_to_lock);
    std::unique_lock<std::mutex> Later(Mutex, std::defer_lock);
  }
  Future.wait_for(0s);
  Future.wait_for(std::chrono::seconds(0));
  Future.wait_for(std::chrono::milliseconds::zero());
  std::this_thread::yield();
  Cv.notify_one();
  Cv.notify_all();
  std::istringstream Words("a b");
  std::string Word;
  std::getline(Words, Word);
  Words >> Word;
  Log.read();
  Log.write(1);
  Log.send();
  bool Joinable = Thread.joinable();
  char Buffer[8];
  co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
  co_await asio::async_write(Socket, asio::buffer(Buffer), use_awaitable);
  (void)Joinable;
}

// Not in a coroutine: plain functions, plain lambdas defined in coroutines
// (they run where they are called, here on a thread pool), unevaluated
// operands.
void notACoroutine() { std::this_thread::sleep_for(1ms); }

awaitable<std::size_t> notEvaluatedHere(asio::thread_pool &Pool) {
  asio::post(Pool, [] { std::this_thread::sleep_for(1ms); });
  auto Later = [](int Fd) {
    char Buffer[4];
    return ::read(Fd, Buffer, sizeof Buffer);
  };
  using Result = decltype(sleep(1));
  constexpr std::size_t Size = sizeof(sleep(1));
  constexpr bool NoThrow = noexcept(usleep(1));
  (void)Later;
  co_return Size + NoThrow + sizeof(Result);
}

// co_await is ill-formed in a handler and in a macro's text: warnings and
// advice, no rewrite.
#define NAP() std::this_thread::sleep_for(1ms)

awaitable<void> noRewrite(tcp::socket &Socket) {
  try {
    char Buffer[8];
    co_await Socket.async_read_some(asio::buffer(Buffer), use_awaitable);
  } catch (const std::exception &) {
    std::this_thread::sleep_for(1ms);
// CHECK-NOTES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:5: note: suspend on a timer instead, such as 'co_await tether::sleep_for(...)'
  }
  NAP();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: suspend on a timer instead, such as 'co_await tether::sleep_for(...)'
}

// Templates: reported where an instantiation blocks, without a rewrite of
// text that other instantiations share.
struct FakeStream {
  template <typename Buffers> std::size_t read_some(const Buffers &) {
    return 0;
  }
};

template <typename Stream> awaitable<std::size_t> readFrom(Stream &S) {
  char Buffer[8];
  co_return S.read_some(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:13: warning: 'asio::basic_stream_socket::read_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:13: note: co_await its asynchronous twin 'async_read_some' instead
}

awaitable<void> useTemplates(tcp::socket &Socket, FakeStream &Fake) {
  co_await readFrom(Socket);
  co_await readFrom(Fake);
}

// Coroutine lambdas and member coroutines.
struct Service {
  tcp::socket Socket;
  awaitable<void> poll() {
    char Buffer[8];
    Socket.read_some(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:5: warning: 'asio::basic_stream_socket::read_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}    co_await Socket.async_read_some(asio::buffer(Buffer), asio::use_awaitable);{{$}}
    co_return;
  }
};

void lambdas(asio::io_context &Context) {
  auto Handler = [&]() -> awaitable<void> {
    std::this_thread::sleep_for(1ms);
// CHECK-NOTES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}    co_await tether::sleep_for(1ms);{{$}}
    co_return;
  };
  asio::co_spawn(Context, Handler(), asio::detached);
}
