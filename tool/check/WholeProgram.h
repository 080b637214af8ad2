// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- WholeProgram.h - tether check --------------------------*- C++ -*-===//
//
// The facts of the whole program, from the summaries its translation units
// recorded: which functions block, and which spawn each time they run, by
// which chain of calls (a function does when its body does by itself, or
// calls a function that does; the chain kept is a shortest one); and which
// coroutines are called only under a deadline. Also what a cache entry and a
// merge of shards need: the summaries as JSON, and a digest of the facts a
// translation unit's findings depend on.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_WHOLEPROGRAM_H
#define TETHER_TOOL_CHECK_WHOLEPROGRAM_H

#include "utils/Facts.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace tether {

using clang::tidy::tether::AskedFact;
using clang::tidy::tether::CallFact;
using clang::tidy::tether::ChainHop;
using clang::tidy::tether::DeadlineSite;
using clang::tidy::tether::FactCall;
using clang::tidy::tether::FactKind;
using clang::tidy::tether::FactLocation;
using clang::tidy::tether::FunctionSummary;
using clang::tidy::tether::ProgramFacts;
using clang::tidy::tether::StreamClose;
using clang::tidy::tether::TimerCoroutine;
using clang::tidy::tether::TimerRival;
using clang::tidy::tether::TranslationUnitFacts;

/// The longest chain kept: a call deeper than this is not followed by any
/// setting of the checks.
constexpr unsigned MaxChainLength = 32;

/// Solves the summaries of every translation unit, in the order given: a
/// function defined in two (a file compiled twice) keeps its first summary.
ProgramFacts solveFacts(llvm::ArrayRef<const TranslationUnitFacts *> Units);

/// Whether the findings of a translation unit that asked \p Asked depend on
/// \p Facts: some function it asked about is known to block.
bool dependsOnFacts(const TranslationUnitFacts &Asked,
                    const ProgramFacts &Facts);

/// A digest of what \p Facts say of the functions \p Asked asked about: a
/// translation unit linted with facts of the same digest has the same
/// findings.
std::string factsDigest(const TranslationUnitFacts &Asked,
                        const ProgramFacts &Facts);

/// The summaries of a run, by translation unit (its canonical path).
using UnitSummaries = std::vector<std::pair<std::string, TranslationUnitFacts>>;

/// Writes \p Units as a facts file, sorted by path.
void writeFacts(UnitSummaries Units, llvm::raw_ostream &OS);
/// The translation units of a facts file.
llvm::Expected<UnitSummaries> readFacts(llvm::StringRef Path);
/// Joins facts files: each translation unit once (the first file's).
llvm::Error mergeFacts(llvm::ArrayRef<std::string> Inputs,
                       llvm::raw_ostream &OS);

/// Prints what the facts of \p Units say of each function named one of
/// \p Names (its qualified name, or that name's last components), with
/// paths as \p Show gives them; returns how many functions it printed.
unsigned explainFacts(const UnitSummaries &Units,
                      llvm::ArrayRef<std::string> Names,
                      llvm::function_ref<std::string(llvm::StringRef)> Show,
                      llvm::raw_ostream &OS);

llvm::json::Value toJson(const TranslationUnitFacts &Facts);
/// Null when \p Value is not what toJson writes.
std::optional<TranslationUnitFacts>
factsFromJson(const llvm::json::Value &Value);

} // namespace tether

#endif
