// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- BlockingCallInCoroutineCheck.cpp - tether ------------------------===//

#include "BlockingCallInCoroutineCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/Annotations.h"
#include "utils/AsioAwaitable.h"
#include "utils/Coroutines.h"
#include "utils/EnclosingCallables.h"
#include "utils/LexerUtils.h"
#include "utils/LocksAcrossSuspension.h"
#include "utils/Matchers.h"
#include "utils/RuntimeApi.h"
#include "utils/SpawnApis.h"
#include "utils/StmtSearch.h"
#include "utils/SyncApis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::tether {

/// What a walk of one function body finds: the calls it evaluates (not those
/// of the lambdas it defines, nor unevaluated operands), with what decides
/// whether a descriptor call there may block.
struct BodyFacts {
  struct Call {
    const Expr *E;
    const Stmt *Parent; // ignoring implicit nodes
    bool NoAwait; // in a catch block or a lambda capture: no co_await there
  };
  std::vector<Call> Calls;
  /// Where the body compares with EAGAIN, EWOULDBLOCK or EINPROGRESS: the
  /// descriptor calls before it are on non-blocking descriptors.
  std::vector<SourceLocation> ErrnoTests;
  /// Variables and members used in awaited expressions: a descriptor whose
  /// readiness the body awaits is non-blocking.
  llvm::DenseSet<const ValueDecl *> Awaited;
  bool MayLock = false;
  /// The calls of executor switches (ExecutorSwitches), in the order of the
  /// text, and whether the code after each runs on workers: after an awaited
  /// switch to them, until an awaited switch back to an event loop, or a
  /// switch that is not awaited (its author meant to switch back, and did
  /// not).
  std::vector<std::pair<SourceLocation, bool>> Switches;
};

namespace {

std::string defaultExecutorSwitches() {
  return (llvm::Twine("::concurrencpp::resume_on;::concurrencpp::executor_tag;"
                      "::coro::thread_pool::schedule;"
                      "::cppcoro::static_thread_pool::schedule;"
                      "::cppcoro::schedule_on;::cppcoro::resume_on;"
                      "::async_simple::coro::dispatch;") +
          spawn::PostFunctions)
      .str();
}

constexpr llvm::StringLiteral DefaultBlockingFunctionsAfterSleeps =
    // Waiting for other threads.
    "::std::future::get;::std::future::wait;::std::future::wait_for;"
    "::std::future::wait_until;::std::shared_future::get;"
    "::std::shared_future::wait;::std::shared_future::wait_for;"
    "::std::shared_future::wait_until;::std::thread::join;"
    "::std::jthread::join;::std::condition_variable::wait;"
    "::std::condition_variable::wait_for;"
    "::std::condition_variable::wait_until;"
    "::std::condition_variable_any::wait;"
    "::std::condition_variable_any::wait_for;"
    "::std::condition_variable_any::wait_until;"
    "::std::counting_semaphore::acquire;"
    "::std::counting_semaphore::try_acquire_for;"
    "::std::counting_semaphore::try_acquire_until;::std::latch::wait;"
    "::std::latch::arrive_and_wait;::std::barrier::wait;"
    "::std::barrier::arrive_and_wait;"
    // POSIX I/O and processes.
    "::read;::write;::pread;::pwrite;::readv;::writev;::recv;::send;"
    "::recvfrom;::sendto;::recvmsg;::sendmsg;::connect;::accept;::accept4;"
    "::poll;::ppoll;::select;::pselect;::epoll_wait;::epoll_pwait;"
    "::fsync;::fdatasync;::waitpid;::wait;"
    // Files and name resolution.
    "::fopen;::fread;::fwrite;::fgets;::fclose;::system;::popen;::pclose;"
    "::getaddrinfo;::gethostbyname;::std::basic_ifstream::open;"
    "::std::basic_ofstream::open;::std::basic_fstream::open;"
    // Synchronous Asio; unanchored, each covers standalone Asio and
    // Boost.Asio.
    "asio::basic_stream_socket::read_some;"
    "asio::basic_stream_socket::write_some;"
    "asio::basic_stream_socket::receive;asio::basic_stream_socket::send;"
    "asio::basic_datagram_socket::receive;"
    "asio::basic_datagram_socket::send;"
    "asio::basic_datagram_socket::receive_from;"
    "asio::basic_datagram_socket::send_to;asio::basic_raw_socket::receive;"
    "asio::basic_raw_socket::send;asio::basic_raw_socket::receive_from;"
    "asio::basic_raw_socket::send_to;"
    "asio::basic_seq_packet_socket::receive;"
    "asio::basic_seq_packet_socket::send;asio::basic_socket::connect;"
    "asio::basic_socket_acceptor::accept;"
    "asio::basic_serial_port::read_some;"
    "asio::basic_serial_port::write_some;asio::ssl::stream::read_some;"
    "asio::ssl::stream::write_some;asio::ssl::stream::handshake;"
    "asio::ssl::stream::shutdown;"
    "asio::ip::basic_resolver::resolve;asio::io_context::run;"
    "asio::io_context::run_one;asio::io_context::run_for;"
    "asio::io_context::run_until;asio::io_context::poll;"
    "asio::io_context::poll_one;asio::read;asio::write;asio::read_at;"
    "asio::write_at;asio::read_until;asio::connect;"
    "asio::basic_waitable_timer::wait;asio::basic_deadline_timer::wait";

/// The deepest chain of calls followed: the search recurses once per call,
/// so its depth must not be the configuration's to choose.
constexpr unsigned MaxCallDepthLimit = 32;

constexpr llvm::StringLiteral DefaultBlockingTypes =
    "::std::basic_ifstream;::std::basic_ofstream;::std::basic_fstream";
constexpr llvm::StringLiteral DefaultBlockingStreams = "::std::cin;::std::wcin";
constexpr llvm::StringLiteral DefaultDescriptorFunctions =
    "::read;::write;::readv;::writev;::recv;::send;::recvfrom;::sendto;"
    "::recvmsg;::sendmsg;::connect;::accept;::accept4";
constexpr llvm::StringLiteral DefaultMutexTypes =
    "::std::mutex;::std::timed_mutex;::std::recursive_mutex;"
    "::std::recursive_timed_mutex;::std::shared_mutex;"
    "::std::shared_timed_mutex";
constexpr llvm::StringLiteral DefaultLockGuardTypes =
    "::std::lock_guard;::std::unique_lock;::std::scoped_lock;"
    "::std::shared_lock";

/// The synchronous Asio operations whose asynchronous twin is the same name
/// with `async_` in front, taking a completion token last.
bool hasAsyncTwin(llvm::StringRef Name) {
  static const llvm::StringSet<> Twinned = {
      "read_some", "write_some", "receive", "send",     "receive_from",
      "send_to",   "connect",    "accept",  "resolve",  "handshake",
      "read",      "write",      "read_at", "write_at", "read_until",
      "wait",      "shutdown"};
  return Twinned.contains(Name);
}

bool isErrnoMacro(llvm::StringRef Name) {
  return Name == "EAGAIN" || Name == "EWOULDBLOCK" || Name == "EINPROGRESS";
}

/// A zero duration: `0s`, `std::chrono::seconds(0)`, `duration::zero()`.
bool isZeroDuration(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return false;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *Literal = dyn_cast<UserDefinedLiteral>(E)) {
    const UserDefinedLiteral::LiteralOperatorKind Kind =
        Literal->getLiteralOperatorKind();
    if (Kind != UserDefinedLiteral::LOK_Template &&
        Kind != UserDefinedLiteral::LOK_Raw)
      return isZeroDuration(Literal->getCookedLiteral(), Ctx);
    // A literal operator template (libstdc++'s chrono literals) gets the
    // digits as written.
    const llvm::StringRef Spelling = Lexer::getSourceText(
        CharSourceRange::getTokenRange(Literal->getBeginLoc()),
        Ctx.getSourceManager(), Ctx.getLangOpts());
    const llvm::StringRef Digits = Spelling.take_while(
        [](char C) { return llvm::isDigit(C) || C == '.' || C == '\''; });
    return !Digits.empty() &&
           Digits.find_first_not_of("0.'") == llvm::StringRef::npos;
  }
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    return isZeroDuration(Cast->getSubExpr(), Ctx);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 1 &&
           isZeroDuration(Construct->getArg(0), Ctx);
  if (const auto *Integer = dyn_cast<IntegerLiteral>(E))
    return Integer->getValue().isZero();
  if (const auto *Floating = dyn_cast<FloatingLiteral>(E))
    return Floating->getValue().isZero();
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return Callee->getIdentifier() && Callee->getName() == "zero";
  return false;
}

