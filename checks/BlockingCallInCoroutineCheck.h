// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- BlockingCallInCoroutineCheck.h - tether --------------------------===//

#ifndef TETHER_CHECKS_BLOCKINGCALLINCOROUTINECHECK_H
#define TETHER_CHECKS_BLOCKINGCALLINCOROUTINECHECK_H

#include "utils/AsyncCheck.h"
#include "utils/Facts.h"
#include "utils/RuntimeFixes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <memory>
#include <optional>

namespace clang::tidy::tether {

struct BodyFacts;
struct LockAcquisition;

/// Where awaiting a call moves a coroutine.
enum class ExecutorSwitch {
  None,        ///< Not an executor switch.
  ToWorkers,   ///< To an executor meant for blocking work (a thread pool).
  ToEventLoop, ///< Back to an event loop, or to the coroutine's own executor.
};

/// Finds calls that block the thread inside coroutines: sleeps, waits on
/// futures, threads and condition variables, synchronous Asio and POSIX I/O,
/// file and process calls, blocking mutexes held across a suspension point,
/// and calls of functions of the translation unit that make such calls.
///
/// For the user-facing documentation see
/// docs/checks/async-blocking-call-in-coroutine.md
class BlockingCallInCoroutineCheck : public AsyncCheck {
public:
  BlockingCallInCoroutineCheck(StringRef Name, ClangTidyContext *Context);
  ~BlockingCallInCoroutineCheck() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// Why a call blocks.
  enum class BlockingKind {
    Sleep,         // std::this_thread::sleep_for / sleep_until
    AsioSync,      // a synchronous Asio operation with an async_ twin
    Construction,  // an object whose constructor blocks (opens a file)
    ConditionWait, // std::condition_variable(_any) wait, wait_for, wait_until
    Other,         // anything else listed
  };
  struct BlockingCall {
    BlockingKind Kind;
    std::string Name; // as the message spells it
    /// TETHER_BLOCKING, when that is what says the call blocks.
    const AnnotateAttr *DeclaredBlocking = nullptr;
  };

private:
  /// A call in a function body that leads to a blocking call: the blocking
  /// call itself, or a call of a function that (transitively) makes one.
  struct CallPath {
    const Expr *Site;
    const FunctionDecl *Callee; // null when Site is the blocking call
    std::string Blocking;       // the blocking call at the end of the path
    unsigned Length;            // calls from Site to the blocking call
    /// When Callee is defined in another translation unit: the path on
    /// from its body, as the program's facts know it.
    const std::vector<ChainHop> *Beyond = nullptr;
  };

  /// What to do about a blocking call: the fix-its of the warning, and the
  /// advice of its note with the note's fix-its.
  struct Remedy {
    std::vector<FixItHint> WarningFixes;
    const runtime::Api *WarningInclude = nullptr;
    llvm::StringRef Advice; // may name Twin as %0
    std::vector<FixItHint> AdviceFixes;
    const runtime::Api *AdviceInclude = nullptr;
    std::string Twin;
  };

