// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- DanglingReferenceCheck.cpp - tether ------------------------------===//

#include "DanglingReferenceCheck.h"
#include "utils/AsioAwaitable.h"
#include "utils/Coroutines.h"
#include "utils/EnclosingCallables.h"
#include "utils/EventLoops.h"
#include "utils/LexerUtils.h"
#include "utils/Loops.h"
#include "utils/Matchers.h"
#include "utils/RuntimeApi.h"
#include "utils/SpawnApis.h"
#include "utils/StmtSearch.h"
#include "utils/SyncApis.h"
#include "utils/TaskHolders.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include <functional>

using namespace clang::ast_matchers;

namespace clang::tidy::tether {

/// How a task gets beyond the full-expression that creates it, and where.
struct DanglingReferenceCheck::Escape {
  /// "started by 'co_spawn'", "stored in 't'", "returned by 'make'".
  std::string Description;
  /// The spawn that starts the task; null when it is stored or returned.
  const CallExpr *Spawn = nullptr;
  /// What keeps the task, or the spawn's handle or future: a co_await or a
  /// wait on it later joins the task.
  const ValueDecl *Holder = nullptr;
  /// The task group or async scope a joining spawn puts the task in.
  const Expr *Scope = nullptr;
  /// The synchronisation objects of the caller that the task signals once
  /// it is done: a wait on one of them later joins the task.
  SyncObjects Signalled;
  /// Whether the task is returned: the caller's locals die at once.
  bool Returned = false;
  /// Whether the task is stored and starts only when awaited: destroying
  /// its holder destroys it unstarted.
  bool Lazy = false;
  /// The function or lambda that starts, stores or returns the task, and the
  /// statements from its body down to the expression that does.
  const FunctionDecl *Caller = nullptr;
  llvm::SmallVector<const Stmt *, 16> Path;
};

/// An object a task refers to.
struct DanglingReferenceCheck::Referent {
  enum Kind { Local, Temporary, This } Kind;
  /// The local or by-value parameter the object is, or is a part of.
  const VarDecl *Var = nullptr;
  /// The object as the code names it: 's', 's.name', 'parts[0]'.
  std::string Spelling;
  /// Where it is named, or the temporary.
  const Expr *Where = nullptr;
};

namespace {

AST_MATCHER(CXXMethodDecl, spawnsOnGroup) { return spawnsOnTaskGroup(Node); }

AST_MATCHER(CXXMethodDecl, growsAContainer) {
  return Node.getIdentifier() && growsContainer(Node.getName());
}

constexpr llvm::StringLiteral DefaultViewTypes =
    "::std::basic_string_view;::std::span;::asio::const_buffer;"
    "::asio::mutable_buffer;::boost::asio::const_buffer;"
    "::boost::asio::mutable_buffer;::std::ranges::ref_view";

/// Spawns that keep a callable alive until the task it returns has
/// completed: the fix-its and the lambda-capture rules rely on it.
std::string callableSpawnNames() {
  return (llvm::Twine("::asio::co_spawn;::boost::asio::co_spawn;") +
          runtime::TaskGroup.Name + "::spawn")
      .str();
}

const NameList &callableSpawns() {
  static const NameList Names(
      utils::options::parseStringList(callableSpawnNames()),
      [](llvm::StringRef, llvm::StringRef) {});
  return Names;
}

std::string defaultSpawnFunctions() {
  return (callableSpawnNames() + ";" + spawn::DetachedStartFunctions + ";" +
          spawn::CallbackStartFunctions + ";" + spawn::ScopeSpawnFunctions)
      .str();
}

std::string defaultJoinFunctions() {
  return (sync::HandleWaits + ";" + sync::ScopeJoins + ";" + sync::SyncWaits)
      .str();
}

/// How a message names the task a call creates: "task 'session'", or "task
/// of the coroutine lambda".
std::string describeTask(const FunctionDecl &Callee) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
      Method && Method->getParent()->isLambda())
    return "task of the coroutine lambda";
  return "task '" + Callee.getNameAsString() + "'";
}

/// How a message names the wrapper a task went through on its way out:
/// " through 'spawn_task'", or nothing.
std::string through(const FunctionDecl *Wrapper) {
  return Wrapper ? " through '" + Wrapper->getNameAsString() + "'"
                 : std::string();
}

/// \p E without parentheses and the implicit nodes that keep the same
/// object, but with the temporaries it materializes.
const Expr *sameObject(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
        Cast &&
        llvm::is_contained({CK_NoOp, CK_DerivedToBase,
                            CK_UncheckedDerivedToBase, CK_LValueToRValue,
                            CK_UserDefinedConversion, CK_ConstructorConversion},
                           Cast->getCastKind())) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Full = dyn_cast<FullExpr>(E)) {
      E = Full->getSubExpr();
      continue;
    }
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && isStdMove(*Call)) {
      E = Call->getArg(0);
      continue;
    }
    return E;
  }
}

/// Whether \p Var lives beyond any function call: a global, a static local,
/// a thread_local.
bool hasStaticLifetime(const VarDecl &Var) { return !Var.hasLocalStorage(); }

/// The object that the glvalue \p E names, when it is a local, a by-value
/// parameter, a temporary or a part of one, or (a part of) `*this`.
std::optional<DanglingReferenceCheck::Referent>
objectOf(const Expr *E, const ASTContext &Ctx) {
  using Referent = DanglingReferenceCheck::Referent;
  const Expr *Named = sameObject(E);
  const Expr *Part = Named;
  while (true) {
    if (isa<MaterializeTemporaryExpr>(Part))
      return Referent{Referent::Temporary, nullptr, "", Part};
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Part)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      // A reference refers to an object this code cannot see.
      if (!Var || hasStaticLifetime(*Var) || Var->getType()->isReferenceType())
        return std::nullopt;
      return Referent{Referent::Local, Var,
                      sourceText(Named->getSourceRange(), Ctx), Named};
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Part)) {
      // A member of reference type refers to an object elsewhere, like a
      // reference variable (cppcoro's `transform.scheduler`).
      if (Member->getMemberDecl()->getType()->isReferenceType())
        return std::nullopt;
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Base))
        return Referent{Referent::This, nullptr,
                        sourceText(Named->getSourceRange(), Ctx), Named};
      if (Member->isArrow() || isa<VarDecl>(Member->getMemberDecl()))
        return std::nullopt;
      Part = sameObject(Member->getBase());
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Part)) {
      const auto *Decay = dyn_cast<ImplicitCastExpr>(Subscript->getBase());
      if (!Decay || Decay->getCastKind() != CK_ArrayToPointerDecay)
        return std::nullopt;
      Part = sameObject(Decay->getSubExpr());
      continue;
    }
    // An element of a container lives in the container.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Part);
        Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
        Op->isGLValue()) {
      Part = sameObject(Op->getArg(0));
      continue;
    }
    return std::nullopt;
  }
}

/// The object a pointer argument \p E points to.
std::optional<DanglingReferenceCheck::Referent>
pointeeOf(const Expr *E, const ASTContext &Ctx) {
  using Referent = DanglingReferenceCheck::Referent;
  E = E->IgnoreParens();
  while (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
    if (Cast->getCastKind() == CK_ArrayToPointerDecay)
      return objectOf(Cast->getSubExpr(), Ctx);
    E = Cast->getSubExpr()->IgnoreParens();
  }
  if (isa<CXXThisExpr>(E))
    return Referent{Referent::This, nullptr, "this", E};
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    return objectOf(AddressOf->getSubExpr(), Ctx);
  return std::nullopt;
}

/// The object a view argument \p E (a string_view, a span, a buffer) is
/// made from: what its constructor, the conversion that yields it, or
/// `buffer(...)` is given. A copy of another view says nothing.
std::optional<DanglingReferenceCheck::Referent>
viewedOf(const Expr *E, const ASTContext &Ctx) {
  using Referent = DanglingReferenceCheck::Referent;
  while (true) {
    E = E->IgnoreParens();
    if (const auto *Full = dyn_cast<FullExpr>(E)) {
      E = Full->getSubExpr();
      continue;
    }
    if (const auto *Materialize = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Materialize->getSubExpr();
      continue;
    }
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
      continue;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(E);
        Cast && llvm::is_contained({CK_UserDefinedConversion,
                                    CK_ConstructorConversion, CK_NoOp},
                                   Cast->getCastKind())) {
      E = Cast->getSubExpr();
      continue;
    }
    break;
  }
  const Expr *Source = nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0 ||
        Construct->getConstructor()->isCopyOrMoveConstructor())
      return std::nullopt;
    Source = Construct->getArg(0);
  } else if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(E);
             Conversion &&
             isa<CXXConversionDecl>(Conversion->getMethodDecl())) {
    Source = Conversion->getImplicitObjectArgument();
  } else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && Call->getNumArgs() >= 1 && Call->getDirectCallee() &&
             Call->getDirectCallee()->getIdentifier() &&
             Call->getDirectCallee()->getName() == "buffer") {
    Source = Call->getArg(0);
  }
  if (!Source)
    return std::nullopt;
  if (Source->getType()->isPointerType())
    return pointeeOf(Source, Ctx);
  const Expr *Object = sameObject(Source);
  // A class prvalue (`std::string("x")`, a call returning a vector) is
  // materialized for the view and dies with the full-expression.
  if (Object->isPRValue() && Object->getType()->isRecordType())
    return Referent{Referent::Temporary, nullptr, "", Object};
  return objectOf(Source, Ctx);
}

