// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TaskHolders.cpp - tether -----------------------------------------===//

#include "TaskHolders.h"
#include "NameList.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::tether {

bool isTaskGroupLike(const CXXRecordDecl &Record) {
  if (!Record.getIdentifier())
    return false;
  std::string Name;
  for (char C : Record.getName())
    if (C != '_')
      Name += llvm::toLower(C);
  return llvm::StringRef(Name).contains("taskgroup") ||
         llvm::StringRef(Name).contains("asyncscope") ||
         llvm::StringRef(Name).contains("nursery");
}

bool spawnsOnTaskGroup(const CXXMethodDecl &Method) {
  return Method.getIdentifier() &&
         llvm::is_contained({"spawn", "add", "start"}, Method.getName()) &&
         isTaskGroupLike(*Method.getParent());
}

bool growsContainer(llvm::StringRef Name) {
  return llvm::is_contained(
      {"push_back", "emplace_back", "push_front", "emplace_front", "insert",
       "emplace", "emplace_hint", "try_emplace", "insert_or_assign", "push"},
      Name);
}

bool isStdMove(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (Call.getNumArgs() != 1 || !Callee || !Callee->getIdentifier() ||
      !llvm::is_contained({"move", "forward"}, Callee->getName()))
    return false;
  const std::string Name = templateFreeQualifiedName(*Callee);
  return Name == "::std::move" || Name == "::std::forward";
}

const Expr *peel(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() >= 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && isStdMove(*Call)) {
      E = Call->getArg(0);
      continue;
    }
    return E;
  }
  return E;
}

} // namespace clang::tidy::tether