/// Walks a body in evaluation scope, collecting BodyFacts.
class BodyScanner {
public:
  BodyScanner(BodyFacts &Facts, const NameList &MutexTypes,
              const NameList &LockGuardTypes,
              llvm::function_ref<ExecutorSwitch(const Expr &)> SwitchOf,
              ASTContext &Ctx)
      : Facts(Facts), MutexTypes(MutexTypes), LockGuardTypes(LockGuardTypes),
        SwitchOf(SwitchOf), Ctx(Ctx) {}

  void scan(const Stmt *S, const Stmt *Parent, bool NoAwait);

private:
  void collectAwaited(const Stmt *S) {
    if (!S)
      return;
    if (const auto *E = dyn_cast<Expr>(S))
      if (const ValueDecl *D = namedValue(E))
        Facts.Awaited.insert(D);
    for (const Stmt *Child : S->children())
      collectAwaited(Child);
  }

  void noteAwaitedSwitch(const Expr &Awaited, SourceLocation At) {
    switch (SwitchOf(Awaited)) {
    case ExecutorSwitch::None:
      return;
    case ExecutorSwitch::ToWorkers:
      Facts.Switches.push_back({At, true});
      return;
    case ExecutorSwitch::ToEventLoop:
      Facts.Switches.push_back({At, false});
      return;
    }
  }

  BodyFacts &Facts;
  const NameList &MutexTypes;
  const NameList &LockGuardTypes;
  llvm::function_ref<ExecutorSwitch(const Expr &)> SwitchOf;
  ASTContext &Ctx;
};

void BodyScanner::scan(const Stmt *S, const Stmt *Parent, bool NoAwait) {
  if (!S)
    return;
  // Lambdas run when called, not here: only their captures are evaluated.
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    for (const Expr *Init : Lambda->capture_inits())
      scan(Init, S, /*NoAwait=*/true);
    return;
  }
  if (const auto *Body = dyn_cast<CoroutineBodyStmt>(S)) {
    scan(Body->getBody(), S, NoAwait);
    return;
  }
  if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
    if (isa<CoawaitExpr>(Suspend))
      noteAwaitedSwitch(
          *Suspend->getOperand(),
          Ctx.getSourceManager().getExpansionLoc(Suspend->getBeginLoc()));
    collectAwaited(Suspend->getOperand());
    scan(Suspend->getOperand(), S, NoAwait);
    return;
  }
  if (const auto *Await = dyn_cast<DependentCoawaitExpr>(S)) {
    // In a template whose promise type is dependent.
    noteAwaitedSwitch(
        *Await->getOperand(),
        Ctx.getSourceManager().getExpansionLoc(Await->getBeginLoc()));
    collectAwaited(Await->getOperand());
    scan(Await->getOperand(), S, NoAwait);
    return;
  }
  if (const auto *Handler = dyn_cast<CXXCatchStmt>(S)) {
    scan(Handler->getHandlerBlock(), S, /*NoAwait=*/true);
    return;
  }
  if (isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr, RequiresExpr>(S))
    return;
  if (const auto *TypeId = dyn_cast<CXXTypeidExpr>(S);
      TypeId && !TypeId->isPotentiallyEvaluated())
    return;
  if (const auto *If = dyn_cast<IfStmt>(S); If && If->isConstexpr()) {
    scan(If->getInit(), S, NoAwait);
    if (std::optional<const Stmt *> Taken = If->getNondiscardedCase(Ctx))
      scan(*Taken, S, NoAwait);
    return;
  }
  if (const auto *Literal = dyn_cast<IntegerLiteral>(S)) {
    const SourceManager &SM = Ctx.getSourceManager();
    for (SourceLocation Loc = Literal->getBeginLoc(); Loc.isMacroID();
         Loc = SM.getImmediateMacroCallerLoc(Loc))
      if (isErrnoMacro(
              Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts()))) {
        Facts.ErrnoTests.push_back(SM.getExpansionLoc(Loc));
        break;
      }
    return;
  }
  if (isa<CallExpr, CXXConstructExpr>(S)) {
    Facts.Calls.push_back({cast<Expr>(S), Parent, NoAwait});
    if (isa<CallExpr>(S) &&
        !isa_and_nonnull<CoroutineSuspendExpr, DependentCoawaitExpr>(Parent) &&
        SwitchOf(*cast<Expr>(S)) == ExecutorSwitch::ToWorkers)
      Facts.Switches.push_back(
          {Ctx.getSourceManager().getExpansionLoc(S->getBeginLoc()), false});
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S))
      if (const CXXMethodDecl *Method = Member->getMethodDecl();
          Method && Method->getIdentifier() &&
          (Method->getName() == "lock" || Method->getName() == "lock_shared"))
        Facts.MayLock = true;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      Facts.MayLock =
          Facts.MayLock ||
          isBlockingLockGuard(Construct->getType(), MutexTypes, LockGuardTypes);
  }
  // Implicit nodes are transparent: what a call is written in is what
  // decides whether a rewrite needs parentheses.
  const bool Transparent =
      isa<FullExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
          CXXBindTemporaryExpr>(S);
  for (const Stmt *Child : S->children())
    scan(Child, Transparent ? Parent : S, NoAwait);
}

/// `co_await X` binds looser than postfix operators: a call used as the
/// object of a member access, a subscript or a call needs parentheses.
bool needsParensUnderCoAwait(const Stmt *Parent) {
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Parent))
    return Unary->isPostfix();
  return isa_and_nonnull<MemberExpr, ArraySubscriptExpr, CallExpr>(Parent);
}

/// Wraps \p Call in `co_await ` + \p Prefix ... \p Suffix, parenthesised
/// where its context needs it.
std::vector<FixItHint> wrapInCoAwait(const Expr &Call, const Stmt *Parent,
                                     llvm::StringRef Prefix,
                                     llvm::StringRef Suffix,
                                     const ASTContext &Ctx) {
  const bool Parens = needsParensUnderCoAwait(Parent);
  return {
      FixItHint::CreateInsertion(Call.getBeginLoc(),
                                 (Parens ? "(co_await " : "co_await ") +
                                     Prefix.str()),
      FixItHint::CreateInsertion(
          Lexer::getLocForEndOfToken(Call.getEndLoc(), 0,
                                     Ctx.getSourceManager(), Ctx.getLangOpts()),
          Suffix.str() + (Parens ? ")" : ""))};
}

/// The error_code& argument a synchronous Asio call reports errors through.
const Expr *errorCodeArgument(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  for (unsigned I = 0, N = std::min(Call.getNumArgs(), Callee->getNumParams());
       I < N; ++I) {
    const QualType Param = Callee->getParamDecl(I)->getType();
    if (!Param->isLValueReferenceType() ||
        Param.getNonReferenceType().isConstQualified())
      continue;
    const CXXRecordDecl *Record =
        Param.getNonReferenceType()->getAsCXXRecordDecl();
    if (Record && Record->getIdentifier() && Record->getName() == "error_code")
      return Call.getArg(I);
  }
  return nullptr;
}

