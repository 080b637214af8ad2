// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- FireAndForgetCheck.cpp - tether ----------------------------------===//

#include "FireAndForgetCheck.h"
#include "utils/Annotations.h"
#include "utils/AsioAwaitable.h"
#include "utils/Coroutines.h"
#include "utils/EventLoops.h"
#include "utils/Facts.h"
#include "utils/LexerUtils.h"
#include "utils/Loops.h"
#include "utils/Matchers.h"
#include "utils/RuntimeApi.h"
#include "utils/SpawnApis.h"
#include "utils/SyncApis.h"
#include "utils/TaskHolders.h"
#include "utils/TaskSignals.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/Sequence.h"

using namespace clang::ast_matchers;

namespace clang::tidy::tether {
namespace {

std::string defaultDetachedSpawnFunctions() {
  return (llvm::Twine(spawn::DetachedStartFunctions) + ";" +
          spawn::DetachMembers)
      .str();
}

std::string defaultScopeSpawnFunctions() {
  return (llvm::Twine(spawn::ScopeSpawnFunctions) + ";" +
          spawn::GroupForkFunctions)
      .str();
}
constexpr llvm::StringLiteral DefaultDetachedTokenTypes =
    "::asio::detached_t;::boost::asio::detached_t";
/// Calls, and classes whose constructors take a callable, that call it and
/// drop what it returns (a std::function whose signature returns void).
std::string defaultResultDroppingCallees() {
  return (llvm::Twine(spawn::PostFunctions) +
          ";::std::thread;::std::jthread;::std::function;"
          "::std::move_only_function;::std::copyable_function;::std::for_each;"
          "::std::for_each_n;::std::ranges::for_each;::std::ranges::for_each_n")
      .str();
}
/// Members that chain a callback to a task and return the task that runs it
/// (QCoro's `then(callback)` and `then(callback, errorCallback)`).
constexpr llvm::StringLiteral DefaultContinuationFunctions = "then";
constexpr llvm::StringLiteral DefaultExpectedThrowFunctions =
    "assert_throws;assert_throws_with_error_message;"
    "assert_throws_contains_error_message";

/// The body of the unhandled_exception() of \p Promise when the promise has
/// no result to give (return_void only); null when it has one, or the
/// handler is not in view.
const Stmt *handlerWithoutResult(const CXXRecordDecl &Promise) {
  const FunctionDecl *Handler = nullptr;
  for (const CXXMethodDecl *Method : Promise.methods()) {
    if (!Method->getIdentifier())
      continue;
    if (Method->getName() == "return_value")
      return nullptr;
    if (Method->getName() == "unhandled_exception")
      Handler = Method;
  }
  const FunctionDecl *Defined = nullptr;
  return Handler && Handler->hasBody(Defined) ? Defined->getBody() : nullptr;
}

/// Whether the promise \p Promise ends the program on an exception that
/// escapes the coroutine (its unhandled_exception() calls std::terminate or
/// std::abort, on some path) and has no result to give.
bool endsProgramWithoutResult(const CXXRecordDecl &Promise) {
  return anyStmt(handlerWithoutResult(Promise), [](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    return Callee && Callee->getIdentifier() &&
           llvm::is_contained({"terminate", "abort"}, Callee->getName()) &&
           (Callee->isInStdNamespace() ||
            Callee->getDeclContext()->isTranslationUnit());
  });
}

/// Whether the promise \p Promise loses nothing when its task is dropped
/// once done: it has no result to give and its unhandled_exception()
/// rethrows (`throw;`) to whoever resumed the coroutine.
bool keepsNothing(const CXXRecordDecl &Promise) {
  return anyStmt(handlerWithoutResult(Promise), [](const Stmt &S) {
    const auto *Throw = dyn_cast<CXXThrowExpr>(&S);
    return Throw && !Throw->getSubExpr();
  });
}

/// Whether the eager coroutine \p Call calls runs to its end inside the
/// call and its task, dropped, loses nothing: its body, in view, never
/// suspends, it has no result, and an exception escaping it reaches the
/// caller (an awaiter of `initial_suspend()` that resumes the coroutine at
/// once, as in beman.task's tests).
bool completesInTheCall(const CallExpr &Call, const TaskTypeInfo &Task) {
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(calledDecl(Call));
  const CompoundStmt *Block = Callee ? coroutineBlock(*Callee) : nullptr;
  return Task.Start == TaskStart::Eager && Task.Promise && Block &&
         !suspends(*Block) && keepsNothing(*Task.Promise);
}

/// Whether the function \p Call calls cannot return: it is declared so, or
/// its body in view is no coroutine and has no return statement (a lambda
/// declared to return a task whose body only throws). It makes no task.
bool cannotReturn(const CallExpr &Call) {
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(calledDecl(Call));
  if (!Callee)
    return false;
  if (Callee->isNoReturn())
    return true;
  const FunctionDecl *Definition = Callee->getDefinition();
  const Stmt *Body = Definition ? Definition->getBody() : nullptr;
  return Body && !isCoroutine(*Definition) &&
         !anyStmt(Body, [](const Stmt &S) { return isa<ReturnStmt>(S); });
}

/// What a dropped task of \p Task's type loses; \p EndedByDestructor when
/// the type's destructor ends the coroutine it still runs (uvco's Promise
/// destroys the frame).
llvm::StringRef discardedTaskMessage(const TaskTypeInfo &Task,
                                     bool EndedByDestructor) {
  switch (Task.Start) {
  case TaskStart::Lazy:
    return "task returned by %0 is discarded and never started: its body "
           "does not run; co_await it or keep it to await later";
  case TaskStart::Eager:
    if (EndedByDestructor)
      return "task returned by %0 is discarded and its destructor cancels "
             "it: the coroutine is destroyed where it first suspends and the "
             "rest of its body never runs; co_await it or keep it to await "
             "later";
    if (Task.Promise && endsProgramWithoutResult(*Task.Promise))
      return "task returned by %0 is discarded and runs unowned: nobody can "
             "wait for it or cancel it, and an exception escaping it ends the "
             "program; co_await it or keep it to await later";
    return "task returned by %0 is discarded and runs unowned: its result "
           "and its exception are lost; co_await it or keep it to await later";
  case TaskStart::Unknown:
    break;
  }
  return "task returned by %0 is discarded: if it is lazy it never runs, if "
         "it is eager nobody owns it; co_await it or keep it to await later";
}

/// Whether \p Arg is a function or an object with a call operator.
bool isCallable(const Expr &Arg) {
  const QualType Type = Arg.getType().getNonReferenceType();
  if (Type->isFunctionType() || Type->isFunctionPointerType())
    return true;
  const CXXRecordDecl *Class = Type->getAsCXXRecordDecl();
  return Class && Class->hasDefinition() &&
         llvm::any_of(Class->decls(), [](const Decl *D) {
           const FunctionDecl *Function = D->getAsFunction();
           return Function && Function->getOverloadedOperator() == OO_Call;
         });
}

/// How a diagnostic names the callee: 'fetch', the lambda 'handler' a local
/// holds, or "the immediately invoked lambda".
std::string describeCallee(const CallExpr &Call) {
  if (const auto *Method =
          dyn_cast_or_null<CXXMethodDecl>(Call.getDirectCallee());
      Method && Method->getParent()->isLambda()) {
    const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
    const Expr *Closure =
        Operator ? skipParensAndImplicit(Operator->getArg(0)) : nullptr;
    if (const NamedDecl *Holder = Closure && !isa<LambdaExpr>(Closure)
                                      ? namedValue(peel(Closure))
                                      : nullptr)
      return "the lambda '" + Holder->getNameAsString() + "'";
    return Closure && isa<LambdaExpr>(Closure)
               ? "the immediately invoked lambda"
               : "the lambda";
  }
  if (const NamedDecl *Callee = calledDecl(Call))
    return "'" + Callee->getNameAsString() + "'";
  return "the call";
}

/// Whether \p Wrapper drops what the callable it holds returns: a
/// std::function keeps it unless its signature returns void.
bool dropsResult(const CXXRecordDecl &Wrapper) {
  const auto *Specialization =
      dyn_cast<ClassTemplateSpecializationDecl>(&Wrapper);
  if (!Specialization || Specialization->getTemplateArgs().size() == 0 ||
      Specialization->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return true;
  const auto *Signature = Specialization->getTemplateArgs()[0]
                              .getAsType()
                              ->getAs<FunctionProtoType>();
  return !Signature || Signature->getReturnType()->isVoidType();
}

/// How a diagnostic names a completion token argument: 'detached', or "a
/// detached completion token" when it is not a plain variable.
std::string describeToken(const Expr &Token) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Token.IgnoreParenImpCasts()))
    return "'" + Ref->getDecl()->getNameAsString() + "'";
  return "a detached completion token";
}

