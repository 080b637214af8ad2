// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- EventLoops.h - tether --------------------------------------------===//
//
// What the checks ask about event loops: does a statement run one until it
// has no work left (so that what was started on it has ended), and is that
// loop the function's own.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_EVENTLOOPS_H
#define TETHER_CHECKS_UTILS_EVENTLOOPS_H

#include "NameList.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::tether {

/// Whether \p Call, of \p Method, is listed in \p Names as a member of the
/// class of the object it is called on.
bool callsMemberIn(const CXXMemberCallExpr &Call, const CXXMethodDecl &Method,
                   const NameList &Names);

/// The call by which \p Node runs an event loop until it has no work left;
/// null when it runs none. A member in \p LoopRuns (`io.run()`), a loop
/// that steps the event loop while it has work (`for (; io.run_one(); ++n)`),
/// or one that steps it until it stops (`while (!io.stopped()) io.poll();`,
/// Boost.MQTT5's test broker).
const CXXMemberCallExpr *loopRunToCompletion(const Stmt &Node,
                                             const NameList &LoopRuns);

/// Whether \p Var is an object of \p Function's own: a local, not a
/// parameter, a reference or a pointer.
bool isLocalObject(const FunctionDecl &Function, const VarDecl &Var);

/// The event loop that \p Run runs, when it is a local object of
/// \p Function (not a parameter, a reference or a pointer); null otherwise.
/// A loop made and run in a call is no loop its caller's tasks run on, and
/// what the function starts on it has ended once the run returns.
const VarDecl *ownLoop(const FunctionDecl &Function,
                       const CXXMemberCallExpr &Run);

/// Whether a call of each function runs an event loop to completion, by
/// the function and how many calls deep it was followed.
using LoopRunMemo =
    llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool>;

/// How many calls deep a call that runs an event loop is followed.
constexpr unsigned MaxLoopRunDepth = 4;

/// Whether a call of \p Callee runs an event loop that outlives the call,
/// until the loop has no work left: its body in view does, itself or
/// through the functions it calls at most \p Depth calls deep, or starts
/// threads that do and joins them (a pool's `run()`), or, with its body in
/// another translation unit, the program's facts say so (a test's
/// `::run(ioc)` defined in a library of the project). \p Known keeps the
/// answers of the translation unit.
bool callRunsLoop(const FunctionDecl &Callee, const NameList &LoopRuns,
                  unsigned Depth, LoopRunMemo &Known);

/// Whether \p Node runs an event loop until it has no work left: itself
/// (loopRunToCompletion), or as a call of a function that does
/// (callRunsLoop, \p Depth calls deep).
bool runsLoopToCompletion(const Stmt &Node, const NameList &LoopRuns,
                          LoopRunMemo &Known, unsigned Depth = MaxLoopRunDepth);

/// The join of a pool's `run()` in \p Body: the body starts threads that run
/// an event loop (runsLoopInLambda, \p Depth calls deep) and joins one,
/// itself or in a lambda it runs at once through `std::call_once`
/// (rest_rpc's `io_context_pool::run()`); null otherwise.
const CXXMemberCallExpr *loopThreadsJoined(const Stmt &Body,
                                           const NameList &LoopRuns,
                                           LoopRunMemo &Known,
                                           unsigned Depth = MaxLoopRunDepth);

/// Whether \p Call joins a `std::thread` or `std::jthread`.
bool joinsThread(const CXXMemberCallExpr &Call);

/// Whether a lambda in \p Body runs an event loop to completion, itself or
/// through a call followed \p Depth calls deep: the body of a thread that
/// runs the loop until no work is left (`std::thread th{[&] { ioc.run();
/// }}`), which a later join of the thread waits for.
bool runsLoopInLambda(const Stmt *Body, const NameList &LoopRuns,
                      LoopRunMemo &Known, unsigned Depth = MaxLoopRunDepth);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_EVENTLOOPS_H
