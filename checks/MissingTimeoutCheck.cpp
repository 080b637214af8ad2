// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- MissingTimeoutCheck.cpp - tether ---------------------------------===//

#include "MissingTimeoutCheck.h"
#include "utils/Annotations.h"
#include "utils/AsioAwaitable.h"
#include "utils/Coroutines.h"
#include "utils/Loops.h"
#include "utils/Matchers.h"
#include "utils/RuntimeApi.h"
#include "utils/StmtSearch.h"
#include "utils/SyncApis.h"
#include "utils/TaskHolders.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;

namespace clang::tidy::tether {
namespace {

// Unanchored names: each covers standalone Asio and Boost.Asio. Not the sends
// of datagram and raw sockets: the kernel takes the datagram, no peer answers.
constexpr llvm::StringLiteral DefaultIOFunctions =
    "asio::basic_stream_socket::async_read_some;"
    "asio::basic_stream_socket::async_write_some;"
    "asio::basic_stream_socket::async_receive;"
    "asio::basic_stream_socket::async_send;"
    "asio::basic_socket::async_connect;"
    "asio::basic_socket::async_wait;"
    "asio::basic_datagram_socket::async_receive;"
    "asio::basic_datagram_socket::async_receive_from;"
    "asio::basic_raw_socket::async_receive;"
    "asio::basic_raw_socket::async_receive_from;"
    "asio::basic_seq_packet_socket::async_receive;"
    "asio::basic_seq_packet_socket::async_send;"
    "asio::ip::basic_resolver::async_resolve;"
    "asio::basic_serial_port::async_read_some;"
    "asio::basic_serial_port::async_write_some;"
    "asio::posix::basic_stream_descriptor::async_read_some;"
    "asio::posix::basic_stream_descriptor::async_write_some;"
    "asio::ssl::stream::async_handshake;"
    "asio::ssl::stream::async_read_some;"
    "asio::ssl::stream::async_write_some;"
    "asio::ssl::stream::async_shutdown;"
    "asio::experimental::basic_channel::async_receive;"
    "asio::experimental::basic_channel::async_send;"
    "asio::experimental::basic_concurrent_channel::async_receive;"
    "asio::experimental::basic_concurrent_channel::async_send;"
    "asio::async_read;asio::async_write;asio::async_read_until;"
    "asio::async_connect;"
    "::boost::beast::basic_stream::async_connect;"
    "::boost::beast::basic_stream::async_read_some;"
    "::boost::beast::basic_stream::async_write_some;"
    "::boost::beast::ssl_stream::async_handshake;"
    "::boost::beast::ssl_stream::async_read_some;"
    "::boost::beast::ssl_stream::async_write_some;"
    "::boost::beast::ssl_stream::async_shutdown;"
    "::boost::beast::http::async_read;"
    "::boost::beast::http::async_read_header;"
    "::boost::beast::http::async_read_some;"
    "::boost::beast::http::async_write;"
    "::boost::beast::http::async_write_header;"
    "::boost::beast::http::async_write_some;"
    "::boost::beast::async_write;"
    "::boost::beast::websocket::stream::async_accept;"
    "::boost::beast::websocket::stream::async_handshake;"
    "::boost::beast::websocket::stream::async_read;"
    "::boost::beast::websocket::stream::async_read_some;"
    "::boost::beast::websocket::stream::async_write;"
    "::boost::beast::websocket::stream::async_write_some;"
    "::boost::beast::websocket::stream::async_close";
constexpr llvm::StringLiteral DefaultTimerWaits =
    "asio::basic_waitable_timer::async_wait;"
    "asio::basic_deadline_timer::async_wait";
// Any function whose own name (the last component) says timeout or deadline.
constexpr llvm::StringLiteral NamedTimeoutWrappers =
    "[^:]*([Tt]imeout|TIMEOUT|[Dd]eadline|DEADLINE)[^:]*$";
constexpr llvm::StringLiteral DefaultCancellationBinders =
    "asio::bind_cancellation_slot;asio::cancellation_slot_binder;"
    "asio::cancel_after;asio::cancel_after_t;asio::cancel_at;asio::cancel_at_t";
constexpr llvm::StringLiteral DefaultCancellationEmitters =
    "asio::cancellation_signal::emit";
constexpr llvm::StringLiteral DefaultStreamCloseFunctions =
    "::asio::basic_socket::close;::asio::basic_socket::cancel;"
    "::asio::basic_socket::shutdown;::boost::asio::basic_socket::close;"
    "::boost::asio::basic_socket::cancel;"
    "::boost::asio::basic_socket::shutdown;"
    "::boost::beast::basic_stream::close;::boost::beast::basic_stream::cancel";
constexpr llvm::StringLiteral DefaultStreamDeadlineFunctions =
    "::boost::beast::basic_stream::expires_after;"
    "::boost::beast::basic_stream::expires_at";
constexpr llvm::StringLiteral DefaultStreamDeadlineResets =
    "::boost::beast::basic_stream::expires_never";
constexpr llvm::StringLiteral DefaultStreamTimeoutOptionTypes =
    "::boost::beast::websocket::stream_base::timeout";
constexpr llvm::StringLiteral DefaultStreamLayerFunctions =
    "::boost::beast::get_lowest_layer;next_layer;lowest_layer";
constexpr llvm::StringLiteral DefaultDefaultTimeout =
    "std::chrono::seconds(30)";

std::string joined(std::initializer_list<llvm::StringRef> Parts) {
  return llvm::join(Parts, ";");
}

/// The operands of an `||` (or, with \p Kind OO_AmpAmp, an `&&`) of
/// awaitables (awaitable operators), with nested ones of the same operator
/// flattened; empty if \p E is no such expression. In a template the
/// operator of dependent operands is a plain binary operator.
llvm::SmallVector<const Expr *, 4>
raceOperands(const Expr *E, OverloadedOperatorKind Kind = OO_PipePipe) {
  llvm::SmallVector<const Expr *, 4> Operands;
  E = skipParensAndImplicit(E);
  const Expr *LHS = nullptr, *RHS = nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == Kind && Op->getNumArgs() == 2) {
    LHS = Op->getArg(0);
    RHS = Op->getArg(1);
  } else if (const auto *Binary = dyn_cast<BinaryOperator>(E);
             Binary &&
             Binary->getOpcode() == (Kind == OO_PipePipe ? BO_LOr : BO_LAnd) &&
             Binary->isTypeDependent()) {
    LHS = Binary->getLHS();
    RHS = Binary->getRHS();
  } else {
    return Operands;
  }
  for (const Expr *Side : {LHS, RHS}) {
    llvm::SmallVector<const Expr *, 4> Nested = raceOperands(Side, Kind);
    if (Nested.empty())
      Operands.push_back(skipParensAndImplicit(Side));
    else
      Operands.append(Nested.begin(), Nested.end());
  }
  return Operands;
}

/// Whether \p S names a parameter of \p Function.
bool mentionsParameter(const Stmt *S, const FunctionDecl &Function) {
  return anyStmt(
      S,
      [&](const Stmt &Node) {
        const auto *Ref = dyn_cast<DeclRefExpr>(&Node);
        const auto *Param =
            Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
        return Param && Param->getDeclContext() == &Function;
      },
      /*IntoLambdas=*/true);
}

/// Whether \p Class is named as a channel (Asio's experimental channels,
/// a project's own).
bool isChannel(const CXXRecordDecl *Class) {
  return Class && Class->getIdentifier() &&
         Class->getName().contains_insensitive("channel");
}

bool isChannel(const ValueDecl &Stream) {
  return isChannel(Stream.getType()->getAsCXXRecordDecl());
}

/// Whether \p Init makes a new channel to share: `std::make_shared<channel>(
/// ex, n)`, `std::allocate_shared`, `std::make_unique`.
bool makesSharedChannel(const Expr *Init) {
  const auto *Made = dyn_cast_or_null<CallExpr>(Init ? peel(Init) : nullptr);
  const auto *Maker =
      Made ? dyn_cast_or_null<FunctionDecl>(calledDecl(*Made)) : nullptr;
  const TemplateArgumentList *Args =
      Maker ? Maker->getTemplateSpecializationArgs() : nullptr;
  return Args && Args->size() > 0 && Maker->isInStdNamespace() &&
         Maker->getIdentifier() &&
         llvm::is_contained({"make_shared", "allocate_shared", "make_unique"},
                            Maker->getName()) &&
         (*Args)[0].getKind() == TemplateArgument::Type &&
         isChannel((*Args)[0].getAsType()->getAsCXXRecordDecl());
}

/// Whether \p Stream is a channel that a function of the program makes, a
/// local of its body or a smart pointer to one it makes: only that function
/// and the tasks it hands the channel to can send on it, so a receive there
/// waits on the program's own code, not on a peer (Boost.Cobalt's benchmarks
/// send and receive on one channel; its thread example gives the workers a
/// channel to answer on).
bool isLocalChannel(const ValueDecl *Stream) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Stream);
  return Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
         !Var->getType()->isReferenceType() &&
         (isChannel(*Var) || makesSharedChannel(Var->getInit()));
}

/// Whether \p Call is a resolve that asks no server: of an empty host name
/// (a service name's port) or of a numeric address written as a literal.
bool resolvesLocally(const CallExpr &Call) {
  const auto *Resolve = dyn_cast<CXXMemberCallExpr>(&Call);
  const NamedDecl *Called = Resolve ? calledDecl(*Resolve) : nullptr;
  if (!Called || !Called->getIdentifier() ||
      Called->getName() != "async_resolve" || Resolve->getNumArgs() < 2)
    return false;
  // The literal, through the string or string_view made from it.
  const Expr *Given = Resolve->getArg(0)->IgnoreImplicit();
  if (const auto *Made = dyn_cast<CXXConstructExpr>(Given);
      Made && Made->getNumArgs() > 0)
    Given = Made->getArg(0)->IgnoreImplicit();
  const auto *Host = dyn_cast<StringLiteral>(Given);
  if (!Host || !Host->isOrdinary())
    return false;
  // No name to look up: "" maps the service name to a port, and a numeric
  // address is taken as it is written (getaddrinfo asks no server).
  const llvm::StringRef Name = Host->getString();
  const bool IPv4 = Name.count('.') == 3 && llvm::all_of(Name, [](char C) {
                      return llvm::isDigit(C) || C == '.';
                    });
  const bool IPv6 = Name.contains(':') && llvm::all_of(Name, [](char C) {
                      return llvm::isHexDigit(C) || C == ':' || C == '.';
                    });
  return Name.empty() || IPv4 || IPv6;
}

/// Asio's `co_spawn`, standalone or Boost.
bool isAsioCoSpawn(const NamedDecl &Called) {
  return Called.getIdentifier() && Called.getName() == "co_spawn" &&
         declaredFlavour(Called) != AsioFlavour::None;
}