/// `co_await X` binds tighter than binary operators: anything but a postfix
/// call needs parentheses.
bool needsParensUnderCoAwait(const CallExpr &Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call))
    return Op->getOperator() != OO_Call && Op->getOperator() != OO_Subscript;
  return false;
}

/// Whether the token argument \p E passes on a token its function received
/// through a template parameter (`CompletionToken &&token`, forwarded as
/// `std::forward<CompletionToken>(token)` or
/// `static_cast<CompletionToken &&>(token)`): the caller chose it, and the
/// caller's call is where it is written and judged.
bool passesOnCallersToken(const Expr *E) {
  // `Token &&` with Token a reference collapses: the template parameter is
  // seen through the type as written.
  auto IsTemplateParameter = [](QualType Type) {
    for (;;) {
      if (Type->getAs<SubstTemplateTypeParmType>())
        return true;
      const auto *Reference = Type->getAs<ReferenceType>();
      if (!Reference)
        return false;
      Type = Reference->getPointeeTypeAsWritten();
    }
  };
  // A parameter declared with a dependent type in the template (deduction
  // may leave no sugar of the template parameter in the instantiation).
  auto IsDependentInTemplate = [](const ParmVarDecl &Param) {
    const auto *Function = dyn_cast<FunctionDecl>(Param.getDeclContext());
    const FunctionDecl *Pattern =
        Function ? Function->getTemplateInstantiationPattern() : nullptr;
    if (!Pattern)
      return false;
    const unsigned Index = Param.getFunctionScopeIndex();
    for (unsigned I = 0; I < Pattern->getNumParams(); ++I) {
      const ParmVarDecl *Written = Pattern->getParamDecl(I);
      if (Written->isParameterPack())
        return I <= Index; // expanded packs shift the indices after them
      if (I == Index)
        return Written->getType()->isDependentType();
    }
    return false;
  };
  for (;;) {
    E = skipParensAndImplicit(E);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Var);
          Param && IsDependentInTemplate(*Param))
        return true;
      return Var && IsTemplateParameter(Var->getType());
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
        Call->getDirectCallee()->isInStdNamespace() &&
        Call->getDirectCallee()->getIdentifier() &&
        llvm::is_contained({"forward", "move"},
                           Call->getDirectCallee()->getName())) {
      E = Call->getArg(0);
      continue;
    }
    return false;
  }
}

/// Whether \p Type is a token listed in \p Names, or a token adapter made
/// from one: a class template specialization with such a type among its
/// template arguments (`consign_t<detached_t, std::shared_ptr<T>>`,
/// `executor_binder<detached_t, Executor>`), adapters of adapters included.
bool isListedToken(const CXXRecordDecl *Type, const NameList &Names,
                   unsigned Depth = 0) {
  if (!Type)
    return false;
  if (Names.matches(*Type))
    return true;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Type);
  if (!Spec || Depth == 3)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        isListedToken(Arg.getAsType()->getAsCXXRecordDecl(), Names, Depth + 1))
      return true;
  return false;
}

/// Matches a call with an argument whose class type is listed in \p Names,
/// or adapts one (`consign(detached, conn)`), written there rather than
/// passed on from the caller, bound as "token". A call that only adapts the
/// token (its own value is such an adapter: `consign`, `bind_executor`)
/// starts nothing: the operation it is handed to is the one reported.
/// Written by hand: it runs on every call.
AST_MATCHER_P(CallExpr, hasArgumentOfListedType, const NameList *, Names) {
  if (isListedToken(Node.getType()->getAsCXXRecordDecl(), *Names))
    return false;
  for (const Expr *Arg : Node.arguments()) {
    const Expr *Value = Arg->IgnoreParenImpCasts();
    const CXXRecordDecl *Type = Value->getType()->getAsCXXRecordDecl();
    if (isListedToken(Type, *Names) && !passesOnCallersToken(Value)) {
      Builder->setBinding("token", DynTypedNode::create(*Value));
      return true;
    }
  }
  return false;
}

