// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- CheckDocs.cpp - tether check -------------------------------------===//

#include "CheckDocs.h"
#include "llvm/ADT/StringExtras.h"
#include <string>

namespace tether {

llvm::ArrayRef<CheckDoc> checkDocs() {
  static const CheckDoc Docs[] = {
#include "CheckDocs.inc"
  };
  return Docs;
}

std::string summaryOf(llvm::StringRef Markdown) {
  llvm::SmallVector<llvm::StringRef> Lines;
  Markdown.split(Lines, '\n');
  std::string Summary;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (Line.starts_with("#"))
      continue;
    if (Line.empty()) {
      if (Summary.empty())
        continue;
      break;
    }
    if (!Summary.empty())
      Summary += ' ';
    Summary += Line;
  }
  return Summary;
}

std::string helpUriOf(llvm::StringRef Check) {
  if (Check.starts_with("async-"))
    return (TETHER_DOCS_URL + Check + ".md").str();
  if (Check.starts_with("clang-diagnostic-"))
    return "";
  if (Check.starts_with("clang-analyzer-"))
    return "https://clang.llvm.org/docs/analyzer/checkers.html";
  const auto [Module, Name] = Check.split('-');
  if (Name.empty())
    return "";
  return ("https://clang.llvm.org/extra/clang-tidy/checks/" + Module + "/" +
          Name + ".html")
      .str();
}

} // namespace tether
