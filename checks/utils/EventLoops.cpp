// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- EventLoops.cpp - tether ------------------------------------------===//

#include "EventLoops.h"
#include "Facts.h"
#include "Loops.h"
#include "StmtSearch.h"
#include "TaskHolders.h"
#include "TaskSignals.h"

namespace clang::tidy::tether {

bool callsMemberIn(const CXXMemberCallExpr &Call, const CXXMethodDecl &Method,
                   const NameList &Names) {
  const CXXRecordDecl *Class = Call.getObjectType().isNull()
                                   ? nullptr
                                   : Call.getObjectType()->getAsCXXRecordDecl();
  return Class && Names.matchesMemberOf(*Class, Method);
}

const CXXMemberCallExpr *loopRunToCompletion(const Stmt &Node,
                                             const NameList &LoopRuns) {
  auto Calls =
      [](const Stmt &S,
         llvm::ArrayRef<llvm::StringRef> Names) -> const CXXMemberCallExpr * {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    return Method && Method->getIdentifier() &&
                   llvm::is_contained(Names, Method->getName())
               ? Call
               : nullptr;
  };
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    return Method && Method->getIdentifier() &&
                   callsMemberIn(*Call, *Method, LoopRuns)
               ? Call
               : nullptr;
  }
  const Expr *Condition = loopCondition(Node);
  const Stmt *Body = loopBody(Node);
  if (!Condition)
    return nullptr;
  // run_one() returns 0 once no work is left: the loop is run().
  if (const CXXMemberCallExpr *Step = Calls(*peel(Condition), {"run_one"}))
    return Step;
  const ValueDecl *Loop = nullptr;
  anyStmt(Condition, [&](const Stmt &S) {
    if (const CXXMemberCallExpr *Stopped = Calls(S, {"stopped"}))
      Loop = namedValue(peel(Stopped->getImplicitObjectArgument()));
    return Loop != nullptr;
  });
  const CXXMemberCallExpr *Stepping = nullptr;
  if (Loop)
    anyStmt(Body, [&](const Stmt &S) {
      const CXXMemberCallExpr *Step =
          Calls(S, {"poll", "poll_one", "run_one", "run_for"});
      if (Step && namedValue(peel(Step->getImplicitObjectArgument())) == Loop)
        Stepping = Step;
      return Stepping != nullptr;
    });
  return Stepping;
}

bool isLocalObject(const FunctionDecl &Function, const VarDecl &Var) {
  return Var.getDeclContext() == &Function && Var.hasLocalStorage() &&
         !isa<ParmVarDecl>(Var) && !Var.getType()->isReferenceType() &&
         !Var.getType()->isPointerType();
}

const VarDecl *ownLoop(const FunctionDecl &Function,
                       const CXXMemberCallExpr &Run) {
  const VarDecl *Root = rootVariable(Run.getImplicitObjectArgument());
  return Root && isLocalObject(Function, *Root) ? Root : nullptr;
}

const CXXMemberCallExpr *loopThreadsJoined(const Stmt &Body,
                                           const NameList &LoopRuns,
                                           LoopRunMemo &Known, unsigned Depth) {
  llvm::SmallVector<const Stmt *, 2> RunNow = {&Body};
  anyStmt(&Body, [&](const Stmt &Node) {
    const auto *Once = dyn_cast<CallExpr>(&Node);
    const FunctionDecl *Called = Once ? Once->getDirectCallee() : nullptr;
    if (Called && Called->isInStdNamespace() && Called->getIdentifier() &&
        Called->getName() == "call_once" && Once->getNumArgs() > 1)
      if (const auto *Lambda = dyn_cast<LambdaExpr>(peel(Once->getArg(1))))
        RunNow.push_back(Lambda->getBody());
    return false;
  });
  if (llvm::none_of(RunNow, [&](const Stmt *Part) {
        return runsLoopInLambda(Part, LoopRuns, Known, Depth);
      }))
    return nullptr;
  const CXXMemberCallExpr *Joined = nullptr;
  for (const Stmt *Part : RunNow)
    anyStmt(Part, [&](const Stmt &Node) {
      const auto *Join = dyn_cast<CXXMemberCallExpr>(&Node);
      if (Join && joinsThread(*Join) && !Joined)
        Joined = Join;
      return Joined != nullptr;
    });
  return Joined;
}

bool callRunsLoop(const FunctionDecl &Callee, const NameList &LoopRuns,
                  unsigned Depth, LoopRunMemo &Known) {
  const auto Key = std::pair(Callee.getCanonicalDecl(), Depth);
  if (auto Found = Known.find(Key); Found != Known.end())
    return Found->second;
  bool Runs = false;
  if (const FunctionDecl *Definition = Callee.getDefinition()) {
    const Stmt *Body = Definition->getBody();
    Runs = anyStmt(Body, [&](const Stmt &Node) {
      if (const CXXMemberCallExpr *Run = loopRunToCompletion(Node, LoopRuns))
        return !ownLoop(*Definition, *Run);
      const auto *Call = dyn_cast<CallExpr>(&Node);
      const FunctionDecl *Next =
          Call && Depth > 1 ? followedCallee(*Call) : nullptr;
      return Next && Next->getCanonicalDecl() != Key.first &&
             callRunsLoop(*Next, LoopRuns, Depth - 1, Known);
    });
    Runs = Runs ||
           (Depth > 1 && loopThreadsJoined(*Body, LoopRuns, Known, Depth - 1));
  } else
    Runs = knownChain(Callee, FactKind::RunsLoop, Depth) != nullptr;
  Known[Key] = Runs;
  return Runs;
}

bool runsLoopToCompletion(const Stmt &Node, const NameList &LoopRuns,
                          LoopRunMemo &Known, unsigned Depth) {
  if (loopRunToCompletion(Node, LoopRuns))
    return true;
  const auto *Call = dyn_cast<CallExpr>(&Node);
  const FunctionDecl *Callee = Call ? followedCallee(*Call) : nullptr;
  return Callee && callRunsLoop(*Callee, LoopRuns, Depth, Known);
}

bool joinsThread(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  return Method && Method->getIdentifier() && Method->getName() == "join" &&
         llvm::is_contained({"::std::thread", "::std::jthread"},
                            templateFreeQualifiedName(*Method->getParent()));
}

bool runsLoopInLambda(const Stmt *Body, const NameList &LoopRuns,
                      LoopRunMemo &Known, unsigned Depth) {
  // Also a lambda inside another (`std::call_once(started, [this] { thd_ =
  // std::thread([this] { pool_.run(); }); })`, rest_rpc's server).
  return anyStmt(
      Body,
      [&](const Stmt &Node) {
        const auto *Lambda = dyn_cast<LambdaExpr>(&Node);
        return Lambda && anyStmt(Lambda->getBody(), [&](const Stmt &Inner) {
                 return runsLoopToCompletion(Inner, LoopRuns, Known, Depth);
               });
      },
      /*IntoLambdas=*/true);
}

} // namespace clang::tidy::tether