/// The call of `s.read_some(b)` or `asio::read(s, b)` as its awaited twin:
/// `co_await s.async_read_some(b, asio::use_awaitable)`; an error_code
/// argument becomes `asio::redirect_error(asio::use_awaitable, ec)`.
std::vector<FixItHint> asyncTwinFix(const CallExpr &Call, const Stmt *Parent,
                                    AsioFlavour Flavour,
                                    const ASTContext &Ctx) {
  const llvm::StringRef Namespace =
      Flavour == AsioFlavour::Boost ? "boost::asio" : "asio";
  SourceLocation NameLoc;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    if (const auto *Callee = dyn_cast<MemberExpr>(Member->getCallee()))
      NameLoc = Callee->getMemberLoc();
  } else if (const auto *Callee =
                 dyn_cast<DeclRefExpr>(Call.getCallee()->IgnoreImplicit())) {
    NameLoc = Callee->getNameInfo().getLoc();
  }
  if (NameLoc.isInvalid() || NameLoc.isMacroID())
    return {};
  std::vector<FixItHint> Fixes = wrapInCoAwait(Call, Parent, "", "", Ctx);
  Fixes.push_back(FixItHint::CreateInsertion(NameLoc, "async_"));
  const std::string UseAwaitable = (Namespace + "::use_awaitable").str();
  if (const Expr *ErrorCode = errorCodeArgument(Call)) {
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(ErrorCode->getSourceRange()),
        (Namespace + "::redirect_error(" + UseAwaitable + ", " +
         sourceText(ErrorCode->getSourceRange(), Ctx) + ")")
            .str()));
    return Fixes;
  }
  const bool HasWrittenArguments =
      llvm::any_of(Call.arguments(), [](const Expr *Arg) {
        return !isa<CXXDefaultArgExpr>(Arg);
      });
  Fixes.push_back(FixItHint::CreateInsertion(
      Call.getRParenLoc(),
      HasWrittenArguments ? ", " + UseAwaitable : UseAwaitable));
  return Fixes;
}

/// The call as `co_await tether::offload([&] { return CALL; })`; empty when
/// its result cannot travel through offload (a reference).
std::vector<FixItHint> offloadFix(const Expr &Call, const Stmt *Parent,
                                  const ASTContext &Ctx) {
  const QualType Type = isa<CallExpr>(Call)
                            ? cast<CallExpr>(Call).getCallReturnType(Ctx)
                            : Call.getType();
  const bool ValueUnused = isa_and_nonnull<CompoundStmt>(Parent);
  if (Type->isVoidType() || ValueUnused)
    return wrapInCoAwait(
        Call, Parent, (runtime::Offload.Name + "([&] { ").str(), "; })", Ctx);
  if (Type->isReferenceType() || Type->isDependentType())
    return {};
  return wrapInCoAwait(Call, Parent,
                       (runtime::Offload.Name + "([&] { return ").str(), "; })",
                       Ctx);
}

/// 'std::thread::join', as messages quote a qualified name.
std::string displayName(llvm::StringRef QualifiedName) {
  return ("'" + QualifiedName.drop_front(2) + "'").str();
}

/// How messages name a called function: 'load_config', or "the lambda".
/// Awaiters and awaitables: async primitives take short internal locks by
/// design, so the analysis never follows calls into them.
bool isAwaiterMachinery(const FunctionDecl &Function) {
  if (Function.getOverloadedOperator() == OO_Coawait)
    return true;
  auto IsAwaiterMember = [](const NamedDecl *D) {
    if (const auto *Function = dyn_cast<FunctionDecl>(D)) {
      if (Function->getOverloadedOperator() == OO_Coawait)
        return true;
      if (const IdentifierInfo *Name = Function->getIdentifier())
        return Name->isStr("await_ready") || Name->isStr("await_suspend") ||
               Name->isStr("await_resume");
    }
    return false;
  };
  if (IsAwaiterMember(&Function))
    return true;
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  if (!Method)
    return false;
  for (const Decl *Member : Method->getParent()->decls()) {
    const auto *Named = dyn_cast<NamedDecl>(Member);
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
      Named = Template->getTemplatedDecl();
    if (Named && IsAwaiterMember(Named))
      return true;
  }
  return false;
}

} // namespace

BlockingCallInCoroutineCheck::BlockingCallInCoroutineCheck(
    StringRef Name, ClangTidyContext *Context)
    : AsyncCheck(Name, Context),
      StrictLocking(Options.get("StrictLocking", false)),
      FollowCalls(Options.get("FollowCalls", true)),
      FollowCallsIntoHeaders(Options.get("FollowCallsIntoHeaders", false)),
      MaxCallDepth(readBounded("MaxCallDepth", 3, 0, MaxCallDepthLimit)),
      BlockingFunctions(readNameList("BlockingFunctions",
                                     (llvm::Twine(sync::Sleeps) + ";" +
                                      DefaultBlockingFunctionsAfterSleeps)
                                         .str())),
      BlockingTypes(readNameList("BlockingTypes", DefaultBlockingTypes)),
      AllowedFunctions(readNameList("AllowedFunctions")),
      BlockingStreams(readNameList("BlockingStreams", DefaultBlockingStreams)),
      DescriptorFunctions(
          readNameList("DescriptorFunctions", DefaultDescriptorFunctions)),
      MutexTypes(readNameList("MutexTypes", DefaultMutexTypes)),
      LockGuardTypes(readNameList("LockGuardTypes", DefaultLockGuardTypes)),
      ExecutorSwitches(
          readNameList("ExecutorSwitches", defaultExecutorSwitches())),
      Runtime(Options, areDiagsSelfContained()) {}

void BlockingCallInCoroutineCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  storeNameList(Opts, BlockingFunctions);
  storeNameList(Opts, BlockingTypes);
  storeNameList(Opts, AllowedFunctions);
  storeNameList(Opts, BlockingStreams);
  storeNameList(Opts, DescriptorFunctions);
  storeNameList(Opts, MutexTypes);
  storeNameList(Opts, LockGuardTypes);
  storeNameList(Opts, ExecutorSwitches);
  Options.store(Opts, "StrictLocking", StrictLocking);
  Options.store(Opts, "FollowCalls", FollowCalls);
  Options.store(Opts, "FollowCallsIntoHeaders", FollowCallsIntoHeaders);
  Options.store(Opts, "MaxCallDepth", MaxCallDepth);
  Runtime.storeOptions(Options, Opts);
}

void BlockingCallInCoroutineCheck::registerPPCallbacks(const SourceManager &,
                                                       Preprocessor *PP,
                                                       Preprocessor *) {
  Runtime.registerPreprocessor(PP);
}

void BlockingCallInCoroutineCheck::registerMatchers(MatchFinder *Finder) {
  // Coroutine bodies only: a body is walked once, so the cost stays with
  // the coroutines of the translation unit.
  Finder->addMatcher(functionDecl(isDefinition(), hasCoroutineBody(),
                                  isReportable(SystemHeaders))
                         .bind("coroutine"),
                     this);
  // What the other translation units need to know, under tether check only:
  // each plain function of the main file is walked once more.
  if (currentFacts().Learned && FollowCalls)
    Finder->addMatcher(functionDecl(isDefinition(), isExpansionInMainFile(),
                                    unless(hasCoroutineBody()))
                           .bind("summarized"),
                       this);
}

BlockingCallInCoroutineCheck::~BlockingCallInCoroutineCheck() = default;

void BlockingCallInCoroutineCheck::onEndOfTranslationUnit() {
  Checked.clear();
  Reported.clear();
  Paths.clear();
  Scanned.clear();
}

