// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- UnboundedTaskCreationCheck.h - tether ----------------------------===//

#ifndef TETHER_CHECKS_UNBOUNDEDTASKCREATIONCHECK_H
#define TETHER_CHECKS_UNBOUNDEDTASKCREATIONCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/Coroutines.h"
#include "utils/EnclosingCallables.h"
#include "utils/RuntimeFixes.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Regex.h"

namespace clang::tidy::tether {

/// Finds tasks and threads started once per input item with nothing that
/// bounds how many run at once: a spawn (co_spawn, std::async, std::thread,
/// spawn or add on a task group or async scope, an eager task kept in a
/// container) in a loop whose trip count comes from input, with no limiter
/// acquired in the loop and no await of each spawned task.
///
/// For the user-facing documentation see
/// docs/checks/async-unbounded-task-creation.md
class UnboundedTaskCreationCheck : public AsyncCheck {
public:
  UnboundedTaskCreationCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override {
    Walked.clear();
    Reported.clear();
    SpawnPaths.clear();
    Tasks.reset();
  }

private:
  class LoopWalk;

  /// What a spawn is, as far as the walk of a loop cares.
  enum class SpawnKind {
    /// Work that runs on its own once started (co_spawn, a scope, an eager
    /// task): only awaiting it in the loop bounds it.
    Runs,
    /// A std::thread: runs until joined.
    Thread,
    /// A std::jthread or std::async's future: its destructor waits, so it
    /// is unbounded only once it leaves the iteration.
    WaitsOnDestruction,
  };

  /// What the spawn starts, as the message says it.
  enum class Work { Task, Thread, EagerTask };

  struct SpawnInfo {
    SpawnKind Kind;
    Work What;
    std::string Name; // how the message names the spawn
    /// The function called, when the spawn is in its body (or further).
    const FunctionDecl *Helper = nullptr;
  };

  /// How a call of a function starts a task each time it runs: the spawn
  /// in its body, or the call there of another function that does; for a
  /// function defined in another translation unit, the facts' chain.
  struct SpawnPath {
    const Expr *Site;         // in the function's body
    const FunctionDecl *Next; // the function called there; null at the spawn
    SpawnInfo Spawn;          // what starts in the end
    unsigned Length;          // bodies from the function down to the spawn
    /// The chain from the function down, known from other translation units.
    const std::vector<ChainHop> *Beyond = nullptr;
  };

  /// A spawn that no limiter bounds, found by the walk of a loop.
  struct Finding {
    const Expr *Spawn;
    SpawnInfo Info;
    const Stmt *Loop;   // the loop whose trip count is unbounded
    const Stmt *At;     // the loop-body statement that holds the spawn
    uint64_t TripCount; // of nested constant loops, 0 when from input
    const FunctionDecl *Callable; // the function or lambda around the loop
    bool InCoroutine;
  };

