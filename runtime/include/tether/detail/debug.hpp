// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/detail/debug.hpp — the hooks behind `options{.debug = true}` (see tether/run.hpp).
//
// While `tether::run` drives a loop in debug mode, a thread-local record keeps where the
// running step resumed (the source location of the last tether `co_await`) and which
// tether-spawned tasks are alive, so slow steps and leaked tasks can be reported with their
// source location; errors nobody looked at are reported through it too. Outside a debug run
// every hook is one thread-local load.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <source_location>
#include <string>

namespace tether::detail {

struct debug_state {
  const std::source_location* resumed_at = nullptr; // of the running step, if known
  std::source_location resumed_copy{};
  std::chrono::steady_clock::time_point resumed_time{}; // when it resumed, if resumed_at is set
  std::map<std::uint64_t, std::source_location> live_tasks;
  std::uint64_t next_task = 1;
  std::function<void(const std::string&)> report;
};

inline thread_local debug_state* current_debug = nullptr;

/// Called by tether operations when they resume their caller.
inline void note_resume(const std::source_location& where) noexcept {
  if (auto* s = current_debug) {
    s->resumed_copy = where;
    s->resumed_at = &s->resumed_copy;
    s->resumed_time = std::chrono::steady_clock::now();
  }
}

/// Registers a task spawned at `where`; returns 0 outside a debug run.
inline std::uint64_t track_task(const std::source_location& where) {
  auto* s = current_debug;
  if (!s)
    return 0;
  auto id = s->next_task++;
  s->live_tasks.emplace(id, where);
  return id;
}

inline void untrack_task(std::uint64_t id) noexcept {
  if (id == 0)
    return;
  if (auto* s = current_debug)
    s->live_tasks.erase(id);
}

/// Reports, in a debug run, an error that its task's owner never looked at.
inline void report_unobserved(const std::string& what) {
  if (auto* s = current_debug; s && s->report)
    s->report("unobserved error: " + what);
}

inline std::string format_location(const std::source_location& l) {
  return std::string(l.file_name()) + ":" + std::to_string(l.line()) + " (" + l.function_name() +
         ")";
}

} // namespace tether::detail
