//===--- EnclosingCallables.cpp - tether ----------------------------------===//

#include "EnclosingCallables.h"
#include "Coroutines.h"
#include "Matchers.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::tether {

static constexpr llvm::StringLiteral FunctionId = "tether.callable.function";
static constexpr llvm::StringLiteral LambdaId = "tether.callable.lambda";

void EnclosingCallables::registerMatchers(MatchFinder &Finder,
                                          MatchFinder::MatchCallback &Callback,
                                          bool SystemHeaders) {
  Finder.addMatcher(functionDecl(hasBody(stmt()), isReportable(SystemHeaders))
                        .bind(FunctionId),
                    &Callback);
  Finder.addMatcher(lambdaExpr(isReportable(SystemHeaders)).bind(LambdaId),
                    &Callback);
}

bool EnclosingCallables::record(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function =
      Result.Nodes.getNodeAs<FunctionDecl>(FunctionId);
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>(LambdaId))
    Function = Lambda->getCallOperator();
  else if (!Function)
    return false;
  if (!Function->getBody())
    return true;
  const SourceManager &SM = *Result.SourceManager;
  const SourceRange Body = Function->getBody()->getSourceRange();
  const SourceLocation Begin = SM.getExpansionLoc(Body.getBegin());
  popEndedBefore(Begin, SM);
  Stack.push_back(
      {Function, Begin, SM.getExpansionRange(Body.getEnd()).getEnd()});
  return true;
}

void EnclosingCallables::popEndedBefore(SourceLocation Loc,
                                        const SourceManager &SM) {
  while (!Stack.empty() && SM.isBeforeInTranslationUnit(Stack.back().End, Loc))
    Stack.pop_back();
}

const FunctionDecl *EnclosingCallables::enclosing(const Stmt &S,
                                                  const SourceManager &SM) {
  const SourceLocation Loc = SM.getExpansionLoc(S.getBeginLoc());
  popEndedBefore(Loc, SM);
  // Traversal can jump back (template instantiations are visited after the
  // template), leaving callables on the stack that do not hold the
  // statement: take the innermost one that does.
  for (auto It = Stack.rbegin(); It != Stack.rend(); ++It)
    if (!SM.isBeforeInTranslationUnit(Loc, It->Begin) &&
        !SM.isBeforeInTranslationUnit(It->End, Loc))
      return It->Function;
  return nullptr;
}

const FunctionDecl *
EnclosingCallables::enclosingCoroutine(const Stmt &S, const SourceManager &SM) {
  const FunctionDecl *Function = enclosing(S, SM);
  return Function && isCoroutine(*Function) ? Function : nullptr;
}

} // namespace clang::tidy::tether