const BodyFacts &
BlockingCallInCoroutineCheck::factsOf(const FunctionDecl &Definition,
                                      ASTContext &Ctx) const {
  std::unique_ptr<BodyFacts> &Facts = Scanned[&Definition];
  if (!Facts) {
    Facts = std::make_unique<BodyFacts>();
    BodyScanner(
        *Facts, MutexTypes, LockGuardTypes,
        [&](const Expr &Awaited) { return executorSwitch(Awaited); }, Ctx)
        .scan(Definition.getBody(), nullptr, false);
  }
  return *Facts;
}

void BlockingCallInCoroutineCheck::check(
    const MatchFinder::MatchResult &Result) {
  if (const auto *Function =
          Result.Nodes.getNodeAs<FunctionDecl>("summarized")) {
    summarize(*Function, *Result.Context);
    return;
  }
  const auto *Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  if (Checked.insert(Coroutine).second)
    checkCoroutine(*Coroutine, *Result.Context);
}

namespace {
/// The descriptor \p Arg names: `fd`, or the object whose descriptor it is
/// (`socket.native_handle()`), which the coroutine may await the readiness
/// of.
const ValueDecl *descriptorOf(const Expr &Arg) {
  const Expr *E = Arg.IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
      Member && Member->getMethodDecl() &&
      Member->getMethodDecl()->getIdentifier() &&
      Member->getMethodDecl()->getName() == "native_handle")
    E = Member->getImplicitObjectArgument();
  return namedValue(E);
}

/// Whether \p Call passes `MSG_DONTWAIT` in its flags (`recv(fd, b, n,
/// MSG_PEEK | MSG_DONTWAIT)`): the call returns at once, whatever the
/// descriptor. glibc declares the flag an enumerator, other C libraries a
/// macro.
bool passesDontWait(const CallExpr &Call, const ASTContext &Ctx) {
  constexpr llvm::StringLiteral Flag = "MSG_DONTWAIT";
  const SourceManager &SM = Ctx.getSourceManager();
  return llvm::any_of(llvm::drop_begin(Call.arguments()), [&](const Expr *Arg) {
    return anyStmt(Arg, [&](const Stmt &Node) {
      if (const auto *Ref = dyn_cast<DeclRefExpr>(&Node))
        if (const auto *Constant = dyn_cast<EnumConstantDecl>(Ref->getDecl());
            Constant && Constant->getIdentifier() &&
            Constant->getName() == Flag)
          return true;
      const SourceLocation Loc = Node.getBeginLoc();
      return Loc.isMacroID() &&
             Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts()) == Flag;
    });
  });
}
} // namespace

std::optional<BlockingCallInCoroutineCheck::BlockingCall>
BlockingCallInCoroutineCheck::classify(const Expr &E, const BodyFacts &Facts,
                                       ASTContext &Ctx) const {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&E)) {
    const CXXRecordDecl *Record = Construct->getType()->getAsCXXRecordDecl();
    if (Record && Construct->getNumArgs() > 0 &&
        !isa<CXXDefaultArgExpr>(Construct->getArg(0)) &&
        !Construct->getConstructor()->isCopyOrMoveConstructor() &&
        BlockingTypes.matches(*Record))
      return BlockingCall{BlockingKind::Construction,
                          displayName(templateFreeQualifiedName(*Record))};
    return std::nullopt;
  }
  const auto &Call = cast<CallExpr>(E);
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || AllowedFunctions.matches(*Callee) ||
      hasAnnotation(*Callee, Annotation::NonBlocking))
    return std::nullopt;
  if (const AnnotateAttr *Declared =
          findAnnotation(*Callee, Annotation::Blocking))
    return BlockingCall{BlockingKind::Other,
                        displayName(templateFreeQualifiedName(*Callee)),
                        Declared};

  // std::getline(std::cin, line), std::cin >> value.
  const bool IsStreamRead =
      Callee->getOverloadedOperator() == OO_GreaterGreater ||
      (Callee->getIdentifier() && Callee->getName() == "getline" &&
       Callee->isInStdNamespace());
  if (IsStreamRead) {
    const Expr *Stream =
        isa<CXXMemberCallExpr>(Call)
            ? cast<CXXMemberCallExpr>(Call).getImplicitObjectArgument()
            : (Call.getNumArgs() > 0 ? Call.getArg(0) : nullptr);
    // A chained `std::cin >> a >> b` reads from what the inner read returns.
    while (Stream) {
      const auto *Inner =
          dyn_cast<CXXOperatorCallExpr>(Stream->IgnoreParenImpCasts());
      if (!Inner || Inner->getOperator() != OO_GreaterGreater)
        break;
      Stream = Inner->getArg(0);
    }
    const ValueDecl *StreamDecl = Stream ? namedValue(Stream) : nullptr;
    if (StreamDecl && BlockingStreams.matches(*StreamDecl))
      return BlockingCall{
          BlockingKind::Other,
          (Callee->getOverloadedOperator() == OO_GreaterGreater
               ? "'operator>>' on "
               : "'std::getline' on ") +
              displayName(templateFreeQualifiedName(*StreamDecl))};
    return std::nullopt;
  }

  // A coroutine of the program named like a blocking function (Cobalt's
  // http and ticker examples define `connect(host, ctx)` at global scope)
  // suspends where the other blocks; its own body is checked as a coroutine.
  if (const FunctionDecl *Definition = Callee->getDefinition();
      Definition && isCoroutine(*Definition))
    return std::nullopt;

  std::string Name;
  if (BlockingFunctions.matches(*Callee)) {
    Name = templateFreeQualifiedName(*Callee);
  } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    // The class it is called on, before the conversion to the base that
    // declares it.
    QualType ObjectType =
        Member->getImplicitObjectArgument()->IgnoreImpCasts()->getType();
    if (ObjectType->isPointerType())
      ObjectType = ObjectType->getPointeeType();
    const CXXRecordDecl *Object = ObjectType->getAsCXXRecordDecl();
    if (!Object || !BlockingFunctions.matchesMemberOf(*Object, *Callee))
      return std::nullopt;
    Name =
        templateFreeQualifiedName(*Object) + "::" + Callee->getNameAsString();
  } else {
    return std::nullopt;
  }

  // Polls that return at once: wait_for(0s), try_acquire_for(0ms).
  if (Callee->getIdentifier() && Callee->getName().ends_with("_for") &&
      llvm::any_of(Call.arguments(),
                   [&](const Expr *Arg) { return isZeroDuration(Arg, Ctx); }))
    return std::nullopt;
  if (DescriptorFunctions.matches(*Callee)) {
    const SourceManager &SM = Ctx.getSourceManager();
    const SourceLocation Loc = SM.getExpansionLoc(Call.getBeginLoc());
    const bool TestsErrnoAfter =
        llvm::any_of(Facts.ErrnoTests, [&](SourceLocation Test) {
          return SM.isBeforeInTranslationUnit(Loc, Test);
        });
    const ValueDecl *Descriptor =
        Call.getNumArgs() > 0 ? descriptorOf(*Call.getArg(0)) : nullptr;
    if (TestsErrnoAfter || (Descriptor && Facts.Awaited.contains(Descriptor)) ||
        passesDontWait(Call, Ctx))
      return std::nullopt;
  }

  BlockingKind Kind = BlockingKind::Other;
  if (llvm::StringRef(Name).starts_with("::std::condition_variable::") ||
      llvm::StringRef(Name).starts_with("::std::condition_variable_any::"))
    Kind = BlockingKind::ConditionWait;
  else if (Name == "::std::this_thread::sleep_for" ||
           Name == "::std::this_thread::sleep_until" || Name == "::sleep" ||
           Name == "::usleep" || Name == "::nanosleep" ||
           Name == "::clock_nanosleep")
    Kind = BlockingKind::Sleep;
  else if (declaredFlavour(*Callee) != AsioFlavour::None &&
           Callee->getIdentifier() && hasAsyncTwin(Callee->getName()))
    Kind = BlockingKind::AsioSync;
  return BlockingCall{Kind, displayName(Name)};
}

