// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- LocksAcrossSuspension.h - tether ---------------------------------===//
//
// Which blocking locks a coroutine holds when it suspends, decided on the
// control-flow graph of its body: a lock taken by a guard (lock_guard,
// unique_lock, scoped_lock, shared_lock) or by `m.lock()` is held from its
// acquisition until an unlock(), a release(), a std::move of the guard or the
// end of the guard's scope, on any path. A lock handed to the awaited
// expression (`co_await cv.async_wait(lock)`) is the awaiter's to release.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_LOCKSACROSSSUSPENSION_H
#define TETHER_CHECKS_UTILS_LOCKSACROSSSUSPENSION_H

#include "NameList.h"
#include "clang/AST/ASTContext.h"
#include <string>
#include <vector>

namespace clang::tidy::tether {

/// A place where a coroutine blocks on a mutex.
struct LockAcquisition {
  SourceLocation Loc;
  /// How many mutexes it locks at once (std::scoped_lock takes several).
  unsigned Mutexes;
  /// The mutexes as written at the acquisition.
  std::string Mutex;
  /// The first suspension reached with the lock held; null when none is.
  const Stmt *HeldAcross = nullptr;
  /// When a guard declared on its own locks one mutex as it is made
  /// (`std::lock_guard<std::mutex> G(M);`): its declaration and the mutex.
  const DeclStmt *GuardDeclaration = nullptr;
  const Expr *GuardedMutex = nullptr;
};

/// Whether \p Type is a mutex listed in \p MutexTypes.
bool isBlockingMutex(QualType Type, const NameList &MutexTypes);

/// Whether \p Type is a guard listed in \p GuardTypes over a mutex listed in
/// \p MutexTypes (`std::lock_guard<std::mutex>`; a guard of an async mutex
/// does not block).
bool isBlockingLockGuard(QualType Type, const NameList &MutexTypes,
                         const NameList &GuardTypes);

/// The blocking lock acquisitions in \p Body, the body of a coroutine, in
/// source order, each with the first suspension point it is held across.
/// \p MutexTypes are the mutexes that block, \p GuardTypes the RAII types
/// that lock them.
std::vector<LockAcquisition> findLockAcquisitions(const FunctionDecl &Coroutine,
                                                  const Stmt &Body,
                                                  const NameList &MutexTypes,
                                                  const NameList &GuardTypes,
                                                  ASTContext &Ctx);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_LOCKSACROSSSUSPENSION_H