  void checkCoroutine(const FunctionDecl &Coroutine, ASTContext &Ctx);
  /// The path to a blocking call through the function \p Site calls: in
  /// this translation unit, or (into \p Elsewhere) as the program's facts
  /// know it.
  const CallPath *pathThroughCalls(const Expr &Site,
                                   std::optional<CallPath> &Elsewhere,
                                   ASTContext &Ctx);
  /// The remedy for \p Site (a statement of \p Parent), which blocks
  /// itself (\p Blocking) or through the calls it makes (\p Blocking null).
  Remedy remedyFor(const Expr &Site, const Stmt *Parent,
                   const BlockingCall *Blocking, bool Rewritable,
                   AsioFlavour Flavour, ASTContext &Ctx) const;
  /// The warning at \p Loc, a note per call of \p Path, and the remedy.
  void report(SourceLocation Loc, const Expr &Site,
              const std::optional<BlockingCall> &Blocking, const CallPath *Path,
              const Remedy &R, ASTContext &Ctx);
  /// Where awaiting \p Awaited moves the coroutine (ExecutorSwitches; Asio's
  /// post and dispatch to workers only when bound to a thread pool).
  ExecutorSwitch executorSwitch(const Expr &Awaited) const;
  std::optional<BlockingCall> classify(const Expr &E, const BodyFacts &Facts,
                                       ASTContext &Ctx) const;
  /// The path to a blocking call from the body of \p Callee, when calls
  /// into it are followed and one exists within \p Depth calls.
  const CallPath *blockingPathIn(const FunctionDecl &Callee, unsigned Depth,
                                 ASTContext &Ctx);
  bool isFollowed(const FunctionDecl &Callee, const SourceManager &SM) const;
  /// Never looked into: awaiter machinery, AllowedFunctions,
  /// TETHER_NONBLOCKING.
  bool isExempt(const FunctionDecl &Callee) const;
  /// Whether a call of \p Callee may lead to a blocking call: a plain
  /// function the lists do not settle, called directly.
  bool mayLeadToBlocking(const FunctionDecl &Callee,
                         const SourceManager &SM) const;
  /// What the body of \p Definition does, scanned once per translation
  /// unit for both the coroutines that follow calls into it and its summary.
  const BodyFacts &factsOf(const FunctionDecl &Definition,
                           ASTContext &Ctx) const;
  /// Records what \p Function does, for the other translation units.
  void summarize(const FunctionDecl &Function, ASTContext &Ctx) const;
  void reportLocks(const FunctionDecl &Coroutine, const Stmt &Body,
                   ASTContext &Ctx);
  /// The rewrite of a std::mutex held across a suspension, and of its one
  /// guard, to a tether::mutex whose lock is awaited; none when it would not
  /// compile or would change other code.
  std::vector<FixItHint> asyncMutexFix(const FunctionDecl &Coroutine,
                                       const LockAcquisition &Lock,
                                       const Stmt &Body, ASTContext &Ctx);

  /// The rewrite of `cv.wait(lock, pred)` to `co_await cv.wait(pred)` on a
  /// tether::condition, with cv's notifications and the waiter's lock; none
  /// unless the condition variable and the lock's mutex are used in
  /// coroutines only and this is the one wait.
  std::vector<FixItHint> asyncConditionFix(const CallExpr &Call,
                                           const Stmt *Parent,
                                           ASTContext &Ctx) const;

  static std::vector<FixItHint> sleepFix(const CallExpr &Call);
  static std::vector<FixItHint>
  asioTimerFix(const CallExpr &Call, AsioFlavour Flavour, ASTContext &Ctx);

  const bool StrictLocking;
  const bool FollowCalls;
  const bool FollowCallsIntoHeaders;
  const unsigned MaxCallDepth;
  const NameListOption BlockingFunctions;
  const NameListOption BlockingTypes;
  const NameListOption AllowedFunctions;
  const NameListOption BlockingStreams;
  const NameListOption DescriptorFunctions;
  const NameListOption MutexTypes;
  const NameListOption LockGuardTypes;
  const NameListOption ExecutorSwitches;
  RuntimeFixes Runtime;

  /// Per translation unit: coroutines already checked (templates are seen
  /// once per instantiation), diagnostics already given, and the path found
  /// (or not, within Depth calls) from each function followed.
  llvm::DenseSet<const FunctionDecl *> Checked;
  llvm::DenseSet<SourceLocation> Reported;
  struct PathEntry {
    std::optional<CallPath> Path;
    unsigned Depth;
    bool InProgress;
  };
  std::map<const FunctionDecl *, PathEntry> Paths; // stable addresses
  mutable llvm::DenseMap<const FunctionDecl *, std::unique_ptr<BodyFacts>>
      Scanned;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_BLOCKINGCALLINCOROUTINECHECK_H