/// The coroutine whose task \p Task is: the callee of a call, the call
/// operator of a coroutine lambda; null when neither is known.
const FunctionDecl *taskFunction(const Expr &Task) {
  const Expr *E = skipParensAndImplicit(&Task);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    // A lambda that only forwards to a coroutine, keeping what it captures
    // alive (`[self] { return self->run(); }`), runs that coroutine.
    const CXXMethodDecl *Operator = Lambda->getCallOperator();
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Operator->getBody());
    const auto *Return = Body && Body->size() == 1
                             ? dyn_cast<ReturnStmt>(Body->body_front())
                             : nullptr;
    const auto *Forwarded =
        Return && Return->getRetValue()
            ? dyn_cast<CallExpr>(skipParensAndImplicit(Return->getRetValue()))
            : nullptr;
    if (Forwarded && Forwarded->getDirectCallee() &&
        isCoroutine(*Forwarded->getDirectCallee()))
      return Forwarded->getDirectCallee();
    return Operator;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return Call->getDirectCallee();
  return nullptr;
}

/// The callable that the thread \p Thread names runs: the first argument of
/// its construction, as a temporary (`std::thread(f).detach()`) or as the
/// initializer of the local it names, in a template too; null when it is
/// neither.
const Expr *threadCallable(const Expr *Thread) {
  Thread = peel(Thread);
  if (const auto *Var = dyn_cast_or_null<VarDecl>(namedValue(Thread));
      Var && Var->hasLocalStorage() && Var->getInit())
    Thread = peel(Var->getInit());
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Thread))
    return Construct->getNumArgs() ? Construct->getArg(0) : nullptr;
  if (const auto *Dependent =
          dyn_cast_or_null<CXXUnresolvedConstructExpr>(Thread))
    return Dependent->getNumArgs() ? Dependent->getArg(0) : nullptr;
  if (const auto *Parens = dyn_cast_or_null<ParenListExpr>(Thread))
    return Parens->getNumExprs() ? Parens->getExpr(0) : nullptr;
  if (const auto *Braces = dyn_cast_or_null<InitListExpr>(Thread))
    return Braces->getNumInits() ? Braces->getInit(0) : nullptr;
  return nullptr;
}

/// Whether the task \p Task (a call of a coroutine, or a coroutine lambda)
/// is declared made to be detached (TETHER_DETACH_OK): its function or its
/// type.
bool isDetachOk(const Expr &Task) {
  const FunctionDecl *Function = taskFunction(Task);
  if (Function && hasAnnotation(*Function, Annotation::DetachOk))
    return true;
  const QualType Type = Function ? Function->getReturnType() : Task.getType();
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  return Record && hasAnnotation(*Record, Annotation::DetachOk);
}

/// Whether \p Handler is a `catch (...)` or a `catch (std::exception&)` that
/// does not rethrow: the exceptions of its `try` end there.
bool endsEveryException(const CXXCatchStmt &Handler) {
  if (const VarDecl *Caught = Handler.getExceptionDecl()) {
    const CXXRecordDecl *Type =
        Caught->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (!Type || !Type->getIdentifier() ||
        templateFreeQualifiedName(*Type) != "::std::exception")
      return false;
  }
  return !anyStmt(Handler.getHandlerBlock(),
                  [](const Stmt &Node) { return isa<CXXThrowExpr>(Node); });
}

/// Whether the task \p Spawned (a call of a coroutine, or a coroutine
/// lambda) handles every exception in its own body: each statement of its
/// body is a declaration or a `try` with a `catch (...)` or
/// `catch (std::exception&)` that does not rethrow.
bool handlesItsExceptions(const Expr &Spawned) {
  const FunctionDecl *Coroutine = taskFunction(Spawned);
  const CompoundStmt *Block = Coroutine ? coroutineBlock(*Coroutine) : nullptr;
  if (!Block || Block->body_empty())
    return false;
  bool Tried = false;
  for (const Stmt *S : Block->body()) {
    if (isa<DeclStmt, NullStmt>(S))
      continue;
    // A `co_return;` after the `try` throws nothing.
    if (const auto *Return = dyn_cast<CoreturnStmt>(S);
        Return && Tried && !Return->getOperand())
      continue;
    const auto *Try = dyn_cast<CXXTryStmt>(S);
    if (!Try ||
        llvm::none_of(llvm::seq(0u, Try->getNumHandlers()), [&](unsigned I) {
          return endsEveryException(*Try->getHandler(I));
        }))
      return false;
    Tried = true;
  }
  return Tried;
}

/// Where the coroutine \p Coroutine hands its exception to its caller: a
/// handler of a `try` of its body that ends every exception stores
/// `std::current_exception()` in a member of an object that a reference or
/// pointer parameter names (`context.exception = std::current_exception()`,
/// as QCoro's waitFor has its coroutine do).
struct ExceptionSink {
  const ParmVarDecl *Param = nullptr;
  const ValueDecl *Member = nullptr;
};

ExceptionSink exceptionSink(const FunctionDecl &Coroutine) {
  ExceptionSink Sink;
  const CompoundStmt *Block = coroutineBlock(Coroutine);
  if (!Block)
    return Sink;
  auto StoresException = [&](const Stmt &Node) {
    const auto *Assign = dyn_cast<CXXOperatorCallExpr>(&Node);
    if (!Assign || Assign->getOperator() != OO_Equal ||
        Assign->getNumArgs() != 2)
      return false;
    const auto *Value =
        dyn_cast<CallExpr>(skipParensAndImplicit(Assign->getArg(1)));
    const NamedDecl *Called = Value ? calledDecl(*Value) : nullptr;
    if (!Called || !Called->getIdentifier() ||
        templateFreeQualifiedName(*Called) != "::std::current_exception")
      return false;
    const auto *Target =
        dyn_cast<MemberExpr>(skipParensAndImplicit(Assign->getArg(0)));
    const auto *Ref =
        Target ? dyn_cast<DeclRefExpr>(Target->getBase()->IgnoreParenImpCasts())
               : nullptr;
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (!Param || !(Param->getType()->isReferenceType() ||
                    Param->getType()->isPointerType()))
      return false;
    Sink = {Param, Target->getMemberDecl()};
    return true;
  };
  for (const Stmt *S : Block->body())
    if (const auto *Try = dyn_cast<CXXTryStmt>(S))
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        if (endsEveryException(*Try->getHandler(I)) &&
            anyStmt(Try->getHandler(I)->getHandlerBlock(), StoresException))
          return Sink;
  return {};
}

