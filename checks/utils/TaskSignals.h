// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TaskSignals.h - tether -------------------------------------------===//
//
// The synchronisation objects a started task signals once it is done, so
// that a wait on one of them after the start waits for the task: what the
// completion callback given to its start signals (it runs after the task
// has completed), and what the coroutine's body signals as its very last
// action (nothing of the task that touches the starter's objects runs after
// it, only the end of the frame and checks of the body's own locals).
//
// A signal is a call of a SignalFunctions member, or an increment, a
// decrement or an assignment, on an object of one of the SyncTypes. The
// object is followed out of the task to the variable of the code that
// starts it: a by-reference capture is that variable, an init-capture is
// what it is initialized from (`[p = std::move(p)]`), a reference or
// pointer parameter of the coroutine is the argument of the call that makes
// the task.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_TASKSIGNALS_H
#define TETHER_CHECKS_UTILS_TASKSIGNALS_H

#include "NameList.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::tether {

using SyncObjects = llvm::SmallPtrSet<const VarDecl *, 4>;

/// The lists a signal is recognized by.
struct SignalNames {
  const NameList &SyncTypes;
  const NameList &SignalFunctions;
};

/// The variable \p E is rooted in, through parentheses, implicit nodes,
/// copies, moves, `&` and `*`, and the members called on it
/// (`p.get_future()` is rooted in `p`); null when it is none.
const VarDecl *rootVariable(const Expr *E);

/// Adds to \p Out the objects that a completion callback \p Callback (a
/// lambda that returns nothing, or a local initialized by one) signals
/// anywhere in its body.
void addCallbackSignals(const Expr &Callback, const SignalNames &Names,
                        SyncObjects &Out);

/// Adds to \p Out the objects that the coroutine \p Callee, called by
/// \p TaskCall (null for a coroutine lambda given as a callable), signals
/// as the last act of its body: a statement of the body's block (or the
/// initializer of the one local it declares, `bool ok = chan.try_send(ec)`)
/// followed only by statements that touch nothing but the body's own locals
/// and do not suspend (`co_return;`, `assert(ok);`), with no local with a
/// destructor alive there (a scoped lock would still unlock after the
/// signal); or a try statement that ends the body, whose block and every
/// handler end by signalling one object so.
void addFinalSignals(const FunctionDecl &Callee, const CallExpr *TaskCall,
                     const SignalNames &Names, SyncObjects &Out);

/// The object that the task \p Task (a coroutine that \p TaskCall calls,
/// null for a coroutine lambda; or the plain callable a thread runs),
/// started by \p Start, hands its outcome to as its last act (as
/// addFinalSignals reads a last act): a synchronisation object of the
/// starter it signals, or a callable parameter of a function around
/// \p Start that it calls (a completion handler), itself or through a
/// callable it gives one of \p PostFunctions (`post(ex, [h = std::move(h)] {
/// h(ec); })`). Null when its last act is neither.
const VarDecl *finalHandOff(const FunctionDecl &Task, const CallExpr *TaskCall,
                            const Stmt &Start, const SignalNames &Names,
                            const NameList &PostFunctions);

/// Adds to \p Signalled the synchronisation objects of \p Body initialized
/// from one of them: the future of a promise (`auto f = p.get_future()`).
void addDerivedObjects(const Stmt *Body, const NameList &SyncTypes,
                       SyncObjects &Signalled);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_TASKSIGNALS_H
