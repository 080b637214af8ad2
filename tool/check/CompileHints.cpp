// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- CompileHints.cpp - tether check ----------------------------------===//

#include "CompileHints.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"

namespace tether {

std::string compileHint(llvm::StringRef FirstError) {
  // Without the runtime, the first casualty is the first awaitable,
  // use_awaitable or co_spawn the file names; with it, the runtime's own
  // check of the configuration.
  static const llvm::Regex AsioWithoutCoroutines(
      "no (template|member|type) named "
      "'(awaitable|use_awaitable|co_spawn|this_coro)' in namespace "
      "'(boost::)?asio'|tether: (Boost\\.)?Asio was configured without "
      "coroutine support");
  llvm::SmallVector<llvm::StringRef, 5> Groups;
  if (!AsioWithoutCoroutines.match(FirstError, &Groups))
    return "";
  const bool Boost = !Groups[3].empty() || !Groups[4].empty();
  const std::string Define =
      Boost ? "BOOST_ASIO_HAS_CO_AWAIT=1" : "ASIO_HAS_CO_AWAIT=1";
  return "this Asio does not detect clang's coroutine support: define " +
         Define + " for tether, with 'ExtraArgs: [\"-D" + Define +
         "\"]' in .clang-tidy or --extra-arg=-D" + Define;
}

} // namespace tether