/// Whether the code that drops the task of \p Call reads, after the call,
/// the member its coroutine hands its exception to: it collects the outcome
/// itself, as a promise's owner does.
bool collectsHandedException(const CallExpr &Call, ASTContext &Ctx) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition) || isa<CXXMethodDecl>(Callee))
    return false;
  const ExceptionSink Sink = exceptionSink(*Definition);
  if (!Sink.Param || Sink.Param->getFunctionScopeIndex() >= Call.getNumArgs())
    return false;
  const VarDecl *Owner =
      rootVariable(Call.getArg(Sink.Param->getFunctionScopeIndex()));
  const FunctionDecl *Caller = enclosingCallable(Call, Ctx);
  if (!Owner || !Owner->hasLocalStorage() || !Caller)
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  return anyStmt(Caller->getBody(), [&](const Stmt &S) {
    const auto *Read = dyn_cast<MemberExpr>(&S);
    return Read && Read->getMemberDecl() == Sink.Member &&
           rootVariable(Read->getBase()) == Owner &&
           SM.isBeforeInTranslationUnit(Call.getEndLoc(), Read->getBeginLoc());
  });
}

bool isNamed(const CXXRecordDecl *Record, llvm::StringRef QualifiedName) {
  return Record && Record->getIdentifier() &&
         templateFreeQualifiedName(*Record) == QualifiedName;
}

/// What task_group::spawn accepts: a tether::task (an awaitable on the
/// default executor, any_io_executor) or a callable that returns one.
bool isSpawnableOnGroup(QualType Type) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record)
    return false;
  return Record->isLambda() || taskFlavour(Type) != AsioFlavour::None;
}

/// How to reach a tether::task_group through a variable of type \p Type:
/// "." or "->"; empty when it is not a group.
llvm::StringRef groupAccess(QualType Type) {
  Type = Type.getNonReferenceType();
  llvm::StringRef Access = ".";
  if (Type->isPointerType()) {
    Type = Type->getPointeeType();
    Access = "->";
  }
  return isNamed(Type->getAsCXXRecordDecl(), runtime::TaskGroup.Name)
             ? Access
             : llvm::StringRef();
}

} // namespace

FireAndForgetCheck::FireAndForgetCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : AsyncCheck(Name, Context),
      AllowCastToVoid(Options.get("AllowCastToVoid", false)),
      DetachedSpawnFunctions(readNameList("DetachedSpawnFunctions",
                                          defaultDetachedSpawnFunctions())),
      DetachedTokenTypes(
          readNameList("DetachedTokenTypes", DefaultDetachedTokenTypes)),
      ScopeSpawnFunctions(
          readNameList("ScopeSpawnFunctions", defaultScopeSpawnFunctions())),
      FireAndForgetTypes(
          readNameList("FireAndForgetTypes", spawn::FireAndForgetTypes)),
      ExpectedThrowFunctions(readNameList("ExpectedThrowFunctions",
                                          DefaultExpectedThrowFunctions)),
      DetachedOperations(
          readNameList("DetachedOperations", spawn::DetachedOperations)),
      ResultDroppingCallees(readNameList("ResultDroppingCallees",
                                         defaultResultDroppingCallees())),
      DestructorJoins(readNameList("DestructorJoins", sync::DestructorJoins)),
      ContinuationFunctions(
          readNameList("ContinuationFunctions", DefaultContinuationFunctions)),
      SyncTypes(readNameList("SyncTypes", sync::SyncTypes)),
      SignalFunctions(readNameList("SignalFunctions", sync::SignalFunctions)),
      HandlerPostFunctions(
          readNameList("HandlerPostFunctions", spawn::PostFunctions)),
      LoopJoinFunctions(readNameList("LoopJoinFunctions", sync::LoopJoins)),
      ExtraTaskTypes(readNameList("TaskTypes")), Tasks(&ExtraTaskTypes) {}

void FireAndForgetCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeNameList(Opts, ExtraTaskTypes);
  storeNameList(Opts, DetachedSpawnFunctions);
  storeNameList(Opts, DetachedTokenTypes);
  storeNameList(Opts, ScopeSpawnFunctions);
  storeNameList(Opts, FireAndForgetTypes);
  storeNameList(Opts, ExpectedThrowFunctions);
  storeNameList(Opts, DetachedOperations);
  storeNameList(Opts, ResultDroppingCallees);
  storeNameList(Opts, DestructorJoins);
  storeNameList(Opts, ContinuationFunctions);
  storeNameList(Opts, SyncTypes);
  storeNameList(Opts, SignalFunctions);
  storeNameList(Opts, HandlerPostFunctions);
  storeNameList(Opts, LoopJoinFunctions);
  Options.store(Opts, "AllowCastToVoid", AllowCastToVoid);
}

