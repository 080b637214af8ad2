// The rest of the default list, one call each, and coroutines nested in
// coroutines.
// RUN: %check_tidy -check-suffixes=,WARN %s async-blocking-call-in-coroutine %t -- -- %asio_flags -I %runtime_include
// RUN: %check_tidy -check-suffixes=,WARN,NOTE -fix-notes %s async-blocking-call-in-coroutine %t -- -- %asio_flags -I %runtime_include

#include <asio.hpp>
#include <asio/serial_port.hpp>
#include <asio/ssl.hpp>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <future>
#include <mutex>
#include <semaphore>
// CHECK-FIXES-NOTE: {{^}}#include <tether/offload.hpp>{{$}}
// CHECK-FIXES-WARN: {{^}}#include <tether/sleep.hpp>{{$}}
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

using namespace std::chrono_literals;
using asio::awaitable;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

awaitable<void> moreWaits(std::shared_future<int> &Shared,
                          std::condition_variable &Cv,
                          std::condition_variable_any &CvAny,
                          std::mutex &Mutex, std::counting_semaphore<2> &Slots,
                          std::barrier<> &Barrier) {
  Shared.wait_for(1s);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::shared_future::wait_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Shared.wait_for(1s); });{{$}}
  Shared.wait_until(Clock::now() + 1s);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::shared_future::wait_until' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Shared.wait_until(Clock::now() + 1s); });{{$}}
  std::unique_lock<std::mutex> Lock(Mutex);
  Cv.wait_until(Lock, Clock::now() + 1s);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait_until' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': awaiting its 'wait(pred)' suspends the coroutine, not its thread
  CvAny.wait_for(Lock, 1s);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable_any::wait_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': awaiting its 'wait(pred)' suspends the coroutine, not its thread
  CvAny.wait_until(Lock, Clock::now() + 1s);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::condition_variable_any::wait_until' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an async condition instead, such as 'tether::condition': awaiting its 'wait(pred)' suspends the coroutine, not its thread
  Lock.unlock();
  if (Slots.try_acquire_until(Clock::now() + 1ms))
// CHECK-NOTES: :[[@LINE-1]]:7: warning: 'std::counting_semaphore::try_acquire_until' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:7: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  if (co_await tether::offload([&] { return Slots.try_acquire_until(Clock::now() + 1ms); })){{$}}
    Slots.release();
  Barrier.wait(Barrier.arrive());
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::barrier::wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Barrier.wait(Barrier.arrive()); });{{$}}
  timespec Pause{0, 1000};
  clock_nanosleep(CLOCK_MONOTONIC, 0, &Pause, nullptr);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'clock_nanosleep' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: suspend on a timer instead, such as 'co_await tether::sleep_for(...)'
  co_return;
}

