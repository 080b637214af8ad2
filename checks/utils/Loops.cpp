// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Loops.cpp - tether -----------------------------------------------===//

#include "Loops.h"
#include "StmtSearch.h"
#include "clang/AST/Expr.h"
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

bool runsOnce(const Stmt &S, const ASTContext &Ctx) {
  const auto *Do = dyn_cast<DoStmt>(&S);
  return Do && knownCondition(Do->getCond(), Ctx) == false;
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