void FireAndForgetCheck::registerMatchers(MatchFinder *Finder) {

  // Every call whose value is dropped; which of them start unowned work is
  // decided by type in check(), where the task-type cache lives.
  const auto ValueCall =
      callExpr(unless(hasType(voidType())), unless(isTypeDependent()),
               isReportable(SystemHeaders))
          .bind("call");
  const auto Discarded =
      AllowCastToVoid
          ? expr(ValueCall)
          : expr(anyOf(
                ValueCall,
                explicitCastExpr(hasDestinationType(voidType()),
                                 hasSourceExpression(
                                     ignoringParensAndImplicit(ValueCall)))));
  addDiscardedValueMatchers(*Finder, Discarded.bind("discarded"), this);

  // A task kept in a local variable: one that nothing reads again is as
  // dropped as a discarded one. Declarations in a function body only; which
  // of them hold a lazy task is decided in check().
  Finder->addMatcher(
      declStmt(hasSingleDecl(
          varDecl(hasLocalStorage(),
                  hasInitializer(ignoringImplicit(callExpr().bind("keptCall"))),
                  isReportable(SystemHeaders))
              .bind("keptTask"))),
      this);

  // Void detached starts (stdexec::start_detached) drop their work by nature.
  Finder->addMatcher(callExpr(hasType(voidType()),
                              callsListedIn(&DetachedSpawnFunctions),
                              isReportable(SystemHeaders))
                         .bind("detachedSpawn"),
                     this);

  // In a template, its instantiations are judged: they know the callee.
  Finder->addMatcher(callExpr(unless(isTypeDependent()),
                              hasArgumentOfListedType(&DetachedTokenTypes),
                              isReportable(SystemHeaders))
                         .bind("detachedToken"),
                     this);

  // A coroutine callable handed to something that calls it and drops the
  // task it returns.
  Finder->addMatcher(callExpr(unless(isTypeDependent()),
                              callsListedIn(&ResultDroppingCallees),
                              isReportable(SystemHeaders))
                         .bind("droppingCall"),
                     this);
  Finder->addMatcher(
      cxxConstructExpr(constructsListedIn(&ResultDroppingCallees),
                       isReportable(SystemHeaders))
          .bind("droppingConstruct"),
      this);

  Finder->addMatcher(
      cxxMemberCallExpr(
          callee(cxxMethodDecl(
              hasName("detach"),
              ofClass(hasAnyName("::std::thread", "::std::jthread")))),
          isReportable(SystemHeaders))
          .bind("threadDetach"),
      this);
}

void FireAndForgetCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = *Result.SourceManager;
  auto Where = [&](const Expr &E) {
    return SM.getExpansionLoc(E.getBeginLoc());
  };

  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    checkDiscardedCall(*Call, *Result.Nodes.getNodeAs<Expr>("discarded"), Ctx);
    return;
  }
  if (const auto *Task = Result.Nodes.getNodeAs<VarDecl>("keptTask")) {
    checkKeptTask(*Task, *Result.Nodes.getNodeAs<CallExpr>("keptCall"), Ctx);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("droppingCall")) {
    for (const Expr *Arg : Call->arguments())
      checkDroppedCallable(*Arg, describeCallee(*Call), Ctx);
    return;
  }
  if (const auto *Construct =
          Result.Nodes.getNodeAs<CXXConstructExpr>("droppingConstruct")) {
    const CXXRecordDecl *Wrapper = Construct->getConstructor()->getParent();
    if (!dropsResult(*Wrapper))
      return;
    const std::string Name = templateFreeQualifiedName(*Wrapper);
    for (const Expr *Arg : Construct->arguments())
      checkDroppedCallable(
          *Arg, "'" + llvm::StringRef(Name).ltrim(':').str() + "'", Ctx);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("detachedSpawn")) {
    diag(Where(*Call), "%0 starts work that nobody owns: its result and its "
                       "exception are lost")
        << describeCallee(*Call);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("detachedToken")) {
    if (!runsWhenReached(*Call, Ctx))
      return;
    const NamedDecl *Callee = calledDecl(*Call);
    const bool IsCoSpawn = Callee && Callee->getName() == "co_spawn";
    if (IsCoSpawn && Call->getNumArgs() >= 2 && isDetachOk(*Call->getArg(1)))
      return;
    // An operation made to be detached (it runs until cancelled and has no
    // error to lose) is used as meant.
    if (Callee && !IsCoSpawn &&
        (DetachedOperations.matches(*Callee) ||
         hasAnnotation(*Callee, Annotation::DetachOk)))
      return;
    const auto *Token = Result.Nodes.getNodeAs<Expr>("token");
    // What is lost: the exception, unless the task's body handles every
    // exception itself (Asio's echo and chat servers); the owner, unless
    // the task's last act hands its outcome to one (a promise the starter
    // waits on, the completion handler of an operation the task carries out).
    const bool IsTask = IsCoSpawn && Call->getNumArgs() >= 2;
    const bool HandlesExceptions =
        IsTask && handlesItsExceptions(*Call->getArg(1));
    const VarDecl *Owner =
        IsTask ? handsOutcomeTo(*Call->getArg(1), *Call) : nullptr;
    if (HandlesExceptions && (Owner || runsOwnLoopAfter(*Call, Ctx)))
      return;
    if (Owner)
      diag(Where(*Call), "%0 with %1 runs the task unowned: its last act "
                         "hands its outcome to %2, but an exception it "
                         "throws is lost and %2 never hears of its end")
          << describeCallee(*Call) << describeToken(*Token) << Owner;
    else
      diag(Where(*Call), HandlesExceptions
                             ? "%0 with %1 runs the task unowned: its body "
                               "handles its exceptions, but nobody can wait "
                               "for it or cancel it"
                         : IsCoSpawn ? "%0 with %1 runs the task unowned: its "
                                       "result and its exception are lost"
                                     : "%0 with %1 runs the operation "
                                       "unowned: its result and its error "
                                       "are lost")
          << describeCallee(*Call) << describeToken(*Token);
    std::string Group;
    const std::vector<FixItHint> SpawnFix =
        IsCoSpawn ? spawnOnGroupFix(*Call, *Token, Ctx, Group)
                  : std::vector<FixItHint>();
    if (!SpawnFix.empty())
      diag(Where(*Call),
           "spawn it on task group '%0': the group owns it, waits for it and "
           "rethrows its exception",
           DiagnosticIDs::Note)
          << Group << SpawnFix;
    else
      diag(Where(*Call),
           IsCoSpawn ? "own the task: spawn it on a 'tether::task_group', "
                       "co_await it with 'use_awaitable', or pass a "
                       "completion handler that handles its "
                       "'std::exception_ptr'"
                     : "co_await the operation, or pass a completion handler "
                       "that handles its error",
           DiagnosticIDs::Note);
    return;
  }
  if (const auto *Call =
          Result.Nodes.getNodeAs<CXXMemberCallExpr>("threadDetach"))
    checkDetachedThread(*Call, Ctx);
}