bool BlockingCallInCoroutineCheck::isFollowed(const FunctionDecl &Callee,
                                              const SourceManager &SM) const {
  const FunctionDecl *Definition = Callee.getDefinition();
  if (!Definition || !Definition->hasBody() || isCoroutine(*Definition) ||
      isExempt(Callee))
    return false;
  const SourceLocation Loc = SM.getExpansionLoc(Definition->getLocation());
  return SM.isInMainFile(Loc) ||
         (FollowCallsIntoHeaders && !SM.isInSystemHeader(Loc));
}

bool BlockingCallInCoroutineCheck::mayLeadToBlocking(
    const FunctionDecl &Callee, const SourceManager &SM) const {
  if (const FunctionDecl *Definition = Callee.getDefinition();
      Definition && isCoroutine(*Definition))
    return false;
  // A virtual call may land in any override: which is not known here.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
      Method && (Method->isVirtual() || Method->getParent()->isLambda()))
    return false;
  return !isExempt(Callee) &&
         !SM.isInSystemHeader(SM.getExpansionLoc(Callee.getLocation()));
}

bool BlockingCallInCoroutineCheck::isExempt(const FunctionDecl &Callee) const {
  return isAwaiterMachinery(Callee) || AllowedFunctions.matches(Callee) ||
         hasAnnotation(Callee, Annotation::NonBlocking);
}

void BlockingCallInCoroutineCheck::summarize(const FunctionDecl &Function,
                                             ASTContext &Ctx) const {
  const SourceManager &SM = Ctx.getSourceManager();
  FunctionSummary *Summary = recordedSummary(Function, SM);
  if (!Summary)
    return;
  const BodyFacts &Facts = factsOf(Function, Ctx);
  for (const BodyFacts::Call &Call : Facts.Calls) {
    if (std::optional<BlockingCall> Blocking = classify(*Call.E, Facts, Ctx)) {
      Summary->Blocks.Own =
          FactCall{"", Blocking->Name, factLocation(SM, Call.E->getBeginLoc())};
      Summary->Blocks.Through.clear();
      return;
    }
    const auto *Site = dyn_cast<CallExpr>(Call.E);
    const FunctionDecl *Callee = Site ? Site->getDirectCallee() : nullptr;
    if (Callee && mayLeadToBlocking(*Callee, SM))
      addCallThrough(Summary->Blocks, *Site, *Callee, SM);
  }
}

const BlockingCallInCoroutineCheck::CallPath *
BlockingCallInCoroutineCheck::blockingPathIn(const FunctionDecl &Callee,
                                             unsigned Depth, ASTContext &Ctx) {
  const FunctionDecl *Definition = Callee.getDefinition();
  auto [It, Inserted] =
      Paths.try_emplace(Definition, PathEntry{std::nullopt, Depth, true});
  PathEntry &Entry = It->second;
  // A path found once stands, if it is short enough; a search cut short
  // by depth is redone with more depth to spare.
  if (!Inserted && (Entry.InProgress || Entry.Path || Entry.Depth >= Depth))
    return Entry.Path && Entry.Path->Length <= Depth ? &*Entry.Path : nullptr;
  Entry.InProgress = true;
  Entry.Depth = Depth;

  const BodyFacts &Facts = factsOf(*Definition, Ctx);
  std::optional<CallPath> Path;
  for (const BodyFacts::Call &Call : Facts.Calls)
    if (std::optional<BlockingCall> Blocking = classify(*Call.E, Facts, Ctx)) {
      Path = CallPath{Call.E, nullptr, Blocking->Name, 1};
      break;
    }
  if (!Path && Depth > 1)
    for (const BodyFacts::Call &Call : Facts.Calls) {
      const auto *Site = dyn_cast<CallExpr>(Call.E);
      const FunctionDecl *Next = Site ? Site->getDirectCallee() : nullptr;
      if (!Next)
        continue;
      if (!isFollowed(*Next, Ctx.getSourceManager())) {
        if (mayLeadToBlocking(*Next, Ctx.getSourceManager()))
          if (const std::vector<ChainHop> *Chain =
                  knownChain(*Next, FactKind::Blocks, Depth - 1)) {
            Path = CallPath{Site, Next, Chain->back().Callee,
                            static_cast<unsigned>(Chain->size()) + 1, Chain};
            break;
          }
        continue;
      }
      if (const CallPath *Rest = blockingPathIn(*Next, Depth - 1, Ctx)) {
        Path = CallPath{Site, Next, Rest->Blocking, Rest->Length + 1};
        break;
      }
    }
  // The map may have grown: find the entry again.
  PathEntry &Done = Paths[Definition];
  Done.InProgress = false;
  Done.Path = std::move(Path);
  return Done.Path ? &*Done.Path : nullptr;
}

std::vector<FixItHint>
BlockingCallInCoroutineCheck::sleepFix(const CallExpr &Call) {
  const bool Until = Call.getDirectCallee()->getName() == "sleep_until";
  const std::string Replacement =
      (llvm::Twine("co_await ") +
       (Until ? runtime::SleepUntil.Name : runtime::SleepFor.Name))
          .str();
  return {FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Call.getCallee()->getSourceRange()),
      Replacement)};
}

/// Whether \p Type is a `std::chrono::duration` that converts to
/// nanoseconds implicitly: an integral count of a period that is a whole
/// number of nanoseconds (what Asio's steady_timer takes).
static bool isWholeNanosecondsDuration(QualType Type) {
  const auto *Duration = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl());
  const auto *Chrono =
      Duration ? dyn_cast<NamespaceDecl>(Duration->getDeclContext()) : nullptr;
  if (!Chrono || Chrono->getName() != "chrono" ||
      !Chrono->getParent()->isStdNamespace() ||
      Duration->getName() != "duration" ||
      Duration->getTemplateArgs().size() != 2)
    return false;
  const TemplateArgumentList &Args = Duration->getTemplateArgs();
  if (Args[0].getKind() != TemplateArgument::Type ||
      !Args[0].getAsType()->isIntegralType(Duration->getASTContext()) ||
      Args[1].getKind() != TemplateArgument::Type)
    return false;
  const auto *Ratio = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Args[1].getAsType().getCanonicalType()->getAsCXXRecordDecl());
  if (!Ratio || Ratio->getName() != "ratio" ||
      Ratio->getTemplateArgs().size() != 2 ||
      Ratio->getTemplateArgs()[0].getKind() != TemplateArgument::Integral ||
      Ratio->getTemplateArgs()[1].getKind() != TemplateArgument::Integral)
    return false;
  const int64_t Num = Ratio->getTemplateArgs()[0].getAsIntegral().getExtValue();
  const int64_t Den = Ratio->getTemplateArgs()[1].getAsIntegral().getExtValue();
  int64_t Nanoseconds = 0;
  return Den > 0 && !llvm::MulOverflow(Num, int64_t{1000000000}, Nanoseconds) &&
         Nanoseconds % Den == 0;
}

/// `std::this_thread::sleep_for(D)` as Asio's own suspension on a timer,
/// for code that cannot include the runtime; empty unless the translation
/// unit already declares the names it uses and D converts to the timer's
/// duration unchanged.
std::vector<FixItHint> BlockingCallInCoroutineCheck::asioTimerFix(
    const CallExpr &Call, AsioFlavour Flavour, ASTContext &Ctx) {
  if (Call.getDirectCallee()->getName() != "sleep_for" ||
      Call.getNumArgs() != 1 ||
      !isWholeNanosecondsDuration(Call.getArg(0)->getType()) ||
      !declaresAsioNames(Ctx, Flavour,
                         {"steady_timer", "this_coro", "use_awaitable"}))
    return {};
  const llvm::StringRef Asio = asioNamespace(Flavour);
  const llvm::StringRef Duration = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Call.getArg(0)->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
  return {FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Call.getSourceRange()),
      (llvm::Twine("co_await ") + Asio + "steady_timer(co_await " + Asio +
       "this_coro::executor, " + Duration + ").async_wait(" + Asio +
       "use_awaitable)")
          .str())};
}