/// Whether a call named shared_from_this or weak_from_this is below
/// \p S, in a lambda's captures but not in its body: what keeps `*this`
/// alive for a task is taken before the task starts.
bool takesKeepAlive(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && Method->getIdentifier() &&
        llvm::is_contained({"shared_from_this", "weak_from_this"},
                           Method->getName()))
      return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
        Var->getInit() && takesKeepAlive(Var->getInit()))
      return true;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
    return llvm::any_of(Lambda->capture_inits(),
                        [](const Expr *Init) { return takesKeepAlive(Init); });
  return llvm::any_of(S->children(),
                      [](const Stmt *Child) { return takesKeepAlive(Child); });
}

/// Whether \p S mentions \p D.
bool mentions(const Stmt *S, const ValueDecl *D) {
  return anyStmt(
      S,
      [&](const Stmt &Node) {
        const auto *E = dyn_cast<Expr>(&Node);
        return E && isa<DeclRefExpr, MemberExpr>(E) && namedValue(E) == D;
      },
      /*IntoLambdas=*/true);
}

/// The lists a join is recognized by.
struct JoinNames {
  /// Members that wait for what the object they are called on tracks.
  const NameList &Waits;
  /// Members that run the event loop or the pool they are called on to
  /// completion.
  const NameList &LoopRuns;
  /// What the functions called after the start are known to do.
  LoopRunMemo &LoopRunningCalls;
  /// Whether the caller's threads run an event loop: then joining a thread
  /// waits for what runs on it.
  bool ThreadsRunLoop = false;
};

/// The container \p Target is an element of (`tasks[i]`, `tasks.at(i)`,
/// `tasks.back()`): what holds a task assigned there, and what a later
/// join is given (`co_await spawn_many(tasks.data(), n)`); \p Target
/// itself otherwise.
const Expr *elementContainer(const Expr *Target) {
  const Expr *E = peel(Target);
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return Subscript->getBase();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript)
    return Op->getArg(0);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *Method = Member->getMethodDecl();
        Method && Method->getIdentifier() &&
        llvm::is_contained({"at", "front", "back"}, Method->getName()))
      return Member->getImplicitObjectArgument();
  return Target;
}

/// Whether the function \p Call calls says it waits: sync_wait,
/// blockingWait, syncAwait, also as a function object (stdexec's and
/// libunifex's `sync_wait` are customization point objects).
bool namesAWait(const CallExpr &Call) {
  const NamedDecl *Callee = calledDecl(Call);
  return Callee && Callee->getIdentifier() &&
         Callee->getName().contains_insensitive("wait");
}

/// The variable that holds the scope a task was spawned on: `scope` of
/// `scope.spawn(...)`, and `n` of `n->start(...)` through a smart pointer.
const ValueDecl *scopeHolder(const Expr *Scope) {
  if (!Scope)
    return nullptr;
  Scope = peel(Scope);
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Scope);
      Arrow && Arrow->getOperator() == OO_Arrow)
    Scope = peel(Arrow->getArg(0));
  return namedValue(Scope);
}

/// Whether \p Call is a wait of the task group or async scope \p Scope for
/// all it owns (`join`, `complete`, `cleanup`, `on_empty`, `joinAsync`):
/// called on the scope itself, not on the smart pointer that owns it.
bool isScopeJoin(const CXXMemberCallExpr &Call, const CXXMethodDecl &Method,
                 const ValueDecl &Scope, const NameList &Waits) {
  const CXXRecordDecl *Class = Call.getRecordDecl();
  return Class && isTaskGroupLike(*Class) &&
         namedValue(peel(Call.getImplicitObjectArgument())) == &Scope &&
         callsMemberIn(Call, Method, Waits);
}

/// Whether \p S joins the scope \p Scope (see isScopeJoin).
bool joinsScope(const Stmt *S, const ValueDecl &Scope, const NameList &Waits) {
  return anyStmt(S, [&](const Stmt &Node) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    return Method && isScopeJoin(*Call, *Method, Scope, Waits);
  });
}

/// What holds the task after it started: the variable it was stored in (or
/// the spawn's handle), and the locals made from it since
/// (`auto all = collectAll(std::move(tasks))`).
using Holders = llvm::SmallPtrSet<const ValueDecl *, 4>;

/// Whether \p In mentions one of \p Held.
bool mentionsHeld(const Stmt *In, const Holders &Held) {
  return llvm::any_of(Held,
                      [&](const ValueDecl *H) { return mentions(In, H); });
}

/// Whether \p S, which runs after the task was started, waits for it: it
/// co_awaits or waits for one of \p Held, joins the scope \p Scope, runs
/// the event loop to completion (or joins a thread that runs it), or waits
/// for one of \p Signalled, which
/// the task signals once it is done (a wait call on it or mentioning it, a
/// loop that spins until it changes).
bool joinsTask(const Stmt *S, const Holders &Held, const ValueDecl *Scope,
               const SyncObjects &Signalled, const JoinNames &Names) {
  auto MentionsHeld = [&](const Stmt *In) { return mentionsHeld(In, Held); };
  auto MentionsSignalled = [&](const Stmt *In) {
    return In && llvm::any_of(Signalled, [&](const VarDecl *Object) {
             return mentions(In, Object);
           });
  };
  // A spin until the counter the task changes says it is done.
  auto SpinsUntilSignalled = [&](const Stmt &Node) {
    if (const auto *While = dyn_cast<WhileStmt>(&Node))
      return MentionsSignalled(While->getCond());
    if (const auto *Do = dyn_cast<DoStmt>(&Node))
      return MentionsSignalled(Do->getCond());
    if (const auto *For = dyn_cast<ForStmt>(&Node))
      return MentionsSignalled(For->getCond());
    return false;
  };
  return anyStmt(S, [&](const Stmt &Node) {
    // The loop run here, or by a function called after the start (a test
    // fixture's `broker.run(ioc)`).
    if (SpinsUntilSignalled(Node) ||
        runsLoopToCompletion(Node, Names.LoopRuns, Names.LoopRunningCalls))
      return true;
    // The spin of a function in view that is called after the start: a
    // watcher coroutine the scope awaits (`syncAwait(watcher())`) that loops
    // until a counter the task changes last says every task is done.
    if (const auto *Call = dyn_cast<CallExpr>(&Node);
        Call && !Signalled.empty())
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (const FunctionDecl *Definition = Callee->getDefinition();
            Definition && anyStmt(Definition->getBody(), SpinsUntilSignalled))
          return true;
    if (const auto *Await = dyn_cast<CoawaitExpr>(&Node))
      return MentionsHeld(Await->getOperand()) ||
             (Scope && mentions(Await->getOperand(), Scope));
    // A synchronous wait given the task (`sync_wait(when_all(tasks))`,
    // folly's `blockingWait`, async_simple's `syncAwait`), or the join of
    // its scope (`sync_wait(scope.complete())`, libunifex's tests).
    if (const auto *Call = dyn_cast<CallExpr>(&Node);
        Call && namesAWait(*Call) &&
        llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
          return MentionsHeld(Arg) ||
                 (Scope && joinsScope(Arg, *Scope, Names.Waits));
        }))
      return true;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node)) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      if (!Method || !Method->getIdentifier())
        return false;
      if (Names.ThreadsRunLoop && joinsThread(*Call))
        return true;
      const ValueDecl *Object =
          namedValue(peel(Call->getImplicitObjectArgument()));
      // `n.reset()` of the pointer that owns the scope destroys it: a scope
      // joins, cancels or aborts on what it still runs.
      if (Object && Object == Scope && Method->getName() == "reset")
        return true;
      if (Scope && isScopeJoin(*Call, *Method, *Scope, Names.Waits))
        return true;
      if (!callsMemberIn(*Call, *Method, Names.Waits))
        return false;
      // `f.wait()`, `p.get_future().wait()`, `cv.wait(lock, [&] { return
      // done; })`.
      return (Object && Held.contains(Object)) ||
             Signalled.contains(
                 rootVariable(Call->getImplicitObjectArgument())) ||
             llvm::any_of(Call->arguments(), MentionsSignalled);
    }
    // Tasks kept in a container and awaited or waited for one by one
    // (`for (auto &t : tasks) t.wait();`).
    if (const auto *For = dyn_cast<CXXForRangeStmt>(&Node))
      return MentionsHeld(For->getRangeInit()) &&
             anyStmt(For->getBody(), [&](const Stmt &Inner) {
               if (isa<CoawaitExpr>(Inner))
                 return true;
               const auto *Wait = dyn_cast<CXXMemberCallExpr>(&Inner);
               const CXXMethodDecl *Method =
                   Wait ? Wait->getMethodDecl() : nullptr;
               return Method && Method->getIdentifier() &&
                      namedValue(peel(Wait->getImplicitObjectArgument())) ==
                          For->getLoopVariable() &&
                      callsMemberIn(*Wait, *Method, Names.Waits);
             });
    return false;
  });
}