/// Whether \p E holds a deadline on a completion token: Asio's
/// `cancel_after` or `cancel_at`.
bool hasDeadlineBinder(const Expr *E) {
  return anyStmt(E, [](const Stmt &S) {
    const auto *Binder = dyn_cast<CallExpr>(&S);
    const NamedDecl *Called = Binder ? calledDecl(*Binder) : nullptr;
    return Called && Called->getIdentifier() &&
           llvm::is_contained({"cancel_after", "cancel_at"},
                              Called->getName()) &&
           declaredFlavour(*Called) != AsioFlavour::None;
  });
}

/// Whether \p Stream is a channel that \p Coroutine makes itself.
bool isOwnChannel(const ValueDecl *Stream, const FunctionDecl &Coroutine) {
  return isLocalChannel(Stream) && Stream->getDeclContext() == &Coroutine;
}

/// Whether \p FD is, or is part of, a template or one of its instantiations:
/// a rewrite there would change every instantiation.
bool inTemplate(const FunctionDecl &FD) {
  for (const DeclContext *DC = &FD; DC; DC = DC->getParent()) {
    if (const auto *Function = dyn_cast<FunctionDecl>(DC)) {
      if (Function->isTemplated() || Function->isTemplateInstantiation() ||
          Function->getTemplateInstantiationPattern())
        return true;
    } else if (isa<ClassTemplateSpecializationDecl>(DC) ||
               (isa<CXXRecordDecl>(DC) &&
                cast<CXXRecordDecl>(DC)->isDependentContext())) {
      return true;
    }
  }
  return false;
}

/// `std::visit`, or a library's visit of a variant (`boost::variant2::visit`).
bool isVisit(const NamedDecl &Called) {
  return Called.getIdentifier() && Called.getName() == "visit";
}

/// The name a diagnostic gives an operation: 'async_read_some'.
std::string describeOperation(const CallExpr &Call) {
  const NamedDecl *Called = calledDecl(Call);
  return Called ? "'" + Called->getNameAsString() + "'" : "the operation";
}

} // namespace

/// Walks one function or lambda body in evaluation order, keeping what a
/// point of it is inside of: the co_await whose operand it is, the deadline
/// scopes alive, the Beast streams armed. Nested lambdas are callables of
/// their own, walked separately.
class MissingTimeoutCheck::BodyWalker {
public:
  BodyWalker(MissingTimeoutCheck &Check, const FunctionDecl &Callable)
      : Check(Check), Callable(Callable),
        InCoroutine(Check.isCoroutineCached(Callable)) {}

  void run() {
    const Stmt *Body = Callable.getBody();
    if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
      Body = Coroutine->getBody();
    // Member initializers run as part of a constructor.
    if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Callable))
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (Init->isWritten())
          walk(Init->getInit());
    walk(Body);
    // Asio calls a program's callable only as the machinery of an operation
    // the program started (co_spawn's entry point calling the spawned
    // lambda), where that call is judged; whether Asio is a system header
    // (-isystem) or not (-I) must not change what is bounded.
    if (declaredFlavour(Callable) != AsioFlavour::None)
      return;
    // A template is never called itself: each instantiation is walked, and
    // records the calls it makes.
    if (Callable.isDependentContext())
      return;
    const FunctionDecl *Caller = Callable.getCanonicalDecl();
    for (const Item &Found : Items) {
      const CallSite Site{Found.Spawned ? nullptr : Caller, Found.Bounded,
                          Found.Rivals};
      if (Found.Callee)
        Check.CallSites[Found.Callee].push_back(Site);
      else if (Found.Member)
        Check.MemberCallSites[Found.Member].push_back(Site);
    }
  }

private:
  /// An I/O operation awaited by Await, or (Callee set) a call site, or
  /// (Member set) a call of a callable data member.
  struct Item {
    const CallExpr *Operation;
    const CoawaitExpr *Await;
    const FunctionDecl *Callee;
    bool Bounded;
    bool StreamDisarmed = false; // the operation's stream, earlier on
    /// Started by a `co_spawn` nothing awaits: it runs on its own, and the
    /// deadline of the coroutine that spawns it is not its own.
    bool Spawned = false;
    /// Made before the coroutine registers its object anywhere.
    bool BeforeRegistration = false;
    /// Made after this coroutine closed the stream itself.
    bool AfterOwnClose = false;
    const FieldDecl *Member = nullptr;
    std::vector<TimerRival> Rivals = {};
  };

  /// Marks \p Flag on the items of \p Call's arguments, and on those of the
  /// tasks kept in locals that it is given (`auto t = task(); co_spawn(ex,
  /// std::move(t), cancel_after(5s, token))`).
  void markOperands(const CallExpr &Call, size_t First, bool Item::*Flag);
  /// The items that made the task of the local \p Arg names, if any.
  const std::pair<size_t, size_t> *keptTask(const Expr *Arg) const;
  /// Handles `member = [...]() -> task {...}`: the lambda is called where
  /// the member is (addStoredLambdaCalls), not anywhere. Returns whether
  /// \p Call was such an assignment.
  bool walkMemberStore(const CXXOperatorCallExpr &Assign);

  void walk(const Stmt *S, bool CalleePosition = false);
  void walkCall(const CallExpr &Call);
  void walkAwait(const CoawaitExpr &Await);
  void walkLambda(const LambdaExpr &Lambda, bool Escapes);
  void walkDecls(const DeclStmt &Decls);
  void walkScope(const Stmt &S);
  void addSite(const FunctionDecl &Callee) {
    if (!Check.isCoroutineCached(Callee) &&
        !Check.mayBeCoroutineElsewhere(Callee))
      return;
    Items.push_back(
        {nullptr, nullptr, Callee.getCanonicalDecl(), DeadlineScopes > 0});
    if (!SelfRegistered)
      Check.CalledBeforeRegistration[Callee.getCanonicalDecl()].push_back(
          &Callable);
  }
  void noteStreamDeadline(const CallExpr &Call);
  bool streamArmed(const CallExpr &Operation) const;
  /// Notes the streams a timer's pending handler closes once it fires (the
  /// stream is armed until then), and a timer cancelled or set again, which
  /// calls that handler with an error instead.
  void noteTimerGuards(const CallExpr &Call);
  /// A `co_spawn` this coroutine does not await.
  bool isDetachedSpawn(const CallExpr &Call) const;

  MissingTimeoutCheck &Check;
  const FunctionDecl &Callable;
  const bool InCoroutine;
  const CoawaitExpr *Await = nullptr; // whose operand is being walked
  std::vector<Item> Items;
  unsigned DeadlineScopes = 0; // objects of DeadlineScopeTypes alive
  std::vector<unsigned> ScopeStack;
  llvm::DenseSet<const ValueDecl *> ArmedStreams;
  llvm::DenseSet<const ValueDecl *> DisarmedStreams;
  /// The streams each timer's pending handler closes when it fires.
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const ValueDecl *, 1>>
      TimerGuards;
  bool TimerAwaited = false; // earlier in this coroutine
  /// This coroutine has registered its object (with a watchdog's list).
  bool SelfRegistered = false;
  /// The streams this coroutine has closed itself, on the way to here.
  llvm::DenseSet<const ValueDecl *> ClosedHere;
  /// The items each local's initializer made: the calls that made the task
  /// it keeps.
  llvm::DenseMap<const VarDecl *, std::pair<size_t, size_t>> KeptTasks;
};

/// Whether \p Call puts the object it is made for in a container
/// (`watched.push_back(shared_from_this())`): it registers the object with
/// whoever serves the container, such as a watchdog.
static bool registersObject(const CallExpr &Call) {
  const auto *Insert = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXMethodDecl *Method = Insert ? Insert->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() ||
      !llvm::is_contained({"push_back", "push_front", "emplace_back",
                           "emplace_front", "insert", "emplace"},
                          Method->getName()))
    return false;
  return llvm::any_of(Call.arguments(), [](const Expr *Arg) {
    Arg = peel(Arg);
    // A shared_ptr made into the weak_ptr the container holds.
    if (const auto *Converted = dyn_cast<CXXConstructExpr>(Arg);
        Converted && Converted->getNumArgs() == 1)
      Arg = peel(Converted->getArg(0));
    if (const auto *Deref = dyn_cast<UnaryOperator>(Arg);
        Deref && Deref->getOpcode() == UO_Deref)
      Arg = peel(Deref->getSubExpr());
    if (isa<CXXThisExpr>(Arg))
      return true;
    const auto *Self = dyn_cast<CXXMemberCallExpr>(Arg);
    const CXXMethodDecl *Made = Self ? Self->getMethodDecl() : nullptr;
    return Made && Made->getIdentifier() &&
           llvm::is_contained({"shared_from_this", "weak_from_this"},
                              Made->getName());
  });
}

/// Whether the body of \p Coroutine registers its object somewhere.
static bool registersObject(const FunctionDecl &Coroutine) {
  return anyStmt(Coroutine.getBody(), [](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    return Call && registersObject(*Call);
  });
}

/// The stream an operation works on: the object of a member call, the first
/// argument of a free function.
static const Expr *streamArgument(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  if (isa<CXXOperatorCallExpr>(Call) || Call.getNumArgs() == 0)
    return nullptr;
  return Call.getArg(0);
}

void MissingTimeoutCheck::BodyWalker::walk(const Stmt *S, bool CalleePosition) {
  if (!S)
    return;
  if (CalleePosition)
    if (const auto *E = dyn_cast<Expr>(S))
      S = skipParensAndImplicit(E);
  switch (S->getStmtClass()) {
  case Stmt::LambdaExprClass:
    walkLambda(*cast<LambdaExpr>(S), !CalleePosition);
    return;
  case Stmt::DeclRefExprClass: {
    if (CalleePosition)
      return;
    // The function or closure is passed on: it may be called anywhere.
    const ValueDecl *Decl = cast<DeclRefExpr>(S)->getDecl();
    if (const auto *Function = dyn_cast<FunctionDecl>(Decl))
      addSite(*Function);
    else if (const CXXRecordDecl *Closure =
                 Decl->getType().getNonReferenceType()->getAsCXXRecordDecl();
             Closure && Closure->isLambda() && Closure->getLambdaCallOperator())
      addSite(*Closure->getLambdaCallOperator());
    return;
  }
  case Stmt::CoawaitExprClass:
    walkAwait(*cast<CoawaitExpr>(S));
    return;
  case Stmt::DependentCoawaitExprClass:
    walk(cast<DependentCoawaitExpr>(S)->getOperand());
    return;
  case Stmt::CoyieldExprClass:
    walk(cast<CoyieldExpr>(S)->getOperand());
    return;
  case Stmt::CoreturnStmtClass:
    walk(cast<CoreturnStmt>(S)->getOperand());
    return;
  case Stmt::DeclStmtClass:
    walkDecls(*cast<DeclStmt>(S));
    return;
  case Stmt::CompoundStmtClass:
  case Stmt::IfStmtClass:
  case Stmt::ForStmtClass:
  case Stmt::WhileStmtClass:
  case Stmt::CXXForRangeStmtClass:
  case Stmt::SwitchStmtClass:
    walkScope(*S);
    return;
  default:
    break;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    walkCall(*Call);
    return;
  }
  for (const Stmt *Child : S->children())
    walk(Child);
}