/// Whether executors of \p Type run on the threads of an Asio context or pool
/// named \p Context: the context, a type nested in it (its executor), or a
/// template of such an executor (`strand<thread_pool::executor_type>`, a
/// token bound to it by `bind_executor`).
static bool runsIn(QualType Type, llvm::StringRef Context, unsigned Depth = 0) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || Depth > 3)
    return false;
  for (const CXXRecordDecl *Scope = Record; Scope;
       Scope = dyn_cast<CXXRecordDecl>(Scope->getDeclContext()))
    if (Scope->getIdentifier() && Scope->getName() == Context &&
        declaredFlavour(*Scope) != AsioFlavour::None)
      return true;
  const auto *Specialization =
      dyn_cast<ClassTemplateSpecializationDecl>(Record);
  return Specialization &&
         llvm::any_of(Specialization->getTemplateArgs().asArray(),
                      [&](const TemplateArgument &Arg) {
                        return Arg.getKind() == TemplateArgument::Type &&
                               runsIn(Arg.getAsType(), Context, Depth + 1);
                      });
}

ExecutorSwitch
BlockingCallInCoroutineCheck::executorSwitch(const Expr &Awaited) const {
  const auto *Call = dyn_cast<CallExpr>(skipParensAndImplicit(&Awaited));
  const NamedDecl *Called = Call ? calledDecl(*Call) : nullptr;
  if (!Called || !ExecutorSwitches.matches(*Called))
    return ExecutorSwitch::None;
  if (declaredFlavour(*Called) == AsioFlavour::None)
    return ExecutorSwitch::ToWorkers;
  // Asio's post, dispatch and defer complete on the executor they are given,
  // or that their token is bound to: a thread pool is one meant for work; an
  // io_context is an event loop, and a token bound to nothing
  // (`post(deferred)`) resumes the coroutine on its own executor.
  if (Call->getNumArgs() == 0)
    return ExecutorSwitch::None;
  const QualType Target = Call->getArg(0)->getType();
  if (runsIn(Target, "thread_pool"))
    return ExecutorSwitch::ToWorkers;
  const auto *Callee = dyn_cast<FunctionDecl>(Called);
  const bool TokenOnly = Callee && Callee->getNumParams() == 1;
  if (runsIn(Target, "io_context") ||
      (TokenOnly && !runsIn(Target, "executor_binder")))
    return ExecutorSwitch::ToEventLoop;
  return ExecutorSwitch::None;
}

void BlockingCallInCoroutineCheck::checkCoroutine(const FunctionDecl &Coroutine,
                                                  ASTContext &Ctx) {
  const auto *Body = cast<CoroutineBodyStmt>(Coroutine.getBody());
  const SourceManager &SM = Ctx.getSourceManager();
  BodyFacts Facts;
  BodyScanner(
      Facts, MutexTypes, LockGuardTypes,
      [&](const Expr &Awaited) { return executorSwitch(Awaited); }, Ctx)
      .scan(Body->getBody(), Body, false);
  // A coroutine that takes an executor tag (concurrencpp's executor_tag)
  // starts on the executor it is given, as if it switched there first.
  const bool StartsSwitched =
      llvm::any_of(Coroutine.parameters(), [&](const ParmVarDecl *Param) {
        const CXXRecordDecl *Type =
            Param->getType().getNonReferenceType()->getAsCXXRecordDecl();
        return Type && ExecutorSwitches.matches(*Type);
      });

  const AsioFlavour Flavour = taskFlavour(Coroutine.getReturnType());
  // A rewrite of a template's text must compile for every instantiation,
  // which one instantiation does not show.
  const bool InWrittenCode = !Coroutine.getTemplateInstantiationPattern() &&
                             !SM.isInSystemHeader(Coroutine.getLocation());

  // After a switch to another executor, blocking is what that executor is
  // for ("we can safely block").
  llvm::sort(Facts.Switches, [&](const auto &A, const auto &B) {
    return SM.isBeforeInTranslationUnit(A.first, B.first);
  });
  auto Switched = [&](SourceLocation Loc) {
    bool Result = StartsSwitched;
    for (const auto &[At, Awaited] : Facts.Switches) {
      if (!SM.isBeforeInTranslationUnit(At, Loc))
        break;
      Result = Awaited;
    }
    return Result;
  };
  for (const BodyFacts::Call &Site : Facts.Calls) {
    const SourceLocation Loc = SM.getExpansionLoc(Site.E->getBeginLoc());
    if (Switched(Loc))
      continue;
    std::optional<BlockingCall> Blocking = classify(*Site.E, Facts, Ctx);
    // Defined in another translation unit: how it blocks, from its body on.
    std::optional<CallPath> Elsewhere;
    const CallPath *Path =
        Blocking ? nullptr : pathThroughCalls(*Site.E, Elsewhere, Ctx);
    if ((!Blocking && !Path) || !Reported.insert(Loc).second)
      continue;
    const bool Rewritable =
        InWrittenCode && !Site.NoAwait && !inMacro(Site.E->getSourceRange());
    report(Loc, *Site.E, Blocking, Path,
           remedyFor(*Site.E, Site.Parent, Path ? nullptr : &*Blocking,
                     Rewritable, Flavour, Ctx),
           Ctx);
  }

  if (Facts.MayLock)
    reportLocks(Coroutine, *Body->getBody(), Ctx);
}

const BlockingCallInCoroutineCheck::CallPath *
BlockingCallInCoroutineCheck::pathThroughCalls(
    const Expr &Site, std::optional<CallPath> &Elsewhere, ASTContext &Ctx) {
  const auto *Call = dyn_cast<CallExpr>(&Site);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!FollowCalls || MaxCallDepth == 0 || !Callee)
    return nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  if (isFollowed(*Callee, SM))
    return blockingPathIn(*Callee, MaxCallDepth, Ctx);
  if (!mayLeadToBlocking(*Callee, SM))
    return nullptr;
  const std::vector<ChainHop> *Chain =
      knownChain(*Callee, FactKind::Blocks, MaxCallDepth);
  if (!Chain)
    return nullptr;
  return &Elsewhere.emplace(CallPath{nullptr, nullptr, Chain->back().Callee,
                                     static_cast<unsigned>(Chain->size()),
                                     Chain});
}