/// Whether \p Var is an object of \p How's caller that dies with its
/// scope there (isLocalObject).
bool isOwnLocal(const VarDecl *Var, const DanglingReferenceCheck::Escape &How) {
  return Var && How.Caller && isLocalObject(*How.Caller, *Var);
}

/// The local that \p Holder is moved into, by its constructor (`runner
/// run(std::move(t))`) or by an assignment (`f2 = std::move(f)`), when that
/// is the one move of \p Holder in \p Body; null when \p Holder is never
/// moved. Sets \p MovedElsewhere when it is moved any other way.
const VarDecl *localMovedInto(const VarDecl &Holder, const Stmt *Body,
                              bool &MovedElsewhere) {
  llvm::SmallVector<const CallExpr *, 2> Moves;
  anyStmt(
      Body,
      [&](const Stmt &S) {
        if (const auto *Call = dyn_cast<CallExpr>(&S);
            Call && isStdMove(*Call) && namedValue(Call->getArg(0)) == &Holder)
          Moves.push_back(Call);
        return false;
      },
      /*IntoLambdas=*/true);
  MovedElsewhere = Moves.size() > 1;
  if (Moves.size() != 1)
    return nullptr;
  const Expr *Move = Moves.front();
  const VarDecl *Into = nullptr;
  anyStmt(Body, [&](const Stmt &S) {
    if (std::optional<Assignment> Assign = assignmentOf(S);
        Assign && Assign->Plain &&
        Assign->Value->IgnoreImplicit()->IgnoreParens() == Move)
      Into = dyn_cast_or_null<VarDecl>(namedValue(peel(Assign->Target)));
    const auto *Declares = dyn_cast<DeclStmt>(&S);
    if (!Declares)
      return Into != nullptr;
    for (const Decl *D : Declares->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit())
        if (const auto *Construct = dyn_cast<CXXConstructExpr>(
                Var->getInit()->IgnoreImplicit()->IgnoreParens());
            Construct && !isa<CXXTemporaryObjectExpr>(Construct) &&
            llvm::any_of(Construct->arguments(), [&](const Expr *Arg) {
              return Arg->IgnoreImplicit()->IgnoreParens() == Move;
            }))
          Into = Var;
    return Into != nullptr;
  });
  MovedElsewhere = !Into;
  return Into;
}

/// Whether the task \p How stores is gone before an object declared at
/// \p Declared (anywhere, when invalid): its holder is a local declared
/// after the object and never moved from (a move hands the task on;
/// `co_await std::move(t)` is judged as a join instead), or moved only into
/// the constructor of such a local (`runner run(std::move(t)); run();`). A
/// lazy task dies there unstarted, or run to its end by what it was moved
/// into; a task whose type's destructor calls one of \p DestructorJoins is
/// joined there (kelcoro's logical_thread, a coroutine std::jthread), and one
/// whose destructor destroys its frame is cancelled there (uvco's Promise).
bool holderDiesFirst(const DanglingReferenceCheck::Escape &How,
                     SourceLocation Declared, const NameList &DestructorJoins) {
  const auto *Holder = dyn_cast_or_null<VarDecl>(How.Holder);
  const SourceManager &SM = How.Caller->getASTContext().getSourceManager();
  while (isOwnLocal(Holder, How)) {
    const CXXRecordDecl *Type = Holder->getType()->getAsCXXRecordDecl();
    if (!How.Lazy && !(Type && destructorEndsTask(*Type, DestructorJoins)))
      return false;
    if (Declared.isValid() &&
        !SM.isBeforeInTranslationUnit(Declared, Holder->getLocation()))
      return false;
    bool MovedElsewhere = false;
    const VarDecl *Into =
        localMovedInto(*Holder, How.Caller->getBody(), MovedElsewhere);
    if (!Into)
      return !MovedElsewhere;
    Holder = Into;
  }
  return false;
}

/// Whether the scope \p How spawned on dies before \p Object: it is a local
/// of the caller (or the local that owns it, `n->start(...)` through a
/// smart pointer), declared after \p Object or \p Object itself. A scope
/// joins, cancels or aborts on what it still runs when it is destroyed
/// (corral's UnsafeNursery, every async_scope's assertion): its tasks do
/// not outlive it.
bool scopeDiesFirst(const DanglingReferenceCheck::Escape &How,
                    const VarDecl &Object) {
  const auto *Holder = dyn_cast_or_null<VarDecl>(scopeHolder(How.Scope));
  if (!isOwnLocal(Holder, How))
    return false;
  if (Holder == &Object)
    return true;
  const SourceManager &SM = Holder->getASTContext().getSourceManager();
  return SM.isBeforeInTranslationUnit(Object.getLocation(),
                                      Holder->getLocation());
}

/// Whether the event loop that \p How's spawn starts the task on dies before
/// \p Object: an Asio execution context (an io_context, a thread pool) that
/// is a local of the caller declared after \p Object. Its destructor
/// destroys the frames of the tasks still suspended on it, while \p Object
/// is alive: no task outlives it.
bool loopDiesFirst(const DanglingReferenceCheck::Escape &How,
                   const VarDecl &Object) {
  const VarDecl *Loop = How.Spawn && How.Spawn->getNumArgs()
                            ? rootVariable(How.Spawn->getArg(0))
                            : nullptr;
  if (!isOwnLocal(Loop, How) || !isExecutionContext(Loop->getType()))
    return false;
  const SourceManager &SM = Loop->getASTContext().getSourceManager();
  return SM.isBeforeInTranslationUnit(Object.getLocation(),
                                      Loop->getLocation());
}

/// Adds to \p Held what \p S hands the task to: a local initialized from a
/// holder (`auto all = collectAll(std::move(tasks))`), and an object given
/// a holder by one of its members (`wg.Attach(f1, f2)`,
/// `all.push_back(std::move(f))`), which then tracks the task.
void addHoldersMadeIn(const Stmt *S, Holders &Held) {
  auto MentionsHeld = [&](const Stmt *In) { return mentionsHeld(In, Held); };
  if (const auto *Declares = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Declares->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && Var->getInit() && MentionsHeld(Var->getInit()))
        Held.insert(Var);
    return;
  }
  llvm::SmallVector<const ValueDecl *, 2> Trackers;
  anyStmt(S, [&](const Stmt &Node) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node);
    if (Call && llvm::any_of(Call->arguments(), MentionsHeld))
      if (const ValueDecl *Object =
              namedValue(peel(Call->getImplicitObjectArgument())))
        Trackers.push_back(Object);
    return false;
  });
  Held.insert(Trackers.begin(), Trackers.end());
}

} // namespace

bool DanglingReferenceCheck::joinedLater(const Escape &How,
                                         const Stmt *Scope) const {
  const ValueDecl *ScopeVar = scopeHolder(How.Scope);
  const JoinNames Names{JoinFunctions, LoopJoinFunctions, LoopRunningCalls,
                        runsLoopInLambda(How.Caller->getBody(),
                                         LoopJoinFunctions, LoopRunningCalls)};
  Holders Held;
  if (How.Holder)
    Held.insert(How.Holder);
  for (auto It = llvm::find(How.Path, Scope); It + 1 < How.Path.end(); ++It) {
    const auto *Block = dyn_cast<CompoundStmt>(*It);
    if (!Block)
      continue;
    bool After = false;
    for (const Stmt *S : Block->body()) {
      if (After && joinsTask(S, Held, ScopeVar, How.Signalled, Names))
        return true;
      if (After)
        addHoldersMadeIn(S, Held);
      After = After || S == *(It + 1);
    }
  }
  return false;
}

namespace {

/// Whether \p Var is declared by a statement directly below \p Scope (or
/// is the loop variable of a range-for): \p Scope is where it lives.
bool declaresIn(const Stmt &Scope, const VarDecl &Var) {
  if (const auto *For = dyn_cast<CXXForRangeStmt>(&Scope))
    if (For->getLoopVariable() == &Var)
      return true;
  for (const Stmt *Child : Scope.children())
    if (const auto *Decl = dyn_cast_or_null<DeclStmt>(Child))
      if (llvm::is_contained(Decl->decls(), &Var))
        return true;
  return false;
}

/// Whether the member coroutine \p Method is defined in view and its body
/// uses nothing of its object: no `this`, written or implied by a member
/// named alone. A lambda's captures are not reached through `this`: its
/// closure is judged by its captures instead.
bool ignoresItsObject(const CXXMethodDecl &Method) {
  if (Method.getParent()->isLambda())
    return false;
  const CompoundStmt *Body = coroutineBlock(Method);
  return Body && !anyStmt(
                     Body, [](const Stmt &S) { return isa<CXXThisExpr>(S); },
                     /*IntoLambdas=*/true);
}

/// Whether the coroutine lambda \p Task carries out an asynchronous
/// operation of the function that starts it: it is given the operation's
/// completion handler (an init-capture of a parameter of \p Starter, as
/// `[self = std::move(self)]` in an `async_compose`) and completes it
/// (`self.complete(ec)`, `handler(ec)`). The object an operation works on
/// must outlive the operation, by Asio's contract for every operation.
bool completesStartersOperation(const LambdaExpr &Task,
                                const FunctionDecl &Starter) {
  auto IsHandler = [&](const Expr *Object) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(peel(Object));
    const auto *Capture = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Capture || !Capture->isInitCapture())
      return false;
    const auto *Param =
        dyn_cast_or_null<ParmVarDecl>(rootVariable(Capture->getInit()));
    return Param && Param->getDeclContext() == &Starter;
  };
  return anyStmt(Task.getBody(), [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(&S))
      return Call->getOperator() == OO_Call && IsHandler(Call->getArg(0));
    const auto *Complete = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Method =
        Complete ? Complete->getMethodDecl() : nullptr;
    return Method && Method->getIdentifier() &&
           Method->getName() == "complete" &&
           IsHandler(Complete->getImplicitObjectArgument());
  });
}