const VarDecl *FireAndForgetCheck::handsOutcomeTo(const Expr &Task,
                                                  const Expr &Start) const {
  const FunctionDecl *Function = taskFunction(Task);
  if (!Function)
    return nullptr;
  return finalHandOff(
      *Function, dyn_cast<CallExpr>(skipParensAndImplicit(&Task)), Start,
      SignalNames{SyncTypes, SignalFunctions}, HandlerPostFunctions);
}

bool FireAndForgetCheck::runsOwnLoopAfter(const CallExpr &Spawn,
                                          ASTContext &Ctx) const {
  const VarDecl *Loop =
      Spawn.getNumArgs() ? rootVariable(Spawn.getArg(0)) : nullptr;
  const FunctionDecl *Function = enclosingCallable(Spawn, Ctx);
  if (!Loop || !Function || !Function->getBody() ||
      !isLocalObject(*Function, *Loop))
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  auto After = [&](const Stmt &Node) {
    return SM.isBeforeInTranslationUnit(Spawn.getEndLoc(), Node.getBeginLoc());
  };
  return anyStmt(Function->getBody(), [&](const Stmt &Node) {
    if (const CXXMemberCallExpr *Run =
            loopRunToCompletion(Node, LoopJoinFunctions))
      return ownLoop(*Function, *Run) == Loop && After(*Run);
    // A function given the loop that runs it (`::run(context)`), in view or
    // known by the program's facts.
    const auto *Call = dyn_cast<CallExpr>(&Node);
    const FunctionDecl *Callee = Call ? followedCallee(*Call) : nullptr;
    return Callee && After(*Call) &&
           llvm::any_of(
               Call->arguments(),
               [&](const Expr *Arg) { return rootVariable(Arg) == Loop; }) &&
           callRunsLoop(*Callee, LoopJoinFunctions, MaxLoopRunDepth,
                        LoopRunningCalls);
  });
}

void FireAndForgetCheck::checkDetachedThread(const CXXMemberCallExpr &Detach,
                                             ASTContext &Ctx) {
  // A thread whose last act hands its outcome on has its end observed, and
  // an exception that escapes it ends the program rather than vanishing.
  const Expr *Callable = threadCallable(Detach.getImplicitObjectArgument());
  if (Callable && handsOutcomeTo(*Callable, Detach))
    return;
  diag(Ctx.getSourceManager().getExpansionLoc(Detach.getBeginLoc()),
       "detached thread runs unowned: nobody can join it or observe its end; "
       "keep it and join it, or use 'std::jthread'");
}

void FireAndForgetCheck::checkKeptTask(const VarDecl &Task,
                                       const CallExpr &Call, ASTContext &Ctx) {
  if (Task.hasAttr<UnusedAttr>() || !Task.getIdentifier() ||
      Task.getType()->isDependentType())
    return;
  // Only a lazy task waits to be awaited; an eager one already runs, and a
  // generator is iterated, not awaited.
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl());
  const std::optional<TaskTypeInfo> Info =
      Tasks.classify(Task.getType(), Ctx, Callee);
  if (!Info || Info->Start != TaskStart::Lazy ||
      (Info->Promise && isGeneratorPromise(*Info->Promise)))
    return;
  // In a coroutine, a task is made to be awaited there. Elsewhere, making
  // one and letting it go unstarted is how the tests of a coroutine library
  // check that a lazy task does not run (cppcoro, concurrencpp,
  // async_simple, libcoro all do).
  const FunctionDecl *Function = enclosingCallable(Call, Ctx);
  if (!Function || !Function->getBody() || !isCoroutine(*Function))
    return;
  // Any mention is a use: awaited, moved, returned, spawned, captured.
  if (anyStmt(
          Function->getBody(),
          [&](const Stmt &S) {
            const auto *Ref = dyn_cast<DeclRefExpr>(&S);
            return Ref && Ref->getDecl() == &Task;
          },
          /*IntoLambdas=*/true))
    return;
  diag(Ctx.getSourceManager().getExpansionLoc(Task.getLocation()),
       "task %0 returned by %1 is never awaited, moved or returned: its body "
       "never runs; co_await it where its result is needed")
      << &Task << describeCallee(Call);
}

void FireAndForgetCheck::checkDiscardedCall(const CallExpr &Call,
                                            const Expr &Discarded,
                                            ASTContext &Ctx) {
  const SourceLocation Loc =
      Ctx.getSourceManager().getExpansionLoc(Call.getBeginLoc());
  const QualType Type = Call.getCallReturnType(Ctx);
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl());
  if (std::optional<TaskTypeInfo> Task = Tasks.classify(Type, Ctx, Callee)) {
    // The left side of a comma in a SFINAE decltype (async_mqtt's
    // `decltype(async_handshake(...), std::true_type())`) is never called.
    if (!runsWhenReached(Call, Ctx) || expectsThrow(Call, Ctx) ||
        cannotReturn(Call))
      return;
    // A type designed to be started and dropped (concurrencpp's
    // null_result) is used as meant, when it runs; one whose destructor
    // joins is owned by the statement that drops it.
    if (const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
        Record &&
        (madeToBeDropped(*Task, *Record) || joinedWhenDropped(*Task, *Record)))
      return;
    // Declared so (TETHER_DETACH_OK): only what already runs can be let go;
    // a lazy task dropped still never runs.
    if (Task->Start != TaskStart::Lazy &&
        (isDetachOk(Call) || collectsHandedException(Call, Ctx)))
      return;
    if (const NamedDecl *Called = calledDecl(Call);
        Task->Start != TaskStart::Lazy && Called &&
        ContinuationFunctions.matches(*Called)) {
      checkDroppedContinuation(Call, Ctx);
      return;
    }
    checkDiscardedTask(Call, Discarded, *Task, Ctx);
    return;
  }
  if (isNamed(Type->getAsCXXRecordDecl(), "::std::future")) {
    const NamedDecl *Called = calledDecl(Call);
    if (Called && Called->getIdentifier() &&
        templateFreeQualifiedName(*Called) == "::std::async")
      diag(Loc, "future returned by 'std::async' is discarded: its destructor "
                "waits for the task, so the call runs synchronously; keep the "
                "future and get() it later");
    else
      diag(Loc, "future returned by %0 is discarded: the result and the "
                "exception of the operation are lost")
          << describeCallee(Call);
    return;
  }
  // What a detached start returns is a handle on the work (folly's future)
  // or only whether it was scheduled (libcoro's bool).
  if (const NamedDecl *Called = calledDecl(Call);
      Called && DetachedSpawnFunctions.matches(*Called))
    diag(Loc, "%0 starts work that nobody owns: its result and its "
              "exception are lost%select{|; keep what it returns}1")
        << describeCallee(Call) << Type->isRecordType();
}