awaitable<void> moreAsio(asio::io_context &Context, asio::serial_port &Port,
                         asio::ssl::stream<tcp::socket> &Tls,
                         asio::ip::udp::socket &Datagram,
                         asio::generic::raw_protocol::socket &Raw,
                         asio::generic::seq_packet_protocol::socket &Packets) {
  char Buffer[16];
  Context.run_one();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::io_context::run_one' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Context.run_one(); });{{$}}
  Context.run_for(1s);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::io_context::run_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Context.run_for(1s); });{{$}}
  Context.run_until(Clock::now() + 1s);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::io_context::run_until' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Context.run_until(Clock::now() + 1s); });{{$}}
  Context.poll_one();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::io_context::poll_one' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Context.poll_one(); });{{$}}
  std::size_t Count = Port.read_some(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:23: warning: 'asio::basic_serial_port::read_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  std::size_t Count = co_await Port.async_read_some(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Count += Port.write_some(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_serial_port::write_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Port.async_write_some(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Tls.handshake(asio::ssl::stream_base::client);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::ssl::stream::handshake' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_await Tls.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);{{$}}
  Count += Tls.read_some(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::ssl::stream::read_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Tls.async_read_some(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Count += Tls.write_some(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::ssl::stream::write_some' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Tls.async_write_some(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Tls.shutdown();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::ssl::stream::shutdown' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_await Tls.async_shutdown(asio::use_awaitable);{{$}}
  // A socket's shutdown is a system call that returns at once.
  Tls.next_layer().shutdown(tcp::socket::shutdown_both);
  Count += Datagram.receive(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_datagram_socket::receive' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Datagram.async_receive(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Count += Datagram.send(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_datagram_socket::send' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Datagram.async_send(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  asio::generic::raw_protocol::endpoint From;
  Count += Raw.receive(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_raw_socket::receive' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Raw.async_receive(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Count += Raw.send(asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_raw_socket::send' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Raw.async_send(asio::buffer(Buffer), asio::use_awaitable);{{$}}
  Count += Raw.receive_from(asio::buffer(Buffer), From);
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_raw_socket::receive_from' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Raw.async_receive_from(asio::buffer(Buffer), From, asio::use_awaitable);{{$}}
  Count += Raw.send_to(asio::buffer(Buffer), From);
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_raw_socket::send_to' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Raw.async_send_to(asio::buffer(Buffer), From, asio::use_awaitable);{{$}}
  asio::socket_base::message_flags Flags;
  Count += Packets.receive(asio::buffer(Buffer), Flags);
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_seq_packet_socket::receive' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Packets.async_receive(asio::buffer(Buffer), Flags, asio::use_awaitable);{{$}}
  Count += Packets.send(asio::buffer(Buffer), 0);
// CHECK-NOTES: :[[@LINE-1]]:12: warning: 'asio::basic_seq_packet_socket::send' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  Count += co_await Packets.async_send(asio::buffer(Buffer), 0, asio::use_awaitable);{{$}}
  co_return;
}

// A timer waited for synchronously: the thread sleeps until it expires.
awaitable<void> waitsOnATimer(asio::steady_timer &Timer) {
  Timer.wait();
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::basic_waitable_timer::wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}  co_await Timer.async_wait(asio::use_awaitable);{{$}}
  asio::error_code Error;
  Timer.wait(Error);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'asio::basic_waitable_timer::wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: co_await its asynchronous twin 'async_wait'; its error then goes to the same error_code through 'redirect_error'
// CHECK-FIXES-NOTE: {{^}}  co_await Timer.async_wait(asio::redirect_error(asio::use_awaitable, Error));{{$}}
  co_return;
}

// A device of the caller's choosing: reported in the instantiation, not
// rewritten in the template.
template <typename Device> awaitable<std::size_t> atOffset(Device &Disk) {
  char Buffer[16];
  std::size_t Count = asio::read_at(Disk, 0, asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:23: warning: 'asio::read_at' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:23: note: co_await its asynchronous twin 'async_read_at' instead
  co_return Count + asio::write_at(Disk, 0, asio::buffer(Buffer));
// CHECK-NOTES: :[[@LINE-1]]:21: warning: 'asio::write_at' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:21: note: co_await its asynchronous twin 'async_write_at' instead
}

struct Disk {
  template <typename Buffers>
  std::size_t read_some_at(std::uint64_t, const Buffers &, asio::error_code &);
  template <typename Buffers>
  std::size_t write_some_at(std::uint64_t, const Buffers &,
                            asio::error_code &);
};

awaitable<void> useDisk(Disk &D) { co_await atOffset(D); }

awaitable<void> morePosix(int Fd) {
  char Buffer[16];
  iovec Parts{Buffer, sizeof Buffer};
  msghdr Message{};
  pread(Fd, Buffer, sizeof Buffer, 0);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'pread' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { pread(Fd, Buffer, sizeof Buffer, 0); });{{$}}
  pwrite(Fd, Buffer, 1, 0);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'pwrite' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { pwrite(Fd, Buffer, 1, 0); });{{$}}
  readv(Fd, &Parts, 1);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'readv' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { readv(Fd, &Parts, 1); });{{$}}
  writev(Fd, &Parts, 1);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'writev' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { writev(Fd, &Parts, 1); });{{$}}
  recvmsg(Fd, &Message, 0);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'recvmsg' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { recvmsg(Fd, &Message, 0); });{{$}}
  sendmsg(Fd, &Message, 0);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'sendmsg' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { sendmsg(Fd, &Message, 0); });{{$}}
  accept4(Fd, nullptr, nullptr, 0);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'accept4' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { accept4(Fd, nullptr, nullptr, 0); });{{$}}
  pollfd Ready{Fd, POLLIN, 0};
  ppoll(&Ready, 1, nullptr, nullptr);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'ppoll' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { ppoll(&Ready, 1, nullptr, nullptr); });{{$}}
  pselect(0, nullptr, nullptr, nullptr, nullptr, nullptr);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'pselect' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { pselect(0, nullptr, nullptr, nullptr, nullptr, nullptr); });{{$}}
  epoll_event Event;
  epoll_pwait(Fd, &Event, 1, -1, nullptr);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'epoll_pwait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { epoll_pwait(Fd, &Event, 1, -1, nullptr); });{{$}}
  fdatasync(Fd);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'fdatasync' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { fdatasync(Fd); });{{$}}
  int Status;
  wait(&Status);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'wait' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { wait(&Status); });{{$}}
  FILE *Pipe = popen("true", "r");
// CHECK-NOTES: :[[@LINE-1]]:16: warning: 'popen' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:16: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  FILE *Pipe = co_await tether::offload([&] { return popen("true", "r"); });{{$}}
  pclose(Pipe);
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'pclose' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { pclose(Pipe); });{{$}}
  std::ifstream In;
  In.open("in.txt");
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::basic_ifstream::open' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { In.open("in.txt"); });{{$}}
  std::fstream Both;
  Both.open("both.txt");
// CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::basic_fstream::open' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-NOTES: :[[@LINE-2]]:3: note: run it on a thread pool, such as with 'co_await tether::offload': the coroutine resumes when it returns
// CHECK-FIXES-NOTE: {{^}}  co_await tether::offload([&] { Both.open("both.txt"); });{{$}}
  co_return;
}

// A coroutine lambda in a coroutine lambda: each is checked as itself; the
// plain lambda in between is not a coroutine.
awaitable<void> nested(asio::io_context &Context) {
  auto Outer = [&]() -> awaitable<void> {
    auto Plain = [] { std::this_thread::sleep_for(1ms); };
    auto Inner = [&]() -> awaitable<void> {
      std::this_thread::sleep_for(2ms);
// CHECK-NOTES: :[[@LINE-1]]:7: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}      co_await tether::sleep_for(2ms);{{$}}
      co_return;
    };
    std::this_thread::sleep_for(3ms);
// CHECK-NOTES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the thread that runs this coroutine and every task scheduled on it [async-blocking-call-in-coroutine]
// CHECK-FIXES-WARN: {{^}}    co_await tether::sleep_for(3ms);{{$}}
    asio::co_spawn(Context, Inner(), asio::detached);
    co_return;
  };
  co_await Outer();
}
