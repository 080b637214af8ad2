// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- MissingTimeoutCheck.h - tether -----------------------------------===//

#ifndef TETHER_CHECKS_MISSINGTIMEOUTCHECK_H
#define TETHER_CHECKS_MISSINGTIMEOUTCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/Facts.h"
#include "utils/RuntimeFixes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang::tidy::tether {

/// Finds `co_await`s of external I/O (socket, stream, resolver and channel
/// operations, Beast's streams) that no deadline bounds: a peer that stops
/// answering suspends the coroutine forever.
///
/// For the user-facing documentation see docs/checks/async-missing-timeout.md
class MissingTimeoutCheck : public AsyncCheck {
public:
  MissingTimeoutCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  class BodyWalker;

  /// A co_await of I/O that nothing in its coroutine bounds. Reported at the
  /// end of the translation unit, unless every call of the coroutine there
  /// turns out to be bounded.
  struct Finding {
    const CoawaitExpr *Await;
    const CallExpr *Operation;
    const FunctionDecl *Coroutine;
    /// The operation's stream had its deadline disarmed earlier in the
    /// coroutine: a deadline its callers armed no longer holds.
    bool StreamDisarmed;
    /// The coroutine had not registered its object yet (with a watchdog's
    /// list, which then cannot close the stream yet).
    bool BeforeRegistration;
    /// The coroutine had closed the stream itself: what a watchdog's close
    /// was to end has ended, and what follows is a teardown.
    bool AfterOwnClose;
  };
  /// A call of a coroutine, or a use that lets it be called elsewhere (its
  /// address taken, its closure passed on).
  struct CallSite {
    const FunctionDecl *Caller; // null outside any function
    bool Bounded;
    /// Coroutines of other translation units raced against the call, which
    /// bound it if they wait on a timer (tether check only).
    std::vector<TimerRival> Rivals = {};
  };