bool FireAndForgetCheck::madeToBeDropped(const TaskTypeInfo &Task,
                                         const CXXRecordDecl &Type) const {
  // A lazy one dropped never runs, whatever it was made for.
  return Task.Start != TaskStart::Lazy && FireAndForgetTypes.matches(Type);
}

bool FireAndForgetCheck::joinedWhenDropped(const TaskTypeInfo &Task,
                                           const CXXRecordDecl &Type) const {
  // A lazy task dropped is never started, whatever its destructor does.
  return Task.Start != TaskStart::Lazy &&
         destructorJoins(Type, DestructorJoins);
}

void FireAndForgetCheck::checkDroppedContinuation(const CallExpr &Call,
                                                  ASTContext &Ctx) {
  // The first callable gets the result; a second one, the error callback,
  // gets the exception.
  const auto Callables = llvm::count_if(
      Call.arguments(), [](const Expr *Arg) { return isCallable(*Arg); });
  if (Callables >= 2)
    return;
  diag(Ctx.getSourceManager().getExpansionLoc(Call.getBeginLoc()),
       "continuation returned by %0 is discarded and runs unowned: its "
       "callback gets the result, but an exception is lost; give %0 an error "
       "callback, or keep the continuation to await it")
      << describeCallee(Call);
}

void FireAndForgetCheck::checkDiscardedTask(const CallExpr &Call,
                                            const Expr &Discarded,
                                            const TaskTypeInfo &Task,
                                            ASTContext &Ctx) {
  // An async scope's spawn starts the task it is given as an eager
  // coroutine that the scope counts and joins (cppcoro's async_scope::spawn
  // starts a oneway_task): the scope owns what starts there.
  if (Task.Start != TaskStart::Lazy)
    if (const FunctionDecl *Function = enclosingCallable(Call, Ctx);
        Function && ScopeSpawnFunctions.matches(*Function))
      return;
  if (completesInTheCall(Call, Task))
    return;
  const SourceLocation Loc =
      Ctx.getSourceManager().getExpansionLoc(Call.getBeginLoc());
  const std::vector<FixItHint> AwaitFix = coAwaitFix(Call, Discarded, Ctx);
  // Awaiting a lazy task is what the code meant; awaiting an eager one also
  // makes this coroutine wait for it, which the user must judge. So does
  // awaiting in a loop: an accept loop that awaits each session serves one
  // client at a time, where the code meant to start them side by side.
  const FunctionDecl *Callable = enclosingCallable(Call, Ctx);
  const bool InLoop = Callable && Callable->getBody() &&
                      inRepeatingLoop(Call, *Callable->getBody(), Ctx);
  const bool FixOnWarning = Task.Start == TaskStart::Lazy && !InLoop;
  // A type whose destructor joins was let go above (joinedWhenDropped): one
  // whose destructor still ends the task destroys its frame.
  const CXXRecordDecl *Type = Call.getCallReturnType(Ctx)->getAsCXXRecordDecl();
  const bool EndedByDestructor =
      Type && destructorEndsTask(*Type, DestructorJoins);
  diag(Loc, discardedTaskMessage(Task, EndedByDestructor))
      << describeCallee(Call)
      << (FixOnWarning ? AwaitFix : std::vector<FixItHint>());
  if (FixOnWarning || AwaitFix.empty())
    return;
  if (InLoop)
    diag(Loc,
         "co_await the task to run it; the loop then waits for it in every "
         "iteration: to run them side by side, spawn each on a "
         "'tether::task_group'",
         DiagnosticIDs::Note)
        << AwaitFix;
  else
    diag(Loc, "co_await the task to own it; this coroutine then waits for it",
         DiagnosticIDs::Note)
        << AwaitFix;
}

void FireAndForgetCheck::checkDroppedCallable(const Expr &Arg,
                                              const std::string &Dropper,
                                              ASTContext &Ctx) {
  const Expr *Callable = skipParensAndImplicit(&Arg);
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(Callable);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    Callable = skipParensAndImplicit(AddressOf->getSubExpr());
  // What calling it runs: the one call operator of a closure or a function
  // object (a generic lambda's is a template, left alone), or a function.
  const FunctionDecl *Invoked = nullptr;
  std::string Name;
  if (const CXXRecordDecl *Class =
          Callable->getType().getNonReferenceType()->getAsCXXRecordDecl();
      Class && Class->hasDefinition()) {
    for (const CXXMethodDecl *Method : Class->methods())
      if (Method->getOverloadedOperator() == OO_Call) {
        if (Invoked)
          return;
        Invoked = Method;
      }
    Name =
        Class->isLambda() ? "the lambda" : "'" + Class->getNameAsString() + "'";
  } else if (const auto *Ref = dyn_cast<DeclRefExpr>(Callable)) {
    Invoked = dyn_cast<FunctionDecl>(Ref->getDecl());
    if (Invoked)
      Name = "'" + Invoked->getNameAsString() + "'";
  }
  if (!Invoked || Invoked->getReturnType()->isDependentType())
    return;
  const std::optional<TaskTypeInfo> Task =
      Tasks.classify(Invoked->getReturnType(), Ctx, Invoked);
  if (!Task)
    return;
  if (const CXXRecordDecl *Record =
          Invoked->getReturnType()->getAsCXXRecordDecl();
      Record &&
      (madeToBeDropped(*Task, *Record) || joinedWhenDropped(*Task, *Record)))
    return;
  static constexpr llvm::StringLiteral Messages[] = {
      "%0 drops the task that %1 returns: it is never started, its body does "
      "not run",
      "%0 drops the task that %1 returns: it runs unowned, its result and its "
      "exception are lost",
      "%0 drops the task that %1 returns: if it is lazy it never runs, if it "
      "is eager nobody owns it"};
  diag(Ctx.getSourceManager().getExpansionLoc(Arg.getBeginLoc()),
       Messages[static_cast<int>(Task->Start)])
      << Dropper << Name;
}

