// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TaskHolders.cpp - tether -----------------------------------------===//

#include "TaskHolders.h"
#include "NameList.h"
#include "StmtSearch.h"
#include "clang/AST/DeclTemplate.h"
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

/// Whether \p Call is \p Name of a `std::coroutine_handle`.
static bool callsHandle(const CXXMemberCallExpr &Call, llvm::StringRef Name) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  const CXXRecordDecl *Handle = Method ? Method->getParent() : nullptr;
  return Handle && Method->getIdentifier() && Method->getName() == Name &&
         Handle->getIdentifier() && Handle->getName() == "coroutine_handle" &&
         Handle->isInStdNamespace();
}

/// Whether \p Function calls one of \p Joins or, with \p DestroyEnds,
/// destroys a coroutine's frame, itself or through the member functions it
/// calls on `this` or on a data member, at most \p Depth calls deep. A
/// function that asks whether the coroutine is done may destroy only a
/// finished one and let a running one go on: its destroy does not count.
static bool endsCoroutine(const FunctionDecl &Function, const NameList &Joins,
                          bool DestroyEnds, unsigned Depth) {
  const FunctionDecl *Defined = nullptr;
  if (!Function.hasBody(Defined))
    return false;
  const bool AsksDone = anyStmt(Defined->getBody(), [](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    return Call && callsHandle(*Call, "done");
  });
  return anyStmt(Defined->getBody(), [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee)
      return false;
    if (Joins.matches(*Callee))
      return true;
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    if (!Member)
      return false;
    if (callsHandle(*Member, "destroy"))
      return DestroyEnds && !AsksDone;
    const Expr *Object = Member->getImplicitObjectArgument()->IgnoreImpCasts();
    if (const auto *Field = dyn_cast<MemberExpr>(Object))
      Object = Field->getBase()->IgnoreImpCasts();
    return Depth > 0 && isa<CXXThisExpr>(Object) &&
           endsCoroutine(*Callee, Joins, DestroyEnds, Depth - 1);
  });
}

/// Whether the user-provided destructor of \p Class ends its coroutine (see
/// endsCoroutine).
static bool destructorEnds(const CXXRecordDecl &Class, const NameList &Joins,
                           bool DestroyEnds) {
  const CXXDestructorDecl *Destructor = Class.getDestructor();
  return Destructor && Destructor->isUserProvided() &&
         endsCoroutine(*Destructor, Joins, DestroyEnds, /*Depth=*/2);
}

bool destructorJoins(const CXXRecordDecl &Task, const NameList &Joins) {
  const CXXRecordDecl *Definition = Task.getDefinition();
  return Definition &&
         destructorEnds(*Definition, Joins, /*DestroyEnds=*/false);
}

bool destructorEndsTask(const CXXRecordDecl &Task, const NameList &Joins) {
  const CXXRecordDecl *Definition = Task.getDefinition();
  if (!Definition)
    return false;
  const auto *Specialization =
      dyn_cast<ClassTemplateSpecializationDecl>(Definition);
  // A container of tasks destroys its elements.
  if (Specialization && Specialization->isInStdNamespace()) {
    const TemplateArgumentList &Args = Specialization->getTemplateArgs();
    const CXXRecordDecl *Element =
        Args.size() > 0 && Args[0].getKind() == TemplateArgument::Type
            ? Args[0].getAsType()->getAsCXXRecordDecl()
            : nullptr;
    return Element && destructorEndsTask(*Element, Joins);
  }
  if (destructorEnds(*Definition, Joins, /*DestroyEnds=*/true))
    return true;
  const CXXDestructorDecl *Destructor = Definition->getDestructor();
  if (!Specialization || !Destructor || Destructor->hasBody())
    return false;
  return llvm::any_of(
      Specialization->getSpecializedTemplate()->specializations(),
      [&](const ClassTemplateSpecializationDecl *Other) {
        return Other != Specialization && Other->hasDefinition() &&
               destructorEnds(*Other->getDefinition(), Joins,
                              /*DestroyEnds=*/true);
      });
}

bool growsContainer(llvm::StringRef Name) {
  return llvm::is_contained(
      {"push_back", "emplace_back", "push_front", "emplace_front", "insert",
       "emplace", "emplace_hint", "try_emplace", "insert_or_assign", "push"},
      Name);
}

bool isStdMove(const CallExpr &Call) {
  // In a template, `std::move(x)` of a dependent `x` is still a lookup.
  if (const auto *Lookup = dyn_cast<UnresolvedLookupExpr>(
          Call.getCallee()->IgnoreParenImpCasts()))
    return Call.getNumArgs() == 1 &&
           llvm::is_contained({"move", "forward"},
                              Lookup->getName().getAsString()) &&
           llvm::all_of(Lookup->decls(), [](const NamedDecl *D) {
             return D->getDeclContext()->isStdNamespace();
           });
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
