// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TaskSignals.cpp - tether -----------------------------------------===//

#include "TaskSignals.h"
#include "Coroutines.h"
#include "StmtSearch.h"
#include "TaskHolders.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::tether {

const VarDecl *rootVariable(const Expr *E) {
  while (E) {
    E = peel(E);
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary &&
        (Unary->getOpcode() == UO_AddrOf || Unary->getOpcode() == UO_Deref)) {
      E = Unary->getSubExpr();
      continue;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      E = Member->getImplicitObjectArgument();
      continue;
    }
    return dyn_cast_or_null<VarDecl>(namedValue(E));
  }
  return nullptr;
}

namespace {

/// Whether \p Var's type, or one of its bases, is listed in \p SyncTypes.
bool isSyncObject(const VarDecl &Var, const NameList &SyncTypes) {
  const CXXRecordDecl *Record =
      Var.getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record)
    return false;
  if (SyncTypes.matches(*Record))
    return true;
  if (!Record->hasDefinition())
    return false;
  bool Found = false;
  Record->forallBases([&](const CXXRecordDecl *Base) {
    Found = SyncTypes.matches(*Base);
    return !Found;
  });
  return Found;
}

/// The variable of the code that starts the task that \p Named, a variable
/// the task's code names, stands for: itself for a by-reference capture or
/// a variable of that code (a parameter of the starter too), the origin of
/// an init-capture, the argument of a parameter of \p Definition (the
/// coroutine \p TaskCall calls). Null for a parameter when \p Definition,
/// the task's code, is not known (a completion callback's own).
const VarDecl *startersObject(const VarDecl *Named, const CallExpr *TaskCall,
                              const FunctionDecl *Definition) {
  // Each step leaves the task's code for the code around it (an
  // init-capture of a parameter is two); a few steps reach the starter.
  for (unsigned Depth = 0; Named && Depth < 4; ++Depth) {
    if (Named->isInitCapture()) {
      Named = rootVariable(Named->getInit());
      continue;
    }
    const auto *Param = dyn_cast<ParmVarDecl>(Named);
    if (!Param)
      return Named;
    if (!Definition)
      return nullptr;
    if (Param->getDeclContext() != Definition)
      return Param;
    if (!TaskCall)
      return nullptr;
    // The object of a member operator() (a lambda's closure) is its first
    // argument.
    const unsigned First =
        isa<CXXOperatorCallExpr>(TaskCall) && isa<CXXMethodDecl>(Definition)
            ? 1
            : 0;
    const unsigned Index = First + Param->getFunctionScopeIndex();
    if (Index >= TaskCall->getNumArgs())
      return nullptr;
    Named = rootVariable(TaskCall->getArg(Index));
    TaskCall = nullptr;
  }
  return nullptr;
}

/// The object that \p S signals, when it is a signal; null otherwise.
const Expr *signalledObject(const Stmt &S, const NameList &SignalFunctions) {
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    const CXXRecordDecl *Class = Call->getRecordDecl();
    if (Method && Class && SignalFunctions.matchesMemberOf(*Class, *Method))
      return Call->getImplicitObjectArgument();
    return nullptr;
  }
  // `latch--`, `done = true`, `count += 1` on an atomic.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
      Op && isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee()) &&
      (Op->isAssignmentOp() ||
       llvm::is_contained({OO_PlusPlus, OO_MinusMinus}, Op->getOperator())))
    return Op->getArg(0);
  return nullptr;
}

/// Adds the object \p S signals, followed to the starter's variable.
bool addSignal(const Stmt &S, const CallExpr *TaskCall,
               const FunctionDecl *Definition, const SignalNames &Names,
               SyncObjects &Out) {
  const Expr *Object = signalledObject(S, Names.SignalFunctions);
  if (!Object)
    return false;
  const VarDecl *Var =
      startersObject(rootVariable(Object), TaskCall, Definition);
  if (!Var || !isSyncObject(*Var, Names.SyncTypes))
    return false;
  Out.insert(Var);
  return true;
}

/// The lambda \p E is, or the one the local it names is initialized with.
const LambdaExpr *lambdaOf(const Expr &E) {
  const Expr *Value = skipParensAndImplicit(&E);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Value))
    return Lambda;
  const auto *Var = dyn_cast_or_null<VarDecl>(namedValue(Value));
  if (!Var || !Var->hasLocalStorage() || !Var->getInit())
    return nullptr;
  return dyn_cast<LambdaExpr>(skipParensAndImplicit(Var->getInit()));
}

