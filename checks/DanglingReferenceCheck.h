// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- DanglingReferenceCheck.h - tether --------------------------------===//

#ifndef TETHER_CHECKS_DANGLINGREFERENCECHECK_H
#define TETHER_CHECKS_DANGLINGREFERENCECHECK_H

#include "utils/AsyncCheck.h"
#include "utils/Coroutines.h"
#include "utils/EventLoops.h"
#include "utils/StmtPaths.h"
#include "utils/TaskSignals.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::tether {

/// Finds tasks that are started beyond their full-expression (spawned,
/// stored, returned) and refer to an object that can die before they
/// complete: a local or a temporary bound to a reference, pointer or view
/// parameter, `this` with nothing keeping the object alive, the captures of
/// a coroutine lambda that is a temporary, by-reference captures of a
/// spawned coroutine lambda.
///
/// For the user-facing documentation see
/// docs/checks/async-dangling-reference.md
class DanglingReferenceCheck : public AsyncCheck {
public:
  DanglingReferenceCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override {
    Tasks.reset();
    Paths.clear();
    FixedParams.clear();
    LoopRunningCalls.clear();
  }

  /// How a task gets beyond the full-expression that creates it.
  struct Escape;
  /// An object a task refers to, and how.
  struct Referent;

private:
  /// Records whether \p Function runs an event loop, for tether check.
  void summarize(const FunctionDecl &Function, ASTContext &Ctx);
  void checkSpawn(const CallExpr &Spawn, ASTContext &Ctx);
  /// \p Wrapper: the wrapper \p TaskCall was handed to, or null.
  void checkStored(const CallExpr &TaskCall, const FunctionDecl *Wrapper,
                   const ValueDecl *Holder, TaskStart Start, ASTContext &Ctx);
  /// Reports what the task that \p TaskCall creates refers to and can
  /// outlive.
  void checkTask(const CallExpr &TaskCall, const Escape &How, ASTContext &Ctx);
  /// Reports the by-reference and `this` captures of the coroutine lambda
  /// \p Lambda given to a spawn that keeps it alive.
  void checkSpawnedLambda(const LambdaExpr &Lambda, const Escape &How,
                          ASTContext &Ctx);
  /// Reports the coroutine lambda \p Lambda invoked in place by
  /// \p TaskCall: its closure dies with the full-expression.
  void checkTemporaryClosure(const LambdaExpr &Lambda, const CallExpr &TaskCall,
                             const Escape &How, ASTContext &Ctx);
  /// Adds to \p How the objects of its caller that the task signals once
  /// it is done: in the completion callbacks given to its spawn, and as the
  /// last action of \p Callee, the coroutine \p TaskCall calls (null for a
  /// coroutine lambda given as a callable).
  void addSignals(Escape &How, const FunctionDecl &Callee,
                  const CallExpr *TaskCall) const;
  /// Whether the statements that run after the task started, in each block
  /// on \p How's path from \p Scope (the object's scope) down to the
  /// start, wait for the task.
  bool joinedLater(const Escape &How, const Stmt *Scope) const;
  /// Reports \p Object unless it outlives the task; false when it does.
  bool reportReferent(const Referent &Object, const Escape &How,
                      const Expr &Task, llvm::StringRef Via, ASTContext &Ctx);
  /// Reports the task's use of `this` unless the object is kept alive.
  void reportThis(const Expr &Task, const Escape &How, llvm::StringRef What,
                  ASTContext &Ctx);
  /// The note fix that takes a reference-to-const or view parameter by
  /// value, where the coroutine is defined in the main file and does not
  /// use the parameter's identity; empty otherwise.
  std::vector<FixItHint> byValueFix(const ParmVarDecl &Param,
                                    const Referent &Target,
                                    std::string &ValueType, ASTContext &Ctx);
  /// The task \p Call creates, when its callee is a coroutine (or out of
  /// view) that returns a task other than a generator.
  std::optional<TaskTypeInfo> taskOf(const CallExpr &Call, ASTContext &Ctx);
  /// A coroutine call whose task goes where the value of an outer call goes,
  /// and the wrapper it was handed to (null when it is the outer call).
  struct CarriedTask {
    const CallExpr *Call;
    const FunctionDecl *Wrapper;
  };
  /// The tasks that the value of \p Call carries: its own, when its callee
  /// is a coroutine; when it is a wrapper, a function that is not a
  /// coroutine and returns a task (`spawn_task(ioc, t())`), the tasks of the
  /// coroutine calls it is given, through any depth of wrappers.
  void tasksCarriedBy(const CallExpr &Call, const FunctionDecl *Wrapper,
                      ASTContext &Ctx, llvm::SmallVectorImpl<CarriedTask> &Out);
  bool isView(QualType Type) const;
  /// Whether the coroutine \p Definition uses its parameter \p Param only
  /// before it first suspends, and keeps no reference to it beyond the
  /// statement that uses it, nor gives it to its promise or its frame's
  /// allocation: when its task is eager, that is while the caller's argument
  /// still lives.
  bool usedOnlyBeforeSuspending(const FunctionDecl &Definition,
                                const ParmVarDecl &Param, ASTContext &Ctx);

  const NameListOption SpawnFunctions;
  const NameListOption ViewTypes;
  const NameListOption ExtraTaskTypes;
  const NameListOption JoinFunctions;
  const NameListOption LoopJoinFunctions;
  const NameListOption DestructorJoins;
  const NameListOption SyncTypes;
  const NameListOption SignalFunctions;
  TaskTypes Tasks;
  StmtPaths Paths;
  /// The parameters whose by-value fix is already offered in this
  /// translation unit.
  llvm::SmallPtrSet<const VarDecl *, 8> FixedParams;
  /// What the joins of this translation unit asked of the functions they
  /// call: each function is walked once per depth, however many ask.
  mutable LoopRunMemo LoopRunningCalls;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_DANGLINGREFERENCECHECK_H