void MissingTimeoutCheck::BodyWalker::walkScope(const Stmt &S) {
  ScopeStack.push_back(0);
  const llvm::DenseSet<const ValueDecl *> ClosedBefore = ClosedHere;
  for (const Stmt *Child : S.children())
    walk(Child);
  DeadlineScopes -= ScopeStack.back();
  ScopeStack.pop_back();
  // A block that ends in a jump (`sock.close(); co_return;` on an error)
  // does not reach the code after it with what it closed.
  const auto *Block = dyn_cast<CompoundStmt>(&S);
  const Stmt *Last =
      Block && !Block->body_empty() ? Block->body_back() : nullptr;
  if (isa_and_nonnull<ReturnStmt, CoreturnStmt, BreakStmt, ContinueStmt,
                      GotoStmt, CXXThrowExpr>(Last))
    ClosedHere = ClosedBefore;
}

void MissingTimeoutCheck::BodyWalker::walkDecls(const DeclStmt &Decls) {
  for (const Decl *D : Decls.decls()) {
    const auto *Var = dyn_cast<VarDecl>(D);
    if (!Var)
      continue;
    if (const Expr *Init = Var->getInit()) {
      // A closure kept in a variable escapes only where the variable does.
      const size_t First = Items.size();
      if (const auto *Lambda =
              dyn_cast<LambdaExpr>(skipParensAndImplicit(Init)))
        walkLambda(*Lambda, /*Escapes=*/false);
      else
        walk(Init);
      if (Items.size() > First && Var->hasLocalStorage() &&
          !Var->getType()->isReferenceType() &&
          isa<CallExpr>(skipParensAndImplicit(Init)))
        KeptTasks[Var] = {First, Items.size()};
      // `auto s = co_await acceptor.async_accept(use_awaitable);`
      if (const auto *Awaited =
              dyn_cast<CoawaitExpr>(skipParensAndImplicit(Init)))
        if (const auto *Accept = dyn_cast<CallExpr>(
                skipParensAndImplicit(Awaited->getOperand())))
          Check.noteLoopback(*Accept, Var);
      Check.noteListeningAcceptor(*Var);
      // `stream_descriptor in(ex, ::dup(STDIN_FILENO))`: the terminal.
      if (Check.mentionsStandardStream(*Init))
        Check.MadeFromStandardStream.insert(Var);
      // `ssl_stream s(std::move(sock), ctx)`: s talks to sock's peer, and
      // keeps a deadline armed on it (Beast's basic_stream carries its
      // expiry when it is moved into the stream that wraps it).
      if (const auto *Made =
              dyn_cast<CXXConstructExpr>(skipParensAndImplicit(Init)))
        for (const Expr *Arg : Made->arguments())
          if (const ValueDecl *From = Check.streamOf(peel(Arg))) {
            Check.MadeFrom[Var].push_back(From);
            if (ArmedStreams.contains(From))
              ArmedStreams.insert(Var);
          }
    }
    const CXXRecordDecl *Type = Var->getType()->getAsCXXRecordDecl();
    if (Type && !ScopeStack.empty() &&
        Check.DeadlineScopeTypes.matches(*Type)) {
      ++DeadlineScopes;
      ++ScopeStack.back();
    }
  }
}

void MissingTimeoutCheck::BodyWalker::walkLambda(const LambdaExpr &Lambda,
                                                 bool Escapes) {
  // A capture is not a call: the calls in the lambda's body are its own.
  for (const Expr *Init : Lambda.capture_inits())
    if (Init && !isa<DeclRefExpr>(skipParensAndImplicit(Init)))
      walk(Init);
  if (Escapes)
    addSite(*Lambda.getCallOperator());
}

void MissingTimeoutCheck::BodyWalker::walkAwait(const CoawaitExpr &E) {
  const CoawaitExpr *Outer = Await;
  // What did not compile is not known to be awaited (half-written code).
  Await = E.getOperand()->containsErrors() ? nullptr : &E;
  const size_t First = Items.size();
  walk(E.getOperand());
  Await = Outer;
  if (!InCoroutine)
    return;
  TimerAwaited = TimerAwaited || Check.isTimerWait(E.getOperand());
  for (size_t I = First; I < Items.size(); ++I)
    if (Items[I].Operation && Items[I].Await == &E && !Items[I].Bounded) {
      Check.Findings.push_back(
          {&E, Items[I].Operation, &Callable, Items[I].StreamDisarmed,
           Items[I].BeforeRegistration, Items[I].AfterOwnClose});
      return;
    }
}

void MissingTimeoutCheck::BodyWalker::markOperands(const CallExpr &Call,
                                                   size_t First,
                                                   bool Item::*Flag) {
  for (size_t I = First; I < Items.size(); ++I)
    Items[I].*Flag = true;
  for (const Expr *Arg : Call.arguments())
    if (const std::pair<size_t, size_t> *Made = keptTask(Arg))
      for (size_t I = Made->first; I < Made->second; ++I)
        if (Items[I].Callee || Items[I].Member)
          Items[I].*Flag = true;
}

const std::pair<size_t, size_t> *
MissingTimeoutCheck::BodyWalker::keptTask(const Expr *Arg) const {
  const auto *Kept = dyn_cast<DeclRefExpr>(peel(Arg));
  const auto *Var = Kept ? dyn_cast<VarDecl>(Kept->getDecl()) : nullptr;
  const auto Made = Var ? KeptTasks.find(Var) : KeptTasks.end();
  return Made != KeptTasks.end() ? &Made->second : nullptr;
}

bool MissingTimeoutCheck::BodyWalker::walkMemberStore(
    const CXXOperatorCallExpr &Assign) {
  if (Assign.getOperator() != OO_Equal || Assign.getNumArgs() != 2)
    return false;
  const auto *Access =
      dyn_cast<MemberExpr>(skipParensAndImplicit(Assign.getArg(0)));
  const auto *Member =
      Access ? dyn_cast<FieldDecl>(Access->getMemberDecl()) : nullptr;
  const auto *Lambda =
      dyn_cast<LambdaExpr>(skipParensAndImplicit(Assign.getArg(1)));
  if (!Member || !Lambda)
    return false;
  walk(Access->getBase());
  walkLambda(*Lambda, /*Escapes=*/false);
  Check.StoredInMember[Member].push_back(
      Lambda->getCallOperator()->getCanonicalDecl());
  return true;
}

void MissingTimeoutCheck::BodyWalker::walkCall(const CallExpr &Call) {
  const size_t First = Items.size();
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (Op && Op->getOperator() == OO_Call) {
    walk(Op->getArg(0), /*CalleePosition=*/true);
    for (const Expr *Arg : llvm::drop_begin(Op->arguments()))
      walk(Arg);
    if (const auto *Access =
            dyn_cast<MemberExpr>(skipParensAndImplicit(Op->getArg(0))))
      if (const auto *Member = dyn_cast<FieldDecl>(Access->getMemberDecl())) {
        Items.push_back({nullptr, nullptr, nullptr, DeadlineScopes > 0});
        Items.back().Member = Member;
      }
  } else if (Op && walkMemberStore(*Op)) {
    return;
  } else {
    walk(Call.getCallee(), /*CalleePosition=*/true);
    for (const Expr *Arg : Call.arguments())
      walk(Arg);
  }
  const bool MakesTasks = Items.size() > First ||
                          llvm::any_of(Call.arguments(), [&](const Expr *Arg) {
                            return keptTask(Arg) != nullptr;
                          });
  if (MakesTasks && Check.boundsOperands(Call))
    markOperands(Call, First, &Item::Bounded);
  else if (MakesTasks)
    if (std::vector<TimerRival> Rivals = Check.rivalsElsewhere(Call);
        !Rivals.empty())
      for (size_t I = First; I < Items.size(); ++I)
        llvm::append_range(Items[I].Rivals, Rivals);
  if (MakesTasks && isDetachedSpawn(Call))
    markOperands(Call, First, &Item::Spawned);
  if (Await && InCoroutine && Check.isIO(Call)) {
    const ValueDecl *Stream = Check.streamOf(streamArgument(Call));
    Items.push_back({&Call, Await, nullptr,
                     DeadlineScopes > 0 || Check.hasCancellationBinder(Call) ||
                         streamArmed(Call),
                     DisarmedStreams.contains(Stream), /*Spawned=*/false,
                     !SelfRegistered, ClosedHere.contains(Stream)});
  }
  SelfRegistered = SelfRegistered || registersObject(Call);
  if (const FunctionDecl *Callee = Call.getDirectCallee())
    addSite(*Callee);
  noteStreamDeadline(Call);
  for (const ValueDecl *Stream : Check.streamsArmedBy(Call)) {
    ArmedStreams.insert(Stream);
    DisarmedStreams.erase(Stream);
  }
  noteTimerGuards(Call);
  if (const auto *Close = dyn_cast<CXXMemberCallExpr>(&Call);
      Close && Check.closesStream(*Close))
    if (const ValueDecl *Stream =
            Check.streamOf(Close->getImplicitObjectArgument()))
      ClosedHere.insert(Stream);
  if (TimerAwaited)
    Check.noteWatchdogCall(Call);
  Check.noteLoopback(Call);
  Check.noteStreamArguments(Call, ArmedStreams);
}

bool MissingTimeoutCheck::BodyWalker::isDetachedSpawn(
    const CallExpr &Call) const {
  const NamedDecl *Called = calledDecl(Call);
  return Called && isAsioCoSpawn(*Called) &&
         !(Await && skipParensAndImplicit(Await->getOperand()) == &Call);
}

