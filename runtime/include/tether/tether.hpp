// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/tether.hpp — the whole tether runtime.
//
// Structured concurrency for C++20 coroutines on Asio: `tether::task<T>` is
// `net::awaitable<T>`; run, task_group, gather/race, for_each_bounded, with_timeout and
// with_deadline, shield,
// semaphore, mutex, event, condition, channel, offload, async_with, rate_limiter. See
// docs/runtime.md.
#pragma once

#include "tether/annotations.hpp"
#include "tether/asio.hpp"
#include "tether/async_with.hpp"
#include "tether/cancellation.hpp"
#include "tether/channel.hpp"
#include "tether/condition.hpp"
#include "tether/deadline.hpp"
#include "tether/event.hpp"
#include "tether/exception_group.hpp"
#include "tether/for_each_bounded.hpp"
#include "tether/gather.hpp"
#include "tether/mutex.hpp"
#include "tether/offload.hpp"
#include "tether/rate_limiter.hpp"
#include "tether/run.hpp"
#include "tether/semaphore.hpp"
#include "tether/shield.hpp"
#include "tether/sleep.hpp"
#include "tether/task_group.hpp"
#include "tether/with_timeout.hpp"