std::vector<FixItHint>
FireAndForgetCheck::spawnOnGroupFix(const CallExpr &CoSpawn, const Expr &Token,
                                    ASTContext &Ctx, std::string &GroupName) {
  const SourceManager &SM = Ctx.getSourceManager();
  // co_spawn(executor, task, token), and Asio's defaulted constraint.
  const bool WrittenArgsAreExecutorTaskToken =
      CoSpawn.getNumArgs() >= 3 &&
      llvm::all_of(llvm::drop_begin(CoSpawn.arguments(), 3),
                   [](const Expr *Arg) { return isa<CXXDefaultArgExpr>(Arg); });
  if (!WrittenArgsAreExecutorTaskToken ||
      CoSpawn.getArg(2)->IgnoreImplicit() != &Token ||
      inMacro(CoSpawn.getSourceRange()) ||
      !isSpawnableOnGroup(CoSpawn.getArg(1)->getType()))
    return {};
  const FunctionDecl *Callable = enclosingCallable(CoSpawn, Ctx);
  if (!Callable)
    return {};
  // A group in view: a parameter of the enclosing function or lambda (the
  // body given to task_group::open), or a member of the enclosing class.
  std::string Group;
  for (const ParmVarDecl *Param : Callable->parameters())
    if (llvm::StringRef Access = groupAccess(Param->getType());
        !Access.empty() && Param->getIdentifier()) {
      GroupName = Param->getName().str();
      Group = GroupName + Access.str();
      break;
    }
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callable);
      Group.empty() && Method && Method->isInstance() &&
      !Method->getParent()->isLambda())
    for (const FieldDecl *Field : Method->getParent()->fields())
      if (llvm::StringRef Access = groupAccess(Field->getType());
          !Access.empty() && Field->getIdentifier()) {
        GroupName = Field->getName().str();
        Group = GroupName + Access.str();
        break;
      }
  if (Group.empty())
    return {};

  auto Text = [&](const Expr *E) {
    return sourceText(E->getSourceRange(), Ctx);
  };
  const Expr *Executor = CoSpawn.getArg(0);
  if (Executor->getType()->isPointerType())
    return {};
  std::string ExecutorText = Text(Executor);
  if (isExecutionContext(Executor->getType()))
    ExecutorText = (isa<DeclRefExpr, MemberExpr>(Executor->IgnoreImplicit())
                        ? ExecutorText
                        : "(" + ExecutorText + ")") +
                   ".get_executor()";
  // A coroutine lambda invoked in place is spawned as the lambda: the group
  // keeps it alive, where its temporary closure would die before the task.
  const Expr *Task = CoSpawn.getArg(1);
  if (const LambdaExpr *Lambda = lambdaCalledInPlace(Task))
    Task = Lambda;
  return {FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(CoSpawn.getSourceRange()),
      Group + "spawn(" + ExecutorText + ", " + Text(Task) + ")")};
}

bool FireAndForgetCheck::expectsThrow(const CallExpr &Call,
                                      ASTContext &Ctx) const {
  if (ExpectedThrowFunctions.empty())
    return false;
  const auto *Operator =
      dyn_cast_or_null<CXXMethodDecl>(enclosingCallable(Call, Ctx));
  if (!Operator || !Operator->getParent()->isLambda())
    return false;
  // The lambda is an argument of a call in the function that defines it.
  const auto *Definer =
      dyn_cast<FunctionDecl>(Operator->getParent()->getDeclContext());
  const CXXMethodDecl *Pattern = Operator;
  if (const FunctionDecl *Template =
          Operator->getTemplateInstantiationPattern())
    Pattern = cast<CXXMethodDecl>(Template);
  // In a template the call of the assertion may not be resolved yet: any
  // function of its overload set counts.
  auto IsAssertion = [&](const CallExpr &Check) {
    if (const NamedDecl *Called = calledDecl(Check))
      return ExpectedThrowFunctions.matches(*Called);
    const auto *Overloads =
        dyn_cast<OverloadExpr>(Check.getCallee()->IgnoreParenImpCasts());
    return Overloads && llvm::any_of(Overloads->decls(), [&](NamedDecl *D) {
             return ExpectedThrowFunctions.matches(*D->getUnderlyingDecl());
           });
  };
  return Definer && anyStmt(Definer->getBody(), [&](const Stmt &S) {
           const auto *Check = dyn_cast<CallExpr>(&S);
           return Check && IsAssertion(*Check) &&
                  llvm::any_of(Check->arguments(), [&](const Expr *Arg) {
                    const auto *Lambda =
                        dyn_cast<LambdaExpr>(skipParensAndImplicit(Arg));
                    return Lambda && (Lambda->getCallOperator() == Operator ||
                                      Lambda->getCallOperator() == Pattern);
                  });
         });
}

std::vector<FixItHint> FireAndForgetCheck::coAwaitFix(const CallExpr &Call,
                                                      const Expr &Discarded,
                                                      ASTContext &Ctx) {
  const FunctionDecl *Coroutine = enclosingCoroutine(Discarded, Ctx);
  if (!Coroutine || inMacro(Discarded.getSourceRange()) ||
      !Tasks.canAwait(*Coroutine, Call.getCallReturnType(Ctx), Ctx))
    return {};
  // A C-style `(void)` cast gives way to the co_await; other casts are left
  // to the user.
  SourceLocation Begin = Call.getBeginLoc();
  if (const auto *Cast = dyn_cast<CStyleCastExpr>(&Discarded))
    Begin = Cast->getBeginLoc();
  else if (isa<ExplicitCastExpr>(&Discarded))
    return {};
  const bool Parens = needsParensUnderCoAwait(Call);
  std::vector<FixItHint> Fixes = {FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(Begin, Call.getBeginLoc()),
      Parens ? "co_await (" : "co_await ")};
  if (Parens)
    Fixes.push_back(FixItHint::CreateInsertion(
        Lexer::getLocForEndOfToken(Call.getEndLoc(), 0, Ctx.getSourceManager(),
                                   Ctx.getLangOpts()),
        ")"));
  return Fixes;
}

} // namespace clang::tidy::tether