  /// Reads the bodies of \p Callable: its awaits and the coroutines it calls.
  void walk(const FunctionDecl &Callable);
  bool isIO(const CallExpr &Call) const;
  bool isTimerWait(const Expr *E) const;
  bool isCoroutineCached(const FunctionDecl &FD);
  /// Whether \p Callee, defined in another translation unit, may be a
  /// coroutine whose calls there matter (tether check only).
  bool mayBeCoroutineElsewhere(const FunctionDecl &Callee) const;
  /// Records the calls of coroutines of this translation unit for the
  /// others, each bounded if \p Bounded makes it so.
  void recordCalls(const llvm::DenseSet<const FunctionDecl *> &Bounded) const;
  /// Records \p Site, a call of \p Callee, raced also against
  /// \p InnerRivals; a site in a lambda stands for the sites of the lambda,
  /// through at most MaxLambdaNesting lambdas.
  void recordSite(const FunctionDecl &Callee, const std::string &CalleeUSR,
                  const CallSite &Site, llvm::ArrayRef<TimerRival> InnerRivals,
                  const llvm::DenseSet<const FunctionDecl *> &Bounded,
                  TranslationUnitFacts &Learned,
                  unsigned LambdaDepth = 0) const;
  static constexpr unsigned MaxLambdaNesting = 4;
  /// Whether \p E calls a coroutine of the translation unit that awaits a
  /// timer (and, with \p MustFail, throws): raced against an operation, it
  /// is the operation's deadline.
  bool isWatchdog(const Expr *E, bool MustFail);
  /// Whether \p Definition is a coroutine of the program that awaits a
  /// timer wait, and if so whether it throws; nullopt when it is not.
  std::optional<bool> waitsOnTimer(const FunctionDecl &Definition);
  /// Records, for the other translation units, that \p Callable is a
  /// coroutine that waits on a timer.
  void recordTimerCoroutine(const FunctionDecl &Callable);
  /// Whether a deadline covers what the arguments of \p Call compute: a
  /// timeout wrapper, a race against a timer or a watchdog, a helper whose
  /// body races its operand against a timer.
  bool boundsOperands(const CallExpr &Call);
  /// The coroutines of other translation units raced against the arguments
  /// of \p Call, whose facts may make it a deadline (tether check only).
  std::vector<TimerRival> rivalsElsewhere(const CallExpr &Call) const;
  bool racesAgainstTimer(const FunctionDecl &Helper);
  /// Whether a completion token argument of \p Operation carries a
  /// cancellation binder.
  bool hasCancellationBinder(const CallExpr &Operation) const;
  /// The variable or member that names the stream \p E is, seen through
  /// layer accessors (get_lowest_layer, next_layer).
  const ValueDecl *streamOf(const Expr *E) const;
  /// Notes a connect to an acceptor's own `local_endpoint()` or to a
  /// constant port of this host, and the sockets an acceptor accepts
  /// (\p Accepted, when the call's value is one).
  void noteLoopback(const CallExpr &Call, const ValueDecl *Accepted = nullptr);
  /// The streams a call of a helper in view (no coroutine) arms a deadline
  /// on: its arguments for the parameters its body arms
  /// (`in_request_timeout(stream)`), the streams a lambda arms that it
  /// captures (`arm()`).
  llvm::SmallVector<const ValueDecl *, 2> streamsArmedBy(const CallExpr &Call);
  /// Notes what a watchdog's call closes (\p Call, in a loop that sleeps or
  /// waits on a timer, or in a coroutine after its timer fired): the member
  /// streams it closes, itself or through the functions in view it calls,
  /// are watched; the functions out of view it reaches go to the facts.
  void noteWatchdogCall(const CallExpr &Call);
  /// Notes the calls of the loops of \p Callable that sleep or wait on a
  /// timer: a thread or a coroutine that wakes up now and then to close what
  /// has been idle too long.
  void noteWatchdogs(const FunctionDecl &Callable);
  /// A timer whose pending completion handler closes a stream when it fires.
  struct TimerGuard {
    const ValueDecl *Timer;
    const ValueDecl *Stream;
  };
  /// The guards \p Call installs: a timer wait with such a handler, or a
  /// call of a lambda or a helper in view that makes one on what is outside
  /// it.
  llvm::SmallVector<TimerGuard, 1> timerGuardsOf(const CallExpr &Call);
  /// The definition of the function \p Call calls when it is a helper of the
  /// program in view (no coroutine), whose body the call can be read
  /// through; null otherwise.
  const FunctionDecl *helperInView(const CallExpr &Call);
  /// What \p Function closes: the member streams it closes, itself or
  /// through the functions in view it calls, and the functions out of view
  /// it calls.
  struct Closes {
    llvm::SmallVector<const ValueDecl *, 2> Streams;
    llvm::SmallVector<const FunctionDecl *, 2> OutOfView;
  };
  const Closes &closesOf(const FunctionDecl &Function);
  /// Adds to \p Into what \p Call closes: the member stream it closes
  /// itself, what the function in view it calls closes, or that function,
  /// when it is out of view.
  void addCloses(const CallExpr &Call, Closes &Into);
  /// Whether the object of \p Coroutine is registered (with a watchdog's
  /// list) after what it awaits before its own registration: by the
  /// coroutine itself later, or by a coroutine that calls it before
  /// registering (a connect the request coroutine awaits first), through
  /// \p Depth such calls.
  bool registersLater(const FunctionDecl &Coroutine,
                      unsigned Depth = MaxRegistrationDepth) const;
  static constexpr unsigned MaxRegistrationDepth = 4;
  /// Whether \p Call closes or cancels the stream it is called on
  /// (StreamCloseFunctions, or a wrapper's member that calls one: actsAs).
  bool closesStream(const CXXMemberCallExpr &Call) const;
  /// Whether a watchdog closes \p Stream, in this translation unit or, by the
  /// facts, in another.
  bool isWatched(const ValueDecl *Stream) const;
  /// Records, for the other translation units, the member streams
  /// \p Callable closes.
  void recordStreamCloses(const FunctionDecl &Callable);
  /// Whether \p Visitor, the visitor of a `visit` call, a lambda, calls a
  /// function of \p List on the alternative it is given (or one that acts
  /// as such a function, unless \p ListedOnly): arms a deadline on it,
  /// closes it.
  bool visitorCalls(const Expr *Visitor, const NameList &List,
                    bool ListedOnly = false) const;
  /// Whether calling \p Called on a stream does what a function of \p List
  /// does: it is listed, or it is a member of the project's own stream
  /// wrapper whose body calls a listed function on the stream the wrapper
  /// holds (`void expires_after(d) { impl_->expires_after(d); }`).
  bool actsAs(const NamedDecl &Called, const NameList &List) const;
  /// Notes the constant port the acceptor \p Var is made to listen on.
  void noteListeningAcceptor(const VarDecl &Var);
  /// The sockets whose peer is this program: connected to an acceptor of
  /// the translation unit, or accepted from one a socket connects to.
  llvm::DenseSet<const ValueDecl *> loopbackSockets() const;
  /// Whether \p Init mentions one of the process's standard streams
  /// (`STDIN_FILENO`, `stdin`, ...): what it makes reads or writes the
  /// terminal, not a peer.
  bool mentionsStandardStream(const Expr &Init) const;
  /// Notes the streams \p Call hands to the parameters of its callee, and
  /// which of them have a deadline armed (in \p Armed) at the call.
  void noteStreamArguments(const CallExpr &Call,
                           const llvm::DenseSet<const ValueDecl *> &Armed);
  /// The streams on the process's standard streams: variables made from
  /// one, and parameters that every call of the translation unit gives one.
  llvm::DenseSet<const ValueDecl *> standardStreams() const;
  /// The channel parameters of coroutines that every call of the
  /// translation unit gives a channel the program made (a local of the
  /// caller), and that nothing else uses: the peer is the program's code.
  llvm::DenseSet<const ValueDecl *> channelsFromCallers() const;
  /// Whether every call of the translation unit passes parameter \p Stream
  /// of \p Coroutine a stream whose deadline is armed, and nothing else
  /// uses the coroutine: a Beast stream keeps the deadline its caller set.
  bool armedByEveryCaller(const ValueDecl *Stream,
                          const FunctionDecl &Coroutine) const;
  /// Whether \p Stream is a channel member that only its class's code
  /// touches: not public, and every use a call of one of its members (never
  /// passed, returned or bound to a reference).
  bool isPrivateChannel(const ValueDecl *Stream);
  /// Gives each coroutine lambda stored in a callable data member the
  /// calls of that member as its own: all of them when the member's class
  /// is of the main file, an unknown one otherwise.
  void addStoredLambdaCalls();
  void report(const Finding &Found, ASTContext &Ctx);