void MissingTimeoutCheck::BodyWalker::noteStreamDeadline(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const NamedDecl *Called = Member ? calledDecl(Call) : nullptr;
  if (!Called)
    return;
  const ValueDecl *Stream = Check.streamOf(Member->getImplicitObjectArgument());
  if (!Stream)
    return;
  if (Check.actsAs(*Called, Check.StreamDeadlineResets)) {
    ArmedStreams.erase(Stream);
    DisarmedStreams.insert(Stream);
    return;
  }
  const bool SetsTimeoutOption =
      llvm::any_of(Call.arguments(), [&](const Expr *Arg) {
        const CXXRecordDecl *Type = Arg->getType()->getAsCXXRecordDecl();
        return Type && Check.StreamTimeoutOptionTypes.matches(*Type);
      });
  if (SetsTimeoutOption ||
      Check.actsAs(*Called, Check.StreamDeadlineFunctions)) {
    ArmedStreams.insert(Stream);
    DisarmedStreams.erase(Stream);
  }
  if (SetsTimeoutOption && isa<FieldDecl>(Stream))
    Check.TimeoutOptionMembers.insert(Stream);
}

llvm::SmallVector<const ValueDecl *, 2>
MissingTimeoutCheck::streamsArmedBy(const CallExpr &Call) {
  llvm::SmallVector<const ValueDecl *, 2> Streams;
  const FunctionDecl *Helper = helperInView(Call);
  if (!Helper)
    return Streams;
  auto [Known, Inserted] = ArmingHelpers.try_emplace(Helper);
  if (Inserted)
    anyStmt(Helper->getBody(), [&](const Stmt &S) {
      const auto *Call = dyn_cast<CallExpr>(&S);
      if (!Call)
        return false;
      const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
      const NamedDecl *Called = calledDecl(*Call);
      if (Member && Called && actsAs(*Called, StreamDeadlineFunctions))
        if (const ValueDecl *Armed =
                streamOf(Member->getImplicitObjectArgument()))
          Known->second.push_back(Armed);
      // `visit([d](auto &s) { s.expires_after(d); }, stream)`: a variant of
      // streams, each alternative armed by the visitor.
      if (Called && isVisit(*Called) && Call->getNumArgs() > 1 &&
          visitorCalls(Call->getArg(0), StreamDeadlineFunctions))
        for (const Expr *Visited : llvm::drop_begin(Call->arguments()))
          if (const ValueDecl *Armed = streamOf(Visited))
            Known->second.push_back(Armed);
      return false;
    });
  // A parameter of the helper is the argument's stream; a stream a lambda
  // captures (`auto arm = [&] { s.expires_after(30s); }; arm();`) is the
  // stream itself.
  const unsigned First =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Helper) ? 1 : 0;
  const auto *Closure = dyn_cast<CXXMethodDecl>(Helper);
  const bool IsLambda = Closure && Closure->getParent()->isLambda();
  for (const ValueDecl *Armed : Known->second) {
    if (const auto *Param = dyn_cast<ParmVarDecl>(Armed);
        Param && Param->getDeclContext() == Helper) {
      const unsigned Index = First + Param->getFunctionScopeIndex();
      if (Index < Call.getNumArgs())
        if (const ValueDecl *Given = streamOf(Call.getArg(Index)))
          Streams.push_back(Given);
      continue;
    }
    if (IsLambda && isa<VarDecl>(Armed) && Armed->getDeclContext() != Helper)
      Streams.push_back(Armed);
  }
  return Streams;
}

bool MissingTimeoutCheck::visitorCalls(const Expr *Visitor,
                                       const NameList &List,
                                       bool ListedOnly) const {
  Visitor = peel(Visitor);
  if (const auto *Var = dyn_cast_or_null<VarDecl>(namedValue(Visitor));
      Var && Var->hasLocalStorage() && Var->getInit())
    Visitor = peel(Var->getInit());
  const auto *Lambda = dyn_cast<LambdaExpr>(Visitor);
  if (!Lambda)
    return false;
  // A generic visitor's calls are resolved in its specializations, one per
  // alternative; `if constexpr` may arm only some of them.
  llvm::SmallVector<const FunctionDecl *, 4> Bodies;
  if (const FunctionTemplateDecl *Generic = Lambda->getDependentCallOperator())
    llvm::append_range(Bodies, Generic->specializations());
  else
    Bodies.push_back(Lambda->getCallOperator());
  return llvm::any_of(Bodies, [&](const FunctionDecl *Body) {
    return Body->getBody() && Body->getNumParams() > 0 &&
           anyStmt(Body->getBody(), [&](const Stmt &S) {
             const auto *Member = dyn_cast<CXXMemberCallExpr>(&S);
             const NamedDecl *Called = Member ? calledDecl(*Member) : nullptr;
             return Called &&
                    (ListedOnly ? List.matches(*Called)
                                : actsAs(*Called, List)) &&
                    streamOf(Member->getImplicitObjectArgument()) ==
                        Body->getParamDecl(0);
           });
  });
}

bool MissingTimeoutCheck::actsAs(const NamedDecl &Called,
                                 const NameList &List) const {
  if (List.matches(Called))
    return true;
  const auto *Method = dyn_cast<CXXMethodDecl>(&Called);
  const FunctionDecl *Definition = Method ? Method->getDefinition() : nullptr;
  if (!Definition || !Definition->getBody() || Method->isStatic() ||
      AST->getSourceManager().isInSystemHeader(Definition->getLocation()) ||
      declaredFlavour(*Method) != AsioFlavour::None)
    return false;
  auto [Known, Inserted] = WrapperMembers.try_emplace({Definition, &List});
  if (!Inserted)
    return Known->second;
  auto IsHeld = [&](const Expr *Stream) {
    const auto *Held = dyn_cast_or_null<FieldDecl>(streamOf(Stream));
    return Held && Held->getParent() == Method->getParent();
  };
  // Only a listed function, not another wrapper's member: what the wrapper
  // holds is the library's stream.
  const bool Acts = anyStmt(Definition->getBody(), [&](const Stmt &S) {
    const auto *Inner = dyn_cast<CallExpr>(&S);
    const NamedDecl *InnerCalled = Inner ? calledDecl(*Inner) : nullptr;
    if (!InnerCalled)
      return false;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Inner))
      return List.matches(*InnerCalled) &&
             IsHeld(Member->getImplicitObjectArgument());
    // A variant of streams it holds: `visit([&](auto &s) {
    // get_lowest_layer(s).expires_after(d); }, stream_)`.
    return isVisit(*InnerCalled) && Inner->getNumArgs() > 1 &&
           llvm::any_of(llvm::drop_begin(Inner->arguments()), IsHeld) &&
           visitorCalls(Inner->getArg(0), List, /*ListedOnly=*/true);
  });
  return Known->second = Acts;
}

void MissingTimeoutCheck::addCloses(const CallExpr &Call, Closes &Into) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  if (Member && closesStream(*Member)) {
    if (const auto *Field = dyn_cast_or_null<FieldDecl>(
            streamOf(Member->getImplicitObjectArgument())))
      Into.Streams.push_back(Field);
    // A wrapper's member closes what it holds too (`session->close()`
    // closes the session's socket): its body is read below.
    if (StreamCloseFunctions.matches(*calledDecl(*Member)))
      return;
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || isa<CXXOperatorCallExpr>(Call) ||
      AST->getSourceManager().isInSystemHeader(Callee->getLocation()) ||
      declaredFlavour(*Callee) != AsioFlavour::None)
    return;
  const FunctionDecl *Definition = Callee->getDefinition();
  if (!Definition || !Definition->getBody()) {
    Into.OutOfView.push_back(Callee);
    return;
  }
  const Closes &Inner = closesOf(*Definition);
  llvm::append_range(Into.Streams, Inner.Streams);
  llvm::append_range(Into.OutOfView, Inner.OutOfView);
}

const MissingTimeoutCheck::Closes &
MissingTimeoutCheck::closesOf(const FunctionDecl &Function) {
  auto [Known, Inserted] = ClosingFunctions.try_emplace(&Function);
  if (!Inserted || !Function.getBody())
    return Known->second; // known, or being computed (recursion)
  Closes Found;
  anyStmt(
      Function.getBody(),
      [&](const Stmt &S) {
        if (const auto *Call = dyn_cast<CallExpr>(&S))
          addCloses(*Call, Found);
        return false;
      },
      /*IntoLambdas=*/true);
  // The walk may have grown the map: look the entry up again.
  return ClosingFunctions[&Function] = std::move(Found);
}

void MissingTimeoutCheck::noteWatchdogCall(const CallExpr &Call) {
  Closes Closed;
  addCloses(Call, Closed);
  WatchedMembers.insert(Closed.Streams.begin(), Closed.Streams.end());
  if (TranslationUnitFacts *Learned = currentFacts().Learned)
    for (const FunctionDecl *Elsewhere : Closed.OutOfView)
      if (std::string USR = usrOf(*Elsewhere->getCanonicalDecl()); !USR.empty())
        Learned->WatchdogCalls.push_back(std::move(USR));
}

void MissingTimeoutCheck::noteWatchdogs(const FunctionDecl &Callable) {
  auto Wakes = [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const NamedDecl *Called = Call ? calledDecl(*Call) : nullptr;
    return Called &&
           (SleepFunctions.matches(*Called) || TimerFunctions.matches(*Called));
  };
  anyStmt(Callable.getBody(), [&](const Stmt &S) {
    const Stmt *Body = loopBody(S);
    if (Body && anyStmt(Body, Wakes))
      anyStmt(
          Body,
          [&](const Stmt &Inner) {
            if (const auto *Call = dyn_cast<CallExpr>(&Inner))
              noteWatchdogCall(*Call);
            return false;
          },
          /*IntoLambdas=*/true);
    return false;
  });
}

llvm::SmallVector<MissingTimeoutCheck::TimerGuard, 1>
MissingTimeoutCheck::timerGuardsOf(const CallExpr &Call) {
  llvm::SmallVector<TimerGuard, 1> Guards;
  // `timer.async_wait([&s](error_code e) { if (!e) s.close(); })`.
  auto Installed = [&](const CallExpr &Wait) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(&Wait);
    const ValueDecl *Timer = Member && isTimerWait(Member)
                                 ? streamOf(Member->getImplicitObjectArgument())
                                 : nullptr;
    if (!Timer)
      return;
    for (const Expr *Arg : Wait.arguments())
      if (const auto *Handler = dyn_cast<LambdaExpr>(peel(Arg)))
        anyStmt(
            Handler->getBody(),
            [&](const Stmt &S) {
              const auto *Close = dyn_cast<CXXMemberCallExpr>(&S);
              if (Close && closesStream(*Close))
                if (const ValueDecl *Stream =
                        streamOf(Close->getImplicitObjectArgument()))
                  Guards.push_back({Timer, Stream});
              return false;
            },
            /*IntoLambdas=*/true);
  };
  Installed(Call);
  if (!Guards.empty())
    return Guards;
  // A lambda or a helper in view that installs one on what it captures or
  // what is outside it (`auto check_deadline = [&] { ... };
  // check_deadline();`).
  const FunctionDecl *Helper = helperInView(Call);
  if (!Helper)
    return Guards;
  auto [Known, Inserted] = GuardingHelpers.try_emplace(Helper);
  if (Inserted) {
    anyStmt(Helper->getBody(), [&](const Stmt &S) {
      if (const auto *Wait = dyn_cast<CallExpr>(&S))
        Installed(*Wait);
      return false;
    });
    llvm::erase_if(Guards, [&](const TimerGuard &Guard) {
      return Guard.Timer->getDeclContext() == Helper ||
             Guard.Stream->getDeclContext() == Helper;
    });
    Known->second = Guards;
  }
  return Known->second;
}