BlockingCallInCoroutineCheck::Remedy BlockingCallInCoroutineCheck::remedyFor(
    const Expr &Site, const Stmt *Parent, const BlockingCall *Blocking,
    bool Rewritable, AsioFlavour Flavour, ASTContext &Ctx) const {
  const auto *Call = dyn_cast<CallExpr>(&Site);
  const bool RuntimeFlavour = Flavour == Runtime.flavour();
  Remedy R;
  auto &[WarningFixes, WarningInclude, Advice, AdviceFixes, AdviceInclude,
         Twin] = R;
  switch (Blocking ? Blocking->Kind : BlockingKind::Other) {
  case BlockingKind::Sleep:
    Advice = "suspend on a timer instead, such as 'co_await "
             "tether::sleep_for(...)'";
    if (!Rewritable || Flavour == AsioFlavour::None ||
        !llvm::StringRef(Blocking->Name).starts_with("'std::this_thread::"))
      break;
    // Without the runtime in reach, Asio's own timer is the fix; the
    // runtime's sleep stays on the note, with how to add it.
    if (RuntimeFlavour && Runtime.reachable()) {
      WarningFixes = sleepFix(*Call);
      WarningInclude = &runtime::SleepFor;
      Advice = "";
    } else if (WarningFixes = asioTimerFix(*Call, Flavour, Ctx);
               !WarningFixes.empty()) {
      Advice = "";
    } else if (RuntimeFlavour) {
      AdviceFixes = sleepFix(*Call);
      AdviceInclude = &runtime::SleepFor;
    }
    break;
  case BlockingKind::AsioSync: {
    Twin = "async_" + Call->getDirectCallee()->getNameAsString();
    if (!Rewritable || declaredFlavour(*Call->getDirectCallee()) != Flavour) {
      Advice = "co_await its asynchronous twin '%0' instead";
    } else if (errorCodeArgument(*Call)) {
      Advice = "co_await its asynchronous twin '%0'; its error then goes "
               "to the same error_code through 'redirect_error'";
      AdviceFixes = asyncTwinFix(*Call, Parent, Flavour, Ctx);
    } else {
      WarningFixes = asyncTwinFix(*Call, Parent, Flavour, Ctx);
    }
    break;
  }
  case BlockingKind::Construction:
    Advice = "construct it on a thread pool, such as with 'tether::offload'";
    break;
  case BlockingKind::ConditionWait:
    // Not offload: the pool thread would unlock a mutex this thread holds.
    Advice = "wait on an async condition instead, such as "
             "'tether::condition': awaiting its 'wait(pred)' suspends the "
             "coroutine, not its thread";
    if (Rewritable && RuntimeFlavour) {
      AdviceFixes = asyncConditionFix(*Call, Parent, Ctx);
      AdviceInclude = &runtime::Condition;
    }
    break;
  case BlockingKind::Other:
    Advice = "run it on a thread pool, such as with 'co_await "
             "tether::offload': the coroutine resumes when it returns";
    if (Rewritable && RuntimeFlavour) {
      AdviceFixes = offloadFix(Site, Parent, Ctx);
      AdviceInclude = &runtime::Offload;
    }
    break;
  }
  return R;
}

void BlockingCallInCoroutineCheck::report(
    SourceLocation Loc, const Expr &Site,
    const std::optional<BlockingCall> &Blocking, const CallPath *Path,
    const Remedy &R, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Call = dyn_cast<CallExpr>(&Site);
  const auto &[WarningFixes, WarningInclude, Advice, AdviceFixes, AdviceInclude,
               Twin] = R;
  {
    auto Diag =
        diag(Loc, Path ? "%0 may block the thread that runs this coroutine "
                         "and every task scheduled on it: it calls %1"
                       : "%0 blocks the thread that runs this coroutine and "
                         "every task scheduled on it");
    if (Path)
      Diag << calleeName(*Call->getDirectCallee()) << Path->Blocking;
    else
      Diag << Blocking->Name;
    Diag << WarningFixes;
    if (WarningInclude && !WarningFixes.empty())
      Runtime.addInclude(Diag, Loc, *WarningInclude, SM);
  }
  if (Blocking && Blocking->DeclaredBlocking)
    diag(SM.getExpansionLoc(Blocking->DeclaredBlocking->getLocation()),
         "%0 is declared blocking here", DiagnosticIDs::Note)
        << Blocking->Name;
  for (const FunctionDecl *Caller = Path ? Call->getDirectCallee() : nullptr;
       Path;) {
    if (Path->Site)
      diag(SM.getExpansionLoc(Path->Site->getBeginLoc()), "%0 calls %1 here",
           DiagnosticIDs::Note)
          << calleeName(*Caller)
          << (Path->Callee ? calleeName(*Path->Callee) : Path->Blocking);
    if (Path->Beyond) {
      noteChain(*Path->Beyond, Loc, Ctx);
      break;
    }
    if (!Path->Callee)
      break;
    Caller = Path->Callee;
    Path = blockingPathIn(*Caller, MaxCallDepth, Ctx);
  }
  if (!Advice.empty()) {
    const bool NeedsRuntime = AdviceInclude && !AdviceFixes.empty();
    auto Diag = diag(Loc,
                     NeedsRuntime ? Runtime.noteMessage(Advice, *AdviceInclude)
                                  : Advice.str(),
                     DiagnosticIDs::Note);
    if (!Twin.empty())
      Diag << Twin;
    Diag << AdviceFixes;
    if (NeedsRuntime)
      Runtime.addInclude(Diag, Loc, *AdviceInclude, SM);
  }
}

namespace {

/// The expressions that name \p Target in the code of the translation unit
/// outside system headers, and the member calls made on it.
struct Uses {
  std::vector<const Expr *> References;
  std::vector<const CXXMemberCallExpr *> MemberCalls;
};
Uses usesOf(const ValueDecl &Target, ASTContext &Ctx) {
  struct Collector : RecursiveASTVisitor<Collector> {
    const ValueDecl *Target;
    Uses Found;
    bool VisitDeclRefExpr(DeclRefExpr *E) {
      if (E->getDecl() == Target)
        Found.References.push_back(E);
      return true;
    }
    bool VisitMemberExpr(MemberExpr *E) {
      if (E->getMemberDecl() == Target)
        Found.References.push_back(E);
      return true;
    }
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *E) {
      if (namedValue(E->getImplicitObjectArgument()) == Target)
        Found.MemberCalls.push_back(E);
      return true;
    }
  } Collect;
  Collect.Target = &Target;
  for (Decl *D : userTopLevelDecls(Ctx))
    Collect.TraverseDecl(D);
  return std::move(Collect.Found);
}

/// Whether every use of \p Guard in \p Body is `Guard.unlock()`, which
/// tether::mutex::guard has too.
bool onlyUnlocked(const VarDecl &Guard, const Stmt &Body) {
  unsigned Uses = 0, Unlocks = 0;
  anyStmt(&Body, [&](const Stmt &Node) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&Node))
      Uses += Ref->getDecl() == &Guard;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node))
      if (const CXXMethodDecl *Method = Call->getMethodDecl();
          Method && Method->getIdentifier() && Method->getName() == "unlock")
        Unlocks += namedValue(Call->getImplicitObjectArgument()) == &Guard;
    return false;
  });
  return Uses == Unlocks;
}

/// Whether another declaration shares the type as written of \p D
/// (`std::mutex a, b;`), which a rewrite of that type would change too.
bool sharesTypeSpelling(const DeclaratorDecl &D) {
  const SourceLocation Type = D.getTypeSpecStartLoc();
  return llvm::any_of(D.getDeclContext()->decls(), [&](const Decl *Other) {
    const auto *Declarator = dyn_cast<DeclaratorDecl>(Other);
    return Declarator && Declarator != &D &&
           Declarator->getTypeSpecStartLoc() == Type;
  });
}

/// \p D when a fix-it can rewrite its type as written: a variable or a
/// member of a class that is not a template, declared on its own in the main
/// file as one of \p Types (qualified names, no qualifiers or references).
const DeclaratorDecl *
retypableDeclaration(const ValueDecl *D, llvm::ArrayRef<llvm::StringRef> Types,
                     const SourceManager &SM) {
  const auto *Declaration = dyn_cast_or_null<DeclaratorDecl>(D);
  const CXXRecordDecl *Type =
      Declaration ? Declaration->getType()->getAsCXXRecordDecl() : nullptr;
  if (!Type || Declaration->getType().hasQualifiers() ||
      !llvm::is_contained(Types, Type->getQualifiedNameAsString()) ||
      !Declaration->getTypeSourceInfo() || Declaration->isTemplated() ||
      (isa<FieldDecl>(Declaration) &&
       cast<CXXRecordDecl>(Declaration->getDeclContext())
           ->isDependentContext()) ||
      !SM.isInMainFile(Declaration->getLocation()) ||
      inMacro(Declaration->getSourceRange()) ||
      sharesTypeSpelling(*Declaration))
    return nullptr;
  return Declaration;
}

} // namespace