/// Whether \p S, a statement of the body of the coroutine \p Coroutine,
/// touches nothing but the body's own locals and objects of static storage
/// (no parameter, capture or `this`, no lambda), and does not suspend: a
/// check of what a signal returned (`assert(ok)`) is not the task at work.
bool touchesOnlyOwnLocals(const Stmt &S, const FunctionDecl &Coroutine) {
  return !anyStmt(&S, [&](const Stmt &Node) {
    if (isa<CXXThisExpr, CoroutineSuspendExpr, DependentCoawaitExpr,
            LambdaExpr>(Node))
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(&Node);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var && Var->hasLocalStorage() &&
           (isa<ParmVarDecl>(Var) || Var->isInitCapture() ||
            Ref->refersToEnclosingVariableOrCapture() ||
            Var->getDeclContext() != &Coroutine);
  });
}

} // namespace

void addCallbackSignals(const Expr &Callback, const SignalNames &Names,
                        SyncObjects &Out) {
  const LambdaExpr *Lambda = lambdaOf(Callback);
  if (!Lambda)
    return;
  const CXXMethodDecl *Operator = Lambda->getCallOperator();
  // A coroutine lambda is a task of its own, and a lambda that returns a
  // value makes the work it is given to (a callable that returns the task),
  // rather than hearing of its end.
  if (isa_and_nonnull<CoroutineBodyStmt>(Operator->getBody()) ||
      anyStmt(Lambda->getBody(), [](const Stmt &S) {
        const auto *Return = dyn_cast<ReturnStmt>(&S);
        return Return && Return->getRetValue();
      }))
    return;
  anyStmt(Lambda->getBody(), [&](const Stmt &S) {
    addSignal(S, nullptr, nullptr, Names, Out);
    return false;
  });
}

namespace {
/// How a last act may be followed by the destructors of the block's locals.
enum class LocalsAfter {
  /// Not at all: a scoped lock would still unlock after a signal, while
  /// the waiter may already have destroyed the mutex.
  Forbidden,
  /// Freely: a completion handler's caller has no part in the task's own
  /// locals.
  Allowed
};

/// The task's last act in \p Block of \p Definition, when it is one that
/// \p Object finds the object of (a signal, a call of a handler): followed
/// only by statements that touch the body's own locals (`co_return;`,
/// `bool ok = chan.try_send(ec); assert(ok);`) and by the destructors of the
/// block's locals as \p Locals allows; or, when a try statement ends the
/// block, the act that ends its block and each of its handlers, on one
/// object (`try { p.set_value(co_await f()); } catch (...) {
/// p.set_value(fallback); }`). Null when the block ends otherwise.
const Expr *finalSignal(const CompoundStmt &Block,
                        const FunctionDecl &Definition,
                        llvm::function_ref<const Expr *(const Stmt &)> Object,
                        LocalsAfter Locals = LocalsAfter::Forbidden) {
  llvm::ArrayRef<Stmt *> Statements(Block.body_begin(), Block.size());
  const Expr *Last = nullptr;
  for (; !Statements.empty(); Statements = Statements.drop_back()) {
    const Stmt *S = Statements.back();
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      Last = finalSignal(*Try->getTryBlock(), Definition, Object, Locals);
      const VarDecl *Signalled = Last ? rootVariable(Object(*Last)) : nullptr;
      for (unsigned I = 0; Signalled && I < Try->getNumHandlers(); ++I) {
        const auto *Handler =
            dyn_cast<CompoundStmt>(Try->getHandler(I)->getHandlerBlock());
        const Expr *HandlerLast =
            Handler ? finalSignal(*Handler, Definition, Object, Locals)
                    : nullptr;
        if (!HandlerLast || rootVariable(Object(*HandlerLast)) != Signalled)
          Signalled = nullptr;
      }
      if (!Signalled)
        return nullptr;
      break;
    }
    if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
      const auto *Var = Decls->isSingleDecl()
                            ? dyn_cast<VarDecl>(Decls->getSingleDecl())
                            : nullptr;
      Last = Var ? Var->getInit() : nullptr;
    } else {
      Last = dyn_cast<Expr>(S);
    }
    if (Last) {
      Last = skipParensAndImplicit(Last);
      if (const auto *Await = dyn_cast<CoawaitExpr>(Last))
        Last = skipParensAndImplicit(Await->getOperand());
      if (Object(*Last))
        break;
    }
    if (!touchesOnlyOwnLocals(*S, Definition))
      return nullptr;
  }
  if (Statements.empty())
    return nullptr;
  if (Locals == LocalsAfter::Allowed)
    return Last;
  const ASTContext &Ctx = Definition.getASTContext();
  const bool DestructorRunsLater =
      llvm::any_of(Statements.drop_back(), [&](const Stmt *S) {
        const auto *Decls = dyn_cast<DeclStmt>(S);
        return Decls && llvm::any_of(Decls->decls(), [&](const Decl *D) {
                 const auto *Var = dyn_cast<VarDecl>(D);
                 return Var && Var->needsDestruction(Ctx) != QualType::DK_none;
               });
      });
  return DestructorRunsLater ? nullptr : Last;
}