const FunctionDecl *MissingTimeoutCheck::helperInView(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const FunctionDecl *Helper = Callee ? Callee->getDefinition() : nullptr;
  if (!Helper || !Helper->getBody() ||
      AST->getSourceManager().isInSystemHeader(Helper->getLocation()) ||
      isCoroutineCached(*Helper))
    return nullptr;
  return Helper;
}

bool MissingTimeoutCheck::registersLater(const FunctionDecl &Coroutine,
                                         unsigned Depth) const {
  if (registersObject(Coroutine))
    return true;
  auto Callers = CalledBeforeRegistration.find(Coroutine.getCanonicalDecl());
  return Depth > 0 && Callers != CalledBeforeRegistration.end() &&
         llvm::any_of(Callers->second, [&](const FunctionDecl *Caller) {
           return Caller->getCanonicalDecl() != Coroutine.getCanonicalDecl() &&
                  registersLater(*Caller, Depth - 1);
         });
}

bool MissingTimeoutCheck::closesStream(const CXXMemberCallExpr &Call) const {
  const NamedDecl *Called = calledDecl(Call);
  return Called && actsAs(*Called, StreamCloseFunctions);
}

bool MissingTimeoutCheck::isWatched(const ValueDecl *Stream) const {
  return WatchedMembers.contains(Stream) ||
         (isa_and_nonnull<FieldDecl>(Stream) && knownWatched(*Stream));
}

void MissingTimeoutCheck::recordStreamCloses(const FunctionDecl &Callable) {
  TranslationUnitFacts *Learned = currentFacts().Learned;
  if (!Learned || !isSummarized(Callable))
    return;
  const Closes &Closed = closesOf(Callable);
  if (Closed.Streams.empty() && Closed.OutOfView.empty())
    return;
  const std::string FunctionUSR = usrOf(*Callable.getCanonicalDecl());
  if (FunctionUSR.empty())
    return;
  // A watchdog's call may close through a chain of files.
  llvm::DenseSet<const FunctionDecl *> Followed;
  for (const FunctionDecl *Elsewhere : Closed.OutOfView)
    if (Followed.insert(Elsewhere->getCanonicalDecl()).second)
      if (std::string USR = usrOf(*Elsewhere->getCanonicalDecl()); !USR.empty())
        Learned->CloseCalls.emplace_back(FunctionUSR, std::move(USR));
  if (Closed.Streams.empty())
    return;
  llvm::DenseSet<const ValueDecl *> Seen;
  for (const ValueDecl *Stream : Closed.Streams)
    if (Seen.insert(Stream).second)
      if (std::string StreamUSR = usrOf(*Stream); !StreamUSR.empty())
        Learned->StreamCloses.push_back({FunctionUSR, std::move(StreamUSR),
                                         Stream->getQualifiedNameAsString()});
  // For tether facts, which shows what a watchdog's call closes.
  const SourceManager &SM = AST->getSourceManager();
  if (SM.isInMainFile(SM.getExpansionLoc(Callable.getLocation())))
    recordedSummary(Callable, SM);
}

void MissingTimeoutCheck::BodyWalker::noteTimerGuards(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const ValueDecl *Timer =
        Check.streamOf(Member->getImplicitObjectArgument());
    if (Timer && Method && Method->getIdentifier() &&
        llvm::is_contained({"cancel", "cancel_one", "expires_after",
                            "expires_at", "expires_from_now"},
                           Method->getName()))
      if (auto Guarded = TimerGuards.find(Timer);
          Guarded != TimerGuards.end()) {
        for (const ValueDecl *Stream : Guarded->second)
          ArmedStreams.erase(Stream);
        TimerGuards.erase(Guarded);
      }
  }
  for (const TimerGuard &Guard : Check.timerGuardsOf(Call)) {
    ArmedStreams.insert(Guard.Stream);
    TimerGuards[Guard.Timer].push_back(Guard.Stream);
  }
}

bool MissingTimeoutCheck::BodyWalker::streamArmed(
    const CallExpr &Operation) const {
  if (ArmedStreams.empty())
    return false;
  const ValueDecl *Stream = Check.streamOf(streamArgument(Operation));
  return Stream && ArmedStreams.contains(Stream);
}

MissingTimeoutCheck::MissingTimeoutCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : AsyncCheck(Name, Context),
      DefaultTimeout(readCode("DefaultTimeout", DefaultDefaultTimeout)),
      IOFunctions(readNameList("IOFunctions", DefaultIOFunctions)),
      TimerFunctions(readNameList(
          "TimerFunctions", joined({DefaultTimerWaits, runtime::SleepFor.Name,
                                    runtime::SleepUntil.Name}))),
      TimeoutWrappers(readNameList(
          "TimeoutWrappers",
          joined({runtime::WithTimeout.Name, runtime::TimeoutOr.Name,
                  NamedTimeoutWrappers}))),
      RaceFunctions(readNameList("RaceFunctions", runtime::Race.Name)),
      CancellationBinders(
          readNameList("CancellationBinders", DefaultCancellationBinders)),
      CancellationEmitters(
          readNameList("CancellationEmitters", DefaultCancellationEmitters)),
      StreamCloseFunctions(
          readNameList("StreamCloseFunctions", DefaultStreamCloseFunctions)),
      SleepFunctions(readNameList("SleepFunctions", sync::Sleeps)),
      StreamDeadlineFunctions(readNameList("StreamDeadlineFunctions",
                                           DefaultStreamDeadlineFunctions)),
      StreamDeadlineResets(
          readNameList("StreamDeadlineResets", DefaultStreamDeadlineResets)),
      StreamTimeoutOptionTypes(readNameList("StreamTimeoutOptionTypes",
                                            DefaultStreamTimeoutOptionTypes)),
      StreamLayerFunctions(
          readNameList("StreamLayerFunctions", DefaultStreamLayerFunctions)),
      DeadlineScopeTypes(readNameList("DeadlineScopeTypes")),
      Runtime(Options, areDiagsSelfContained()) {}

void MissingTimeoutCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeNameList(Opts, IOFunctions);
  storeNameList(Opts, TimerFunctions);
  storeNameList(Opts, TimeoutWrappers);
  storeNameList(Opts, RaceFunctions);
  storeNameList(Opts, CancellationBinders);
  storeNameList(Opts, CancellationEmitters);
  storeNameList(Opts, StreamCloseFunctions);
  storeNameList(Opts, SleepFunctions);
  storeNameList(Opts, StreamDeadlineFunctions);
  storeNameList(Opts, StreamDeadlineResets);
  storeNameList(Opts, StreamTimeoutOptionTypes);
  storeNameList(Opts, StreamLayerFunctions);
  storeNameList(Opts, DeadlineScopeTypes);
  Options.store(Opts, "DefaultTimeout", DefaultTimeout);
  Runtime.storeOptions(Options, Opts);
}

void MissingTimeoutCheck::registerPPCallbacks(const SourceManager &,
                                              Preprocessor *PP,
                                              Preprocessor *) {
  Runtime.registerPreprocessor(PP);
}

void MissingTimeoutCheck::registerMatchers(MatchFinder *Finder) {
  // Each body is read once, by a walk that knows what encloses each point of
  // it; lambdas are read on their own (also those outside functions).
  Finder->addMatcher(functionDecl(isReportable(SystemHeaders), hasBody(stmt()))
                         .bind("function"),
                     this);
  Finder->addMatcher(lambdaExpr(isReportable(SystemHeaders)).bind("lambda"),
                     this);
}

void MissingTimeoutCheck::check(const MatchFinder::MatchResult &Result) {
  AST = Result.Context;
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    walk(*Lambda->getCallOperator());
  else if (const auto *Function =
               Result.Nodes.getNodeAs<FunctionDecl>("function"))
    walk(*Function);
}

void MissingTimeoutCheck::walk(const FunctionDecl &Callable) {
  if (Callable.isInvalidDecl() || !Callable.getBody() ||
      !Walked.insert(&Callable).second)
    return;
  BodyWalker(*this, Callable).run();
  noteWatchdogs(Callable);
  recordStreamCloses(Callable);
  recordTimerCoroutine(Callable);
}

bool MissingTimeoutCheck::isIO(const CallExpr &Call) const {
  const NamedDecl *Called = calledDecl(Call);
  return Called && IOFunctions.matches(*Called) && !resolvesLocally(Call);
}

bool MissingTimeoutCheck::isTimerWait(const Expr *E) const {
  const auto *Call = dyn_cast<CallExpr>(skipParensAndImplicit(E));
  const NamedDecl *Called = Call ? calledDecl(*Call) : nullptr;
  return Called && TimerFunctions.matches(*Called);
}

bool MissingTimeoutCheck::isCoroutineCached(const FunctionDecl &FD) {
  auto [It, Inserted] = Coroutines.try_emplace(&FD);
  if (Inserted)
    It->second = isCoroutine(FD);
  return It->second;
}

std::optional<bool>
MissingTimeoutCheck::waitsOnTimer(const FunctionDecl &Definition) {
  if (!Definition.getBody() ||
      Definition.getASTContext().getSourceManager().isInSystemHeader(
          Definition.getLocation()) ||
      !isCoroutineCached(Definition))
    return std::nullopt;
  auto [Known, Inserted] = TimerCoroutines.try_emplace(&Definition);
  if (!Inserted)
    return Known->second; // known, or being decided (recursion): not yet
  // In a template, a coroutine's body is not wrapped yet.
  const Stmt *Body = Definition.getBody();
  if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  // A timer wait, or a timer coroutine in view awaited (`timeout(ms)` that
  // awaits `timeout(duration)`), which throws through it.
  bool Waits = false;
  bool ThrowsThrough = false;
  anyStmt(Body, [&](const Stmt &S) {
    const auto *Await = dyn_cast<CoawaitExpr>(&S);
    if (!Await)
      return false;
    const auto *Call =
        dyn_cast<CallExpr>(skipParensAndImplicit(Await->getOperand()));
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    const FunctionDecl *Delegate = Callee ? Callee->getDefinition() : nullptr;
    if (std::optional<bool> Throws =
            Delegate ? waitsOnTimer(*Delegate) : std::nullopt) {
      Waits = true;
      ThrowsThrough = ThrowsThrough || *Throws;
    }
    Waits = Waits || isTimerWait(Await->getOperand());
    return false;
  });
  std::optional<bool> Result;
  if (Waits)
    Result = ThrowsThrough ||
             anyStmt(Body, [](const Stmt &S) { return isa<CXXThrowExpr>(S); });
  // The recursion may have grown the map: look the entry up again.
  TimerCoroutines[&Definition] = Result;
  return Result;
}

