// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- LocksAcrossSuspension.cpp - tether -------------------------------===//

#include "LocksAcrossSuspension.h"
#include "StmtSearch.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang::tidy::tether {

bool isBlockingMutex(QualType Type, const NameList &MutexTypes) {
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && MutexTypes.matches(*Record);
}

bool isBlockingLockGuard(QualType Type, const NameList &MutexTypes,
                         const NameList &GuardTypes) {
  const auto *Guard = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Guard || !GuardTypes.matches(*Guard))
    return false;
  auto IsBlockingMutex = [&](const TemplateArgument &Arg) {
    return Arg.getKind() == TemplateArgument::Type &&
           isBlockingMutex(Arg.getAsType(), MutexTypes);
  };
  for (const TemplateArgument &Arg : Guard->getTemplateArgs().asArray()) {
    if (Arg.getKind() == TemplateArgument::Pack) {
      if (llvm::any_of(Arg.pack_elements(), IsBlockingMutex))
        return true;
    } else if (IsBlockingMutex(Arg)) {
      return true;
    }
  }
  return false;
}

namespace {

/// A lock is a guard variable, or a mutex locked by hand (the variable or
/// member that names it).
using LockKey = const ValueDecl *;

struct HeldLock {
  LockKey Lock;
  unsigned Acquisition;
  bool operator==(const HeldLock &Other) const {
    return Lock == Other.Lock && Acquisition == Other.Acquisition;
  }
};

using HeldLocks = llvm::SmallVector<HeldLock, 4>;

bool mentions(const Stmt *S, LockKey Lock) {
  if (!S)
    return false;
  if (const auto *E = dyn_cast<Expr>(S); E && namedValue(E) == Lock)
    return true;
  return llvm::any_of(S->children(),
                      [&](const Stmt *Child) { return mentions(Child, Lock); });
}

/// What \p S awaits or yields when it suspends the coroutine written there:
/// also a `co_await` whose promise type depends on a template parameter (a
/// member coroutine of a class template), which is resolved only in each
/// instantiation. Null for anything else, and for the implicit awaits of the
/// initial and final suspend points.
const Expr *suspensionOperand(const Stmt &S) {
  if (const auto *Await = dyn_cast<DependentCoawaitExpr>(&S))
    return Await->getOperand();
  const auto *Suspension = dyn_cast<CoroutineSuspendExpr>(&S);
  if (!Suspension)
    return nullptr;
  if (const auto *Await = dyn_cast<CoawaitExpr>(Suspension);
      Await && Await->isImplicit())
    return nullptr;
  return Suspension->getOperand();
}

/// Whether awaiting \p Awaited resumes the coroutine at once, on the same
/// thread: an Asio `this_coro` query (`co_await this_coro::executor`), or a
/// call of a coroutine in view whose own awaits all do so
/// (`co_await conn->last_active()` where that coroutine only asks for its
/// executor and returns a member). Followed \p Depth coroutines deep.
bool resumesAtOnce(const Expr *Awaited, unsigned Depth = 3) {
  Awaited = Awaited ? Awaited->IgnoreImplicit() : nullptr;
  if (!Awaited)
    return false;
  if (const CXXRecordDecl *Query = Awaited->getType()->getAsCXXRecordDecl()) {
    const auto *Namespace = dyn_cast<NamespaceDecl>(Query->getDeclContext());
    if (Namespace && Namespace->getIdentifier() &&
        Namespace->getName() == "this_coro")
      return true;
  }
  const auto *Call = dyn_cast<CallExpr>(Awaited);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
  const auto *Body =
      Definition ? dyn_cast_or_null<CoroutineBodyStmt>(Definition->getBody())
                 : nullptr;
  if (!Body || Depth == 0)
    return false;
  return !anyStmt(Body->getBody(), [&](const Stmt &S) {
    const Expr *Inner = suspensionOperand(S);
    return (Inner || isa<CoroutineSuspendExpr, DependentCoawaitExpr>(S)) &&
           !(Inner && resumesAtOnce(Inner, Depth - 1));
  });
}

bool containsSuspension(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CoroutineSuspendExpr, DependentCoawaitExpr>(S))
    return true;
  return llvm::any_of(S->children(), containsSuspension);
}

