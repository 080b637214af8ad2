// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- CheckDocs.h - tether check -----------------------------*- C++ -*-===//
//
// The documentation of each check (docs/checks/*.md), built into the tool
// so that reports carry it wherever they are read.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_CHECKDOCS_H
#define TETHER_TOOL_CHECK_CHECKDOCS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace tether {

struct CheckDoc {
  llvm::StringRef Check;
  /// The page, in Markdown.
  llvm::StringRef Markdown;
};

llvm::ArrayRef<CheckDoc> checkDocs();

/// The page's first paragraph, on one line.
std::string summaryOf(llvm::StringRef Markdown);

/// Where a check's documentation is read: tether's for async- checks,
/// clang-tidy's for the others; empty for compiler diagnostics.
std::string helpUriOf(llvm::StringRef Check);

} // namespace tether

#endif
