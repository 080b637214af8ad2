// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Loops.cpp - tether -----------------------------------------------===//

#include "Loops.h"
#include "StmtSearch.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::tether {

bool isLoop(const Stmt &S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

std::optional<bool> knownCondition(const Expr *Cond, const ASTContext &Ctx) {
  if (!Cond || Cond->isValueDependent())
    return std::nullopt;
  Cond = Cond->IgnoreParenImpCasts();
  bool Value = false;
  if (Cond->EvaluateAsBooleanCondition(Value, Ctx))
    return Value;
  const auto *Call = dyn_cast<CallExpr>(Cond);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Call->getNumArgs() != 0)
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Callee->getBody());
  const auto *Return = Body && Body->size() == 1
                           ? dyn_cast<ReturnStmt>(Body->body_front())
                           : nullptr;
  const Expr *Returned = Return ? Return->getRetValue() : nullptr;
  if (!Returned || Returned->isValueDependent() ||
      !Returned->EvaluateAsBooleanCondition(Value, Ctx))
    return std::nullopt;
  return Value;
}

const Stmt *loopBody(const Stmt &S) {
  if (const auto *For = dyn_cast<ForStmt>(&S))
    return For->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(&S))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(&S))
    return Do->getBody();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&S))
    return Range->getBody();
  return nullptr;
}

const Expr *loopCondition(const Stmt &S) {
  if (const auto *While = dyn_cast<WhileStmt>(&S))
    return While->getCond();
  if (const auto *Do = dyn_cast<DoStmt>(&S))
    return Do->getCond();
  if (const auto *For = dyn_cast<ForStmt>(&S))
    return For->getCond();
  return nullptr;
}

namespace {

/// Whether \p S holds a `continue` of the loop around it: not one of a loop
/// nested in it.
bool continuesOwnLoop(const Stmt *S) {
  if (!S || isLoop(*S) || isa<LambdaExpr>(S))
    return false;
  return isa<ContinueStmt>(S) || llvm::any_of(S->children(), continuesOwnLoop);
}

/// Whether the loop \p S leaves at the end of its first iteration whatever
/// path the body took: its last statement is a break, return or throw, and
/// no continue of its own starts another (`while (c) { ...; break; }`).
bool leavesAfterFirstIteration(const Stmt &S) {
  const Stmt *Body = loopBody(S);
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Body);
  const Stmt *Last = Block ? Block->body_back() : Body;
  if (const auto *E = dyn_cast_or_null<Expr>(Last))
    Last = E->IgnoreParenImpCasts();
  return Last && isa<BreakStmt, ReturnStmt, CoreturnStmt, CXXThrowExpr>(Last) &&
         !continuesOwnLoop(Body);
}
} // namespace

bool runsOnce(const Stmt &S, const ASTContext &Ctx) {
  const auto *Do = dyn_cast<DoStmt>(&S);
  return (Do && knownCondition(Do->getCond(), Ctx) == false) ||
         leavesAfterFirstIteration(S);
}

bool inRepeatingLoop(const Stmt &S, const Stmt &Body, const ASTContext &Ctx) {
  // A search down from the body: asking for parents would build the parent
  // map of the whole translation unit.
  return anyStmt(&Body, [&](const Stmt &Loop) {
    return isRepeatingLoop(Loop, Ctx) &&
           anyStmt(&Loop, [&](const Stmt &Inner) { return &Inner == &S; });
  });
}

} // namespace clang::tidy::tether
