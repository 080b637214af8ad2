// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- SwallowedExceptionCheck.cpp - tether -----------------------------===//

#include "SwallowedExceptionCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/AsioAwaitable.h"
#include "utils/CancellationApis.h"
#include "utils/Coroutines.h"
#include "utils/Loops.h"
#include "utils/Macros.h"
#include "utils/Matchers.h"
#include "utils/RuntimeApi.h"
#include "utils/SpawnApis.h"
#include "utils/StmtSearch.h"
#include "utils/TaskHolders.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <type_traits>

using namespace clang::ast_matchers;

namespace clang::tidy::tether {
namespace {

constexpr llvm::StringLiteral DefaultIgnoreCatchWithKeywords = "@TODO;@FIXME";
constexpr llvm::StringLiteral DefaultCancellationAwareTaskTypes =
    "::asio::awaitable;::boost::asio::awaitable;::folly::coro::Task;"
    "::folly::coro::TaskWithExecutor;::cppcoro::task;::cppcoro::shared_task";
constexpr llvm::StringLiteral DefaultCancellationCatchingTypes =
    "::std::exception;::std::runtime_error;::std::system_error;"
    "::boost::system::system_error;::folly::OperationCancelled;"
    "::cppcoro::operation_cancelled";
constexpr llvm::StringLiteral DefaultTaskResultFunctions =
    "::std::future::get;::std::shared_future::get;"
    "::std::this_thread::sync_wait;::std::execution::sync_wait;"
    "::stdexec::sync_wait;::cppcoro::sync_wait;::folly::coro::blockingWait";
constexpr llvm::StringLiteral DefaultCompletionHandlerFunctions =
    "co_spawn;post;dispatch;defer;upon_error;let_error";

/// The name a call is written with, also in a template where the callee is
/// not resolved yet.
StringRef calleeName(const CallExpr &Call) {
  if (const NamedDecl *Called = calledDecl(Call))
    return Called->getDeclName().isIdentifier() ? Called->getName() : "";
  const Expr *Callee = Call.getCallee()->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    return Member->getMember().isIdentifier()
               ? Member->getMember().getAsIdentifierInfo()->getName()
               : "";
  if (const auto *Overload = dyn_cast<OverloadExpr>(Callee))
    return Overload->getName().isIdentifier()
               ? Overload->getName().getAsIdentifierInfo()->getName()
               : "";
  return "";
}

/// An Asio-style initiating function: its name starts with `async_`.
bool isInitiation(StringRef Name) { return Name.starts_with("async_"); }

/// Matches a call of an initiating function or of a function listed in
/// \p Names: the calls that take completion handlers. Written by hand: it
/// runs on every call.
AST_MATCHER_P(CallExpr, takesCompletionHandler, const NameList *, Names) {
  const NamedDecl *Called = calledDecl(Node);
  if (!Called || !Called->getDeclName().isIdentifier())
    return false;
  return isInitiation(Called->getName()) || Names->matches(*Called);
}

/// Whether \p E mentions `operation_aborted` (Asio's cancellation code).
bool mentionsOperationAborted(const Stmt *E) {
  return anyStmt(E, [](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    return Ref && Ref->getDecl()->getDeclName().isIdentifier() &&
           Ref->getDecl()->getName() == "operation_aborted";
  });
}

/// Whether \p Call calls a function named \p Name.
bool callsNamed(const Stmt &S, StringRef Name) {
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call)
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Callee->getDeclName().isIdentifier() &&
         Callee->getName() == Name;
}

/// What a condition says about the exception being handled.
enum class Test { Unknown, IsCancellation, IsNotCancellation };

/// Reads `is_cancellation(...)`, `e.code() == operation_aborted` and their
/// negations.
Test cancellationTest(const Expr *Cond) {
  if (!Cond)
    return Test::Unknown;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot) {
    const Test Inner = cancellationTest(Not->getSubExpr());
    return Inner == Test::IsCancellation      ? Test::IsNotCancellation
           : Inner == Test::IsNotCancellation ? Test::IsCancellation
                                              : Test::Unknown;
  }
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Cond))
    return cancellationTest(Cleanups->getSubExpr());
  if (callsNamed(*Cond, "is_cancellation"))
    return Test::IsCancellation;
  const std::optional<Equality> Compared = equalityOf(Cond);
  if (!Compared || !(mentionsOperationAborted(Compared->LHS) ||
                     mentionsOperationAborted(Compared->RHS)))
    return Test::Unknown;
  return Compared->Equal ? Test::IsCancellation : Test::IsNotCancellation;
}