bool MissingTimeoutCheck::isWatchdog(const Expr *E, bool MustFail) {
  const auto *Call = dyn_cast<CallExpr>(skipParensAndImplicit(E));
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  if (const FunctionDecl *Definition = Callee->getDefinition())
    if (std::optional<bool> Throws = waitsOnTimer(*Definition))
      return !MustFail || *Throws;
  // Defined in another file (a project's `timeout(5s)` helper): the facts
  // of the program say.
  return mayBeCoroutineElsewhere(*Callee) &&
         knownTimerCoroutine(*Callee, MustFail);
}

void MissingTimeoutCheck::recordTimerCoroutine(const FunctionDecl &Callable) {
  TranslationUnitFacts *Learned = currentFacts().Learned;
  if (!Learned || !isSummarized(Callable))
    return;
  const SourceManager &SM = AST->getSourceManager();
  if (!SM.isInMainFile(SM.getExpansionLoc(Callable.getLocation())))
    return;
  const std::optional<bool> Throws = waitsOnTimer(Callable);
  if (!Throws)
    return;
  if (std::string USR = usrOf(*Callable.getCanonicalDecl()); !USR.empty()) {
    Learned->TimerCoroutines.push_back({std::move(USR), *Throws});
    // For tether facts, which shows what is known of a named function.
    recordedSummary(Callable, SM);
  }
}

bool MissingTimeoutCheck::boundsOperands(const CallExpr &Call) {
  // A timer wait, or a coroutine of the translation unit that waits on a
  // timer (a watchdog), raced against the operation.
  auto IsDeadline = [&](const Expr *E) {
    return isTimerWait(E) || isWatchdog(E, /*MustFail=*/false);
  };
  const llvm::SmallVector<const Expr *, 4> Raced = raceOperands(&Call);
  if (!Raced.empty())
    return llvm::any_of(Raced, IsDeadline);
  // `op && watchdog()`: the first failure cancels the other operand, and
  // a watchdog that throws once its timer expires is a deadline (Asio's
  // timeout_watchdog example).
  const llvm::SmallVector<const Expr *, 4> Joined =
      raceOperands(&Call, OO_AmpAmp);
  if (!Joined.empty())
    return llvm::any_of(Joined, [&](const Expr *E) {
      return isWatchdog(E, /*MustFail=*/true);
    });
  const NamedDecl *Called = calledDecl(Call);
  if (!Called)
    return false;
  // `co_spawn(ex, task(), cancel_after(5s, token))`: the binder cancels the
  // spawned coroutine, with what it awaits, when the deadline passes. A
  // slot bound to a signal of its own (`bind_cancellation_slot`) is most
  // often a shutdown, not a deadline of each operation the task awaits.
  if (isAsioCoSpawn(*Called) &&
      llvm::any_of(Call.arguments(), hasDeadlineBinder))
    return true;
  if (TimeoutWrappers.matches(*Called) ||
      hasAnnotation(*Called, Annotation::ProvidesDeadline))
    return true;
  if (RaceFunctions.matches(*Called))
    return llvm::any_of(Call.arguments(), IsDeadline);
  const auto *Helper = dyn_cast<FunctionDecl>(Called);
  return Helper && racesAgainstTimer(*Helper);
}

std::vector<TimerRival>
MissingTimeoutCheck::rivalsElsewhere(const CallExpr &Call) const {
  std::vector<TimerRival> Rivals;
  auto Add = [&](const Expr *E, bool MustFail) {
    const auto *Rival = dyn_cast<CallExpr>(skipParensAndImplicit(E));
    const FunctionDecl *Callee = Rival ? Rival->getDirectCallee() : nullptr;
    if (Callee && mayBeCoroutineElsewhere(*Callee))
      if (std::string USR = usrOf(*Callee->getCanonicalDecl()); !USR.empty())
        Rivals.push_back({std::move(USR), MustFail});
  };
  for (const Expr *E : raceOperands(&Call))
    Add(E, /*MustFail=*/false);
  for (const Expr *E : raceOperands(&Call, OO_AmpAmp))
    Add(E, /*MustFail=*/true);
  if (const NamedDecl *Called = calledDecl(Call);
      Called && RaceFunctions.matches(*Called))
    for (const Expr *Arg : Call.arguments())
      Add(Arg, /*MustFail=*/false);
  return Rivals;
}

bool MissingTimeoutCheck::racesAgainstTimer(const FunctionDecl &Helper) {
  const FunctionDecl *Definition = Helper.getDefinition();
  if (!Definition && Helper.getTemplateInstantiationPattern())
    Definition = Helper.getTemplateInstantiationPattern();
  // A library's functions are not the translation unit's helpers, and
  // following them through the library's internals costs for nothing.
  if (!Definition || !Definition->getBody() ||
      Definition->getASTContext().getSourceManager().isInSystemHeader(
          Definition->getLocation()))
    return false;
  auto [It, Inserted] = RacingHelpers.try_emplace(Definition, false);
  if (!Inserted)
    return It->second; // known, or being decided (recursion): not yet
  const Stmt *Body = Definition->getBody();
  if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  auto MentionsParameter = [&](const Expr *E) {
    return mentionsParameter(E, *Definition);
  };
  auto IsTimerWait = [&](const Expr *E) { return isTimerWait(E); };
  auto EmitsCancellation = [&](const Expr *E) {
    return anyStmt(
        E,
        [&](const Stmt &S) {
          const auto *Call = dyn_cast<CallExpr>(&S);
          const NamedDecl *Called = Call ? calledDecl(*Call) : nullptr;
          return Called && CancellationEmitters.matches(*Called);
        },
        /*IntoLambdas=*/true);
  };
  auto RacesOperand = [&](const Stmt &S) {
    const auto *E = dyn_cast<Expr>(&S);
    if (!E)
      return false;
    // `op || timer.async_wait(...)`, op a parameter.
    const llvm::SmallVector<const Expr *, 4> Raced = raceOperands(E);
    if (!Raced.empty())
      return llvm::any_of(Raced, IsTimerWait) &&
             llvm::any_of(Raced, MentionsParameter);
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call)
      return false;
    // A timer whose handler emits a cancellation signal, the operand bound
    // to its slot.
    if (isTimerWait(Call))
      return llvm::any_of(Call->arguments(), EmitsCancellation) &&
             mentionsParameter(Body, *Definition);
    // The operand handed on to a timeout wrapper or another racing helper.
    return llvm::any_of(Call->arguments(), MentionsParameter) &&
           boundsOperands(*Call);
  };
  const bool Races = anyStmt(Body, RacesOperand, /*IntoLambdas=*/true);
  RacingHelpers[Definition] = Races;
  return Races;
}

bool MissingTimeoutCheck::hasCancellationBinder(
    const CallExpr &Operation) const {
  return llvm::any_of(Operation.arguments(), [&](const Expr *Arg) {
    return anyStmt(Arg, [&](const Stmt &S) {
      const auto *E = dyn_cast<Expr>(&S);
      if (!E)
        return false;
      if (const CXXRecordDecl *Type = E->getType()->getAsCXXRecordDecl();
          Type && CancellationBinders.matches(*Type))
        return true;
      const auto *Call = dyn_cast<CallExpr>(E);
      const NamedDecl *Called = Call ? calledDecl(*Call) : nullptr;
      return Called && CancellationBinders.matches(*Called);
    });
  });
}

const ValueDecl *MissingTimeoutCheck::streamOf(const Expr *E) const {
  while (E) {
    E = skipParensAndImplicit(E);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      // `auto &layer = s.next_layer();`: a local reference is what it names.
      const auto *Alias = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Alias || !Alias->getType()->isReferenceType() ||
          !Alias->hasLocalStorage() || isa<ParmVarDecl>(Alias) ||
          !Alias->getInit())
        return Ref->getDecl();
      E = Alias->getInit();
      continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return Member->getMemberDecl();
    // `*in`, `in->`: the stream a smart pointer holds.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getNumArgs() == 1 &&
        (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow)) {
      E = Op->getArg(0);
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    const NamedDecl *Called = Call ? calledDecl(*Call) : nullptr;
    if (!Called || !StreamLayerFunctions.matches(*Called))
      return nullptr;
    E = streamArgument(*Call);
  }
  return nullptr;
}

bool MissingTimeoutCheck::mentionsStandardStream(const Expr &Init) const {
  const SourceManager &SM = AST->getSourceManager();
  const LangOptions &LangOpts = AST->getLangOpts();
  return anyStmt(&Init, [&](const Stmt &S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      return Var && Var->hasExternalStorage() && Var->getIdentifier() &&
             llvm::is_contained({"stdin", "stdout", "stderr"}, Var->getName());
    }
    if (!isa<IntegerLiteral>(S) || !S.getBeginLoc().isMacroID())
      return false;
    const StringRef Macro =
        Lexer::getImmediateMacroName(S.getBeginLoc(), SM, LangOpts);
    return llvm::is_contained(
        {"STDIN_FILENO", "STDOUT_FILENO", "STDERR_FILENO"}, Macro);
  });
}

void MissingTimeoutCheck::noteStreamArguments(
    const CallExpr &Call, const llvm::DenseSet<const ValueDecl *> &Armed) {
  const auto *Callee = Call.getDirectCallee();
  if (!Callee || isa<CXXOperatorCallExpr>(Call))
    return;
  for (unsigned I = 0; I < Call.getNumArgs() && I < Callee->getNumParams();
       ++I) {
    const ParmVarDecl *Param = Callee->getParamDecl(I);
    const ValueDecl *Stream = streamOf(peel(Call.getArg(I)));
    PassedTo[Param].push_back(Stream);
    ArmedAtCall[Param].push_back(Stream && Armed.contains(Stream));
  }
}

llvm::DenseSet<const ValueDecl *> MissingTimeoutCheck::standardStreams() const {
  llvm::DenseSet<const ValueDecl *> Streams(MadeFromStandardStream.begin(),
                                            MadeFromStandardStream.end());
  if (Streams.empty())
    return Streams;
  // A parameter is the terminal when every call gives it the terminal, also
  // through a chain of calls that pass it on.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Param, Passed] : PassedTo)
      if (!Streams.contains(Param) &&
          llvm::all_of(Passed, [&](const ValueDecl *Stream) {
            return Stream && Streams.contains(Stream);
          }))
        Changed = Streams.insert(Param).second;
  }
  return Streams;
}