  const std::string DefaultTimeout;
  const NameListOption IOFunctions;
  const NameListOption TimerFunctions;
  const NameListOption TimeoutWrappers;
  const NameListOption RaceFunctions;
  const NameListOption CancellationBinders;
  const NameListOption CancellationEmitters;
  const NameListOption StreamCloseFunctions;
  const NameListOption SleepFunctions;
  const NameListOption StreamDeadlineFunctions;
  const NameListOption StreamDeadlineResets;
  const NameListOption StreamTimeoutOptionTypes;
  const NameListOption StreamLayerFunctions;
  const NameListOption DeadlineScopeTypes;
  RuntimeFixes Runtime;
  ASTContext *AST = nullptr; // of the translation unit being checked

  llvm::DenseSet<const FunctionDecl *> Walked;
  std::vector<Finding> Findings;
  /// Member streams that a watchdog of the translation unit closes (a loop
  /// that sleeps or waits on a timer, a coroutine once its timer has fired):
  /// what is pending on them ends then.
  llvm::DenseSet<const ValueDecl *> WatchedMembers;
  llvm::DenseMap<const FunctionDecl *, Closes> ClosingFunctions;
  /// For each coroutine, the functions that call it before they have
  /// registered their object.
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<const FunctionDecl *, 2>>
      CalledBeforeRegistration;
  /// What each helper of the translation unit arms a deadline on, in its
  /// own names.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const ValueDecl *, 2>>
      ArmingHelpers;
  /// Which wrapper members (actsAs) act as a function of which list.
  mutable llvm::DenseMap<std::pair<const FunctionDecl *, const NameList *>,
                         bool>
      WrapperMembers;
  /// The timer guards each helper of the translation unit installs.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<TimerGuard, 1>>
      GuardingHelpers;
  llvm::DenseMap<const FunctionDecl *, std::vector<CallSite>> CallSites;
  /// The calls of each callable data member (a `std::function` member).
  llvm::DenseMap<const FieldDecl *, std::vector<CallSite>> MemberCallSites;
  /// The coroutine lambdas stored in each callable data member: called
  /// where the member is called.
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const FunctionDecl *, 2>>
      StoredInMember;
  llvm::DenseMap<const FunctionDecl *, bool> Coroutines;
  llvm::DenseMap<const FunctionDecl *, bool> RacingHelpers;
  /// waitsOnTimer's answers.
  llvm::DenseMap<const FunctionDecl *, std::optional<bool>> TimerCoroutines;
  llvm::DenseSet<const ValueDecl *> SelfConnectedAcceptors;
  llvm::DenseSet<const ValueDecl *> SelfConnectedSockets;
  /// The acceptors made to listen on each constant port.
  llvm::DenseMap<uint64_t, llvm::SmallVector<const ValueDecl *, 1>>
      ListeningPorts;
  /// The sockets connected to a constant port of this host.
  std::vector<std::pair<const ValueDecl *, uint64_t>> ConnectedPorts;
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const ValueDecl *, 2>>
      AcceptedFrom;
  /// Streams made from a socket (`ssl_stream s(std::move(sock), ctx)`).
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const ValueDecl *, 2>>
      MadeFrom;
  /// Variables made from a standard stream (`stream_descriptor
  /// in(ex, ::dup(STDIN_FILENO))`).
  llvm::DenseSet<const ValueDecl *> MadeFromStandardStream;
  /// What the calls of the translation unit pass to each parameter: the
  /// stream variable, or null for anything else.
  llvm::DenseMap<const ParmVarDecl *, llvm::SmallVector<const ValueDecl *, 2>>
      PassedTo;
  /// For each parameter, whether each call gave it a stream with an armed
  /// deadline.
  llvm::DenseMap<const ParmVarDecl *, llvm::SmallVector<bool, 2>> ArmedAtCall;
  /// Stream members given a timeout option by a function of their class: the
  /// option is a setting of the stream, kept for every later operation.
  llvm::DenseSet<const ValueDecl *> TimeoutOptionMembers;
  llvm::DenseMap<const ValueDecl *, bool> PrivateChannels;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_MISSINGTIMEOUTCHECK_H