/// Whether the member coroutine \p Method, defined in view, copies
/// `shared_from_this()` into its own frame before it first suspends
/// (`if (!self) self = shared_from_this();`): the task then keeps its object
/// alive itself, as it does with a copy its caller passes.
bool keepsItsObjectAlive(const CXXMethodDecl &Method) {
  const CompoundStmt *Block = coroutineBlock(Method);
  if (!Block)
    return false;
  for (const Stmt *S : Block->body()) {
    if (anyStmt(S, [](const Stmt &Node) {
          if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node))
            if (const CXXMethodDecl *Callee = Call->getMethodDecl();
                Callee && Callee->getIdentifier() &&
                Callee->getName() == "shared_from_this")
              return true;
          return false;
        }))
      return true;
    if (suspends(*S))
      return false;
  }
  return false;
}

/// Whether \p Record derives from std::enable_shared_from_this (or Boost's).
bool sharesFromThis(const CXXRecordDecl &Record) {
  if (!Record.hasDefinition())
    return false;
  bool Found = false;
  Record.forallBases([&](const CXXRecordDecl *Base) {
    if (Base->getIdentifier() && Base->getName() == "enable_shared_from_this")
      Found = true;
    return !Found;
  });
  return Found;
}

/// The class whose `this` the code of \p Caller uses: its own, or the one of
/// the member function a lambda is written in.
const CXXRecordDecl *classOfThis(const FunctionDecl *Caller) {
  for (const DeclContext *DC = Caller; DC; DC = DC->getParent()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(DC);
    if (!Method)
      continue;
    if (!Method->getParent()->isLambda())
      return Method->isInstance() ? Method->getParent() : nullptr;
    DC = Method->getParent();
  }
  return nullptr;
}

/// Whether an object of \p Class runs its event loop to completion before it
/// is destroyed: its destructor, or the TearDown() of a Google Test fixture
/// (called after the test body, before the fixture is destroyed), runs the
/// loop, itself or through member functions of the class, or joins a thread
/// that a member function or a member's initializer starts to run it.
bool runsLoopBeforeItDies(const CXXRecordDecl &Class, const NameList &LoopRuns,
                          LoopRunMemo &Known) {
  if (!Class.hasDefinition())
    return false;
  llvm::SmallVector<const CXXRecordDecl *, 4> Classes = {&Class};
  bool IsTest = false;
  Class.forallBases([&](const CXXRecordDecl *Base) {
    Classes.push_back(Base);
    IsTest = IsTest || (Base->getIdentifier() &&
                        templateFreeQualifiedName(*Base) == "::testing::Test");
    return true;
  });
  auto IsOwnMethod = [&](const CXXMethodDecl &Method) {
    return llvm::is_contained(Classes, Method.getParent());
  };
  const bool ThreadsRunLoop =
      llvm::any_of(Classes, [&](const CXXRecordDecl *C) {
        return llvm::any_of(C->methods(),
                            [&](const CXXMethodDecl *Method) {
                              return runsLoopInLambda(Method->getBody(),
                                                      LoopRuns, Known);
                            }) ||
               llvm::any_of(C->fields(), [&](const FieldDecl *Field) {
                 return runsLoopInLambda(Field->getInClassInitializer(),
                                         LoopRuns, Known);
               });
      });
  std::function<bool(const FunctionDecl &, unsigned)> RunsLoopIn =
      [&](const FunctionDecl &Function, unsigned Depth) {
        const FunctionDecl *Defined = nullptr;
        if (!Function.hasBody(Defined))
          return false;
        return anyStmt(Defined->getBody(), [&](const Stmt &Node) {
          if (loopRunToCompletion(Node, LoopRuns))
            return true;
          const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node);
          const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
          if (Method && ThreadsRunLoop && joinsThread(*Call))
            return true;
          if (Method && IsOwnMethod(*Method))
            return Depth > 0 && RunsLoopIn(*Method, Depth - 1);
          // A function of the project that runs the loop it is given.
          const auto *Other = dyn_cast<CallExpr>(&Node);
          const FunctionDecl *Callee = Other ? followedCallee(*Other) : nullptr;
          return Callee &&
                 callRunsLoop(*Callee, LoopRuns, MaxLoopRunDepth, Known);
        });
      };
  return llvm::any_of(Classes, [&](const CXXRecordDecl *C) {
    return llvm::any_of(C->methods(), [&](const CXXMethodDecl *Method) {
      const bool RunsAtTheEnd = isa<CXXDestructorDecl>(Method) ||
                                (IsTest && Method->getIdentifier() &&
                                 Method->getName() == "TearDown");
      return RunsAtTheEnd && RunsLoopIn(*Method, /*Depth=*/2);
    });
  });
}

/// Whether every object of \p Class, a class of the main file (whose objects
/// are all made in view), lives in a local of a function, itself or as an
/// element of a local standard container, and that function runs the event
/// loop to completion after its last use of the local, in the block the
/// local lives in (`std::forward_list<Session> sessions; for (...)
/// sessions.emplace_front(io).go(); run(io);`): what the objects' members
/// spawn on `*this` and run on that loop has ended before they die. An
/// object made anywhere else (a temporary, a field, a global, `new`,
/// `make_shared<Session>`, a parameter or a return by value) may not be.
bool livesOnlyAcrossLoopRuns(const CXXRecordDecl &Class, ASTContext &Ctx,
                             const NameList &LoopRuns, LoopRunMemo &Known) {
  using namespace ast_matchers;
  const SourceManager &SM = Ctx.getSourceManager();
  const CXXRecordDecl *Definition = Class.getDefinition();
  if (!Definition ||
      !SM.isInMainFile(SM.getExpansionLoc(Definition->getLocation())))
    return false;
  auto IsClass = [&](QualType T) {
    const CXXRecordDecl *Record =
        T.isNull() ? nullptr : T->getAsCXXRecordDecl();
    return Record &&
           Record->getCanonicalDecl() == Definition->getCanonicalDecl();
  };
  // A standard template of it (`std::forward_list<Session>`,
  // `std::map<int, std::vector<Session>>`).
  std::function<bool(QualType)> HoldsClass = [&](QualType T) {
    const auto *Holder = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T.isNull() ? nullptr : T->getAsCXXRecordDecl());
    return Holder && Holder->isInStdNamespace() &&
           llvm::any_of(Holder->getTemplateArgs().asArray(),
                        [&](const TemplateArgument &Argument) {
                          return Argument.getKind() == TemplateArgument::Type &&
                                 (IsClass(Argument.getAsType()) ||
                                  HoldsClass(Argument.getAsType()));
                        });
  };
  // The locals the objects live in.
  llvm::SmallPtrSet<const VarDecl *, 4> Holders;
  for (const BoundNodes &Found :
       match(varDecl(unless(isExpansionInSystemHeader())).bind("var"), Ctx)) {
    const auto *Var = Found.getNodeAs<VarDecl>("var");
    if (!(IsClass(Var->getType()) || HoldsClass(Var->getType())))
      continue;
    const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext());
    if (!Function || !isLocalObject(*Function, *Var))
      return false;
    Holders.insert(Var);
  }
  for (const BoundNodes &Found :
       match(fieldDecl(unless(isExpansionInSystemHeader())).bind("field"), Ctx))
    if (const auto *Field = Found.getNodeAs<FieldDecl>("field");
        IsClass(Field->getType()) || HoldsClass(Field->getType()))
      return false;
  // Every object made in the program's own code is one of those locals, or
  // an element added to one of the containers.
  for (const BoundNodes &Found :
       match(expr(anyOf(cxxConstructExpr(), cxxNewExpr(), callExpr()),
                  unless(isExpansionInSystemHeader()))
                 .bind("make"),
             Ctx)) {
    const auto *Make = Found.getNodeAs<Expr>("make");
    if (const auto *New = dyn_cast<CXXNewExpr>(Make)) {
      if (IsClass(New->getAllocatedType()))
        return false;
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Make)) {
      // `std::make_shared<Session>(io)`: made in the library, kept anywhere.
      const FunctionDecl *Callee = Call->getDirectCallee();
      const TemplateArgumentList *Arguments =
          Callee ? Callee->getTemplateSpecializationArgs() : nullptr;
      if (Arguments && llvm::any_of(Arguments->asArray(),
                                    [&](const TemplateArgument &Argument) {
                                      return Argument.getKind() ==
                                                 TemplateArgument::Type &&
                                             IsClass(Argument.getAsType());
                                    }))
        return false;
      continue;
    }
    if (!IsClass(Make->getType()))
      continue;
    DynTypedNodeList Above = Ctx.getParents(*Make);
    while (!Above.empty() && (Above[0].get<MaterializeTemporaryExpr>() ||
                              Above[0].get<CXXBindTemporaryExpr>() ||
                              Above[0].get<ImplicitCastExpr>() ||
                              Above[0].get<ExprWithCleanups>()))
      Above = Ctx.getParents(Above[0]);
    const auto *Var = Above.empty() ? nullptr : Above[0].get<VarDecl>();
    const auto *Add =
        Above.empty() ? nullptr : Above[0].get<CXXMemberCallExpr>();
    const CXXMethodDecl *Added = Add ? Add->getMethodDecl() : nullptr;
    const auto *Into =
        Added && Added->getIdentifier() && growsContainer(Added->getName())
            ? dyn_cast_or_null<VarDecl>(
                  namedValue(Add->getImplicitObjectArgument()))
            : nullptr;
    if (!(Var && Holders.contains(Var)) && !(Into && Holders.contains(Into)))
      return false;
  }
  // Each local is used last before a statement of its block that runs the
  // loop to completion.
  auto RunsLoop = [&](const Stmt &S) {
    return anyStmt(&S, [&](const Stmt &Node) {
      return runsLoopToCompletion(Node, LoopRuns, Known);
    });
  };
  return !Holders.empty() && llvm::all_of(Holders, [&](const VarDecl *Var) {
    // Declared by a statement of a block, which it lives to the end of.
    const DynTypedNodeList Declaring = Ctx.getParents(*Var);
    const auto *Declares =
        Declaring.empty() ? nullptr : Declaring[0].get<DeclStmt>();
    const CompoundStmt *Block = nullptr;
    if (Declares)
      if (const DynTypedNodeList Around = Ctx.getParents(*Declares);
          !Around.empty())
        Block = Around[0].get<CompoundStmt>();
    if (!Block)
      return false;
    bool Ran = false;
    for (const Stmt *S : Block->body()) {
      if (S == Declares || mentions(S, Var))
        Ran = false;
      else if (!Ran)
        Ran = RunsLoop(*S);
    }
    return Ran;
  });
}