/// The call of a method named \p Name that \p E is, seen through the copy
/// of its value.
static const CXXMemberCallExpr *methodCall(const Expr *E,
                                           llvm::StringRef Name) {
  E = skipParensAndImplicit(E);
  if (const auto *Copy = dyn_cast<CXXConstructExpr>(E);
      Copy && Copy->getNumArgs() == 1)
    E = skipParensAndImplicit(Copy->getArg(0));
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  return Method && Method->getIdentifier() && Method->getName() == Name
             ? Call
             : nullptr;
}

/// Whether \p E, the address of an endpoint, is this host's: a protocol
/// (`tcp::v4()`: the unspecified address, which a connect reaches on this
/// host), a loopback (`address_v4::loopback()`), or an address made from
/// the text of one (`make_address("127.0.0.1")`); through locals.
static bool isOwnHostAddress(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 6; ++Depth) {
    E = peel(E);
    if (const auto *Var = dyn_cast_or_null<VarDecl>(namedValue(E));
        Var && Var->hasLocalStorage() && Var->getInit()) {
      E = Var->getInit();
      continue;
    }
    const CXXRecordDecl *Type = E->getType()->getAsCXXRecordDecl();
    if (Type && Type->getIdentifier() &&
        llvm::is_contained({"tcp", "udp"}, Type->getName()))
      return true;
    // An `address` made from an `address_v6`.
    if (const auto *Converted = dyn_cast<CXXConstructExpr>(E);
        Converted && Converted->getNumArgs() == 1) {
      E = Converted->getArg(0);
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    const auto *Callee =
        Call ? dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()) : nullptr;
    if (!Callee || !Callee->getIdentifier())
      return false;
    if (Callee->getName() == "loopback")
      return true;
    const auto *Text =
        Call->getNumArgs()
            ? dyn_cast<StringLiteral>(Call->getArg(0)->IgnoreParenImpCasts())
            : nullptr;
    return Callee->getName().starts_with("make_address") && Text &&
           llvm::is_contained(
               {"127.0.0.1", "::1", "localhost", "0.0.0.0", "::"},
               Text->getString());
  }
  return false;
}

/// The constant port of the endpoint \p E names (`{tcp::v4(), 2775}`,
/// `tcp::endpoint(addr, 4223)`, through locals and a list or a container
/// made from a list of one endpoint), when its address passes \p Address;
/// none otherwise, and none for port 0, which asks for any free port.
static std::optional<uint64_t>
constantPort(const Expr *E, llvm::function_ref<bool(const Expr *)> Address) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = peel(E);
    // A container made from a list (`std::vector<tcp::endpoint> v{ep}`).
    if (const auto *Made = dyn_cast<CXXConstructExpr>(E);
        Made && Made->getNumArgs() >= 1 &&
        isa<CXXStdInitializerListExpr>(peel(Made->getArg(0))))
      E = peel(Made->getArg(0));
    if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E))
      E = List->getSubExpr()->IgnoreImplicit();
    if (const auto *List = dyn_cast<InitListExpr>(E)) {
      if (List->getNumInits() != 1)
        return std::nullopt;
      E = List->getInit(0);
      continue;
    }
    if (const auto *Var = dyn_cast_or_null<VarDecl>(namedValue(E));
        Var && Var->hasLocalStorage() && Var->getInit()) {
      E = Var->getInit();
      continue;
    }
    const auto *Made = dyn_cast<CXXConstructExpr>(E);
    const CXXRecordDecl *Type =
        Made ? Made->getConstructor()->getParent() : nullptr;
    if (!Type || !Type->getIdentifier() ||
        !Type->getName().contains("endpoint") || Made->getNumArgs() != 2 ||
        !Address(Made->getArg(0)))
      return std::nullopt;
    Expr::EvalResult Port;
    const Expr *PortArg = Made->getArg(1);
    if (PortArg->isValueDependent() ||
        !PortArg->EvaluateAsInt(Port, Type->getASTContext()) ||
        Port.Val.getInt().isZero())
      return std::nullopt;
    return Port.Val.getInt().getZExtValue();
  }
  return std::nullopt;
}

void MissingTimeoutCheck::noteListeningAcceptor(const VarDecl &Var) {
  const auto *Made =
      Var.getInit() ? dyn_cast<CXXConstructExpr>(peel(Var.getInit())) : nullptr;
  const CXXRecordDecl *Type =
      Made ? Made->getConstructor()->getParent() : nullptr;
  if (!Type || !Type->getIdentifier() ||
      Type->getName() != "basic_socket_acceptor")
    return;
  for (const Expr *Arg : Made->arguments())
    if (std::optional<uint64_t> Port =
            constantPort(Arg, [](const Expr *) { return true; }))
      ListeningPorts[*Port].push_back(&Var);
}

void MissingTimeoutCheck::noteLoopback(const CallExpr &Call,
                                       const ValueDecl *Accepted) {
  // `async_connect(socket, endpoints, token)`, the free function.
  if (const FunctionDecl *Free = Call.getDirectCallee();
      Free && !isa<CXXMethodDecl>(Free) && Free->getIdentifier() &&
      llvm::is_contained({"async_connect", "connect"}, Free->getName()) &&
      Call.getNumArgs() >= 2)
    if (const ValueDecl *Socket = streamOf(Call.getArg(0)))
      if (std::optional<uint64_t> Port =
              constantPort(Call.getArg(1), isOwnHostAddress))
        ConnectedPorts.push_back({Socket, *Port});
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier())
    return;
  const llvm::StringRef Name = Method->getName();
  const ValueDecl *Object = streamOf(Member->getImplicitObjectArgument());
  if (!Object)
    return;
  if (Name == "async_connect" || Name == "connect") {
    for (const Expr *Arg : Call.arguments()) {
      if (const CXXMemberCallExpr *Endpoint = methodCall(Arg, "local_endpoint"))
        if (const ValueDecl *Acceptor =
                streamOf(Endpoint->getImplicitObjectArgument())) {
          SelfConnectedAcceptors.insert(Acceptor);
          SelfConnectedSockets.insert(Object);
        }
      if (std::optional<uint64_t> Port = constantPort(Arg, isOwnHostAddress))
        ConnectedPorts.push_back({Object, *Port});
    }
    return;
  }
  if (Name != "async_accept" && Name != "accept")
    return;
  // The peer socket, when the call takes one: not a completion token, an
  // executor or an io_context in the same place.
  if (!Accepted && Call.getNumArgs() > 0 && Method->getNumParams() > 0) {
    const QualType Peer = Method->getParamDecl(0)->getType();
    const CXXRecordDecl *PeerType =
        Peer->isLValueReferenceType()
            ? Peer.getNonReferenceType()->getAsCXXRecordDecl()
            : nullptr;
    if (PeerType && PeerType->getIdentifier() &&
        PeerType->getName().contains_insensitive("socket"))
      Accepted = streamOf(Call.getArg(0));
  }
  if (Accepted)
    AcceptedFrom[Object].push_back(Accepted);
}

llvm::DenseSet<const ValueDecl *> MissingTimeoutCheck::loopbackSockets() const {
  llvm::DenseSet<const ValueDecl *> Sockets(SelfConnectedSockets.begin(),
                                            SelfConnectedSockets.end());
  llvm::DenseSet<const ValueDecl *> Acceptors(SelfConnectedAcceptors.begin(),
                                              SelfConnectedAcceptors.end());
  // A connect to this host, on a port an acceptor of the translation unit
  // listens on.
  for (const auto &[Socket, Port] : ConnectedPorts)
    if (auto Listening = ListeningPorts.find(Port);
        Listening != ListeningPorts.end()) {
      Sockets.insert(Socket);
      Acceptors.insert(Listening->second.begin(), Listening->second.end());
    }
  for (const ValueDecl *Acceptor : Acceptors)
    if (auto Found = AcceptedFrom.find(Acceptor); Found != AcceptedFrom.end())
      Sockets.insert(Found->second.begin(), Found->second.end());
  if (Sockets.empty())
    return Sockets;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Stream, Sources] : MadeFrom)
      if (!Sockets.contains(Stream) &&
          llvm::any_of(Sources, [&](const ValueDecl *Source) {
            return Sockets.contains(Source);
          }))
        Changed = Sockets.insert(Stream).second;
  }
  return Sockets;
}

llvm::DenseSet<const ValueDecl *>
MissingTimeoutCheck::channelsFromCallers() const {
  llvm::DenseSet<const ValueDecl *> Channels;
  // Every use of the coroutine is a call seen here (no address taken, no
  // closure passed on), and each gives the parameter a channel made by the
  // program, also through a chain of coroutines that pass it on.
  auto EveryUseGives = [&](const ParmVarDecl &Param, size_t Calls) {
    const auto *Coroutine = dyn_cast<FunctionDecl>(Param.getDeclContext());
    const auto Sites = Coroutine ? CallSites.find(Coroutine->getCanonicalDecl())
                                 : CallSites.end();
    return Sites != CallSites.end() && Sites->second.size() == Calls;
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Param, Passed] : PassedTo)
      if (!Channels.contains(Param) && EveryUseGives(*Param, Passed.size()) &&
          llvm::all_of(Passed, [&](const ValueDecl *Stream) {
            return isLocalChannel(Stream) || Channels.contains(Stream);
          }))
        Changed = Channels.insert(Param).second;
  }
  return Channels;
}

bool MissingTimeoutCheck::isPrivateChannel(const ValueDecl *Stream) {
  const auto *Field = dyn_cast_or_null<FieldDecl>(Stream);
  if (!Field || Field->getAccess() == AS_public || !isChannel(*Field))
    return false;
  auto [It, Inserted] = PrivateChannels.try_emplace(Field, false);
  if (!Inserted)
    return It->second;
  const auto Uses =
      match(findAll(memberExpr(member(equalsNode(Field))).bind("use")), *AST);
  It->second = llvm::all_of(Uses, [&](const BoundNodes &Use) {
    const auto *Ref = Use.getNodeAs<MemberExpr>("use");
    // A member inherited from a base (Boost's try_send) is called through a
    // derived-to-base cast.
    DynTypedNodeList Parents = AST->getParents(*Ref);
    while (Parents.size() == 1 &&
           (Parents[0].get<ImplicitCastExpr>() || Parents[0].get<ParenExpr>()))
      Parents = AST->getParents(Parents[0]);
    if (Parents.size() != 1)
      return false;
    if (const auto *Access = Parents[0].get<MemberExpr>())
      return Access->getBase()->IgnoreParenImpCasts() == Ref;
    if (const auto *Access = Parents[0].get<CXXDependentScopeMemberExpr>())
      return !Access->isImplicitAccess() &&
             Access->getBase()->IgnoreParenImpCasts() == Ref;
    return false;
  });
  return It->second;
}