std::vector<FixItHint>
BlockingCallInCoroutineCheck::asyncMutexFix(const FunctionDecl &Coroutine,
                                            const LockAcquisition &Lock,
                                            const Stmt &Body, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const DeclStmt *Statement = Lock.GuardDeclaration;
  if (!Statement || !Runtime.reachable() ||
      taskFlavour(Coroutine.getReturnType()) != Runtime.flavour() ||
      Coroutine.getTemplateInstantiationPattern() ||
      Coroutine.isDependentContext() || inMacro(Statement->getSourceRange()) ||
      !SM.isInMainFile(Statement->getBeginLoc()))
    return {};
  const auto *Guard = cast<VarDecl>(Statement->getSingleDecl());
  // The mutex is locked here only.
  const auto *Mutex =
      retypableDeclaration(namedValue(Lock.GuardedMutex), {"std::mutex"}, SM);
  if (!Mutex || !onlyUnlocked(*Guard, Body) ||
      usesOf(*Mutex, Ctx).References.size() != 1)
    return {};
  const std::string MutexText =
      Lexer::getSourceText(
          CharSourceRange::getTokenRange(Lock.GuardedMutex->getSourceRange()),
          SM, Ctx.getLangOpts())
          .str();
  return {
      FixItHint::CreateReplacement(
          Mutex->getTypeSourceInfo()->getTypeLoc().getSourceRange(),
          runtime::Mutex.Name),
      FixItHint::CreateReplacement(
          CharSourceRange::getCharRange(Statement->getBeginLoc(),
                                        Statement->getEndLoc()),
          ("auto " + Guard->getName() + " = co_await " + MutexText + ".lock()")
              .str())};
}

std::vector<FixItHint> BlockingCallInCoroutineCheck::asyncConditionFix(
    const CallExpr &Call, const Stmt *Parent, ASTContext &Ctx) const {
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Wait = dyn_cast<CXXMemberCallExpr>(&Call);
  const FunctionDecl *Coroutine = enclosingCoroutine(Call, Ctx);
  if (!Wait || !Coroutine || Wait->getMethodDecl()->getName() != "wait" ||
      Wait->getNumArgs() != 2 || !isa_and_nonnull<CompoundStmt>(Parent))
    return {};
  // tether::condition is for coroutines on one executor: every other use
  // must be in a coroutine of the runtime's Asio too, or a thread would be
  // left waiting on, or notifying, what it can no longer reach.
  auto InRuntimeCoroutine = [&](const Expr &Use) {
    const FunctionDecl *User = enclosingCoroutine(Use, Ctx);
    return User && taskFlavour(User->getReturnType()) == Runtime.flavour();
  };
  const DeclaratorDecl *Condition = retypableDeclaration(
      namedValue(Wait->getImplicitObjectArgument()),
      {"std::condition_variable", "std::condition_variable_any"}, SM);
  if (!Condition)
    return {};
  const Uses ConditionUses = usesOf(*Condition, Ctx);
  if (ConditionUses.References.size() != ConditionUses.MemberCalls.size())
    return {};
  std::vector<FixItHint> Fix;
  for (const CXXMemberCallExpr *Use : ConditionUses.MemberCalls) {
    if (Use == Wait)
      continue;
    const CXXMethodDecl *Method = Use->getMethodDecl();
    const auto *Callee = dyn_cast<MemberExpr>(Use->getCallee());
    if (!Method || !Method->getIdentifier() || !Callee ||
        Callee->getMemberLoc().isMacroID() || !InRuntimeCoroutine(*Use))
      return {};
    // Every waiter checks its own predicate, so waking them all is what
    // waking one of them was.
    if (Method->getName() == "notify_one")
      Fix.push_back(
          FixItHint::CreateReplacement(Callee->getMemberLoc(), "notify_all"));
    else if (Method->getName() != "notify_all")
      return {};
  }

  // The waiter's lock guards nothing once no other thread can run: it goes,
  // when the wait is its only use and every use of its mutex is in such a
  // coroutine.
  const auto *Lock = dyn_cast_or_null<VarDecl>(namedValue(Wait->getArg(0)));
  const CXXRecordDecl *LockType =
      Lock ? Lock->getType()->getAsCXXRecordDecl() : nullptr;
  const DeclStmt *LockStatement = nullptr;
  anyStmt(Coroutine->getBody(), [&](const Stmt &S) {
    const auto *Declaration = dyn_cast<DeclStmt>(&S);
    if (Declaration && Declaration->isSingleDecl() &&
        Declaration->getSingleDecl() == Lock)
      LockStatement = Declaration;
    return LockStatement != nullptr;
  });
  const auto *Locking =
      Lock && Lock->getInit()
          ? dyn_cast<CXXConstructExpr>(skipParensAndImplicit(Lock->getInit()))
          : nullptr;
  const ValueDecl *Mutex = Locking && Locking->getNumArgs() == 1
                               ? namedValue(Locking->getArg(0))
                               : nullptr;
  if (!LockStatement || !LockType || !Mutex ||
      LockType->getQualifiedNameAsString() != "std::unique_lock" ||
      inMacro(LockStatement->getSourceRange()) ||
      !SM.isInMainFile(LockStatement->getBeginLoc()) ||
      usesOf(*Lock, Ctx).References.size() != 1 ||
      !llvm::all_of(usesOf(*Mutex, Ctx).References,
                    [&](const Expr *Use) { return InRuntimeCoroutine(*Use); }))
    return {};

  Fix.push_back(FixItHint::CreateReplacement(
      Condition->getTypeSourceInfo()->getTypeLoc().getSourceRange(),
      runtime::Condition.Name));
  Fix.push_back(
      FixItHint::CreateRemoval(removalOfStatement(*LockStatement, Ctx)));
  Fix.push_back(FixItHint::CreateInsertion(Wait->getBeginLoc(), "co_await "));
  Fix.push_back(FixItHint::CreateRemoval(CharSourceRange::getCharRange(
      Wait->getArg(0)->getBeginLoc(), Wait->getArg(1)->getBeginLoc())));
  return Fix;
}

void BlockingCallInCoroutineCheck::reportLocks(const FunctionDecl &Coroutine,
                                               const Stmt &Body,
                                               ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const LockAcquisition &Lock :
       findLockAcquisitions(Coroutine, Body, MutexTypes, LockGuardTypes, Ctx)) {
    if (!Reported.insert(Lock.Loc).second)
      continue;
    if (Lock.HeldAcross) {
      diag(Lock.Loc, "%select{mutex|mutexes}1 '%0' %select{is|are}1 held "
                     "across a suspension point: every thread that wants "
                     "%select{it|them}1 blocks until the coroutine resumes, "
                     "which may be on another thread; unlock before "
                     "suspending or use an async mutex such as '%2'")
          << Lock.Mutex << (Lock.Mutexes > 1) << runtime::Mutex.Name;
      diag(SM.getExpansionLoc(Lock.HeldAcross->getBeginLoc()),
           "the coroutine suspends here with '%0' locked", DiagnosticIDs::Note)
          << Lock.Mutex;
      if (std::vector<FixItHint> Fix =
              asyncMutexFix(Coroutine, Lock, Body, Ctx);
          !Fix.empty()) {
        auto Note = diag(Lock.Loc,
                         "make '%0' a '%1' and await its lock: waiting for it "
                         "suspends the coroutine, not its thread",
                         DiagnosticIDs::Note)
                    << Lock.Mutex << runtime::Mutex.Name << Fix;
        Runtime.addInclude(Note, Lock.Loc, runtime::Mutex, SM);
      }
    } else if (StrictLocking) {
      diag(Lock.Loc, "blocking lock of %select{mutex|mutexes}1 '%0' in a "
                     "coroutine: the thread stalls while another holder has "
                     "%select{it|them}1; use an async mutex such as '%2'")
          << Lock.Mutex << (Lock.Mutexes > 1) << runtime::Mutex.Name;
    }
  }
}

} // namespace clang::tidy::tether