/// Whether \p S leaves on a path a cancellation can take: it throws
/// (rethrows), returns, co_returns or calls a function that does not
/// return, other than in a branch taken only for other exceptions.
bool leavesOnCancellation(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  // A goto goes where this check does not follow (googletest's EXPECT_THROW
  // leaves its handlers that way): taken as leaving.
  if (isa<CXXThrowExpr, CoreturnStmt, ReturnStmt, GotoStmt, IndirectGotoStmt>(
          S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->isNoReturn())
      return true;
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    const Test Tested = cancellationTest(If->getCond());
    return leavesOnCancellation(If->getCond()) ||
           (Tested != Test::IsNotCancellation &&
            leavesOnCancellation(If->getThen())) ||
           (Tested != Test::IsCancellation &&
            leavesOnCancellation(If->getElse()));
  }
  return llvm::any_of(S->children(), leavesOnCancellation);
}

/// The variable that \p Handler stores the code of the exception it caught
/// in (`ec = e.code();`); null when it stores none.
const ValueDecl *storedCode(const CXXCatchStmt &Handler) {
  const VarDecl *Caught = Handler.getExceptionDecl();
  const ValueDecl *Code = nullptr;
  if (Caught)
    anyStmt(Handler.getHandlerBlock(), [&](const Stmt &S) {
      const std::optional<Assignment> Assign = assignmentOf(S);
      const auto *Read = Assign && Assign->Plain
                             ? dyn_cast<CXXMemberCallExpr>(
                                   skipParensAndImplicit(Assign->Value))
                             : nullptr;
      const CXXMethodDecl *Method = Read ? Read->getMethodDecl() : nullptr;
      if (Method && Method->getIdentifier() && Method->getName() == "code" &&
          namedValue(peel(Read->getImplicitObjectArgument())) == Caught)
        Code = namedValue(Assign->Target);
      return Code != nullptr;
    });
  return Code;
}

/// Whether \p Cond holds only when \p Code equals one of the named error
/// constants it is compared to, none of them a cancellation
/// (`ec == error::connection_reset || ec == error::eof`).
bool onlyForOtherCodes(const Expr *Cond, const ValueDecl &Code) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Logical = dyn_cast<BinaryOperator>(Cond)) {
    if (Logical->getOpcode() == BO_LOr)
      return onlyForOtherCodes(Logical->getLHS(), Code) &&
             onlyForOtherCodes(Logical->getRHS(), Code);
    if (Logical->getOpcode() == BO_LAnd)
      return onlyForOtherCodes(Logical->getLHS(), Code) ||
             onlyForOtherCodes(Logical->getRHS(), Code);
  }
  const std::optional<Equality> Compared = equalityOf(Cond);
  if (!Compared || !Compared->Equal)
    return false;
  const Expr *Other = namedValue(peel(Compared->LHS)) == &Code   ? Compared->RHS
                      : namedValue(peel(Compared->RHS)) == &Code ? Compared->LHS
                                                                 : nullptr;
  return Other && !mentionsOperationAborted(Other) &&
         anyStmt(Other, [](const Stmt &S) {
           const auto *Ref = dyn_cast<DeclRefExpr>(&S);
           return Ref && isa<EnumConstantDecl>(Ref->getDecl());
         });
}

/// Whether the handler keeps the exception: it calls
/// std::current_exception() to store or forward it (not only to test it
/// with is_cancellation).
bool keepsException(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S) || callsNamed(*S, "is_cancellation"))
    return false;
  if (callsNamed(*S, "current_exception"))
    return true;
  return llvm::any_of(S->children(), keepsException);
}

/// Finds a `break` or `continue` of \p Block that leaves it (one not inside a
/// loop or switch of the block itself).
template <typename JumpStmt> bool jumpsOut(const Stmt *S) {
  if (!S)
    return false;
  if (isa<JumpStmt>(S))
    return true;
  if (isa<LambdaExpr>(S) || isLoop(*S) ||
      (std::is_same_v<JumpStmt, BreakStmt> && isa<SwitchStmt>(S)))
    return false;
  return llvm::any_of(S->children(), jumpsOut<JumpStmt>);
}

/// The body a coroutine's user wrote (a coroutine body statement wraps it).
const Stmt *writtenBody(const FunctionDecl &FD) {
  const Stmt *Body = FD.getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    return Coroutine->getBody();
  return Body;
}

/// Leading whitespace of the line \p Loc is on.
StringRef indentationAt(SourceLocation Loc, const SourceManager &SM) {
  const auto [File, Offset] = SM.getDecomposedLoc(Loc);
  const StringRef Buffer = SM.getBufferData(File);
  const size_t LineStart = Buffer.rfind('\n', Offset) + 1; // npos + 1 == 0
  const StringRef Line = Buffer.substr(LineStart);
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; });
}