bool MissingTimeoutCheck::armedByEveryCaller(
    const ValueDecl *Stream, const FunctionDecl &Coroutine) const {
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(Stream);
  if (!Param)
    return false;
  const auto Armed = ArmedAtCall.find(Param);
  const auto Sites = CallSites.find(Coroutine.getCanonicalDecl());
  // Every use of the coroutine is a call seen here: no address taken, no
  // closure passed on.
  return Armed != ArmedAtCall.end() && Sites != CallSites.end() &&
         Armed->second.size() == Sites->second.size() &&
         llvm::all_of(Armed->second, [](bool A) { return A; });
}

void MissingTimeoutCheck::onEndOfTranslationUnit() {
  addStoredLambdaCalls();
  // A coroutine is bounded when every call of it is: inside a deadline, or
  // in a coroutine that is itself bounded (a recursive call is bounded only
  // by a deadline of its own).
  llvm::DenseSet<const FunctionDecl *> Bounded;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Callee, Sites] : CallSites)
      if (!Bounded.contains(Callee) &&
          llvm::all_of(Sites, [&](const CallSite &Site) {
            return Site.Bounded || (Site.Caller && Site.Caller != Callee &&
                                    Bounded.contains(Site.Caller));
          })) {
        Bounded.insert(Callee);
        Changed = true;
      }
  }
  recordCalls(Bounded);
  // A test that talks to itself: the peer is the program's own code.
  const llvm::DenseSet<const ValueDecl *> Loopback = loopbackSockets();
  // Reading the terminal waits for the user, as it is meant to.
  const llvm::DenseSet<const ValueDecl *> Terminal = standardStreams();
  // A channel the coroutine is given by the program's own code.
  const llvm::DenseSet<const ValueDecl *> GivenChannels = channelsFromCallers();
  // Under tether check, the calls in other translation units count too, and
  // a caller bounded by its own callers there bounds the coroutines it calls
  // here (a template of a header, a function of this file only, which have
  // no facts of their own). Asked only up the callers of what would be
  // reported: each question makes a file depend on the facts.
  llvm::DenseMap<const FunctionDecl *, bool> Decided;
  auto IsBounded = [&](const FunctionDecl &Coroutine, auto &Self) -> bool {
    const FunctionDecl *Key = Coroutine.getCanonicalDecl();
    if (Bounded.contains(Key))
      return true;
    // Being decided (a cycle of calls): bounded only by a deadline of its
    // own.
    if (auto [It, Inserted] = Decided.try_emplace(Key, false); !Inserted)
      return It->second;
    bool Result = knownBoundedByCallers(*Key);
    // For tether facts, which shows what is known of a named function.
    const SourceManager &SM = AST->getSourceManager();
    if (const FunctionDecl *Definition = Key->getDefinition();
        Definition &&
        SM.isInMainFile(SM.getExpansionLoc(Definition->getLocation())))
      recordedSummary(*Definition, SM);
    if (const auto Sites = CallSites.find(Key);
        !Result && Sites != CallSites.end())
      Result = llvm::all_of(Sites->second, [&](const CallSite &Site) {
        return Site.Bounded ||
               (Site.Caller && Site.Caller != Key && Self(*Site.Caller, Self));
      });
    Decided[Key] = Result;
    return Result;
  };
  llvm::DenseSet<SourceLocation> Reported;
  for (const Finding &Found : Findings) {
    const ValueDecl *Stream = streamOf(streamArgument(*Found.Operation));
    if (!Loopback.contains(Stream) && !Terminal.contains(Stream) &&
        !isOwnChannel(Stream, *Found.Coroutine) &&
        !GivenChannels.contains(Stream) && !isPrivateChannel(Stream) &&
        !TimeoutOptionMembers.contains(Stream) &&
        !(isWatched(Stream) && !Found.AfterOwnClose &&
          !(Found.BeforeRegistration && registersLater(*Found.Coroutine))) &&
        (Found.StreamDisarmed ||
         !armedByEveryCaller(Stream, *Found.Coroutine)) &&
        !IsBounded(*Found.Coroutine, IsBounded) &&
        Reported.insert(Found.Await->getBeginLoc()).second)
      report(Found, *AST);
  }
  Walked.clear();
  Findings.clear();
  WatchedMembers.clear();
  ClosingFunctions.clear();
  CalledBeforeRegistration.clear();
  ArmingHelpers.clear();
  WrapperMembers.clear();
  GuardingHelpers.clear();
  CallSites.clear();
  MemberCallSites.clear();
  StoredInMember.clear();
  Coroutines.clear();
  RacingHelpers.clear();
  TimerCoroutines.clear();
  SelfConnectedAcceptors.clear();
  SelfConnectedSockets.clear();
  ListeningPorts.clear();
  ConnectedPorts.clear();
  AcceptedFrom.clear();
  MadeFrom.clear();
  MadeFromStandardStream.clear();
  PassedTo.clear();
  ArmedAtCall.clear();
  TimeoutOptionMembers.clear();
  PrivateChannels.clear();
}

void MissingTimeoutCheck::addStoredLambdaCalls() {
  for (const auto &[Member, Lambdas] : StoredInMember) {
    // A class of the main file has all its code in view; one of a header
    // may have its member called in other files.
    const SourceManager &SM = Member->getASTContext().getSourceManager();
    const bool AllCallsInView =
        SM.isInMainFile(SM.getExpansionLoc(Member->getParent()->getLocation()));
    const auto Calls = MemberCallSites.find(Member);
    for (const FunctionDecl *Lambda : Lambdas) {
      std::vector<CallSite> &Sites = CallSites[Lambda];
      if (AllCallsInView && Calls != MemberCallSites.end())
        llvm::append_range(Sites, Calls->second);
      else
        Sites.push_back({nullptr, false});
    }
  }
}

bool MissingTimeoutCheck::mayBeCoroutineElsewhere(
    const FunctionDecl &Callee) const {
  // Only tether check sees the other translation units.
  // A coroutine returns its task: a class. A virtual call may land in any
  // override, which the call does not name.
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  return currentFacts().Learned && !Callee.getDefinition() &&
         Callee.getReturnType()->isRecordType() &&
         !(Method && Method->isVirtual()) &&
         !Callee.getASTContext().getSourceManager().isInSystemHeader(
             Callee.getLocation());
}

void MissingTimeoutCheck::recordCalls(
    const llvm::DenseSet<const FunctionDecl *> &Bounded) const {
  TranslationUnitFacts *Learned = currentFacts().Learned;
  if (!Learned)
    return;
  for (const auto &[Callee, Sites] : CallSites) {
    const std::string CalleeUSR =
        hasDeadlineFacts(*Callee) ? usrOf(*Callee->getCanonicalDecl()) : "";
    if (CalleeUSR.empty())
      continue;
    for (const CallSite &Site : Sites)
      recordSite(*Callee, CalleeUSR, Site, {}, Bounded, *Learned);
  }
}

void MissingTimeoutCheck::recordSite(
    const FunctionDecl &Callee, const std::string &CalleeUSR,
    const CallSite &Site, llvm::ArrayRef<TimerRival> InnerRivals,
    const llvm::DenseSet<const FunctionDecl *> &Bounded,
    TranslationUnitFacts &Learned, unsigned LambdaDepth) const {
  const bool IsBounded =
      Site.Bounded ||
      (Site.Caller && Site.Caller != &Callee && Bounded.contains(Site.Caller));
  // A call is no deadline of its own (`fetch() || timeout(5s)`).
  std::vector<TimerRival> Rivals;
  if (!IsBounded)
    llvm::copy_if(llvm::concat<const TimerRival>(Site.Rivals, InnerRivals),
                  std::back_inserter(Rivals), [&](const TimerRival &Rival) {
                    return Rival.USR != CalleeUSR;
                  });
  // A lambda has no facts of its own: a call made in one is made where the
  // lambda is called, or written when it is passed on (a coroutine lambda
  // handed to a function of another file that calls it).
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Site.Caller);
  const auto LambdaSites = Method && Method->getParent()->isLambda()
                               ? CallSites.find(Method)
                               : CallSites.end();
  if (!IsBounded && LambdaSites != CallSites.end() &&
      LambdaDepth < MaxLambdaNesting) {
    for (const CallSite &Outer : LambdaSites->second)
      recordSite(Callee, CalleeUSR, Outer, Rivals, Bounded, Learned,
                 LambdaDepth + 1);
    return;
  }
  DeadlineSite Recorded{CalleeUSR, "", IsBounded, std::move(Rivals)};
  if (!IsBounded && Site.Caller && hasDeadlineFacts(*Site.Caller))
    Recorded.CallerUSR = usrOf(*Site.Caller->getCanonicalDecl());
  Learned.CoroutineCalls.push_back(std::move(Recorded));
}

void MissingTimeoutCheck::report(const Finding &Found, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation Loc = SM.getExpansionLoc(Found.Await->getBeginLoc());
  diag(Loc, "%0 is awaited with no deadline: a peer that stops answering "
            "suspends the coroutine forever; wrap it in '%1' or race it "
            "against a timer")
      << describeOperation(*Found.Operation) << runtime::WithTimeout.Name;
  // tether::with_timeout takes a tether::task of the flavour the runtime is
  // built on, and returns one: the coroutine must be able to await that.
  const Expr *Operand = Found.Await->getOperand();
  const AsioFlavour Flavour = Runtime.flavour();
  if (inMacro(Found.Await->getSourceRange()) || inTemplate(*Found.Coroutine) ||
      Operand->isLValue() ||
      taskFlavour(Found.Coroutine->getReturnType()) != Flavour ||
      taskFlavour(Operand->getType()) != Flavour)
    return;
  // A deadline the user did not choose changes what the program does when a
  // peer is slow: the rewrite is offered, never applied by --fix alone.
  auto Note = diag(Loc,
                   Runtime.noteMessage("wrap it in '%0' with a deadline of %1",
                                       runtime::WithTimeout),
                   DiagnosticIDs::Note)
              << runtime::WithTimeout.Name << DefaultTimeout
              << FixItHint::CreateInsertion(
                     Operand->getBeginLoc(),
                     (llvm::Twine(runtime::WithTimeout.Name) + "(").str())
              << FixItHint::CreateInsertion(
                     Lexer::getLocForEndOfToken(Operand->getEndLoc(), 0, SM,
                                                Ctx.getLangOpts()),
                     ", " + DefaultTimeout + ")");
  Runtime.addInclude(Note, Loc, runtime::WithTimeout, SM);
}

} // namespace clang::tidy::tether
