// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TaskSignals.cpp - tether -----------------------------------------===//

#include "TaskSignals.h"
#include "Coroutines.h"
#include "StmtSearch.h"
#include "TaskHolders.h"
#include "clang/AST/ASTContext.h"

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
/// a variable of that code, the origin of an init-capture, the argument of
/// a parameter of \p Definition (the coroutine \p TaskCall calls).
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
    if (!TaskCall || !Definition || Param->getDeclContext() != Definition)
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
/// The task's last act in \p Block of the coroutine \p Definition: the last
/// signal, followed only by statements that touch the body's own locals
/// (`co_return;`, `bool ok = chan.try_send(ec); assert(ok);`) and no
/// destructor of a local of the block; or, when a try statement ends the
/// block, the signal that ends its block and each of its handlers, of one
/// object (`try { p.set_value(co_await f()); } catch (...) {
/// p.set_value(fallback); }`). Null when the block ends otherwise.
const Expr *finalSignal(const CompoundStmt &Block,
                        const FunctionDecl &Definition,
                        const SignalNames &Names) {
  llvm::ArrayRef<Stmt *> Statements(Block.body_begin(), Block.size());
  const Expr *Last = nullptr;
  for (; !Statements.empty(); Statements = Statements.drop_back()) {
    const Stmt *S = Statements.back();
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      Last = finalSignal(*Try->getTryBlock(), Definition, Names);
      const Expr *Object =
          Last ? signalledObject(*Last, Names.SignalFunctions) : nullptr;
      const VarDecl *Signalled = Object ? rootVariable(Object) : nullptr;
      for (unsigned I = 0; Signalled && I < Try->getNumHandlers(); ++I) {
        const auto *Handler =
            dyn_cast<CompoundStmt>(Try->getHandler(I)->getHandlerBlock());
        const Expr *HandlerLast =
            Handler ? finalSignal(*Handler, Definition, Names) : nullptr;
        if (!HandlerLast ||
            rootVariable(signalledObject(*HandlerLast,
                                         Names.SignalFunctions)) != Signalled)
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
      if (signalledObject(*Last, Names.SignalFunctions))
        break;
    }
    if (!touchesOnlyOwnLocals(*S, Definition))
      return nullptr;
  }
  if (Statements.empty())
    return nullptr;
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
} // namespace

void addFinalSignals(const FunctionDecl &Callee, const CallExpr *TaskCall,
                     const SignalNames &Names, SyncObjects &Out) {
  const FunctionDecl *Definition = Callee.getDefinition();
  const CompoundStmt *Body = coroutineBlock(Callee);
  if (!Body || Body->body_empty())
    return;
  if (const Expr *Last = finalSignal(*Body, *Definition, Names))
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
