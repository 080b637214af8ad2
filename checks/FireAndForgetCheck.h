// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- FireAndForgetCheck.h - tether ------------------------------------===//

#ifndef TETHER_CHECKS_FIREANDFORGETCHECK_H
#define TETHER_CHECKS_FIREANDFORGETCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/Coroutines.h"
#include "utils/EnclosingCallables.h"
#include "utils/EventLoops.h"

namespace clang::tidy::tether {

/// Finds work that is started and never owned: discarded tasks (a lazy task
/// never runs, an eager one loses its result and its exception), operations
/// started with a `detached` completion token, detached std::threads,
/// discarded std::futures (std::async's blocks in its destructor) and calls
/// of detached-spawn functions of other libraries.
///
/// For the user-facing documentation see docs/checks/async-fire-and-forget.md
class FireAndForgetCheck : public AsyncCheck {
public:
  FireAndForgetCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override {
    Tasks.reset();
    LoopRunningCalls.clear();
  }

private:
  void checkKeptTask(const VarDecl &Task, const CallExpr &Call,
                     ASTContext &Ctx);
  void checkDiscardedCall(const CallExpr &Call, const Expr &Discarded,
                          ASTContext &Ctx);
  /// Whether a task of \p Type, already running, is of a type made to be
  /// started and dropped (FireAndForgetTypes).
  bool madeToBeDropped(const TaskTypeInfo &Task,
                       const CXXRecordDecl &Type) const;
  /// Whether a task of \p Type, already running, is joined by its
  /// destructor where it is dropped (a coroutine std::jthread).
  bool joinedWhenDropped(const TaskTypeInfo &Task,
                         const CXXRecordDecl &Type) const;
  /// Reports a dropped continuation (ContinuationFunctions) given no error
  /// callback: the callback has the result, the exception is lost.
  void checkDroppedContinuation(const CallExpr &Call, ASTContext &Ctx);
  void checkDiscardedTask(const CallExpr &Call, const Expr &Discarded,
                          const TaskTypeInfo &Task, ASTContext &Ctx);
  /// `co_spawn(ex, task, detached)` as `group.spawn(ex, task)` on a
  /// tether::task_group in view; empty when there is none or the task cannot
  /// be spawned there.
  std::vector<FixItHint> spawnOnGroupFix(const CallExpr &CoSpawn,
                                         const Expr &Token, ASTContext &Ctx,
                                         std::string &GroupName);
  /// Reports \p Arg, an argument of \p Dropper (ResultDroppingCallees), when
  /// it is a callable whose call returns a task, which Dropper drops.
  void checkDroppedCallable(const Expr &Arg, const std::string &Dropper,
                            ASTContext &Ctx);
  /// Whether \p Call is in a lambda given to a function that calls it to
  /// see it throw (ExpectedThrowFunctions): a test of the call's
  /// preconditions, not started work.
  bool expectsThrow(const CallExpr &Call, ASTContext &Ctx) const;
  /// `co_await` before the call, where the enclosing coroutine can await it;
  /// empty otherwise.
  std::vector<FixItHint> coAwaitFix(const CallExpr &Call, const Expr &Discarded,
                                    ASTContext &Ctx);
  /// What the work \p Task (a task, a call of a coroutine; a thread's
  /// callable), started by \p Start, hands its outcome to as its last act:
  /// an object its starter can wait on, or the completion handler the
  /// starter was given; null when none.
  const VarDecl *handsOutcomeTo(const Expr &Task, const Expr &Start) const;
  void checkDetachedThread(const CXXMemberCallExpr &Detach, ASTContext &Ctx);
  /// Whether the function that makes \p Spawn runs the event loop it spawns
  /// on, one of its locals, until no work is left, after the spawn: the
  /// task has ended when the run returns (a `run_sync` helper).
  bool runsOwnLoopAfter(const CallExpr &Spawn, ASTContext &Ctx) const;

  const bool AllowCastToVoid;
  const NameListOption DetachedSpawnFunctions;
  const NameListOption DetachedTokenTypes;
  const NameListOption ScopeSpawnFunctions;
  const NameListOption FireAndForgetTypes;
  const NameListOption ExpectedThrowFunctions;
  const NameListOption DetachedOperations;
  const NameListOption ResultDroppingCallees;
  const NameListOption DestructorJoins;
  const NameListOption ContinuationFunctions;
  const NameListOption SyncTypes;
  const NameListOption SignalFunctions;
  const NameListOption HandlerPostFunctions;
  const NameListOption LoopJoinFunctions;
  /// What the functions called after a spawn are known to do.
  mutable LoopRunMemo LoopRunningCalls;
  const NameListOption ExtraTaskTypes;
  TaskTypes Tasks;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_FIREANDFORGETCHECK_H
