// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- JsonFile.h - tether check ------------------------------*- C++ -*-===//
//
// Reading the JSON files tether writes and reads back: baselines, SARIF.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_JSONFILE_H
#define TETHER_TOOL_CHECK_JSONFILE_H

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace tether {

/// The JSON document in \p Path, or why it cannot be read or parsed.
inline llvm::Expected<llvm::json::Value> readJsonFile(llvm::StringRef Path) {
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return llvm::createStringError(Text.getError(), Text.getError().message());
  return llvm::json::parse((*Text)->getBuffer());
}

} // namespace tether

#endif