/// Whether \p E is a std::vector.
bool isStdVector(const Expr *E) {
  const CXXRecordDecl *Record =
      E ? E->getType().getNonReferenceType()->getAsCXXRecordDecl() : nullptr;
  return Record && Record->getIdentifier() && Record->getName() == "vector" &&
         Record->getDeclContext()->isStdNamespace();
}

/// The member calls on a string or a vector that a string_view or a span
/// parameter may make and still compile once it is one.
bool keepsCompiling(llvm::StringRef Member) {
  return llvm::is_contained({"size", "empty", "data", "begin", "end", "cbegin",
                             "cend", "front", "back", "length", "substr",
                             "find", "rfind", "compare", "starts_with",
                             "ends_with", "contains", "operator[]"},
                            Member);
}

} // namespace

DanglingReferenceCheck::DanglingReferenceCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : AsyncCheck(Name, Context),
      SpawnFunctions(readNameList("SpawnFunctions", defaultSpawnFunctions())),
      ViewTypes(readNameList("ViewTypes", DefaultViewTypes)),
      ExtraTaskTypes(readNameList("TaskTypes")),
      JoinFunctions(readNameList("JoinFunctions", defaultJoinFunctions())),
      LoopJoinFunctions(readNameList("LoopJoinFunctions", sync::LoopJoins)),
      DestructorJoins(readNameList("DestructorJoins", sync::DestructorJoins)),
      SyncTypes(readNameList("SyncTypes", sync::SyncTypes)),
      SignalFunctions(readNameList("SignalFunctions", sync::SignalFunctions)),
      Tasks(&ExtraTaskTypes) {}

void DanglingReferenceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeNameList(Opts, SpawnFunctions);
  storeNameList(Opts, ViewTypes);
  storeNameList(Opts, ExtraTaskTypes);
  storeNameList(Opts, JoinFunctions);
  storeNameList(Opts, LoopJoinFunctions);
  storeNameList(Opts, DestructorJoins);
  storeNameList(Opts, SyncTypes);
  storeNameList(Opts, SignalFunctions);
}

void DanglingReferenceCheck::addSignals(Escape &How, const FunctionDecl &Callee,
                                        const CallExpr *TaskCall) const {
  const SignalNames Names{SyncTypes, SignalFunctions};
  if (How.Spawn)
    for (const Expr *Arg : How.Spawn->arguments())
      addCallbackSignals(*Arg, Names, How.Signalled);
  addFinalSignals(Callee, TaskCall, Names, How.Signalled);
  addDerivedObjects(How.Caller->getBody(), SyncTypes, How.Signalled);
}

void DanglingReferenceCheck::registerMatchers(MatchFinder *Finder) {
  // Each matcher anchors at a node that can carry a task beyond its
  // full-expression: a spawn (a call of a listed function), a variable's
  // initializer, an assignment, a container insertion, a return. Whether
  // the value is a task is asked in check(), of these few candidates, where
  // the task-type cache lives. isReportable comes first: the nodes of
  // system headers, most of a translation unit, cost nothing more.
  const auto Reportable = isReportable(SystemHeaders);
  const auto Candidate = ignoringParensAndImplicit(
      callExpr(unless(isTypeDependent())).bind("task"));
  Finder->addMatcher(
      callExpr(Reportable,
               anyOf(callsListedIn(&SpawnFunctions),
                     cxxMemberCallExpr(callee(cxxMethodDecl(spawnsOnGroup())))),
               unless(isTypeDependent()))
          .bind("spawn"),
      this);
  // Not the range of a range-for: it is iterated where it is made.
  Finder->addMatcher(varDecl(Reportable, unless(parmVarDecl()),
                             unless(isImplicit()), hasInitializer(Candidate))
                         .bind("holder"),
                     this);
  Finder->addMatcher(
      binaryOperator(Reportable, isAssignmentOperator(), hasRHS(Candidate))
          .bind("assign"),
      this);
  Finder->addMatcher(cxxOperatorCallExpr(Reportable, isAssignmentOperator(),
                                         hasArgument(1, Candidate))
                         .bind("assign"),
                     this);
  Finder->addMatcher(cxxMemberCallExpr(Reportable,
                                       callee(cxxMethodDecl(growsAContainer())),
                                       hasAnyArgument(Candidate))
                         .bind("insert"),
                     this);
  Finder->addMatcher(
      returnStmt(Reportable, hasReturnValue(Candidate)).bind("return"), this);
  // What the other translation units need to know, under tether check only:
  // whether each plain function of the main file runs an event loop.
  if (currentFacts().Learned)
    Finder->addMatcher(functionDecl(isDefinition(), isExpansionInMainFile(),
                                    unless(hasCoroutineBody()))
                           .bind("summarized"),
                       this);
}

void DanglingReferenceCheck::summarize(const FunctionDecl &Function,
                                       ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  FunctionSummary *Summary = recordedSummary(Function, SM);
  if (!Summary)
    return;
  auto RunsHere = [&](const CXXMemberCallExpr &Run) {
    Summary->RunsLoop.Own = FactCall{
        "", "'" + Run.getMethodDecl()->getQualifiedNameAsString() + "'",
        factLocation(SM, Run.getExprLoc())};
    Summary->RunsLoop.Through.clear();
  };
  const bool Runs = anyStmt(Function.getBody(), [&](const Stmt &Node) {
    if (const CXXMemberCallExpr *Run =
            loopRunToCompletion(Node, LoopJoinFunctions)) {
      if (ownLoop(Function, *Run))
        return false;
      RunsHere(*Run);
      return true;
    }
    const auto *Call = dyn_cast<CallExpr>(&Node);
    if (const FunctionDecl *Callee = Call ? followedCallee(*Call) : nullptr)
      addCallThrough(Summary->RunsLoop, *Call, *Callee, SM);
    return false;
  });
  // A pool's run(): the loops run on threads it joins.
  if (const CXXMemberCallExpr *Join =
          Runs ? nullptr
               : loopThreadsJoined(*Function.getBody(), LoopJoinFunctions,
                                   LoopRunningCalls))
    RunsHere(*Join);
}

std::optional<TaskTypeInfo> DanglingReferenceCheck::taskOf(const CallExpr &Call,
                                                           ASTContext &Ctx) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return std::nullopt;
  // A function that returns a task without being a coroutine (an Asio
  // initiating function, a wrapper) copies what it needs: only a coroutine,
  // or a callee whose body is out of view, keeps its parameters in the task.
  if (const FunctionDecl *Definition = Callee->getDefinition();
      Definition && !isCoroutine(*Definition))
    return std::nullopt;
  std::optional<TaskTypeInfo> Task =
      Tasks.classify(Call.getCallReturnType(Ctx), Ctx, Callee);
  // A generator runs only while the code that holds it iterates it.
  if (Task && Task->Promise && isGeneratorPromise(*Task->Promise))
    return std::nullopt;
  return Task;
}

