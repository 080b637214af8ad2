// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TaskHolders.h - tether -------------------------------------------===//
//
// What holds started work, by the shape of the code: the containers a task
// is kept in, the classes that own and join their tasks, and the
// expressions that name the same object through moves and copies.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_TASKHOLDERS_H
#define TETHER_CHECKS_UTILS_TASKHOLDERS_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::tether {

class NameList;

/// A class named like a task group, an async scope or a nursery in any
/// library: task_group, TaskGroup, async_scope, AsyncScope,
/// CancellableAsyncScope, corral's Nursery and UnsafeNursery.
bool isTaskGroupLike(const CXXRecordDecl &Record);

/// `spawn`, `add` or `start` of a class named like a task group, an async
/// scope or a nursery: starts the task it is given, owned by the group.
bool spawnsOnTaskGroup(const CXXMethodDecl &Method);

/// Whether the destructor of \p Task waits for the work the object holds:
/// it calls one of \p Joins, itself or through the member functions it
/// calls on itself or on its data members (std::jthread's request_stop and
/// join; kelcoro's logical_thread). Such a task is owned by the expression
/// or the scope that holds it.
bool destructorJoins(const CXXRecordDecl &Task, const NameList &Joins);

/// Whether destroying a \p Task ends its coroutine for good: its destructor
/// waits for it (destructorJoins) or destroys its frame (`handle.destroy()`
/// on a `std::coroutine_handle`, as uvco's eager Promise cancels what it
/// still runs), itself or through the member functions it calls on itself
/// or on its data members, at most two calls deep. A specialization whose
/// destructor is defined out of view (`Promise<void>::~Promise()` in a
/// source file) is judged by the other specializations of its template. A
/// standard container is judged by its elements.
bool destructorEndsTask(const CXXRecordDecl &Task, const NameList &Joins);

/// Member functions that keep their argument in a container that grows.
bool growsContainer(llvm::StringRef Name);

/// `std::move(x)` or `std::forward<T>(x)`.
bool isStdMove(const CallExpr &Call);

/// \p E without what does not change which object it is: parentheses,
/// implicit nodes, copies and moves, functional casts and std::move.
const Expr *peel(const Expr *E);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_TASKHOLDERS_H
