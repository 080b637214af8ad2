// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Loops.cpp - tether -----------------------------------------------===//

#include "Loops.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::tether {

bool isLoop(const Stmt &S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

bool runsOnce(const Stmt &S, const ASTContext &Ctx) {
  const auto *Do = dyn_cast<DoStmt>(&S);
  if (!Do || !Do->getCond() || Do->getCond()->isValueDependent())
    return false;
  bool Repeats = true;
  return Do->getCond()->EvaluateAsBooleanCondition(Repeats, Ctx) && !Repeats;
}

bool inRepeatingLoop(const Stmt &S, ASTContext &Ctx) {
  for (DynTypedNodeList Parents = Ctx.getParents(S); !Parents.empty();) {
    const DynTypedNode Parent = Parents[0];
    if (Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>())
      return false;
    if (const auto *Statement = Parent.get<Stmt>();
        Statement && isRepeatingLoop(*Statement, Ctx))
      return true;
    Parents = Ctx.getParents(Parent);
  }
  return false;
}

} // namespace clang::tidy::tether