void DanglingReferenceCheck::tasksCarriedBy(
    const CallExpr &Call, const FunctionDecl *Wrapper, ASTContext &Ctx,
    llvm::SmallVectorImpl<CarriedTask> &Out) {
  if (Call.isTypeDependent())
    return;
  if (taskOf(Call, Ctx)) {
    Out.push_back({&Call, Wrapper});
    return;
  }
  // taskOf declined a callee that is defined and not a coroutine: a wrapper
  // when it returns a task. The task it returns is made of the ones it is
  // given (`co_spawn(ex, t, use_awaitable)` inside `spawn_task`), whether it
  // takes them by value or by forwarding reference; they run when it does.
  // A spawn is followed from its own match: once, as "started by".
  const FunctionDecl *Callee = Call.getDirectCallee();
  const NamedDecl *Called = calledDecl(Call);
  if (!Callee || (Called && SpawnFunctions.matches(*Called)))
    return;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && spawnsOnTaskGroup(*Method))
    return;
  const std::optional<TaskTypeInfo> Result =
      Tasks.classify(Call.getCallReturnType(Ctx), Ctx, Callee);
  if (!Result || (Result->Promise && isGeneratorPromise(*Result->Promise)))
    return;
  for (const Expr *Arg : Call.arguments())
    if (const auto *Inner = dyn_cast<CallExpr>(skipParensAndImplicit(Arg)))
      tasksCarriedBy(*Inner, Callee, Ctx, Out);
  // A member of the task that returns a task (`t().via(ex)`,
  // `t().scheduleOn(ex)`) moves the task it is called on into its result.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if (const auto *Inner = dyn_cast<CallExpr>(
            skipParensAndImplicit(Member->getImplicitObjectArgument())))
      tasksCarriedBy(*Inner, Callee, Ctx, Out);
}

bool DanglingReferenceCheck::isView(QualType Type) const {
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && ViewTypes.matches(*Record);
}

bool DanglingReferenceCheck::usedOnlyBeforeSuspending(
    const FunctionDecl &Definition, const ParmVarDecl &Param, ASTContext &Ctx) {
  const auto *Coroutine =
      dyn_cast_or_null<CoroutineBodyStmt>(Definition.getBody());
  const CompoundStmt *Block = coroutineBlock(Definition);
  if (!Coroutine || !Block)
    return false;
  // The promise, or the frame's allocation, made from the parameter may
  // keep it for as long as the task lives (cobalt's fork allocates its frame
  // in the state it is given). They are given the copy of the parameter
  // that the coroutine makes in its frame.
  auto GetsParam = [&](const Stmt *Made) {
    return mentions(Made, &Param) ||
           llvm::any_of(Coroutine->getParamMoves(), [&](const Stmt *Move) {
             const auto *Decls = dyn_cast<DeclStmt>(Move);
             const auto *Copy = Decls && Decls->isSingleDecl()
                                    ? dyn_cast<VarDecl>(Decls->getSingleDecl())
                                    : nullptr;
             return Copy && mentions(Copy->getInit(), &Param) &&
                    mentions(Made, Copy);
           });
  };
  const VarDecl *Promise = Coroutine->getPromiseDecl();
  if ((Promise && GetsParam(Promise->getInit())) ||
      GetsParam(Coroutine->getAllocate()))
    return false;
  const llvm::ArrayRef<Stmt *> Before = beforeFirstSuspension(*Block);
  const llvm::ArrayRef<Stmt *> After(Block->body_begin() + Before.size(),
                                     Block->body_end());
  if (llvm::any_of(After, [&](const Stmt *S) { return mentions(S, &Param); }))
    return false;
  // What would keep the reference past the first suspension: a local
  // reference, pointer or view bound to it, its address, a lambda, a task
  // made with it.
  auto KeepsIt = [&](const Stmt &Node) {
    if (const auto *Decls = dyn_cast<DeclStmt>(&Node))
      return llvm::any_of(Decls->decls(), [&](const Decl *D) {
        const auto *Var = dyn_cast<VarDecl>(D);
        const QualType Type = Var ? Var->getType() : QualType();
        return Var && Var->getInit() && mentions(Var->getInit(), &Param) &&
               (Type->isReferenceType() || Type->isPointerType() ||
                isView(Type));
      });
    if (const auto *Address = dyn_cast<UnaryOperator>(&Node);
        Address && Address->getOpcode() == UO_AddrOf)
      return mentions(Address->getSubExpr(), &Param);
    if (isa<LambdaExpr>(Node))
      return mentions(&Node, &Param);
    if (const auto *Call = dyn_cast<CallExpr>(&Node);
        Call && !Call->isTypeDependent() &&
        Tasks.classify(Call->getCallReturnType(Ctx), Ctx))
      return llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
        return mentions(Arg, &Param);
      });
    return false;
  };
  return llvm::none_of(Before,
                       [&](const Stmt *S) { return anyStmt(S, KeepsIt); });
}

void DanglingReferenceCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Function =
          Result.Nodes.getNodeAs<FunctionDecl>("summarized")) {
    summarize(*Function, Ctx);
    return;
  }
  if (const auto *Spawn = Result.Nodes.getNodeAs<CallExpr>("spawn")) {
    checkSpawn(*Spawn, Ctx);
    return;
  }
  const auto *Value = Result.Nodes.getNodeAs<CallExpr>("task");
  if (!Value)
    return;
  llvm::SmallVector<CarriedTask, 2> Carried;
  tasksCarriedBy(*Value, nullptr, Ctx, Carried);
  if (Carried.empty())
    return;
  // Whether the holder destroys the task unstarted is a property of what it
  // holds: the outer task when the value is a wrapper's.
  const std::optional<TaskTypeInfo> Held = Tasks.classify(
      Value->getCallReturnType(Ctx), Ctx, Value->getDirectCallee());
  const TaskStart Start = Held ? Held->Start : TaskStart::Unknown;
  const ValueDecl *Holder = nullptr;
  bool Stored = false;
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("holder")) {
    Holder = Var;
    Stored = true;
  } else if (const auto *Assign = Result.Nodes.getNodeAs<Expr>("assign")) {
    const Expr *Target = isa<BinaryOperator>(Assign)
                             ? cast<BinaryOperator>(Assign)->getLHS()
                             : cast<CXXOperatorCallExpr>(Assign)->getArg(0);
    Holder = namedValue(elementContainer(Target));
    Stored = true;
  } else if (const auto *Insert =
                 Result.Nodes.getNodeAs<CXXMemberCallExpr>("insert")) {
    Holder = namedValue(Insert->getImplicitObjectArgument());
    Stored = true;
  }
  if (Stored) {
    for (const CarriedTask &T : Carried)
      checkStored(*T.Call, T.Wrapper, Holder, Start, Ctx);
    return;
  }
  const auto *Return = Result.Nodes.getNodeAs<ReturnStmt>("return");
  if (!Return)
    return;
  // A task returned from a function that returns none is code being
  // written (a coroutine body missing its co_return, a void function).
  const FunctionDecl *Caller = enclosingCallable(*Return, Ctx);
  if (!Caller || isCoroutine(*Caller) || Caller->getReturnType()->isVoidType())
    return;
  for (const CarriedTask &T : Carried) {
    Escape How;
    How.Description =
        "returned by '" + Caller->getNameAsString() + "'" + through(T.Wrapper);
    How.Returned = true;
    How.Caller = Caller;
    if (Paths.pathTo(Caller->getBody(), T.Call, How.Path))
      checkTask(*T.Call, How, Ctx);
  }
}

void DanglingReferenceCheck::checkStored(const CallExpr &TaskCall,
                                         const FunctionDecl *Wrapper,
                                         const ValueDecl *Holder,
                                         TaskStart Start, ASTContext &Ctx) {
  Escape How;
  How.Holder = Holder;
  How.Lazy = Start == TaskStart::Lazy;
  How.Description = (Holder && Holder->getIdentifier()
                         ? "stored in '" + Holder->getNameAsString() + "'"
                         : std::string("stored")) +
                    through(Wrapper);
  How.Caller = enclosingCallable(TaskCall, Ctx);
  if (!How.Caller || !Paths.pathTo(How.Caller->getBody(), &TaskCall, How.Path))
    return;
  checkTask(TaskCall, How, Ctx);
}

