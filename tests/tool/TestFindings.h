//===--- TestFindings.h - tether check unit tests ---------------*- C++ -*-===//
//
// Findings built by hand, as translation units report them.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TESTS_TOOL_TESTFINDINGS_H
#define TETHER_TESTS_TOOL_TESTFINDINGS_H

#include "check/TranslationUnitLint.h"
#include "clang/Tooling/Core/Replacement.h"

namespace tether {

/// A warning of \p Check at \p Offset of \p File, its fix-it replacing
/// \p Length bytes at \p FixOffset with \p Text when \p Text is given.
inline RawFinding
rawFinding(const std::string &Check, const std::string &File, unsigned Offset,
           const std::string &Message,
           std::optional<std::tuple<unsigned, unsigned, std::string>> Fix = {},
           std::string Function = "f") {
  RawFinding F{clang::tidy::ClangTidyError(Check,
                                           clang::tidy::ClangTidyError::Warning,
                                           "/build", false),
               std::move(Function)};
  F.Error.Message.Message = Message;
  F.Error.Message.FilePath = File;
  F.Error.Message.FileOffset = Offset;
  if (Fix) {
    auto [At, Length, Text] = *Fix;
    llvm::consumeError(F.Error.Message.Fix[File].add(
        clang::tooling::Replacement(File, At, Length, Text)));
  }
  return F;
}

} // namespace tether

#endif