/// Inserts the statement \p Text first in \p Block, on a line of its own
/// when the block spans several lines.
std::optional<FixItHint> insertFirst(const CompoundStmt &Block, StringRef Text,
                                     const SourceManager &SM) {
  const SourceLocation LBrace = Block.getLBracLoc();
  const SourceLocation RBrace = Block.getRBracLoc();
  if (LBrace.isMacroID() || RBrace.isMacroID())
    return std::nullopt;
  const SourceLocation After = LBrace.getLocWithOffset(1);
  const unsigned BraceLine = SM.getSpellingLineNumber(LBrace);
  if (!Block.body_empty()) {
    const SourceLocation First = Block.body_front()->getBeginLoc();
    if (First.isMacroID())
      return std::nullopt;
    if (SM.getSpellingLineNumber(First) == BraceLine)
      return FixItHint::CreateInsertion(After, (" " + Text).str());
    return FixItHint::CreateInsertion(
        After, ("\n" + indentationAt(First, SM) + Text).str());
  }
  if (SM.getSpellingLineNumber(RBrace) == BraceLine)
    return FixItHint::CreateInsertion(
        After, (" " + Text + (RBrace == After ? " " : "")).str());
  return FixItHint::CreateInsertion(
      After, ("\n" + indentationAt(LBrace, SM) + "  " + Text).str());
}

/// Whether an empty \p Block has tokens between its braces: code that did
/// not parse (half-written code in an editor), not an empty block.
bool didNotParse(const CompoundStmt &Block, const SourceManager &SM,
                 const LangOptions &LangOpts) {
  if (!Block.body_empty() || Block.getLBracLoc().isMacroID() ||
      Block.getRBracLoc().isMacroID())
    return false;
  std::optional<Token> Next =
      Lexer::findNextToken(Block.getLBracLoc(), SM, LangOpts);
  return Next &&
         SM.isBeforeInTranslationUnit(Next->getLocation(), Block.getRBracLoc());
}

/// The parameter of type std::exception_ptr of a completion handler.
const ParmVarDecl *exceptionPtrParam(const FunctionDecl &Handler) {
  for (const ParmVarDecl *Param : Handler.parameters()) {
    const CXXRecordDecl *Record =
        Param->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (Record && Record->getDeclName().isIdentifier() &&
        Record->getName() == "exception_ptr" &&
        StringRef(templateFreeQualifiedName(*Record)).starts_with("::std::"))
      return Param;
  }
  return nullptr;
}

/// Whether \p Body reads \p Param other than to cast it to void.
bool reads(const Stmt *Body, const ParmVarDecl &Param) {
  if (!Body)
    return false;
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Body);
      Cast && Cast->getTypeAsWritten()->isVoidType())
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Cast->getSubExpr()->IgnoreParenImpCasts());
        Ref && Ref->getDecl() == &Param)
      return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Body))
    return Ref->getDecl() == &Param;
  return llvm::any_of(Body->children(),
                      [&](const Stmt *Child) { return reads(Child, Param); });
}

/// The function a completion handler argument runs: a lambda (written in
/// place or held by a local variable) or a named function.
const FunctionDecl *handlerFunction(const Expr &Arg) {
  const Expr *E = skipParensAndImplicit(&Arg);
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    E = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1)
    E = skipParensAndImplicit(Construct->getArg(0));
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl()))
      return Function;
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isLocalVarDecl() && Var->getInit())
      E = skipParensAndImplicit(Var->getInit());
  }
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return Lambda->getCallOperator();
  return nullptr;
}

} // namespace

SwallowedExceptionCheck::SwallowedExceptionCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : AsyncCheck(Name, Context),
      OnlyInCoroutines(Options.get("OnlyInCoroutines", true)),
      IgnoreCatchWithKeywords(utils::options::parseStringList(Options.get(
          "IgnoreCatchWithKeywords", DefaultIgnoreCatchWithKeywords))),
      CancellationAwareTaskTypes(readNameList(
          "CancellationAwareTaskTypes", DefaultCancellationAwareTaskTypes)),
      CancellationCatchingTypes(readNameList("CancellationCatchingTypes",
                                             DefaultCancellationCatchingTypes)),
      TaskResultFunctions(
          readNameList("TaskResultFunctions", DefaultTaskResultFunctions)),
      CompletionHandlerFunctions(readNameList(
          "CompletionHandlerFunctions", DefaultCompletionHandlerFunctions)),
      ScopeJoinFunctions(
          readNameList("ScopeJoinFunctions", cancellation::ScopeJoinFunctions)),
      FireAndForgetTypes(
          readNameList("FireAndForgetTypes", spawn::FireAndForgetTypes)),
      Runtime(Options, areDiagsSelfContained()) {}

void SwallowedExceptionCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "OnlyInCoroutines", OnlyInCoroutines);
  Options.store(Opts, "IgnoreCatchWithKeywords",
                utils::options::serializeStringList(IgnoreCatchWithKeywords));
  storeNameList(Opts, CancellationAwareTaskTypes);
  storeNameList(Opts, CancellationCatchingTypes);
  storeNameList(Opts, TaskResultFunctions);
  storeNameList(Opts, CompletionHandlerFunctions);
  storeNameList(Opts, ScopeJoinFunctions);
  storeNameList(Opts, FireAndForgetTypes);
  Runtime.storeOptions(Options, Opts);
}

void SwallowedExceptionCheck::registerPPCallbacks(const SourceManager &,
                                                  Preprocessor *PP,
                                                  Preprocessor *) {
  Runtime.registerPreprocessor(PP);
}

void SwallowedExceptionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(cxxTryStmt(isReportable(SystemHeaders)).bind("try"), this);
  Finder->addMatcher(cxxMethodDecl(hasName("unhandled_exception"),
                                   isDefinition(), isReportable(SystemHeaders),
                                   hasBody(compoundStmt(statementCountIs(0))))
                         .bind("unhandled"),
                     this);
  Finder->addMatcher(
      callExpr(takesCompletionHandler(&CompletionHandlerFunctions),
               isReportable(SystemHeaders))
          .bind("handlerCall"),
      this);
  Finder->addMatcher(coroutineBodyStmt().bind("coroutineBody"), this);
}

/// The class a promise is written as: the pattern of an instantiation.
static const CXXRecordDecl *writtenPromise(const CXXRecordDecl &Promise) {
  const CXXRecordDecl *Pattern = Promise.getTemplateInstantiationPattern();
  return (Pattern ? Pattern : &Promise)->getCanonicalDecl();
}

void SwallowedExceptionCheck::onEndOfTranslationUnit() {
  for (const CXXMethodDecl *Method : UnhandledInMainFile)
    if (UsedPromises.contains(writtenPromise(*Method->getParent())))
      checkUnhandledException(*Method, *AST);
  UnhandledInMainFile.clear();
  UsedPromises.clear();
  CompletionHandlers.clear();
  Reported.clear();
  Paths.clear();
}

void SwallowedExceptionCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  AST = &Ctx;
  if (const auto *Try = Result.Nodes.getNodeAs<CXXTryStmt>("try"))
    checkTry(*Try, Ctx);
  else if (const auto *Body =
               Result.Nodes.getNodeAs<CoroutineBodyStmt>("coroutineBody")) {
    if (const VarDecl *Promise = Body->getPromiseDecl())
      if (const CXXRecordDecl *Type = Promise->getType()->getAsCXXRecordDecl())
        UsedPromises.insert(writtenPromise(*Type));
  } else if (const auto *Method =
                 Result.Nodes.getNodeAs<CXXMethodDecl>("unhandled")) {
    // A promise of the main file that no coroutine uses is no coroutine's
    // (stdexec's concept tests): judged once the coroutines are known.
    const SourceManager &SM = Ctx.getSourceManager();
    if (SM.isInMainFile(SM.getExpansionLoc(Method->getParent()->getLocation())))
      UnhandledInMainFile.push_back(Method);
    else
      checkUnhandledException(*Method, Ctx);
  } else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("handlerCall"))
    checkHandlerArguments(*Call, Ctx);
}

SwallowedExceptionCheck::Family
SwallowedExceptionCheck::familyOf(const FunctionDecl &Coroutine) const {
  const QualType Returned = Coroutine.getReturnType().getCanonicalType();
  const NamedDecl *Task = Returned->getAsCXXRecordDecl();
  if (!Task) // a dependent specialization in a template
    if (const auto *TST = Returned->getAs<TemplateSpecializationType>())
      Task = TST->getTemplateName().getAsTemplateDecl();
  if (!Task || !CancellationAwareTaskTypes.matches(*Task))
    return Family::None;
  switch (awaitableFlavour(Returned)) {
  case AsioFlavour::Standalone:
    return Family::Asio;
  case AsioFlavour::Boost:
    return Family::BoostAsio;
  case AsioFlavour::None:
    break;
  }
  const std::string Name = templateFreeQualifiedName(*Task);
  if (StringRef(Name).starts_with("::cppcoro::"))
    return Family::Cppcoro;
  if (StringRef(Name).starts_with("::folly::"))
    return Family::Folly;
  return Family::Other;
}