bool isTagOf(const Expr *Arg, llvm::StringRef Tag) {
  const CXXRecordDecl *Record = Arg->getType()->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() && Record->getName() == Tag &&
         Record->isInStdNamespace();
}

class Analysis {
public:
  Analysis(const NameList &MutexTypes, const NameList &GuardTypes,
           ASTContext &Ctx)
      : MutexTypes(MutexTypes), GuardTypes(GuardTypes), Ctx(Ctx) {}

  std::vector<LockAcquisition> run(const FunctionDecl &Coroutine,
                                   const Stmt &Body);

private:
  void transfer(const CFGElement &Element, HeldLocks &Held);
  void transferDecl(const VarDecl &Var, const DeclStmt &S, HeldLocks &Held);
  void transferMemberCall(const CXXMemberCallExpr &Call, HeldLocks &Held);
  void releaseUnwound(const CXXThrowExpr &Throw, HeldLocks &Held);
  unsigned acquisitionAt(const Stmt &Site, SourceLocation Loc,
                         SourceRange Mutex, unsigned Mutexes = 1);
  static void hold(HeldLocks &Held, LockKey Lock, unsigned Acquisition) {
    if (!llvm::is_contained(Held, HeldLock{Lock, Acquisition}))
      Held.push_back({Lock, Acquisition});
  }
  static void release(HeldLocks &Held, LockKey Lock) {
    llvm::erase_if(Held, [&](const HeldLock &H) { return H.Lock == Lock; });
  }

  const NameList &MutexTypes;
  const NameList &GuardTypes;
  ASTContext &Ctx;
  std::vector<LockAcquisition> Acquisitions;
  llvm::DenseMap<const Stmt *, unsigned> AcquisitionOfSite;
  llvm::DenseSet<LockKey> Guards;
  /// Guards moved from while they held a lock: a guard constructed from one
  /// takes the lock over.
  llvm::DenseMap<LockKey, unsigned> MovedFrom;
  llvm::DenseMap<LockKey, SourceRange> GuardedMutex;
};

unsigned Analysis::acquisitionAt(const Stmt &Site, SourceLocation Loc,
                                 SourceRange Mutex, unsigned Mutexes) {
  auto [It, Inserted] =
      AcquisitionOfSite.try_emplace(&Site, Acquisitions.size());
  if (Inserted) {
    const SourceManager &SM = Ctx.getSourceManager();
    Acquisitions.push_back(
        {SM.getExpansionLoc(Loc), Mutexes,
         Lexer::getSourceText(CharSourceRange::getTokenRange(
                                  SM.getExpansionRange(Mutex).getAsRange()),
                              SM, Ctx.getLangOpts())
             .str()});
  }
  return It->second;
}

