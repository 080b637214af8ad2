// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/annotations.hpp — what a library tells tether's checks about its functions.
//
//   TETHER_BLOCKING std::string load_config(const std::string& path);  // reads a file
//   TETHER_NONBLOCKING int try_connect(int fd, const sockaddr* a, socklen_t n);  // fd is O_NONBLOCK
//   template <class Op> TETHER_PROVIDES_DEADLINE auto bounded(Op op);   // races op against a timer
//   TETHER_DETACH_OK task<void> log_and_forget(event e);                // catches all it throws
//
// Written before a declaration (or after its name), usually in the header: every caller sees
// it, in every translation unit, with no body in sight. `TETHER_BLOCKING` makes a call from a
// coroutine a finding of async-blocking-call-in-coroutine; `TETHER_NONBLOCKING` silences one,
// and the check does not look into its body. `TETHER_PROVIDES_DEADLINE` makes a function a
// timeout wrapper for async-missing-timeout: what is awaited through it has a deadline.
// `TETHER_DETACH_OK` on a function or a task type tells async-fire-and-forget that dropping or
// detaching what it starts is by design. They are clang annotations, read by the checks only:
// they change no code, and other compilers do not see them.
#pragma once

#if defined(__clang__)
#define TETHER_BLOCKING [[clang::annotate("tether::blocking")]]
#define TETHER_NONBLOCKING [[clang::annotate("tether::nonblocking")]]
#define TETHER_PROVIDES_DEADLINE [[clang::annotate("tether::provides_deadline")]]
#define TETHER_DETACH_OK [[clang::annotate("tether::detach_ok")]]
#else
#define TETHER_BLOCKING
#define TETHER_NONBLOCKING
#define TETHER_PROVIDES_DEADLINE
#define TETHER_DETACH_OK
#endif