namespace {

/// The exception that carries a cancellation in coroutines of \p Kind; empty
/// when the check does not know it.
StringRef cancellationException(SwallowedExceptionCheck::Family Kind) {
  using Family = SwallowedExceptionCheck::Family;
  switch (Kind) {
  case Family::Asio:
    return cancellation::AsioException;
  case Family::BoostAsio:
    return cancellation::BoostAsioException;
  case Family::Cppcoro:
    return cancellation::CppcoroException;
  case Family::Folly:
    return cancellation::FollyException;
  case Family::None:
  case Family::Other:
    return "";
  }
  llvm_unreachable("unknown family");
}

/// Whether the exception of \p Kind means cancellation and nothing else, so
/// that catching exactly it is handling the cancellation on purpose.
bool isDedicatedCancellation(SwallowedExceptionCheck::Family Kind) {
  return Kind == SwallowedExceptionCheck::Family::Cppcoro ||
         Kind == SwallowedExceptionCheck::Family::Folly;
}

/// The class named by \p QualifiedName ("::ns::Class"), if the translation
/// unit declares it.
const CXXRecordDecl *lookUpClass(const ASTContext &Ctx,
                                 StringRef QualifiedName) {
  const DeclContext *Scope = Ctx.getTranslationUnitDecl();
  llvm::SmallVector<StringRef, 4> Parts;
  QualifiedName.drop_front(2).split(Parts, "::");
  for (size_t I = 0; I < Parts.size(); ++I) {
    const DeclContext *Next = nullptr;
    for (const NamedDecl *Found : Scope->lookup(&Ctx.Idents.get(Parts[I]))) {
      if (I + 1 == Parts.size()) {
        if (const auto *Record = dyn_cast<CXXRecordDecl>(Found))
          return Record->getDefinition();
      } else if (const auto *Namespace = dyn_cast<NamespaceDecl>(Found)) {
        Next = Namespace;
        break;
      }
    }
    if (!Next)
      return nullptr;
    Scope = Next;
  }
  return nullptr;
}

bool isCaughtAs(const CXXCatchStmt &Handler, StringRef QualifiedName) {
  const CXXRecordDecl *Caught =
      Handler.getCaughtType().getNonReferenceType()->getAsCXXRecordDecl();
  return Caught && Caught->getIdentifier() &&
         templateFreeQualifiedName(*Caught) == QualifiedName;
}

} // namespace

bool SwallowedExceptionCheck::catchesCancellation(const CXXCatchStmt &Handler,
                                                  Family Kind,
                                                  const ASTContext &Ctx) const {
  if (!Handler.getExceptionDecl())
    return true; // catch (...)
  const CXXRecordDecl *Caught =
      Handler.getCaughtType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Caught || !CancellationCatchingTypes.matches(*Caught))
    return false;
  // A cppcoro task is cancelled with operation_cancelled, never with a
  // system_error: only the family's exception and its bases see it.
  const StringRef Exception = cancellationException(Kind);
  if (Exception.empty() || isCaughtAs(Handler, Exception))
    return true;
  if (const CXXRecordDecl *Cancellation = lookUpClass(Ctx, Exception))
    return Cancellation->isDerivedFrom(Caught);
  // The library's exception is not declared here: every library's derives
  // from std::exception.
  return isCaughtAs(Handler, "::std::exception");
}

bool SwallowedExceptionCheck::takesTaskResult(const Stmt &S) const {
  return anyStmt(&S, [&](const Stmt &Node) {
    const auto *Call = dyn_cast<CallExpr>(&Node);
    if (!Call)
      return false;
    const NamedDecl *Called = calledDecl(*Call);
    return Called && TaskResultFunctions.matches(*Called);
  });
}

bool SwallowedExceptionCheck::hasAsyncWork(const Stmt &S,
                                           bool CountJoins) const {
  return anyStmt(&S, [&](const Stmt &Node) {
    if (const auto *Await = dyn_cast<CoawaitExpr>(&Node); Await && !CountJoins)
      if (const auto *Call =
              dyn_cast<CallExpr>(skipParensAndImplicit(Await->getOperand()));
          Call && calledDecl(*Call) &&
          ScopeJoinFunctions.matches(*calledDecl(*Call)))
        return false;
    if (isa<CoawaitExpr, DependentCoawaitExpr, CoyieldExpr>(Node))
      return true;
    const auto *Call = dyn_cast<CallExpr>(&Node);
    if (!Call)
      return false;
    const StringRef Name = calleeName(*Call);
    if (isInitiation(Name) || Name == "co_spawn")
      return true;
    const NamedDecl *Called = calledDecl(*Call);
    return Called && TaskResultFunctions.matches(*Called);
  });
}

bool SwallowedExceptionCheck::mayThrowCancellation(const Stmt &S) const {
  return hasAsyncWork(S) || anyStmt(&S, [](const Stmt &Node) {
           const auto *Call = dyn_cast<CallExpr>(&Node);
           return Call && calleeName(*Call).contains_insensitive("cancel");
         });
}