void Analysis::transferDecl(const VarDecl &Var, const DeclStmt &S,
                            HeldLocks &Held) {
  if (!isBlockingLockGuard(Var.getType(), MutexTypes, GuardTypes))
    return;
  Guards.insert(&Var);
  const Expr *Init = Var.getInit();
  if (!Init || containsSuspension(Init))
    return; // taken by an awaiter: it did not block
  Init = Init->IgnoreImplicit();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Init))
    Init = Cast->getSubExpr()->IgnoreImplicit();
  const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
  if (!Construct || Construct->getNumArgs() == 0)
    return;
  const Expr *First = Construct->getArg(0)->IgnoreImplicit();
  if (Construct->getConstructor()->isCopyOrMoveConstructor()) {
    if (const auto *Move = dyn_cast<CallExpr>(First);
        Move && Move->isCallToStdMove() && Move->getNumArgs() == 1)
      First = Move->getArg(0);
    if (auto It = MovedFrom.find(namedValue(First)); It != MovedFrom.end())
      hold(Held, &Var, It->second);
    return;
  }
  llvm::SmallVector<const Expr *, 2> Mutexes;
  bool Adopts = false, Defers = false;
  for (const Expr *Arg : Construct->arguments()) {
    if (isTagOf(Arg, "defer_lock_t") || isTagOf(Arg, "try_to_lock_t"))
      Defers = true;
    else if (isTagOf(Arg, "adopt_lock_t"))
      Adopts = true;
    else if (isBlockingMutex(Arg->getType(), MutexTypes))
      Mutexes.push_back(Arg);
  }
  if (Mutexes.empty())
    return;
  const SourceRange MutexRange(Mutexes.front()->getBeginLoc(),
                               Mutexes.back()->getEndLoc());
  // A later `guard.lock()` names the mutex, not the guard.
  GuardedMutex[&Var] = MutexRange;
  if (Defers)
    return;
  std::optional<unsigned> Adopted;
  if (Adopts)
    for (const Expr *Mutex : Mutexes) {
      const LockKey Key = namedValue(Mutex);
      for (const HeldLock &H : Held)
        if (H.Lock == Key)
          Adopted = H.Acquisition;
      release(Held, Key);
    }
  if (Adopted) {
    hold(Held, &Var, *Adopted);
    return;
  }
  const unsigned Acquisition =
      acquisitionAt(S, Var.getLocation(), MutexRange, Mutexes.size());
  if (S.isSingleDecl() && Mutexes.size() == 1) {
    Acquisitions[Acquisition].GuardDeclaration = &S;
    Acquisitions[Acquisition].GuardedMutex = Mutexes.front();
  }
  hold(Held, &Var, Acquisition);
}

void Analysis::transferMemberCall(const CXXMemberCallExpr &Call,
                                  HeldLocks &Held) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (!Method || !Method->getIdentifier())
    return;
  const llvm::StringRef Name = Method->getName();
  const Expr *Object = Call.getImplicitObjectArgument();
  const LockKey Key = Object ? namedValue(Object) : nullptr;
  if (!Key)
    return;
  const bool Locks = Name == "lock" || Name == "lock_shared";
  if (Guards.contains(Key)) {
    if (auto Mutex = GuardedMutex.find(Key);
        Locks && Mutex != GuardedMutex.end())
      hold(Held, Key, acquisitionAt(Call, Call.getExprLoc(), Mutex->second));
    else if (Name == "unlock" || Name == "release")
      release(Held, Key);
    return;
  }
  if (!isBlockingMutex(Object->getType(), MutexTypes))
    return;
  if (Locks)
    hold(Held, Key,
         acquisitionAt(Call, Call.getExprLoc(), Object->getSourceRange()));
  else if (Name == "unlock" || Name == "unlock_shared")
    release(Held, Key);
}

void Analysis::transfer(const CFGElement &Element, HeldLocks &Held) {
  if (std::optional<CFGAutomaticObjDtor> Dtor =
          Element.getAs<CFGAutomaticObjDtor>()) {
    release(Held, Dtor->getVarDecl());
    return;
  }
  std::optional<CFGStmt> Statement = Element.getAs<CFGStmt>();
  if (!Statement)
    return;
  const Stmt *S = Statement->getStmt();
  if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        transferDecl(*Var, *Decls, Held);
  } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
    transferMemberCall(*Call, Held);
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (Call->isCallToStdMove() && Call->getNumArgs() == 1) {
      const LockKey Key = namedValue(Call->getArg(0));
      if (Guards.contains(Key)) {
        for (const HeldLock &H : Held)
          if (H.Lock == Key)
            MovedFrom[Key] = H.Acquisition;
        release(Held, Key);
      }
    }
  } else if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
    // The block of a throw leads only to its handler, or out.
    releaseUnwound(*Throw, Held);
  } else if (const Expr *Awaited = suspensionOperand(*S);
             Awaited && !Held.empty() && !resumesAtOnce(Awaited)) {
    const SourceManager &SM = Ctx.getSourceManager();
    const Stmt *Suspension = S;
    for (const HeldLock &H : Held) {
      const Stmt *&HeldAcross = Acquisitions[H.Acquisition].HeldAcross;
      if (mentions(Awaited, H.Lock))
        continue;
      // Report the first suspension in the source, whatever order the
      // graph is walked in.
      if (!HeldAcross || SM.isBeforeInTranslationUnit(
                             SM.getExpansionLoc(Suspension->getBeginLoc()),
                             SM.getExpansionLoc(HeldAcross->getBeginLoc())))
        HeldAcross = Suspension;
    }
  }
}