void DanglingReferenceCheck::checkSpawn(const CallExpr &Spawn,
                                        ASTContext &Ctx) {
  Escape How;
  How.Spawn = &Spawn;
  How.Caller = enclosingCallable(Spawn, Ctx);
  if (!How.Caller || !isEvaluatedBelow(How.Caller->getBody(), Spawn) ||
      !Paths.pathTo(How.Caller->getBody(), &Spawn, How.Path))
    return;
  const NamedDecl *Called = calledDecl(Spawn);
  How.Description = "started by '" + Called->getNameAsString() + "'";
  // Awaited in its own full-expression (`co_await co_spawn(..,
  // use_awaitable)`, `co_await g.spawn(t).wait()`), or waited for there
  // (`co_spawn(ex, t(), use_future).get()`): it ends before anything it
  // refers to.
  for (const Stmt *S : llvm::reverse(llvm::ArrayRef(How.Path).drop_back())) {
    if (isa<CoawaitExpr>(S))
      return;
    if (const auto *Wait = dyn_cast<CXXMemberCallExpr>(S);
        Wait && peel(Wait->getImplicitObjectArgument()) == &Spawn &&
        Wait->getMethodDecl() && JoinFunctions.matches(*Wait->getMethodDecl()))
      return;
    if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
      if (Decl->isSingleDecl())
        How.Holder = dyn_cast<VarDecl>(Decl->getSingleDecl());
      break;
    }
    if (!isa<Expr>(S))
      break;
  }
  // A task group or an async scope joins what it is given: `g.spawn(...)`,
  // `scope.add(...)`.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Spawn))
    if (const CXXRecordDecl *Class = Member->getRecordDecl();
        Class && isTaskGroupLike(*Class))
      How.Scope = Member->getImplicitObjectArgument();

  // A start on the task itself (folly's `t().scheduleOn(ex).start()`): the
  // task is the object the spawn is called on. A task group's or a scope's
  // object is the group.
  llvm::SmallVector<const Expr *, 4> Given(Spawn.arguments());
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Spawn);
      Member && !How.Scope)
    Given.push_back(Member->getImplicitObjectArgument());
  for (const Expr *Arg : Given) {
    const Expr *Value = skipParensAndImplicit(Arg);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Value)) {
      checkSpawnedLambda(*Lambda, How, Ctx);
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(Value);
    if (!Call)
      continue;
    llvm::SmallVector<CarriedTask, 2> Carried;
    tasksCarriedBy(*Call, nullptr, Ctx, Carried);
    for (const CarriedTask &T : Carried) {
      Escape Via = How;
      Via.Description += through(T.Wrapper);
      Paths.pathTo(How.Caller->getBody(), T.Call, Via.Path);
      checkTask(*T.Call, Via, Ctx);
    }
  }
}

void DanglingReferenceCheck::checkTask(const CallExpr &TaskCall,
                                       const Escape &Started, ASTContext &Ctx) {
  const FunctionDecl *Callee = TaskCall.getDirectCallee();
  Escape How = Started;
  addSignals(How, *Callee, &TaskCall);
  const std::string Task = describeTask(*Callee) + " " + How.Description;
  unsigned FirstArg = 0;
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&TaskCall)) {
    Object = Member->getImplicitObjectArgument();
  } else if (isa<CXXOperatorCallExpr>(TaskCall) && isa<CXXMethodDecl>(Callee)) {
    Object = TaskCall.getArg(0);
    FirstArg = 1;
  }
  if (Object) {
    if (const auto *Lambda =
            dyn_cast<LambdaExpr>(skipParensAndImplicit(Object)))
      checkTemporaryClosure(*Lambda, TaskCall, How, Ctx);
    // The closure of a lambda without captures holds nothing the task uses,
    // nor does the object of a member coroutine that never uses `this`.
    else if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
             Method && Method->isInstance() &&
             !(Method->getParent()->isLambda() &&
               Method->getParent()->captures().empty()) &&
             !ignoresItsObject(*Method)) {
      std::optional<Referent> Target = Object->getType()->isPointerType()
                                           ? pointeeOf(Object, Ctx)
                                           : objectOf(Object, Ctx);
      if (Target && Target->Kind == Referent::This)
        reportThis(TaskCall, How, Task, Ctx);
      else if (Target)
        reportReferent(*Target, How, TaskCall,
                       Task + " can outlive %0, the object it runs on", Ctx);
    }
  }

  // An eager task runs its body in the call, up to its first suspension,
  // while every argument still lives.
  const std::optional<TaskTypeInfo> Made =
      Tasks.classify(TaskCall.getCallReturnType(Ctx), Ctx, Callee);
  const FunctionDecl *Definition = Callee->getDefinition();
  const bool Eager = Made && Made->Start == TaskStart::Eager && Definition;
  for (unsigned I = FirstArg; I < TaskCall.getNumArgs(); ++I) {
    const unsigned ParamIndex = I - FirstArg;
    if (ParamIndex >= Callee->getNumParams())
      break;
    const ParmVarDecl *Param = Callee->getParamDecl(ParamIndex);
    const Expr *Arg = TaskCall.getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    const QualType Type = Param->getType();
    // A task taken by reference is handed over: the callee moves it.
    if (Type->isReferenceType() &&
        Tasks.classify(Type.getNonReferenceType(), Ctx))
      continue;
    std::optional<Referent> Target;
    if (Type->isReferenceType())
      Target = objectOf(Arg, Ctx);
    else if (Type->isPointerType())
      Target = pointeeOf(Arg, Ctx);
    else if (isView(Type))
      Target = viewedOf(Arg, Ctx);
    if (!Target ||
        (Eager && usedOnlyBeforeSuspending(
                      *Definition, *Definition->getParamDecl(ParamIndex), Ctx)))
      continue;
    if (Target->Kind == Referent::This) {
      reportThis(TaskCall, How, Task, Ctx);
      continue;
    }
    const std::string Via =
        Param->getIdentifier()
            ? Task + " can outlive %0, which its parameter '" +
                  Param->getNameAsString() + "' refers to"
            : Task + " can outlive %0, which one of its parameters refers to";
    if (!reportReferent(*Target, How, TaskCall, Via, Ctx))
      continue;
    std::string ValueType;
    std::vector<FixItHint> Fix = byValueFix(*Param, *Target, ValueType, Ctx);
    if (Fix.empty())
      continue;
    // Each call shows the remedy; the rewrite is made once, as two equal
    // fixes of one parameter would collide.
    if (!FixedParams.insert(Param->getCanonicalDecl()).second)
      Fix.clear();
    diag(Param->getLocation(),
         "take '%0' by value as '%1': the task then owns a copy",
         DiagnosticIDs::Note)
        << Param->getName() << ValueType << Fix;
  }
}

bool DanglingReferenceCheck::reportReferent(const Referent &Object,
                                            const Escape &How, const Expr &Task,
                                            llvm::StringRef Via,
                                            ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation Loc = SM.getExpansionLoc(Task.getBeginLoc());
  // Where the object dies and what runs between the start of the task and
  // then: the scope that declares it.
  const Stmt *Scope = nullptr;
  SourceLocation Death;
  std::string What;
  if (Object.Kind == Referent::Temporary) {
    What = "a temporary";
    Death = SM.getExpansionLoc(Object.Where->getBeginLoc());
  } else {
    const VarDecl &Var = *Object.Var;
    const bool IsParam = isa<ParmVarDecl>(Var);
    if (Var.getDeclContext() != How.Caller) {
      // Captured from an enclosing function: a task group or an async
      // scope opened there joins its tasks before the function goes on;
      // anything else is beyond what this code shows.
      return false;
    }
    if (IsParam) {
      Scope = How.Path.front();
    } else {
      for (const Stmt *S : llvm::reverse(How.Path))
        if (declaresIn(*S, Var)) {
          Scope = S;
          break;
        }
      if (!Scope)
        return false;
    }
    const std::string Kind = IsParam ? "parameter" : "local";
    What = Object.Spelling == Var.getName()
               ? Kind + " '" + Object.Spelling + "'"
               : "'" + Object.Spelling + "', a part of " + Kind + " '" +
                     Var.getNameAsString() + "'";
    if (const auto *Block = dyn_cast<CompoundStmt>(Scope))
      Death = Block->getRBracLoc();
    else if (const auto *Body = dyn_cast<CoroutineBodyStmt>(Scope))
      Death = Body->getBody()->getEndLoc();
    else
      Death = Scope->getEndLoc();
    Death = SM.getExpansionLoc(Death);
  }

  if (Object.Kind == Referent::Local &&
      (holderDiesFirst(How, Object.Var->getLocation(), DestructorJoins) ||
       scopeDiesFirst(How, *Object.Var) || loopDiesFirst(How, *Object.Var)))
    return false;
  if (Scope && !How.Returned) {
    if (joinedLater(How, Scope))
      return false;
  }

  diag(Loc, std::string(Via)) << What;
  if (Object.Kind == Referent::Temporary)
    diag(Death, "the temporary is destroyed at the end of the full-expression",
         DiagnosticIDs::Note);
  else if (isa<ParmVarDecl>(Object.Var))
    diag(Death, "'%0' is destroyed here, when '%1' returns",
         DiagnosticIDs::Note)
        << Object.Var->getName() << How.Caller->getNameAsString();
  else
    diag(Death, "'%0' is destroyed here, at the end of its scope",
         DiagnosticIDs::Note)
        << Object.Var->getName();
  return true;
}