bool SwallowedExceptionCheck::isMarkedIntentional(
    const CompoundStmt &Block, const SourceManager &SM) const {
  if (IgnoreCatchWithKeywords.empty())
    return false;
  const StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Block.getSourceRange()), SM,
      LangOptions());
  return llvm::any_of(IgnoreCatchWithKeywords, [&](StringRef Keyword) {
    return !Keyword.empty() && Text.contains(Keyword);
  });
}

namespace {

/// Whether \p Handler assigns a variable that the condition of \p Loop
/// reads (`while (!Done) { try ... catch (...) { Done = true; } }`): the
/// handler ends the loop.
bool endsLoop(const CXXCatchStmt &Handler, const Stmt &Loop) {
  const Expr *Cond = loopCondition(Loop);
  if (!Cond)
    return false;
  llvm::SmallPtrSet<const ValueDecl *, 4> Read;
  anyStmt(Cond, [&](const Stmt &S) {
    if (const auto *E = dyn_cast<Expr>(&S))
      if (const ValueDecl *Value = namedValue(E))
        Read.insert(Value);
    return false;
  });
  return anyStmt(Handler.getHandlerBlock(), [&](const Stmt &S) {
    const Expr *Target = writtenOperand(S);
    const ValueDecl *Value = Target ? namedValue(Target) : nullptr;
    return Value && Read.contains(Value);
  });
}

/// Whether control, after \p Handler of the try statement at the end of
/// \p Path falls through, reaches more async work: a later statement of an
/// enclosing block has some, or an enclosing loop (which has some) goes
/// round again. Sets \p LoopsBack when the loop is the way.
bool carriesOn(llvm::ArrayRef<const Stmt *> Path, const CXXCatchStmt &Handler,
               llvm::function_ref<bool(const Stmt &)> HasAsyncWork,
               const ASTContext &Ctx, bool &LoopsBack) {
  enum { Normal, Break, Continue } How = Normal;
  if (jumpsOut<BreakStmt>(Handler.getHandlerBlock()))
    How = Break;
  else if (jumpsOut<ContinueStmt>(Handler.getHandlerBlock()))
    How = Continue;
  for (size_t I = Path.size() - 1; I > 0; --I) {
    const Stmt *Child = Path[I];
    const Stmt *Parent = Path[I - 1];
    if (How == Break) {
      if (isLoop(*Parent) || isa<SwitchStmt>(Parent))
        How = Normal; // control goes on after the loop or switch
      continue;
    }
    if (How == Continue) {
      // `continue` in a `do { } while (false)` leaves it.
      if (runsOnce(*Parent, Ctx))
        How = Normal;
      else if (isLoop(*Parent))
        return LoopsBack = HasAsyncWork(*Parent);
      continue;
    }
    if (const auto *Block = dyn_cast<CompoundStmt>(Parent)) {
      bool After = false;
      for (const Stmt *S : Block->body()) {
        if (S == Child) {
          After = true;
          continue;
        }
        if (!After)
          continue;
        if (HasAsyncWork(*S))
          return true;
        if (isa<CoreturnStmt, ReturnStmt, CXXThrowExpr>(S))
          return false;
        if (isa<BreakStmt>(S) || isa<ContinueStmt>(S)) {
          How = isa<BreakStmt>(S) ? Break : Continue;
          break;
        }
      }
      continue;
    }
    if (isRepeatingLoop(*Parent, Ctx)) {
      if (endsLoop(Handler, *Parent))
        continue; // control goes on after the loop
      if (HasAsyncWork(*Parent))
        return LoopsBack = true;
    }
  }
  return false;
}

} // namespace