/// A throw destroys the guards of every scope it leaves before the handler
/// that catches it runs: those declared in the try block of the innermost
/// `try` around it, or, with none in the function, all of them (the graph
/// has no destructor on that edge). A mutex locked by hand stays locked.
void Analysis::releaseUnwound(const CXXThrowExpr &Throw, HeldLocks &Held) {
  const Stmt *Left = nullptr;
  const Stmt *Child = &Throw;
  for (DynTypedNodeList Parents = Ctx.getParents(Throw); !Parents.empty();
       Parents = Ctx.getParents(*Child)) {
    if (const auto *Try = Parents[0].get<CXXTryStmt>();
        Try && Try->getTryBlock() == Child) {
      Left = Child;
      break;
    }
    Child = Parents[0].get<Stmt>();
    if (!Child)
      break;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::erase_if(Held, [&](const HeldLock &H) {
    return Guards.contains(H.Lock) &&
           (!Left || SM.isPointWithin(H.Lock->getLocation(),
                                      Left->getBeginLoc(), Left->getEndLoc()));
  });
}

std::vector<LockAcquisition> Analysis::run(const FunctionDecl &Coroutine,
                                           const Stmt &Body) {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.setAllAlwaysAdd();
  const std::unique_ptr<CFG> Graph =
      CFG::buildCFG(&Coroutine, const_cast<Stmt *>(&Body), &Ctx, Options);
  if (!Graph)
    return {};
  std::vector<std::optional<HeldLocks>> In(Graph->getNumBlockIDs());
  In[Graph->getEntry().getBlockID()].emplace();
  llvm::SmallVector<const CFGBlock *, 16> Worklist = {&Graph->getEntry()};
  while (!Worklist.empty()) {
    const CFGBlock *Block = Worklist.pop_back_val();
    HeldLocks Held = *In[Block->getBlockID()];
    for (const CFGElement &Element : *Block)
      transfer(Element, Held);
    for (const CFGBlock *Succ : Block->succs()) {
      if (!Succ)
        continue;
      std::optional<HeldLocks> &SuccIn = In[Succ->getBlockID()];
      bool Changed = !SuccIn;
      if (!SuccIn)
        SuccIn.emplace();
      for (const HeldLock &H : Held)
        if (!llvm::is_contained(*SuccIn, H)) {
          SuccIn->push_back(H);
          Changed = true;
        }
      if (Changed)
        Worklist.push_back(Succ);
    }
  }
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::sort(Acquisitions,
             [&](const LockAcquisition &A, const LockAcquisition &B) {
               return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
             });
  return std::move(Acquisitions);
}

} // namespace

std::vector<LockAcquisition> findLockAcquisitions(const FunctionDecl &Coroutine,
                                                  const Stmt &Body,
                                                  const NameList &MutexTypes,
                                                  const NameList &GuardTypes,
                                                  ASTContext &Ctx) {
  return Analysis(MutexTypes, GuardTypes, Ctx).run(Coroutine, Body);
}

} // namespace clang::tidy::tether
