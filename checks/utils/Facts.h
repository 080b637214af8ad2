// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Facts.h - tether -------------------------------------------------===//
//
// Facts about functions that cross translation units. tether check lints
// every translation unit once, recording what each function defined in its
// main file does (a summary); it then solves the summaries of the whole
// program and lints again, with the facts, the translation units that asked
// about a function the facts know. The plugin, tether-tidy and
// tether-clangd see one file: there, nothing is known and nothing recorded.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_FACTS_H
#define TETHER_CHECKS_UTILS_FACTS_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace clang {
class CallExpr;
class Decl;
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace clang::tidy::tether {

/// A place in a file, kept across translation units: a canonical path and
/// a 1-based line and column.
struct FactLocation {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A call in a function's body: of another function (by its USR) or, with
/// an empty CalleeUSR, a call that does what the fact says by itself (one
/// that blocks, a spawn).
struct FactCall {
  std::string CalleeUSR;
  std::string CalleeName; // as messages quote it: 'read_file', 'fread'
  FactLocation Site;
};

/// How a function comes to do something: by a call of its own, or through
/// the functions it calls, which the facts follow.
struct CallFact {
  /// The first call in its body that does it by itself.
  std::optional<FactCall> Own;
  /// The calls of other functions that may do it.
  std::vector<FactCall> Through;
};

/// What the walk of one function of a translation unit's main file finds.
struct FunctionSummary {
  std::string USR;
  std::string Name;          // as messages quote it
  std::string QualifiedName; // db::load_config, for tether facts
  FactLocation Definition;
  /// It blocks the thread that runs it, on some path.
  CallFact Blocks;
  /// Each time it runs, it starts a task or a thread that outlives it.
  CallFact Spawns;
  /// It runs an event loop that outlives it until the loop has no work left
  /// (`ctx.run()`): what the loop's tasks refer to may die after it returns.
  CallFact RunsLoop;
};

/// A coroutine defined in another translation unit that a call is raced
/// against (`read(s) || timeout(5s)`): the call is bounded when the rival
/// waits on a timer, or, joined with `&&` (MustFail), when it also throws.
struct TimerRival {
  std::string USR;
  bool MustFail = false;
};

/// A call of a coroutine, or of a function defined elsewhere that may be
/// one, for async-missing-timeout: under a deadline, raced against a rival
/// that may be a timer, or as bounded as the function that makes it
/// (CallerUSR; empty when that is not known).
struct DeadlineSite {
  std::string CalleeUSR;
  std::string CallerUSR;
  bool Bounded = false;
  std::vector<TimerRival> Rivals;
};

/// A function that closes or cancels a member stream (a socket, by its
/// member's USR), itself or through the functions of its translation unit it
/// calls, for async-missing-timeout's watchdogs.
struct StreamClose {
  std::string FunctionUSR;
  std::string StreamUSR;
  std::string StreamName; // net::client::sock, for tether facts
};

/// A coroutine that waits on a timer, for async-missing-timeout's races:
/// raced against an operation (`op || timeout(5s)`), it is the operation's
/// deadline; one that throws too is one in an `&&`.
struct TimerCoroutine {
  std::string USR;
  bool Throws = false;
};

/// The facts a check can ask about a function (or, for Watched, a member
/// stream) of another translation unit.
enum class FactKind {
  Blocks,
  Spawns,
  BoundedByCallers,
  RunsLoop,
  Watched,
  WaitsOnTimer,
  FailsOnTimer
};

/// A question a check asked: its findings depend on the answer.
struct AskedFact {
  FactKind Kind;
  std::string USR;
  friend bool operator<(const AskedFact &A, const AskedFact &B) {
    return std::tie(A.Kind, A.USR) < std::tie(B.Kind, B.USR);
  }
  friend bool operator==(const AskedFact &A, const AskedFact &B) {
    return A.Kind == B.Kind && A.USR == B.USR;
  }
};

/// What one translation unit records: its functions, the calls of
/// coroutines it makes, and the functions its checks asked about (whose
/// facts, if any, its findings depend on).
struct TranslationUnitFacts {
  std::vector<FunctionSummary> Functions;
  std::vector<DeadlineSite> CoroutineCalls;
  std::vector<StreamClose> StreamCloses;
  /// The functions defined elsewhere through which each function of the
  /// translation unit may close streams: {function, callee}, by USR.
  std::vector<std::pair<std::string, std::string>> CloseCalls;
  /// The functions a watchdog of the translation unit calls (a loop that
  /// sleeps or waits on a timer, a coroutine after its timer fired), by USR.
  std::vector<std::string> WatchdogCalls;
  std::vector<TimerCoroutine> TimerCoroutines;
  std::vector<AskedFact> Asked;
  /// Where each function's summary is in Functions, while checks record.
  llvm::StringMap<size_t> Recorded;
};

/// One step of a chain: Caller calls Callee at Site.
struct ChainHop {
  std::string Caller;
  std::string Callee;
  FactLocation Site;
};

/// What is known of the program's functions: for each that blocks, the
/// shortest chain of calls from it down to the call that blocks; for each
/// that spawns each time it runs, the chain down to the spawn; for each that
/// runs an event loop, the chain down to the run.
struct ProgramFacts {
  llvm::StringMap<std::vector<ChainHop>> Blocking;
  llvm::StringMap<std::vector<ChainHop>> Spawning;
  llvm::StringMap<std::vector<ChainHop>> LoopRunning;
  /// The coroutines called somewhere, and every call under a deadline or
  /// in a coroutine that is itself so bounded.
  llvm::StringSet<> BoundedByCallers;
  /// The member streams a watchdog closes: what is pending on them ends
  /// when the watchdog's deadline passes.
  llvm::StringSet<> Watched;
  /// The coroutines that wait on a timer, and those of them that throw.
  llvm::StringSet<> WaitsOnTimer;
  llvm::StringSet<> FailsOnTimer;

  /// The chain for \p Asked, a question of a kind that has chains; null
  /// when the function does not do it.
  const std::vector<ChainHop> *chain(const AskedFact &Asked) const {
    const llvm::StringMap<std::vector<ChainHop>> *Chains = nullptr;
    switch (Asked.Kind) {
    case FactKind::Blocks:
      Chains = &Blocking;
      break;
    case FactKind::Spawns:
      Chains = &Spawning;
      break;
    case FactKind::RunsLoop:
      Chains = &LoopRunning;
      break;
    case FactKind::BoundedByCallers:
    case FactKind::Watched:
    case FactKind::WaitsOnTimer:
    case FactKind::FailsOnTimer:
      return nullptr;
    }
    auto Found = Chains->find(Asked.USR);
    return Found == Chains->end() ? nullptr : &Found->second;
  }
  /// Whether the answer to \p Asked is yes.
  bool holds(const AskedFact &Asked) const {
    switch (Asked.Kind) {
    case FactKind::BoundedByCallers:
      return BoundedByCallers.contains(Asked.USR);
    case FactKind::Watched:
      return Watched.contains(Asked.USR);
    case FactKind::WaitsOnTimer:
      return WaitsOnTimer.contains(Asked.USR);
    case FactKind::FailsOnTimer:
      return FailsOnTimer.contains(Asked.USR);
    default:
      return chain(Asked) != nullptr;
    }
  }
};

/// The facts of the translation unit being linted on this thread: what the
/// checks may consult, and where they record what they learn. Both are null
/// outside tether check.
struct FactsScope {
  const ProgramFacts *Known = nullptr;
  TranslationUnitFacts *Learned = nullptr;
};

/// This thread's scope.
const FactsScope &currentFacts();

/// Installs a scope on this thread for its lifetime.
class ScopedFacts {
public:
  explicit ScopedFacts(FactsScope Scope);
  ~ScopedFacts();
  ScopedFacts(const ScopedFacts &) = delete;
  ScopedFacts &operator=(const ScopedFacts &) = delete;

private:
  FactsScope Saved;
};

/// The stable identity of \p D across translation units; empty when it has
/// none.
std::string usrOf(const Decl &D);

/// How messages and facts name \p Function: 'read_file', or the lambda.
std::string calleeName(const FunctionDecl &Function);

/// Whether \p Function has a summary of its own: templates are summarized
/// where they are instantiated, which facts do not follow, and lambdas are
/// called where they are written.
bool isSummarized(const FunctionDecl &Function);

/// The summary of \p Function that this thread's translation unit records,
/// made by the first check that asks; null outside tether check, or when the
/// function has no summary.
FunctionSummary *recordedSummary(const FunctionDecl &Function,
                                 const SourceManager &SM);

/// Whether the deadline facts gather the calls of \p Function: a function
/// or an instantiation of a template (the same instantiation, made in
/// several files, is one function); not a lambda, which is called in its
/// own file only, nor a template itself, which is never called.
bool hasDeadlineFacts(const FunctionDecl &Function);

/// Whether the program's facts say that every call of \p Coroutine is under
/// a deadline, noted as asked; false outside tether check.
bool knownBoundedByCallers(const FunctionDecl &Coroutine);

/// Whether the program's facts say that \p Coroutine waits on a timer (and,
/// with \p MustThrow, throws), noted as asked; false outside tether check.
bool knownTimerCoroutine(const FunctionDecl &Coroutine, bool MustThrow);

/// Whether the program's facts say that a watchdog closes the member stream
/// \p Stream, noted as asked; false outside tether check.
bool knownWatched(const Decl &Stream);

/// How \p Callee is known to do \p Kind (Blocks, Spawns, RunsLoop) in other
/// translation units, noted as asked; null when nothing is known or the
/// chain is longer than \p MaxLength.
const std::vector<ChainHop> *knownChain(const FunctionDecl &Callee,
                                        FactKind Kind, unsigned MaxLength);

/// The function \p Call calls that facts follow: called directly, not an
/// operator, not virtual (which override runs is not known where the call
/// is), not declared in a system header; null otherwise.
const FunctionDecl *followedCallee(const CallExpr &Call);

/// Adds \p Call, of \p Callee, to \p Fact's calls of other functions, when
/// the callee has an identity.
void addCallThrough(CallFact &Fact, const CallExpr &Call,
                    const FunctionDecl &Callee, const SourceManager &SM);

/// \p Loc where it is written, with the file's canonical name.
FactLocation factLocation(const SourceManager &SM, SourceLocation Loc);

/// \p Where in this translation unit, its file loaded if it was not read;
/// invalid when the file cannot be read or no longer has that line.
SourceLocation sourceLocation(SourceManager &SM, const FactLocation &Where);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_FACTS_H