void SwallowedExceptionCheck::checkTry(const CXXTryStmt &Try, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const FunctionDecl *Function = enclosingCallable(Try, Ctx);
  const bool InCoroutine = Function && isCoroutine(*Function);
  const bool InCompletionHandler =
      Function && CompletionHandlers.contains(Function);
  const Family Kind = InCoroutine ? familyOf(*Function) : Family::None;
  // Cancellations reach a handler only if no earlier one caught them.
  bool CancellationCaught = false;
  llvm::SmallVector<const Stmt *, 16> Path;
  for (unsigned I = 0; I < Try.getNumHandlers(); ++I) {
    const CXXCatchStmt &Handler = *Try.getHandler(I);
    const bool SeesCancellation =
        !CancellationCaught && catchesCancellation(Handler, Kind, Ctx);
    CancellationCaught = CancellationCaught || SeesCancellation;
    const auto *Block = dyn_cast<CompoundStmt>(Handler.getHandlerBlock());
    if (!Block || didNotParse(*Block, SM, Ctx.getLangOpts()))
      continue;
    // A handler written in a macro of another file is the macro's author's
    // code: a test framework's assertion records the exception as a failure.
    if (isInForeignMacro(Handler.getCatchLoc(), SM))
      continue;
    const SourceLocation Loc = SM.getExpansionLoc(Handler.getCatchLoc());

    // A cancellation swallowed by a coroutine that then carries on.
    const bool CancellationArrivesAsException =
        InCoroutine ? Kind != Family::None : !OnlyInCoroutines;
    if (SeesCancellation && CancellationArrivesAsException && Function &&
        !leavesOnCancellation(Handler.getHandlerBlock()) &&
        !keepsException(Handler.getHandlerBlock()) &&
        mayThrowCancellation(*Try.getTryBlock()) &&
        (Path.empty() ? Paths.pathTo(writtenBody(*Function), &Try, Path)
                      : true)) {
      bool LoopsBack = false;
      // A branch taken only for other errors than the one the handler kept
      // the code of (`if (ec == error::connection_reset) retry();`) is not
      // taken after a cancellation.
      const ValueDecl *Code = storedCode(Handler);
      auto HasWorkAfter = [&](const Stmt &S) {
        // Joining the children a scope owns is the end of a structured
        // shutdown, not more work.
        if (const auto *If = dyn_cast<IfStmt>(&S);
            If && Code && !If->getInit() && !If->getConditionVariable() &&
            onlyForOtherCodes(If->getCond(), *Code))
          return If->getElse() && hasAsyncWork(*If->getElse(), false);
        return hasAsyncWork(S, false);
      };
      if (hasAsyncWork(*Block) ||
          carriesOn(Path, Handler, HasWorkAfter, Ctx, LoopsBack)) {
        if (!firstReport(Loc))
          continue;
        const bool BoostFlavour = Runtime.flavour() == AsioFlavour::Boost;
        const bool Fixable = (Kind == Family::Asio && !BoostFlavour) ||
                             (Kind == Family::BoostAsio && BoostFlavour);
        std::optional<FixItHint> Fix;
        if (Fixable && !Handler.getCatchLoc().isMacroID())
          Fix =
              insertFirst(*Block,
                          (llvm::Twine("if (") + runtime::IsCancellation.Name +
                           "(std::current_exception())) throw;")
                              .str(),
                          SM);
        // The rethrow keeps what the handler did for every other exception;
        // it goes on the warning when the project can build it.
        const bool FixOnWarning = Fix && Runtime.reachable();
        {
          auto Diag =
              diag(Loc, "handler swallows cancellation and %select{the "
                        "loop goes on|control goes on to more async "
                        "work}0: %select{the coroutine|the code}1 keeps "
                        "running after it was cancelled; rethrow "
                        "cancellations")
              << (LoopsBack ? 0 : 1) << (InCoroutine ? 0 : 1);
          if (FixOnWarning) {
            Diag << *Fix;
            Runtime.addInclude(Diag, Block->getLBracLoc(),
                               runtime::IsCancellation, SM);
          }
        }
        if (Fix && !FixOnWarning) {
          auto Note = diag(Loc,
                           Runtime.noteMessage("rethrow them first with '%0'",
                                               runtime::IsCancellation),
                           DiagnosticIDs::Note)
                      << runtime::IsCancellation.Name << *Fix;
          Runtime.addInclude(Note, Block->getLBracLoc(),
                             runtime::IsCancellation, SM);
        }
        continue;
      }
    }

    // An empty handler where errors matter. Catching exactly a library's
    // dedicated cancellation exception (cppcoro's operation_cancelled) and
    // ending is how a coroutine of that library stops on cancellation.
    if (!Block->body_empty() || isMarkedIntentional(*Block, SM) ||
        (InCoroutine && isDedicatedCancellation(Kind) &&
         isCaughtAs(Handler, cancellationException(Kind))))
      continue;
    int Where = 3; // anywhere (OnlyInCoroutines off)
    if (InCoroutine)
      Where = 0;
    else if (InCompletionHandler)
      Where = 1;
    else if (takesTaskResult(*Try.getTryBlock()))
      Where = 2;
    else if (OnlyInCoroutines)
      continue;
    if (!firstReport(Loc))
      continue;
    diag(Loc, "empty handler swallows the exception%select{ in a coroutine| "
              "in a completion handler| of a task's result|}0; handle it, "
              "rethrow it or store it")
        << Where;
    if (std::optional<FixItHint> Fix = insertFirst(*Block, "throw;", SM);
        Fix && !Handler.getCatchLoc().isMacroID())
      diag(Loc, "rethrow the exception", DiagnosticIDs::Note) << *Fix;
  }
}

