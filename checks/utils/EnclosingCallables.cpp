// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- EnclosingCallables.cpp - tether ----------------------------------===//

#include "EnclosingCallables.h"
#include "Coroutines.h"
#include "StmtSearch.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::tether {
namespace {

/// Descends towards one file offset. Ranges are compared by offset in the
/// statement's file, as expanded; a declaration that starts or ends in
/// another file cannot hold it.
class Search {
public:
  Search(const Stmt &S, const SourceManager &SM) : Target(S), SM(SM) {
    std::tie(File, Offset) =
        SM.getDecomposedLoc(SM.getExpansionLoc(S.getBeginLoc()));
  }

  const FunctionDecl *inContext(const DeclContext &DC) {
    for (const Decl *D : DC.decls())
      if (holds(D->getSourceRange()))
        if (const FunctionDecl *Found = inDecl(*D))
          return Found;
    return nullptr;
  }

private:
  bool holds(SourceRange Range) const {
    if (Range.isInvalid())
      return false;
    const auto [BeginFile, Begin] =
        SM.getDecomposedLoc(SM.getExpansionLoc(Range.getBegin()));
    const auto [EndFile, End] =
        SM.getDecomposedLoc(SM.getExpansionRange(Range.getEnd()).getEnd());
    return BeginFile == File && EndFile == File && Begin <= Offset &&
           Offset <= End;
  }

  const FunctionDecl *inDecl(const Decl &D) {
    if (const auto *Template = dyn_cast<TemplateDecl>(&D))
      if (const NamedDecl *Pattern = Template->getTemplatedDecl())
        return inDecl(*Pattern);
    if (const auto *Function = dyn_cast<FunctionDecl>(&D)) {
      const Stmt *Body = Function->getBody();
      if (!Body || !holds(Body->getSourceRange()))
        return nullptr;
      const FunctionDecl *Owner =
          Function->isTemplated() ? instantiationHolding(*Function) : Function;
      const FunctionDecl *Lambda = inStmt(*Owner->getBody());
      return Lambda ? Lambda : Owner;
    }
    if (const auto *DC = dyn_cast<DeclContext>(&D))
      return inContext(*DC);
    return nullptr;
  }

  /// Whether \p Wanted is in \p S, or in an instantiation of a generic
  /// lambda written in it: a generic lambda's body in the tree is its
  /// pattern, and a statement of an instantiation is in none of the trees.
  static bool contains(const Stmt *S, const Stmt &Wanted) {
    if (S == &Wanted)
      return true;
    if (!S)
      return false;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
      if (const FunctionTemplateDecl *Generic =
              Lambda->getDependentCallOperator())
        for (const FunctionDecl *Instance : Generic->specializations())
          if (contains(Instance->getBody(), Wanted))
            return true;
    return llvm::any_of(S->children(), [&](const Stmt *Child) {
      return contains(Child, Wanted);
    });
  }

  /// Ranges lead to a template as written; the statement may be one of an
  /// instantiation of it, whose body is another tree with the same ranges.
  const FunctionDecl *instantiationHolding(const FunctionDecl &Pattern) {
    if (contains(Pattern.getBody(), Target))
      return &Pattern;
    auto Holds = [&](const FunctionDecl *F) {
      return F && F->getBody() && contains(F->getBody(), Target);
    };
    if (const FunctionTemplateDecl *Template =
            Pattern.getDescribedFunctionTemplate())
      for (const FunctionDecl *Specialization : Template->specializations())
        if (Holds(Specialization))
          return Specialization;
    const auto *Class = dyn_cast<CXXRecordDecl>(Pattern.getDeclContext());
    if (const ClassTemplateDecl *Template =
            Class ? Class->getDescribedClassTemplate() : nullptr)
      for (const ClassTemplateSpecializationDecl *Specialization :
           Template->specializations())
        for (const Decl *Member : Specialization->decls()) {
          const auto *Method = dyn_cast<FunctionDecl>(Member);
          if (const auto *MemberTemplate =
                  dyn_cast<FunctionTemplateDecl>(Member)) {
            for (const FunctionDecl *Instance :
                 MemberTemplate->specializations())
              if (Instance->getTemplateInstantiationPattern() == &Pattern &&
                  Holds(Instance))
                return Instance;
            continue;
          }
          if (Method && Method->getTemplateInstantiationPattern() == &Pattern &&
              Holds(Method))
            return Method;
        }
    return &Pattern;
  }

  /// The innermost lambda (or function of a local class) in \p S that holds
  /// the offset.
  const FunctionDecl *inStmt(const Stmt &S) {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
      const FunctionDecl *Call = Lambda->getCallOperator();
      if (Call->isTemplated()) // a generic lambda
        Call = instantiationHolding(*Call);
      if (const Stmt *Body = Call->getBody(); Body && holdsTarget(*Body)) {
        const FunctionDecl *Inner = inStmt(*Body);
        return Inner ? Inner : Call;
      }
    }
    if (const auto *Decls = dyn_cast<DeclStmt>(&S))
      for (const Decl *D : Decls->decls())
        if (isa<CXXRecordDecl>(D) && holds(D->getSourceRange()))
          if (const FunctionDecl *Found = inDecl(*D))
            return Found;
    // Statements expanded from one macro share its range: try each. The
    // last child ends where its parent, which holds the offset, ends: its
    // end is not asked for. The end of an if statement is its last else's,
    // a walk down an else-if chain, and asking for it at every level of the
    // descent would make the search quadratic in the chain's length.
    const Stmt *Last = nullptr;
    for (const Stmt *Child : S.children())
      Last = Child ? Child : Last;
    for (const Stmt *Child : S.children())
      if (Child && (Child == Last ? beginsBefore(*Child)
                                  : holds(Child->getSourceRange())))
        if (const FunctionDecl *Found = inStmt(*Child))
          return Found;
    return nullptr;
  }

  /// Whether the body \p Body of a lambda holds the statement. Every
  /// location of a macro's expansion maps to the macro's name, arguments
  /// included: the ranges of lambdas written in one macro argument
  /// (`EXPECT_DEATH({ run([] -> task { auto x = [] -> task {...}(); ...
  /// }); }, "")`) all hold the statement, and only the tree says which of
  /// them it is in.
  bool holdsTarget(const Stmt &Body) const {
    if (!holds(Body.getSourceRange()))
      return false;
    if (Body.getBeginLoc().isFileID() && Body.getEndLoc().isFileID())
      return true;
    return contains(&Body, Target);
  }

  bool beginsBefore(const Stmt &S) const {
    const auto [BeginFile, Begin] =
        SM.getDecomposedLoc(SM.getExpansionLoc(S.getBeginLoc()));
    return BeginFile == File && Begin <= Offset;
  }

  const Stmt &Target;
  const SourceManager &SM;
  FileID File;
  unsigned Offset;
};

} // namespace

const FunctionDecl *enclosingCallable(const Stmt &S, ASTContext &Ctx) {
  return Search(S, Ctx.getSourceManager())
      .inContext(*Ctx.getTranslationUnitDecl());
}

const FunctionDecl *enclosingCoroutine(const Stmt &S, ASTContext &Ctx) {
  const FunctionDecl *Function = enclosingCallable(S, Ctx);
  return Function && isCoroutine(*Function) ? Function : nullptr;
}

bool runsWhenReached(const Stmt &S, ASTContext &Ctx) {
  const FunctionDecl *Function = enclosingCallable(S, Ctx);
  return Function && isEvaluatedBelow(Function->getBody(), S);
}

} // namespace clang::tidy::tether