void DanglingReferenceCheck::reportThis(const Expr &Task, const Escape &How,
                                        llvm::StringRef What, ASTContext &Ctx) {
  const CXXRecordDecl *Class = classOfThis(How.Caller);
  // Returned to the caller, which decides how long the object lives.
  if (!Class || How.Returned)
    return;
  // Kept alive: a shared_from_this() copy goes with the task, the task is
  // stored in the object, or spawned on a group or scope the object owns.
  const Stmt *Site = How.Spawn ? static_cast<const Stmt *>(How.Spawn) : &Task;
  if (takesKeepAlive(Site))
    return;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Task))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && keepsItsObjectAlive(*Method))
      return;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&Task);
      Lambda && How.Spawn && completesStartersOperation(*Lambda, *How.Caller))
    return;
  if (How.Holder && isa<FieldDecl>(How.Holder))
    return;
  if (holderDiesFirst(How, SourceLocation(), DestructorJoins))
    return;
  if (runsLoopBeforeItDies(*Class, LoopJoinFunctions, LoopRunningCalls) ||
      livesOnlyAcrossLoopRuns(*Class, Ctx, LoopJoinFunctions, LoopRunningCalls))
    return;
  // A group the object holds by value is joined before the object is gone;
  // one it refers to may outlive it.
  if (How.Scope) {
    const Expr *Scope = peel(How.Scope);
    if (const auto *Member = dyn_cast<MemberExpr>(Scope);
        Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()) &&
        !Member->getMemberDecl()->getType()->isReferenceType())
      return;
  }
  // Awaited, waited for through what it signals, or run to its end by the
  // event loop, later in the member function.
  if (joinedLater(How, How.Path.front()))
    return;

  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation Loc = SM.getExpansionLoc(Task.getBeginLoc());
  diag(Loc, std::string(What) +
                " can outlive '*this': nothing keeps the '%0' it refers to "
                "alive until the task completes")
      << Class->getName();

  if (!sharesFromThis(*Class)) {
    diag(Loc,
         "'%0' does not derive from 'std::enable_shared_from_this': keep the "
         "object alive for the task (a 'std::shared_ptr' to it in the task), "
         "or spawn the task on a task group that the object owns and joins",
         DiagnosticIDs::Note)
        << Class->getName();
    return;
  }
  std::vector<FixItHint> Fix;
  const bool CallableSpawn =
      How.Spawn && callableSpawns().matches(*calledDecl(*How.Spawn));
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&Task)) {
    if (CallableSpawn && !inMacro(Lambda->getIntroducerRange()))
      Fix.push_back(FixItHint::CreateInsertion(
          Lambda->getIntroducerRange().getEnd(),
          Lambda->capture_size() == 0 && Lambda->getCaptureDefault() == LCD_None
              ? "self = shared_from_this()"
              : ", self = shared_from_this()"));
  } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Task);
             Call && CallableSpawn && !inMacro(Call->getSourceRange())) {
    // `run(a)` or `this->run(a)` as `[self = shared_from_this()]() { return
    // self->run(a); }`: arguments that use `this` would need it captured.
    const auto *Callee = dyn_cast<MemberExpr>(Call->getCallee());
    const bool ArgsUseThis = llvm::any_of(Call->arguments(), [](const Expr *A) {
      return anyStmt(A, [](const Stmt &S) { return isa<CXXThisExpr>(S); });
    });
    if (Callee && !ArgsUseThis) {
      const std::string Text =
          sourceText({Callee->getMemberLoc(), Call->getEndLoc()}, Ctx);
      Fix.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Call->getSourceRange()),
          "[self = shared_from_this()]() { return self->" + Text + "; }"));
    }
  }
  diag(Loc,
       Fix.empty() ? "keep the object alive for the task: give the task a copy "
                     "of 'shared_from_this()'"
                   : "keep the object alive for the task with a copy of "
                     "'shared_from_this()'",
       DiagnosticIDs::Note)
      << Fix;
}

void DanglingReferenceCheck::checkSpawnedLambda(const LambdaExpr &Lambda,
                                                const Escape &Started,
                                                ASTContext &Ctx) {
  const CXXMethodDecl *Operator = Lambda.getCallOperator();
  if (Operator->getReturnType()->isDependentType() ||
      !Tasks.classify(Operator->getReturnType(), Ctx, Operator))
    return;
  Escape How = Started;
  addSignals(How, *Operator, nullptr);
  const std::string Task = "coroutine lambda " + How.Description;
  for (const LambdaCapture &Capture : Lambda.captures()) {
    if (Capture.capturesThis()) {
      reportThis(Lambda, How, Task, Ctx);
      continue;
    }
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByRef)
      continue;
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Var || hasStaticLifetime(*Var) || Var->getType()->isReferenceType())
      continue;
    reportReferent(
        Referent{Referent::Local, Var, Var->getNameAsString(), nullptr}, How,
        Lambda, Task + " can outlive %0, which it captures by reference", Ctx);
  }
}

void DanglingReferenceCheck::checkTemporaryClosure(const LambdaExpr &Lambda,
                                                   const CallExpr &TaskCall,
                                                   const Escape &How,
                                                   ASTContext &Ctx) {
  if (Lambda.capture_size() == 0)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const bool CallableSpawn =
      How.Spawn && callableSpawns().matches(*calledDecl(*How.Spawn));
  const bool CanFix = CallableSpawn &&
                      lambdaCalledInPlace(&TaskCall) == &Lambda &&
                      !inMacro(TaskCall.getSourceRange());
  std::vector<FixItHint> Fix;
  if (CanFix)
    Fix.push_back(FixItHint::CreateRemoval(CharSourceRange::getCharRange(
        Lexer::getLocForEndOfToken(Lambda.getEndLoc(), 0, SM,
                                   Ctx.getLangOpts()),
        Lexer::getLocForEndOfToken(TaskCall.getEndLoc(), 0, SM,
                                   Ctx.getLangOpts()))));
  diag(SM.getExpansionLoc(TaskCall.getBeginLoc()),
       "coroutine lambda invoked in place is a temporary destroyed at the end "
       "of the full-expression, but its task %0 uses its captures; %1")
      << How.Description
      << (CallableSpawn ? "pass the lambda itself, which the spawn keeps alive"
                        : "pass what the task needs as parameters by value")
      << Fix;
}

std::vector<FixItHint>
DanglingReferenceCheck::byValueFix(const ParmVarDecl &Param,
                                   const Referent &Target,
                                   std::string &ValueType, ASTContext &Ctx) {
  const auto *Function = dyn_cast<FunctionDecl>(Param.getDeclContext());
  if (!Function || Function->isTemplateInstantiation() ||
      Function->isTemplated())
    return {};
  const FunctionDecl *Definition = Function->getDefinition();
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Definition || !SM.isWrittenInMainFile(Definition->getLocation()))
    return {};
  const QualType Type = Param.getType();
  const bool IsConstRef = Type->isLValueReferenceType() &&
                          Type.getNonReferenceType().isConstQualified();
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(Record);
  if (!Spec || !Record->getIdentifier() ||
      !Record->getDeclContext()->isStdNamespace())
    return {};
  const llvm::StringRef Name = Record->getName();
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
    return {};
  const QualType Element = Args[0].getAsType();
  bool IsView = false;
  if ((Name == "basic_string" && IsConstRef) ||
      (Name == "basic_string_view" && !Type->isReferenceType())) {
    if (!Element->isCharType())
      return {};
    ValueType = "std::string";
    IsView = Name == "basic_string_view";
  } else if (Name == "span" && !Type->isReferenceType() &&
             Element.isConstQualified() && isStdVector(Target.Where)) {
    // A vector is made from a vector; from an array or another span it is
    // not, so the fix is offered where a vector is viewed.
    ValueType =
        "std::vector<" +
        Element.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy()) + ">";
    IsView = true;
  } else {
    return {};
  }
  // Identity: the parameter's address taken, or a member call a string or
  // a vector does not have.
  const unsigned Index = Param.getFunctionScopeIndex();
  const ParmVarDecl *Used = Definition->getParamDecl(Index);
  const bool UsesIdentity = anyStmt(Definition->getBody(), [&](const Stmt &S) {
    if (const auto *AddressOf = dyn_cast<UnaryOperator>(&S);
        AddressOf && AddressOf->getOpcode() == UO_AddrOf)
      return namedValue(AddressOf->getSubExpr()) == Used;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S); Call && IsView)
      return namedValue(Call->getImplicitObjectArgument()) == Used &&
             (!Call->getMethodDecl() ||
              !keepsCompiling(Call->getMethodDecl()->getNameAsString()));
    return false;
  });
  if (UsesIdentity)
    return {};
  std::vector<FixItHint> Fix;
  for (const FunctionDecl *Redecl : Function->redecls()) {
    // From the first specifier (`const`) to the name, or through the type
    // when the parameter has none.
    const ParmVarDecl *P = Redecl->getParamDecl(Index);
    const TypeSourceInfo *TSI = P->getTypeSourceInfo();
    const SourceRange Written(P->getBeginLoc(),
                              TSI ? TSI->getTypeLoc().getEndLoc()
                                  : SourceLocation());
    if (!TSI || !SM.isWrittenInMainFile(P->getLocation()) || inMacro(Written))
      return {};
    Fix.push_back(
        P->getIdentifier()
            ? FixItHint::CreateReplacement(
                  CharSourceRange::getCharRange(P->getBeginLoc(),
                                                P->getLocation()),
                  ValueType + " ")
            : FixItHint::CreateReplacement(
                  CharSourceRange::getTokenRange(Written), ValueType));
  }
  return Fix;
}

} // namespace clang::tidy::tether