void SwallowedExceptionCheck::checkUnhandledException(
    const CXXMethodDecl &Method, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const CXXRecordDecl *Promise = Method.getParent();
  const IdentifierInfo &GetReturnObject = Ctx.Idents.get("get_return_object");
  if (!Promise || (Promise->getName() != "promise_type" &&
                   Promise->lookup(&GetReturnObject).empty()))
    return;
  // The promise of a type made to be started and dropped ignores what
  // escapes by contract.
  for (const NamedDecl *Found : Promise->lookup(&GetReturnObject))
    if (const auto *Getter = dyn_cast<FunctionDecl>(Found))
      if (const CXXRecordDecl *Returned =
              Getter->getReturnType()->getAsCXXRecordDecl();
          Returned && FireAndForgetTypes.matches(*Returned))
        return;
  const auto *Body = cast<CompoundStmt>(Method.getBody());
  if (didNotParse(*Body, SM, Ctx.getLangOpts()) ||
      isMarkedIntentional(*Body, SM))
    return;
  const SourceLocation Loc = SM.getExpansionLoc(Method.getLocation());
  if (!firstReport(Loc))
    return;
  diag(Loc, "empty 'unhandled_exception()' swallows every exception that "
            "escapes the coroutine: its awaiter never sees it; rethrow it or "
            "store it");
  // A rethrow out of a noexcept function calls std::terminate: there the
  // exception must be stored and rethrown where the task's result is taken.
  const auto *Type = Method.getType()->getAs<FunctionProtoType>();
  if (Type && Type->isNothrow()) {
    diag(Loc,
         "'unhandled_exception()' is noexcept, where a rethrow terminates: "
         "store 'std::current_exception()' in the promise and rethrow it "
         "where the result is taken",
         DiagnosticIDs::Note);
    return;
  }
  if (std::optional<FixItHint> Fix = insertFirst(*Body, "throw;", SM);
      Fix && !Method.getLocation().isMacroID())
    diag(Loc, "rethrow the exception to the coroutine's resumer",
         DiagnosticIDs::Note)
        << *Fix;
}

void SwallowedExceptionCheck::checkHandlerArguments(const CallExpr &Call,
                                                    ASTContext &Ctx) {
  for (const Expr *Arg : Call.arguments()) {
    const Expr *Value = skipParensAndImplicit(Arg);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Value))
      CompletionHandlers.insert(Lambda->getCallOperator());
    if (const FunctionDecl *Handler = handlerFunction(*Arg))
      checkIgnoredExceptionPtr(Call, *Arg, *Handler, Ctx);
  }
}

void SwallowedExceptionCheck::checkIgnoredExceptionPtr(
    const CallExpr &Call, const Expr &Arg, const FunctionDecl &Handler,
    ASTContext &Ctx) {
  const FunctionDecl *Definition = Handler.getDefinition();
  if (!Definition || !Definition->getBody())
    return;
  const ParmVarDecl *Param = exceptionPtrParam(*Definition);
  if (!Param)
    return;
  const bool Named = !Param->getName().empty();
  if (Named && reads(Definition->getBody(), *Param))
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Body = dyn_cast<CompoundStmt>(Definition->getBody());
  if (Body && didNotParse(*Body, SM, Ctx.getLangOpts()))
    return;
  const StringRef Callee = calleeName(Call);
  // A sender's error adaptor that does something recovers, as a handler
  // that returns a fallback does (`let_error` must return a sender): only
  // one that does nothing drops the error. A completion handler's
  // exception_ptr is the only report of the task's failure.
  if ((Callee == "upon_error" || Callee == "let_error") &&
      (!Body || !Body->body_empty()))
    return;
  const SourceLocation Loc = SM.getExpansionLoc(Arg.getBeginLoc());
  if (!firstReport(Loc))
    return;
  diag(Loc, "completion handler ignores the 'std::exception_ptr' it receives "
            "from '%0': the exception is lost; rethrow it or handle it")
      << Callee;
  if (!Body)
    return;
  if (Callee == "co_spawn" && Body->body_empty() &&
      !inMacro(Arg.getSourceRange())) {
    auto Note = diag(Loc,
                     Runtime.noteMessage("replace the handler by '%0': the "
                                         "exception then propagates out of "
                                         "the executor's 'run()'",
                                         runtime::Rethrow),
                     DiagnosticIDs::Note)
                << runtime::Rethrow.Name
                << FixItHint::CreateReplacement(Arg.getSourceRange(),
                                                runtime::Rethrow.Name);
    Runtime.addInclude(Note, Arg.getBeginLoc(), runtime::Rethrow, SM);
    return;
  }
  if (!Named)
    return;
  if (std::optional<FixItHint> Fix =
          insertFirst(*Body,
                      (llvm::Twine("if (") + Param->getName() +
                       ") std::rethrow_exception(" + Param->getName() + ");")
                          .str(),
                      SM))
    diag(Loc, "rethrow the exception", DiagnosticIDs::Note) << *Fix;
}

} // namespace clang::tidy::tether
