// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Coroutines.h - tether --------------------------------------------===//
//
// What every async- check asks about coroutines: is this function a
// coroutine, is this type a task
// (a coroutine type) and does it start lazily or eagerly, and can this
// coroutine co_await that type.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_COROUTINES_H
#define TETHER_CHECKS_UTILS_COROUTINES_H

#include "NameList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>

namespace clang::tidy::tether {

/// A function, member function or lambda call operator whose body is a
/// coroutine body; in a template, one whose body uses co_await, co_yield or
/// co_return (a walk of the body: call it on findings, not in matchers).
bool isCoroutine(const FunctionDecl &FD);

/// The statements of the coroutine body of \p FD's definition, when it is
/// in view and is a coroutine; null otherwise.
const CompoundStmt *coroutineBlock(const FunctionDecl &FD);

/// Whether \p S holds a co_await or a co_yield (not counting the lambdas it
/// defines, which are callables of their own).
bool suspends(const Stmt &S);

/// The statements of \p Block, a coroutine's body, that run before the
/// coroutine first suspends: those ahead of the first that holds a co_await
/// or a co_yield (all of them when none does).
llvm::ArrayRef<Stmt *> beforeFirstSuspension(const CompoundStmt &Block);

/// Whether \p Promise, or a base of it, has a `yield_value`: its coroutines
/// are generators, whose values are iterated rather than awaited.
bool isGeneratorPromise(const CXXRecordDecl &Promise);

/// Whether a task's body starts running when the task is created (eager) or
/// only once it is awaited (lazy).
enum class TaskStart { Lazy, Eager, Unknown };

struct TaskTypeInfo {
  /// The promise type when it could be found (a type named by the
  /// TaskTypes option may have none in view).
  const CXXRecordDecl *Promise = nullptr;
  TaskStart Start = TaskStart::Unknown;
};

/// Classifies types as coroutine types ("tasks"): a class type T for which
/// std::coroutine_traits<T, ...>::promise_type exists (a nested promise_type
/// or a coroutine_traits specialization, as asio::awaitable has), or one
/// named in an option. Results are cached per translation unit.
class TaskTypes {
public:
  /// \p ExtraTaskTypes, when given, outlives this object: the check's
  /// option.
  explicit TaskTypes(const NameList *ExtraTaskTypes = nullptr)
      : ExtraTaskTypes(ExtraTaskTypes) {}

  /// Describes \p T if it is a task type. \p Callee, when given and itself a
  /// coroutine, supplies the promise type directly.
  std::optional<TaskTypeInfo> classify(QualType T, ASTContext &Ctx,
                                       const FunctionDecl *Callee = nullptr);

  /// Whether `co_await E`, with E of type \p Awaited, compiles in the body
  /// of \p Coroutine. Conservative: false whenever that cannot be shown.
  bool canAwait(const FunctionDecl &Coroutine, QualType Awaited,
                ASTContext &Ctx);

  /// Forgets what was learnt of the previous translation unit.
  void reset() { Cache.clear(); }

private:
  std::optional<TaskTypeInfo> classifyUncached(const CXXRecordDecl &RD,
                                               ASTContext &Ctx);

  const NameList *ExtraTaskTypes;
  llvm::DenseMap<const Type *, std::optional<TaskTypeInfo>> Cache;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_COROUTINES_H
