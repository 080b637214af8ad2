// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- SwallowedExceptionCheck.h - tether -------------------------------===//

#ifndef TETHER_CHECKS_SWALLOWEDEXCEPTIONCHECK_H
#define TETHER_CHECKS_SWALLOWEDEXCEPTIONCHECK_H

#include "utils/AsyncCheck.h"
#include "utils/EnclosingCallables.h"
#include "utils/RuntimeFixes.h"
#include "utils/StmtPaths.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::tether {

/// Finds errors and cancellations that vanish: empty handlers in coroutines,
/// in completion handlers and around code that takes a task's result;
/// handlers that catch a coroutine's cancellation and carry on with more
/// async work; empty `promise_type::unhandled_exception()`; completion
/// handlers that ignore the `std::exception_ptr` they receive.
///
/// For the user-facing documentation see
/// docs/checks/async-swallowed-exception.md
class SwallowedExceptionCheck : public AsyncCheck {
public:
  SwallowedExceptionCheck(StringRef Name, ClangTidyContext *Context);
  /// How a coroutine receives cancellation: the library of its type decides
  /// which exception carries it (Other: any of CancellationCatchingTypes).
  enum class Family { None, Asio, BoostAsio, Cppcoro, Folly, Other };

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11 && LangOpts.CXXExceptions;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void checkTry(const CXXTryStmt &Try, ASTContext &Ctx);
  void checkUnhandledException(const CXXMethodDecl &Method, ASTContext &Ctx);
  void checkHandlerArguments(const CallExpr &Call, ASTContext &Ctx);
  void checkIgnoredExceptionPtr(const CallExpr &Call, const Expr &Arg,
                                const FunctionDecl &Handler, ASTContext &Ctx);

  Family familyOf(const FunctionDecl &Coroutine) const;
  /// Whether \p Handler can catch the cancellation of a coroutine of \p Kind:
  /// `catch (...)`, or a listed type that is the family's cancellation
  /// exception or one of its bases.
  bool catchesCancellation(const CXXCatchStmt &Handler, Family Kind,
                           const ASTContext &Ctx) const;
  bool takesTaskResult(const Stmt &S) const;
  /// Whether \p S awaits, yields or starts async work; with \p CountJoins
  /// false, awaiting a scope's join (ScopeJoinFunctions) does not count.
  bool hasAsyncWork(const Stmt &S, bool CountJoins = true) const;
  /// Whether a cancellation can be thrown in \p S: it awaits or starts async
  /// work, or calls a function that throws on cancellation
  /// (throw_if_cancellation_requested).
  bool mayThrowCancellation(const Stmt &S) const;
  /// Whether the comments of an empty block carry an intent marker.
  bool isMarkedIntentional(const CompoundStmt &Block,
                           const SourceManager &SM) const;
  /// Records \p Loc as reported; false if it already was (a template and
  /// its instantiations share their locations).
  bool firstReport(SourceLocation Loc) { return Reported.insert(Loc).second; }

  const bool OnlyInCoroutines;
  const std::vector<StringRef> IgnoreCatchWithKeywords;
  const NameListOption CancellationAwareTaskTypes;
  const NameListOption CancellationCatchingTypes;
  const NameListOption TaskResultFunctions;
  const NameListOption CompletionHandlerFunctions;
  const NameListOption ScopeJoinFunctions;
  const NameListOption FireAndForgetTypes;
  RuntimeFixes Runtime;
  /// Lambdas written as the completion handler argument of a call.
  llvm::DenseSet<const FunctionDecl *> CompletionHandlers;
  /// Promise types of the coroutines of the translation unit, and the
  /// empty unhandled_exception() of promises defined in the main file, which
  /// no other translation unit can use: reported when a coroutine uses them.
  llvm::DenseSet<const CXXRecordDecl *> UsedPromises;
  std::vector<const CXXMethodDecl *> UnhandledInMainFile;
  ASTContext *AST = nullptr;
  llvm::DenseSet<SourceLocation> Reported;
  /// The path from a function's body to each try statement in it.
  StmtPaths Paths;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_SWALLOWEDEXCEPTIONCHECK_H
