// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- RuntimeApi.h - tether --------------------------------------------===//
//
// The one place the checks know the tether runtime: the names of its API
// and the header each lives in. Fix-its that rewrite toward the runtime take
// their spelling from here.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_RUNTIMEAPI_H
#define TETHER_CHECKS_UTILS_RUNTIMEAPI_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::tether::runtime {

struct Api {
  llvm::StringRef Name;   // qualified, as spelled in a fix-it
  llvm::StringRef Header; // as spelled in the #include it needs
};

/// The header that includes every other: the runtime is reachable when it is.
inline constexpr llvm::StringLiteral Umbrella = "tether/tether.hpp";

inline constexpr Api TaskGroup{"::tether::task_group", "tether/task_group.hpp"};
inline constexpr Api WithTimeout{"tether::with_timeout",
                                 "tether/with_timeout.hpp"};
inline constexpr Api TimeoutOr{"tether::timeout_or", "tether/with_timeout.hpp"};
inline constexpr Api SleepFor{"tether::sleep_for", "tether/sleep.hpp"};
inline constexpr Api SleepUntil{"tether::sleep_until", "tether/sleep.hpp"};
inline constexpr Api Race{"tether::race", "tether/gather.hpp"};
inline constexpr Api Offload{"tether::offload", "tether/offload.hpp"};
inline constexpr Api ForEachBounded{"tether::for_each_bounded",
                                    "tether/for_each_bounded.hpp"};
inline constexpr Api Semaphore{"tether::semaphore", "tether/semaphore.hpp"};
inline constexpr Api IsCancellation{"tether::is_cancellation",
                                    "tether/cancellation.hpp"};
inline constexpr Api Mutex{"tether::mutex", "tether/mutex.hpp"};
inline constexpr Api Condition{"tether::condition", "tether/condition.hpp"};
inline constexpr Api Rethrow{"tether::rethrow", "tether/cancellation.hpp"};

} // namespace clang::tidy::tether::runtime

#endif // TETHER_CHECKS_UTILS_RUNTIMEAPI_H