/// The callable that \p S calls (`handler(ec)`, `std::move(handler)(ec)`, a
/// function pointer, an `async_compose` operation's `self.complete(ec)`),
/// or, for a call of one of \p PostFunctions, the callable that the callable
/// it is given calls as its own last act (`post(ex, [h = std::move(h)] {
/// h(ec); })`); null otherwise.
const Expr *calledCallable(const Stmt &S, const NameList &PostFunctions) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S))
    return Op->getOperator() == OO_Call ? Op->getArg(0) : nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&S)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    return Method && Method->getIdentifier() && Method->getName() == "complete"
               ? Member->getImplicitObjectArgument()
               : nullptr;
  }
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call)
    return nullptr;
  const Expr *Callee = skipParensAndImplicit(Call->getCallee());
  if (isa_and_nonnull<VarDecl>(namedValue(Callee)))
    return Callee;
  // In a template, a call with dependent arguments is still a lookup.
  const auto *Lookup = dyn_cast_or_null<UnresolvedLookupExpr>(Callee);
  const FunctionDecl *Function = Call->getDirectCallee();
  if (Function
          ? !PostFunctions.matches(*Function)
          : !Lookup || llvm::none_of(Lookup->decls(), [&](const NamedDecl *D) {
              return PostFunctions.matches(*D);
            }))
    return nullptr;
  for (const Expr *Arg : Call->arguments()) {
    const LambdaExpr *Posted = lambdaOf(*Arg);
    const CompoundStmt *Block =
        Posted ? dyn_cast<CompoundStmt>(Posted->getBody()) : nullptr;
    if (!Block)
      continue;
    if (const Expr *Last = finalSignal(
            *Block, *Posted->getCallOperator(),
            [&](const Stmt &Node) {
              return calledCallable(Node, PostFunctions);
            },
            LocalsAfter::Allowed))
      return calledCallable(*Last, PostFunctions);
  }
  return nullptr;
}

/// The block a task runs: a coroutine's, or the body of the plain callable
/// a thread runs.
const CompoundStmt *taskBlock(const FunctionDecl &Task) {
  if (const CompoundStmt *Block = coroutineBlock(Task))
    return Block;
  const FunctionDecl *Definition = Task.getDefinition();
  return Definition ? dyn_cast_or_null<CompoundStmt>(Definition->getBody())
                    : nullptr;
}
} // namespace

const VarDecl *finalHandOff(const FunctionDecl &Task, const CallExpr *TaskCall,
                            const Stmt &Start, const SignalNames &Names,
                            const NameList &PostFunctions) {
  const FunctionDecl *Definition = Task.getDefinition();
  const CompoundStmt *Block = taskBlock(Task);
  if (!Block || Block->body_empty())
    return nullptr;
  if (const Expr *Last = finalSignal(*Block, *Definition, [&](const Stmt &S) {
        return signalledObject(S, Names.SignalFunctions);
      })) {
    SyncObjects Signalled;
    if (addSignal(*Last, TaskCall, Definition, Names, Signalled))
      return *Signalled.begin();
  }
  const Expr *Last = finalSignal(
      *Block, *Definition,
      [&](const Stmt &S) { return calledCallable(S, PostFunctions); },
      LocalsAfter::Allowed);
  const auto *Handler = dyn_cast_or_null<ParmVarDecl>(startersObject(
      Last ? rootVariable(calledCallable(*Last, PostFunctions)) : nullptr,
      TaskCall, Definition));
  // A template's instantiations each have their own parameters: the
  // handler is one of the function whose body (as instantiated) holds the
  // start.
  const auto *Receiver =
      Handler ? dyn_cast<FunctionDecl>(Handler->getDeclContext()) : nullptr;
  return Receiver && anyStmt(
                         Receiver->getBody(),
                         [&](const Stmt &S) { return &S == &Start; },
                         /*IntoLambdas=*/true)
             ? Handler
             : nullptr;
}

void addFinalSignals(const FunctionDecl &Callee, const CallExpr *TaskCall,
                     const SignalNames &Names, SyncObjects &Out) {
  const FunctionDecl *Definition = Callee.getDefinition();
  const CompoundStmt *Body = coroutineBlock(Callee);
  if (!Body || Body->body_empty())
    return;
  if (const Expr *Last = finalSignal(*Body, *Definition, [&](const Stmt &S) {
        return signalledObject(S, Names.SignalFunctions);
      }))
    addSignal(*Last, TaskCall, Definition, Names, Out);
}

void addDerivedObjects(const Stmt *Body, const NameList &SyncTypes,
                       SyncObjects &Signalled) {
  if (Signalled.empty())
    return;
  anyStmt(Body, [&](const Stmt &S) {
    if (const auto *Decls = dyn_cast<DeclStmt>(&S))
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->getInit() &&
            Signalled.contains(rootVariable(Var->getInit())) &&
            isSyncObject(*Var, SyncTypes))
          Signalled.insert(Var);
    return false;
  });
}

} // namespace clang::tidy::tether