  std::optional<SpawnInfo> classifySpawn(const Expr &E, ASTContext &Ctx);
  /// The spawn that the statement \p Statement of a function's body is by
  /// itself: one that starts work outliving the function (a task, a thread
  /// detached), its result dropped.
  std::optional<SpawnInfo> ownSpawn(const Expr &Statement, ASTContext &Ctx);
  /// A call whose callee starts a task each time it runs: a plain function
  /// whose body spawns (or calls one that does) outside any condition or
  /// loop, and acquires no limiter, followed through MaxHelperDepth bodies
  /// in view, then by the facts of other translation units.
  std::optional<SpawnInfo> spawnThroughCall(const CallExpr &Call,
                                            ASTContext &Ctx);
  /// How \p Callee spawns each time it runs, within \p Depth bodies; null
  /// when it does not, as far as the bodies in view and the facts show.
  const SpawnPath *spawnPathIn(const FunctionDecl &Callee, unsigned Depth,
                               ASTContext &Ctx);
  /// Records, for the other translation units, whether \p Function spawns
  /// each time it runs.
  void summarize(const FunctionDecl &Function, ASTContext &Ctx);
  /// Whether \p Call waits for what it joins (JoinFunctions): the object
  /// of a member (`f.get()`, `std::move(f).Get()`), the arguments of a free
  /// function (`Wait(f)`); calls \p OnJoined with each.
  bool forEachJoined(const CallExpr &Call,
                     llvm::function_ref<void(const Expr &)> OnJoined) const;
  bool isLimiter(const CallExpr &Call) const;
  /// Whether \p Body calls a limiter anywhere: what it starts may be bounded.
  bool acquiresLimiter(const Stmt &Body) const;
  /// Whether \p Type is an event loop or a pool, or points to one: a class
  /// with a member of LoopJoinFunctions (`io_context::run`).
  bool isEventLoop(QualType Type) const;
  /// Whether \p Named is named as a count of threads or workers
  /// (ConcurrencyLimitNames).
  bool isNamedAsConcurrency(const NamedDecl &Named) const;
  /// Whether the condition \p Cond of \p Loop compares the counter with the
  /// concurrency of a pool or of the machine (ConcurrencyLimitFunctions,
  /// called there, in the initializer of the variable it reads or in an
  /// assignment just before the loop), or with a variable or field named as
  /// a count of threads or workers (ConcurrencyLimitNames).
  bool isBoundedByConcurrency(const Stmt &Loop, const Expr *Cond,
                              ASTContext &Ctx) const;
  /// Whether \p E reads a count named as one of threads or workers
  /// (ConcurrencyLimitNames): a variable, a member, or a call
  /// (`config.get_thread_num()`); a member of the spawning object is the
  /// pool rule's, not this one's.
  bool countNamedAsConcurrency(const Expr *E) const;
  /// Whether \p E is the capacity or size of a local container every size
  /// of which (the count it is made with, each reserve and resize) is a
  /// concurrency (`threads.reserve(std::thread::hardware_concurrency())`).
  bool sizedByConcurrency(const Expr *E) const;
  /// Whether a bounded helper runs \p Callable: it is (or is defined in) a
  /// function listed in BoundedHelpers, or a lambda passed to a call of one.
  bool runsInBoundedHelper(const FunctionDecl *Callable) const;
  /// Whether the function that defines a lambda passes it to a call of a
  /// bounded helper, in the call or through a variable.
  bool passedToBoundedHelper(const FunctionDecl &CallOperator) const;
  void report(const Finding &F, ASTContext &Ctx);
  /// A note per call from the function a finding calls down to its spawn.
  void noteSpawnPath(const Finding &F, ASTContext &Ctx);
  /// The rewrite of a range-for whose body is one task_group spawn of a
  /// call into a for_each_bounded call; empty when it does not apply.
  std::vector<FixItHint> forEachBoundedFix(const Finding &F, ASTContext &Ctx);

  const unsigned MaxConstantTripCount;
  const unsigned MaxConcurrency;
  const NameListOption SpawnFunctions;
  const NameListOption JoinFunctions;
  const NameListOption LoopJoinFunctions;
  const NameListOption DestructorJoins;
  const NameListOption LimiterFunctions;
  const NameListOption BoundedHelpers;
  const NameListOption ConcurrencyLimitFunctions;
  /// Names of variables and fields that count threads or workers (a regular
  /// expression, case-insensitive; empty: none).
  const std::string ConcurrencyLimitNamesText;
  const llvm::Regex ConcurrencyLimitNames;
  RuntimeFixes Runtime;
  TaskTypes Tasks;
  /// Loops already walked as part of an enclosing loop.
  llvm::DenseSet<const Stmt *> Walked;
  /// Spawns reported: the instantiations of a template share them.
  llvm::DenseSet<SourceLocation> Reported;
  struct SpawnPathEntry {
    std::optional<SpawnPath> Path;
    unsigned Depth; // of the search that found it, or did not
    bool InProgress;
  };
  /// The functions followed from the loops, by definition (by declaration
  /// for those defined in other translation units).
  llvm::DenseMap<const FunctionDecl *, SpawnPathEntry> SpawnPaths;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UNBOUNDEDTASKCREATIONCHECK_H
