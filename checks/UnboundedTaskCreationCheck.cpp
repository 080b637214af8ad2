// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- UnboundedTaskCreationCheck.cpp - tether --------------------------===//

#include "UnboundedTaskCreationCheck.h"
#include "utils/AsioAwaitable.h"
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
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::tether {
namespace {

constexpr llvm::StringLiteral DefaultLimiterFunctions =
    "::tether::semaphore::acquire;::tether::semaphore::try_acquire;"
    "::std::counting_semaphore::acquire;::std::counting_semaphore::try_acquire;"
    "::std::counting_semaphore::try_acquire_for;"
    "::std::counting_semaphore::try_acquire_until;"
    "::[^:]*([Ss]emaphore|[Ll]imiter)[^:]*::(try_)?(acquire|lock)(_for|_until)?"
    "$;"
    "::tether::channel::send;::asio::experimental::basic_channel::async_send;"
    "::asio::experimental::basic_concurrent_channel::async_send;"
    "::boost::asio::experimental::basic_channel::async_send;"
    "::boost::asio::experimental::basic_concurrent_channel::async_send;"
    "::boost::cobalt::wait_group::wait_one";
constexpr llvm::StringLiteral DefaultBoundedHelpers =
    "::tether::for_each_bounded;::seastar::max_concurrent_for_each";
constexpr llvm::StringLiteral DefaultConcurrencyLimitFunctions =
    "::std::thread::hardware_concurrency;::std::jthread::hardware_concurrency;"
    "max_concurrency_level;::cppcoro::static_thread_pool::thread_count;"
    "::coro::thread_pool::thread_count";

std::string defaultJoinFunctions() {
  return (llvm::Twine(sync::HandleWaits) + ";" + sync::FreeFunctionWaits).str();
}

std::string defaultSpawnFunctions() {
  return (llvm::Twine(spawn::DetachedStartFunctions) + ";" +
          spawn::DetachMembers + ";" + spawn::ScopeSpawnFunctions + ";" +
          spawn::GroupForkFunctions)
      .str();
}

/// The longest loop header or range a message quotes.
constexpr size_t MaxQuotedLength = 40;

bool isNamed(const NamedDecl *ND, llvm::StringRef Identifier,
             llvm::StringRef QualifiedName) {
  return ND && ND->getIdentifier() && ND->getName() == Identifier &&
         templateFreeQualifiedName(*ND) == QualifiedName;
}

bool isStdThread(const CXXRecordDecl *Record) {
  return isNamed(Record, "thread", "::std::thread") ||
         isNamed(Record, "jthread", "::std::jthread");
}

/// Whether \p Container is a built-in array of threads or a container class
/// template whose first argument is a thread (`std::vector<std::thread>`).
bool holdsThreads(QualType Container) {
  if (const ArrayType *Array = Container->getAsArrayTypeUnsafe())
    return isStdThread(Array->getElementType()->getAsCXXRecordDecl());
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Container->getAsCXXRecordDecl());
  const TemplateArgumentList *Args = Spec ? &Spec->getTemplateArgs() : nullptr;
  return Args && Args->size() > 0 &&
         (*Args)[0].getKind() == TemplateArgument::Type &&
         isStdThread((*Args)[0].getAsType()->getAsCXXRecordDecl());
}

/// The arguments a spawn, a call or a thread's construction, is given.
llvm::ArrayRef<const Expr *> arguments(const Expr &Spawn) {
  if (const auto *Call = dyn_cast<CallExpr>(&Spawn))
    return llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Spawn))
    return llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
  return {};
}

const VarDecl *referencedVar(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(peel(E));
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// Whether calling \p Callee starts work: it is a coroutine, or what it
/// returns comes from a call that does. A function that returns a task it
/// builds from state it holds (concurrencpp's `result_promise::get_result()`)
/// starts nothing. Followed through \p Depth non-coroutine bodies in view;
/// past them, and for a body out of view, the answer is yes.
bool startsWork(const FunctionDecl *Callee, unsigned Depth = 4) {
  if (!Callee || Depth == 0)
    return true;
  const FunctionDecl *Definition = Callee->getDefinition();
  if (!Definition || !Definition->getBody() || isCoroutine(*Definition))
    return true;
  // What a return statement hands back: the call that made it, through a
  // local it was kept in.
  auto MadeByWork = [&](const Expr *Value) {
    Value = peel(Value);
    if (const VarDecl *Var = referencedVar(Value);
        Var && Var->hasLocalStorage() && Var->getInit())
      Value = peel(Var->getInit());
    const auto *Call = dyn_cast_or_null<CallExpr>(Value);
    return Call && !isa<CXXOperatorCallExpr>(Call) &&
           startsWork(dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()),
                      Depth - 1);
  };
  return anyStmt(Definition->getBody(), [&](const Stmt &S) {
    const auto *Return = dyn_cast<ReturnStmt>(&S);
    return Return && Return->getRetValue() && MadeByWork(Return->getRetValue());
  });
}

/// How many bodies a call in a loop is followed through to find a spawn.
constexpr unsigned MaxHelperDepth = 4;

/// Visits, in order, the expression statements that run each time \p S
/// runs: those of its blocks and try blocks, not under a condition or in a
/// loop. Stops when \p Visit returns true, and returns whether it did.
bool findUnconditional(const Stmt *S,
                       llvm::function_ref<bool(const Expr &)> Visit) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return llvm::any_of(Block->body(), [&](const Stmt *Child) {
      return findUnconditional(Child, Visit);
    });
  if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(S))
    return findUnconditional(Try->getTryBlock(), Visit);
  if (const auto *Attributed = dyn_cast_or_null<AttributedStmt>(S))
    return findUnconditional(Attributed->getSubStmt(), Visit);
  const auto *E = dyn_cast_or_null<Expr>(S);
  return E && Visit(*peel(E));
}

std::optional<int64_t> constantValue(const Expr *E, const ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->containsErrors())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Ctx) || !Result.Val.isInt() ||
      Result.Val.getInt().getSignificantBits() > 63)
    return std::nullopt;
  return Result.Val.getInt().getSExtValue();
}

/// The value \p Var starts a loop with: its initializer in the for-init, or
/// where it is declared.
std::optional<int64_t> startValue(const VarDecl &Var, const Stmt *Init,
                                  const ASTContext &Ctx) {
  if (const auto *Decls = dyn_cast_or_null<DeclStmt>(Init))
    for (const Decl *D : Decls->decls())
      if (D == &Var)
        return constantValue(Var.getInit(), Ctx);
  if (std::optional<Assignment> Assign =
          Init ? assignmentOf(*Init) : std::nullopt;
      Assign && Assign->Plain && referencedVar(Assign->Target) == &Var)
    return constantValue(Assign->Value, Ctx);
  return constantValue(Var.getInit(), Ctx);
}

/// The number of elements of \p Var when it is a local container made from a
/// braced list (`std::vector<std::string> urls = {"a", "b", "c"}`) that its
/// function never changes: every use reads it (a const member, an element,
/// an iterator, a range-for, a copy).
std::optional<uint64_t> constantContainerSize(const VarDecl *Var) {
  const auto *Owner = Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
                              !Var->getType()->isReferenceType() &&
                              Var->getType()->isRecordType()
                          ? dyn_cast<FunctionDecl>(Var->getDeclContext())
                          : nullptr;
  if (!Owner || !Owner->getBody() || !Var->getInit())
    return std::nullopt;
  const Expr *Init = Var->getInit()->IgnoreImplicit();
  // The list, and the allocator an initializer_list constructor defaults.
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
      Construct && Construct->getNumArgs() > 0 &&
      llvm::all_of(llvm::drop_begin(Construct->arguments()),
                   [](const Expr *Arg) { return isa<CXXDefaultArgExpr>(Arg); }))
    Init = Construct->getArg(0)->IgnoreImplicit();
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(Init))
    Init = List->getSubExpr()->IgnoreImplicit();
  const auto *List = dyn_cast<InitListExpr>(Init);
  if (!List)
    return std::nullopt;
  ASTContext &Ctx = Owner->getASTContext();
  auto ReadOnly = [&](const DeclRefExpr &Use) {
    DynTypedNodeList Above = Ctx.getParents(Use);
    const Expr *Parent = Above.empty() ? nullptr : Above[0].get<Expr>();
    while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(Parent)) {
      Above = Ctx.getParents(*Parent);
      Parent = Above.empty() ? nullptr : Above[0].get<Expr>();
    }
    if (!Parent) { // a range-for's range: its hidden `__range` refers to it
      const auto *Declared = Above.empty() ? nullptr : Above[0].get<VarDecl>();
      return Declared && Declared->isImplicit();
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
      return Method &&
             (Method->isConst() || (Method->getIdentifier() &&
                                    llvm::is_contained({"begin", "end", "front",
                                                        "back", "at", "data"},
                                                       Method->getName())));
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Parent))
      return Op->getOperator() == OO_Subscript;
    if (const auto *Copy = dyn_cast<CXXConstructExpr>(Parent))
      return Copy->getConstructor()->isCopyConstructor();
    return false;
  };
  const bool Changed = anyStmt(
      Owner->getBody(),
      [&](const Stmt &S) {
        const auto *Use = dyn_cast<DeclRefExpr>(&S);
        return Use && Use->getDecl() == Var && !ReadOnly(*Use);
      },
      /*IntoLambdas=*/true);
  if (Changed)
    return std::nullopt;
  return List->getNumInits();
}

/// The values the statements just before \p Loop in its block give the
/// variable or member \p Named names: the last plain assignment among them
/// that runs whenever they do (`total = config.get_thread_num();`), and each
/// assignment or compound assignment after it, which may run under a
/// condition (`if (total < 8) total = 8;`). Empty when there is no such
/// assignment, or something else writes it after it (`++total`).
llvm::SmallVector<const Expr *, 2>
valuesAssignedBefore(const Stmt &Loop, const Expr *Named, ASTContext &Ctx) {
  // `i < total` with an atomic `total` reads it through its conversion.
  if (const auto *Conversion = dyn_cast_or_null<CXXMemberCallExpr>(
          Named ? Named->IgnoreParenImpCasts() : nullptr);
      Conversion && isa<CXXConversionDecl>(Conversion->getMethodDecl()))
    Named = Conversion->getImplicitObjectArgument();
  const ValueDecl *Var = namedValue(Named);
  DynTypedNodeList Above = Ctx.getParents(Loop);
  const auto *Block = Above.empty() ? nullptr : Above[0].get<CompoundStmt>();
  if (!Var || !Block)
    return {};
  auto IsVar = [&](const Expr *E) { return E && namedValue(E) == Var; };
  // The value a write gives, and whether it replaces the old one.
  auto Assigned = [&](const Stmt &Write) -> std::pair<const Expr *, bool> {
    if (std::optional<Assignment> Assign = assignmentOf(Write);
        Assign && IsVar(Assign->Target))
      return {Assign->Value, Assign->Plain};
    return {nullptr, false};
  };
  llvm::SmallVector<const Expr *, 2> Values;
  auto Statements = llvm::reverse(
      llvm::make_range(Block->body_begin(), llvm::find(Block->body(), &Loop)));
  for (const Stmt *Previous : Statements) {
    if (const auto *Statement = dyn_cast<Expr>(Previous)) {
      auto [Value, Replaces] = Assigned(*Statement->IgnoreImplicit());
      if (Value && Replaces) {
        Values.push_back(Value);
        return Values;
      }
    }
    bool Unknown = false;
    anyStmt(Previous, [&](const Stmt &S) {
      if (!IsVar(writtenOperand(S)))
        return false;
      const Expr *Value = Assigned(S).first;
      if (Value)
        Values.push_back(Value);
      Unknown = !Value;
      return Unknown;
    });
    if (Unknown)
      return {};
  }
  return {};
}

/// The operands of the inequality \p Cond (`it != items.end()`), built in or
/// overloaded, the call of a member `end()` second if there is one; nulls
/// for any other condition.
std::pair<const Expr *, const Expr *> comparedOperands(const Expr *Cond) {
  const std::optional<Equality> Compared = equalityOf(Cond);
  if (!Compared || Compared->Equal)
    return {};
  std::pair<const Expr *, const Expr *> Operands{Compared->LHS, Compared->RHS};
  if (isa<CXXMemberCallExpr>(peel(Operands.first)))
    std::swap(Operands.first, Operands.second);
  return Operands;
}

/// Whether the condition \p Cond holds only when \p Flag does: it is the
/// flag, or a conjunction with it.
bool conditionRequires(const Expr *Cond, const ValueDecl &Flag) {
  Cond = Cond ? Cond->IgnoreParenImpCasts() : nullptr;
  if (const auto *And = dyn_cast_or_null<BinaryOperator>(Cond);
      And && And->getOpcode() == BO_LAnd)
    return conditionRequires(And->getLHS(), Flag) ||
           conditionRequires(And->getRHS(), Flag);
  return Cond && namedValue(Cond) == &Flag;
}

/// How often a loop with condition \p Cond can run when a compile-time
/// constant bounds it (`i < 8`, `n-- > 0` from a constant, `false`); none
/// when its trip count is not known at compile time.
std::optional<uint64_t> constantTripCount(const Expr *Cond, const Stmt *Init,
                                          const ASTContext &Ctx) {
  if (!Cond)
    return std::nullopt; // for (;;)
  if (Cond->containsErrors())
    return 1; // half-written code: claim nothing
  Cond = Cond->IgnoreParenImpCasts();
  if (std::optional<bool> Value = knownCondition(Cond, Ctx))
    return *Value ? std::nullopt : std::optional<uint64_t>(1);
  const auto *Op = dyn_cast<BinaryOperator>(Cond);
  if (!Op)
    return std::nullopt;
  if (Op->getOpcode() == BO_LAnd) {
    std::optional<uint64_t> Left = constantTripCount(Op->getLHS(), Init, Ctx);
    std::optional<uint64_t> Right = constantTripCount(Op->getRHS(), Init, Ctx);
    if (Left && Right)
      return std::min(*Left, *Right);
    return Left ? Left : Right;
  }
  if (!Op->isComparisonOp())
    return std::nullopt;
  BinaryOperatorKind Kind = Op->getOpcode();
  // A constant, or the size of a container made from a braced list and
  // never changed.
  auto BoundOf = [&](const Expr *E) -> std::optional<int64_t> {
    if (std::optional<int64_t> Value = constantValue(E, Ctx))
      return Value;
    const auto *Size = dyn_cast<CXXMemberCallExpr>(peel(E));
    const CXXMethodDecl *Method = Size ? Size->getMethodDecl() : nullptr;
    if (!Method || !Method->getIdentifier() || Method->getName() != "size")
      return std::nullopt;
    return constantContainerSize(
        referencedVar(Size->getImplicitObjectArgument()));
  };
  const VarDecl *Var = referencedVar(Op->getLHS());
  std::optional<int64_t> Bound = BoundOf(Op->getRHS());
  if (!Var || !Bound) {
    Var = referencedVar(Op->getRHS());
    Bound = BoundOf(Op->getLHS());
    Kind = BinaryOperator::reverseComparisonOp(Kind);
  }
  if (!Var || !Bound || !Var->getType()->isIntegerType())
    return std::nullopt;
  const std::optional<int64_t> Start = startValue(*Var, Init, Ctx);
  auto Count = [](int64_t From, int64_t To) -> uint64_t {
    return To > From ? static_cast<uint64_t>(To) - From : 0;
  };
  switch (Kind) {
  case BO_LT: // counting up from a start that is not known is taken as 0
    return Count(Start.value_or(0), *Bound);
  case BO_LE:
    return Count(Start.value_or(0), *Bound) + 1;
  case BO_GT:
    return Start ? std::optional<uint64_t>(Count(*Bound, *Start))
                 : std::nullopt;
  case BO_GE:
    return Start ? std::optional<uint64_t>(Count(*Bound, *Start) + 1)
                 : std::nullopt;
  case BO_NE:
    return Start ? std::optional<uint64_t>(
                       std::max(Count(*Start, *Bound), Count(*Bound, *Start)))
                 : std::nullopt;
  default:
    return std::nullopt;
  }
}

/// How many values `std::views::iota(From, To)` or `std::ranges::iota_view(
/// From, To)`, the range \p Range, counts when both bounds are compile-time
/// constants; none otherwise (an unbounded `iota(0)`, a bound from input).
std::optional<uint64_t> iotaTripCount(const Expr &Range,
                                      const ASTContext &Ctx) {
  if (!isNamed(Range.getType()->getAsCXXRecordDecl(), "iota_view",
               "::std::ranges::iota_view"))
    return std::nullopt;
  // The bounds are the last two arguments: of the view's constructor, or of
  // the call of `views::iota`, a function object (its object comes first).
  llvm::SmallVector<const Expr *, 3> Args;
  const Expr *Made = Range.IgnoreImplicit();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Made))
    Made = Cast->getSubExpr()->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Made))
    Args.append(Construct->arg_begin(), Construct->arg_end());
  else if (const auto *Call = dyn_cast<CallExpr>(Made))
    Args.append(Call->arg_begin(), Call->arg_end());
  if (Args.size() < 2 || isa<CXXDefaultArgExpr>(Args.back()))
    return std::nullopt;
  const std::optional<int64_t> From =
      constantValue(Args[Args.size() - 2]->IgnoreImplicit(), Ctx);
  const std::optional<int64_t> To =
      constantValue(Args.back()->IgnoreImplicit(), Ctx);
  if (!From || !To)
    return std::nullopt;
  return *To > *From ? static_cast<uint64_t>(*To) - *From : 0;
}

/// Whether \p Type is a class that \p Is accepts, or points to one (a
/// pointer, a smart pointer: the first type argument of a template).
bool isOrPointsTo(QualType Type,
                  llvm::function_ref<bool(const CXXRecordDecl &)> Is) {
  for (int Level = 0; Level < 2; ++Level) {
    Type = Type.getNonReferenceType();
    if (!Type->getPointeeType().isNull())
      Type = Type->getPointeeType();
    const CXXRecordDecl *Class = Type->getAsCXXRecordDecl();
    if (!Class || !Class->hasDefinition())
      return false;
    if (Is(*Class))
      return true;
    const auto *Handle = dyn_cast<ClassTemplateSpecializationDecl>(Class);
    const TemplateArgumentList *Args =
        Handle ? &Handle->getTemplateArgs() : nullptr;
    if (!Args || Args->size() == 0 ||
        (*Args)[0].getKind() != TemplateArgument::Type)
      return false;
    Type = (*Args)[0].getAsType();
  }
  return false;
}

/// Whether \p Type is an Asio acceptor (a listening socket), or points to
/// one.
bool isAcceptor(QualType Type) {
  return isOrPointsTo(Type, [](const CXXRecordDecl &Class) {
    return isAsioClassOrDerived(Class, "basic_socket_acceptor");
  });
}

/// The trip count of a range-for over a braced list, a built-in array, a
/// std::array, an iota view with constant bounds or a local container made
/// from a braced list and never changed; none for any other range.
std::optional<uint64_t> constantTripCount(const CXXForRangeStmt &Loop,
                                          const ASTContext &Ctx) {
  const Expr *Range = Loop.getRangeInit();
  if (!Range || Range->containsErrors())
    return 1;
  Range = Range->IgnoreImplicit();
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(Range))
    Range = List->getSubExpr()->IgnoreImplicit();
  if (const auto *List = dyn_cast<InitListExpr>(Range))
    return List->getNumInits();
  const QualType Type = Range->getType().getNonReferenceType();
  if (const auto *Array =
          dyn_cast_or_null<ConstantArrayType>(Type->getAsArrayTypeUnsafe()))
    return Array->getSize().getZExtValue();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Type->getAsCXXRecordDecl());
      Spec && isNamed(Spec, "array", "::std::array")) {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() == 2 && Args[1].getKind() == TemplateArgument::Integral)
      return Args[1].getAsIntegral().getZExtValue();
  }
  if (std::optional<uint64_t> Size =
          constantContainerSize(referencedVar(Range)))
    return Size;
  return iotaTripCount(*Range, Ctx);
}

std::string sourceText(SourceRange Range, const ASTContext &Ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                              Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

/// \p Text in quotes when it is short and on one line; empty otherwise.
std::string quoted(SourceRange Range, const ASTContext &Ctx) {
  if (inMacro(Range))
    return "";
  const std::string Text = sourceText(Range, Ctx);
  if (Text.empty() || Text.size() > MaxQuotedLength ||
      Text.find('\n') != std::string::npos)
    return "";
  return "'" + Text + "'";
}

/// How the message names a loop: "the range-for loop over 'Items'", "the
/// endless 'for' loop", "the 'while' loop on 'std::getline(In, Line)'".
std::string describeLoop(const Stmt &Loop, const ASTContext &Ctx) {
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop)) {
    const std::string Text =
        quoted(Range->getRangeInit()->getSourceRange(), Ctx);
    return Text.empty() ? "the range-for loop"
                        : "the range-for loop over " + Text;
  }
  const Expr *Cond = nullptr;
  llvm::StringRef Keyword;
  if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    Cond = For->getCond();
    Keyword = "for";
  } else if (const auto *While = dyn_cast<WhileStmt>(&Loop)) {
    Cond = While->getCond();
    Keyword = "while";
  } else {
    Cond = cast<DoStmt>(Loop).getCond();
    Keyword = "do";
  }
  bool Value = false;
  if (!Cond || (!Cond->isValueDependent() &&
                Cond->EvaluateAsBooleanCondition(Value, Ctx) && Value))
    return ("the endless '" + Keyword + "' loop").str();
  SourceRange Written = Cond->getSourceRange();
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    if (const VarDecl *Var = While->getConditionVariable())
      Written = Var->getSourceRange();
  const std::string Text = quoted(Written, Ctx);
  return ("the '" + Keyword + "' loop" + (Text.empty() ? "" : " on " + Text))
      .str();
}

} // namespace

/// Walks an outermost loop of a function once, nested loops included, and
/// collects the spawns that no bound covers. It follows each loop's trip
/// count, the limiters acquired in each loop body, and what becomes of each
/// spawn's result: awaited, dropped, kept in a local or put in a container.
class UnboundedTaskCreationCheck::LoopWalk {
public:
  LoopWalk(UnboundedTaskCreationCheck &Check, ASTContext &Ctx,
           const FunctionDecl *Callable, bool InCoroutine)
      : Check(Check), Ctx(Ctx), Callable(Callable), InCoroutine(InCoroutine) {}

  void walk(const Stmt &Loop) { visitLoop(Loop); }

  /// The findings, less the spawns whose local handle the loop awaits.
  std::vector<Finding> findings() const {
    std::vector<Finding> Result;
    for (const Pending &P : Spawns) {
      if (P.Handle) {
        const bool Awaited = AwaitedVars.contains(P.Handle);
        const bool Leaves = MovedVars.contains(P.Handle);
        if (Awaited ||
            (P.F.Info.Kind == SpawnKind::WaitsOnDestruction && !Leaves))
          continue;
      }
      Result.push_back(P.F);
    }
    return Result;
  }

private:
  /// What the code does with a spawn's result.
  enum class Use { Other, Discarded, Awaited, Local };

  struct Frame {
    const Stmt *Loop;
    std::optional<uint64_t> TripCount; // none when it comes from input
    bool Acquired = false;             // a limiter was acquired in the body
    const Stmt *Current = nullptr;     // the body statement being walked
  };

  struct Pending {
    Finding F;
    const VarDecl *Handle;
  };

  void visitLoop(const Stmt &Loop) {
    Check.Walked.insert(&Loop);
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop)) {
      visit(Range->getInit());
      visit(Range->getRangeInit());
      Frames.push_back({&Loop, rangeTripCount(*Range)});
      visitBody(Range->getBody());
    } else if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
      visit(For->getInit());
      Frames.push_back(
          {&Loop, tripCount(Loop, For->getCond(), For->getInit())});
      visit(For->getCond());
      visitBody(For->getBody());
      Frames.back().Current = nullptr;
      visit(For->getInc());
    } else if (const auto *While = dyn_cast<WhileStmt>(&Loop)) {
      Frames.push_back({&Loop, tripCount(Loop, While->getCond(), nullptr)});
      visit(While->getConditionVariableDeclStmt());
      visit(While->getCond());
      visitBody(While->getBody());
    } else {
      const auto &Do = cast<DoStmt>(Loop);
      Frames.push_back({&Loop, constantTripCount(Do.getCond(), nullptr, Ctx)});
      visitBody(Do.getBody());
      Frames.back().Current = nullptr;
      visit(Do.getCond());
    }
    Frames.pop_back();
  }

  /// The trip count of a range-for: a constant, or one over event loops or
  /// acceptors (counted as one, as a pool's worker count is: a program makes
  /// as many event loops as it is configured to run, and listens on as many
  /// addresses as it is configured to, not one per input item).
  std::optional<uint64_t> rangeTripCount(const CXXForRangeStmt &Range) const {
    if (std::optional<uint64_t> Count = constantTripCount(Range, Ctx))
      return Count;
    const QualType Element = Range.getLoopVariable()->getType();
    if (Check.isEventLoop(Element) || isAcceptor(Element))
      return 1;
    return std::nullopt;
  }

  /// The trip count of a for or while loop: a constant, or one of a pool's
  /// worker count (counted as one: the loop starts no more than the pool
  /// runs at once).
  std::optional<uint64_t> tripCount(const Stmt &Loop, const Expr *Cond,
                                    const Stmt *Init) {
    if (std::optional<uint64_t> Count = constantTripCount(Cond, Init, Ctx))
      return Count;
    if (Check.isBoundedByConcurrency(Loop, Cond, Ctx))
      return 1;
    return std::nullopt;
  }

  /// Whether \p E adds a thread to a container member of the class whose
  /// constructor or static factory runs the walk (`m_threads.emplace_back`,
  /// `pool->workers.emplace_back`), or of its private implementation
  /// (`d->threads.emplace_back`): a pool starting its fixed set of workers,
  /// which it joins when it is destroyed.
  bool startsPoolWorker(const Expr &E) const {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callable);
    const auto *Member = dyn_cast<CXXMemberCallExpr>(&E);
    if (!Method || !Member)
      return false;
    const CXXRecordDecl *Pool = Method->getParent()->getCanonicalDecl();
    // In another member (`run()`, `start()`, `init()`): as many workers as a
    // size the pool was made with, or one per slot of its thread count.
    if (!isa<CXXConstructorDecl>(Method) && !Method->isStatic() &&
        !llvm::all_of(Frames, [&](const Frame &F) {
          return F.TripCount || boundedBySize(*F.Loop, *Pool) ||
                 countsOverThreadSlots(*F.Loop, *Pool);
        }))
      return false;
    const Expr *Object = Member->getImplicitObjectArgument();
    // The container, then what holds it: the pool, or a member of the pool
    // that points to its implementation.
    for (int Level = 0; Level < 2 && Object; ++Level) {
      const auto *Container =
          dyn_cast<MemberExpr>(Object->IgnoreParenImpCasts());
      const auto *Field =
          Container ? dyn_cast<FieldDecl>(Container->getMemberDecl()) : nullptr;
      if (!Field)
        return false;
      if (Field->getParent()->getCanonicalDecl() == Pool)
        return true;
      Object = Container->getBase()->IgnoreParenImpCasts();
      // `d->threads` through a smart pointer's operator->.
      if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Object);
          Arrow && Arrow->getOperator() == OO_Arrow)
        Object = Arrow->getArg(0);
    }
    return false;
  }

  /// The comparison that is the condition of the `for` or `while` \p Loop
  /// (`i < n`), if it is one.
  static const BinaryOperator *loopComparison(const Stmt &Loop) {
    const Expr *Cond = nullptr;
    if (const auto *For = dyn_cast<ForStmt>(&Loop))
      Cond = For->getCond();
    else if (const auto *While = dyn_cast<WhileStmt>(&Loop))
      Cond = While->getCond();
    return dyn_cast_or_null<BinaryOperator>(Cond ? Cond->IgnoreParenImpCasts()
                                                 : nullptr);
  }

  /// Whether \p Loop counts up to a private field of \p Pool that only its
  /// constructors set (`for (i = 0; i < thread_count_; ++i)`).
  static bool boundedBySize(const Stmt &Loop, const CXXRecordDecl &Pool) {
    const BinaryOperator *Op = loopComparison(Loop);
    if (!Op || !llvm::is_contained({BO_LT, BO_LE, BO_NE}, Op->getOpcode()))
      return false;
    const auto *Size = dyn_cast<MemberExpr>(peel(Op->getRHS()));
    const auto *Field =
        Size ? dyn_cast<FieldDecl>(Size->getMemberDecl()) : nullptr;
    return Field && Field->getAccess() != AS_public &&
           Field->getParent()->getCanonicalDecl() == &Pool &&
           isa<CXXThisExpr>(Size->getBase()->IgnoreParenImpCasts()) &&
           writtenOnlyBy(*Field, Pool, [](const CXXMethodDecl &Writer) {
             return isa<CXXConstructorDecl>(Writer);
           });
  }

  /// Whether no member function of \p Pool but those \p MayWrite accepts
  /// writes \p Field, or changes its size when it is a container (`resize`,
  /// `assign`, `push_back`, ...).
  static bool
  writtenOnlyBy(const FieldDecl &Field, const CXXRecordDecl &Pool,
                llvm::function_ref<bool(const CXXMethodDecl &)> MayWrite) {
    auto IsField = [&](const Expr *E) {
      const auto *Named =
          E ? dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()) : nullptr;
      return Named && Named->getMemberDecl() == &Field;
    };
    auto Writes = [&](const Stmt &Node) {
      if (const Expr *Target = writtenOperand(Node))
        return IsField(Target);
      const auto *Member = dyn_cast<CXXMemberCallExpr>(&Node);
      const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
      return Method && Method->getIdentifier() &&
             (Method->getName() == "resize" || Method->getName() == "assign" ||
              growsContainer(Method->getName())) &&
             IsField(Member->getImplicitObjectArgument());
    };
    const CXXRecordDecl *Definition = Pool.getDefinition();
    return Definition &&
           llvm::none_of(Definition->methods(), [&](const CXXMethodDecl *M) {
             const FunctionDecl *Body = nullptr;
             return !MayWrite(*M) && M->hasBody(Body) &&
                    anyStmt(Body->getBody(), Writes);
           });
  }

  /// The field of \p Pool that \p E names on the object the walk runs on
  /// (`threads`, `this->queues`); null for anything else.
  static const FieldDecl *ownField(const Expr *E, const CXXRecordDecl &Pool) {
    const auto *Member = E ? dyn_cast<MemberExpr>(peel(E)) : nullptr;
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    return Field && Field->getParent()->getCanonicalDecl() == &Pool &&
                   isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())
               ? Field
               : nullptr;
  }

  /// Whether \p Loop, in a member function of a pool, runs over the slots
  /// of one of the pool's own containers (`for (auto &q : queues)`, `for (i
  /// = 0; i < threads.size(); ++i)`) and \p Spawn fills the slot
  /// (`threads[i] = std::thread(...)`) or is given it (`push_stop(q)`): one
  /// worker, or one message to a worker, per slot the pool was made with
  /// (kelcoro's `thread_pool`). A pool here keeps threads in a container
  /// member; the container is not public and only its constructors write it
  /// or change its size, so that it has as many slots as when it was made.
  bool servesOwnSlot(const Stmt &Loop, const Expr &Spawn) const {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callable);
    if (!Method || Method->isStatic())
      return false;
    const CXXRecordDecl *Pool = Method->getParent()->getCanonicalDecl();
    const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop);
    // The loop variable of a range-for, or the counter of a loop up to the
    // container's size.
    const VarDecl *Slot = nullptr;
    const FieldDecl *Slots = nullptr;
    if (Range) {
      Slot = Range->getLoopVariable();
      Slots = ownField(Range->getRangeInit(), *Pool);
    } else if (const BinaryOperator *Op = loopComparison(Loop);
               Op && llvm::is_contained({BO_LT, BO_NE}, Op->getOpcode())) {
      const auto *Size = dyn_cast<CXXMemberCallExpr>(peel(Op->getRHS()));
      const CXXMethodDecl *Called = Size ? Size->getMethodDecl() : nullptr;
      if (Called && Called->getIdentifier() && Called->getName() == "size") {
        Slot = referencedVar(Op->getLHS());
        Slots = ownField(Size->getImplicitObjectArgument(), *Pool);
      }
    }
    const CXXRecordDecl *Definition = Pool->getDefinition();
    if (!Slot || !Slots || Slots->getAccess() == AS_public || !Definition ||
        llvm::none_of(
            Definition->fields(),
            [](const FieldDecl *F) { return holdsThreads(F->getType()); }) ||
        !writtenOnlyBy(*Slots, *Pool, [](const CXXMethodDecl &Writer) {
          return isa<CXXConstructorDecl>(Writer);
        }))
      return false;
    auto IsSlot = [&](const Expr *E) {
      E = peel(E);
      if (Range)
        return referencedVar(E) == Slot;
      const auto *Index = dyn_cast<CXXOperatorCallExpr>(E);
      return Index && Index->getOperator() == OO_Subscript &&
             ownField(Index->getArg(0), *Pool) == Slots &&
             referencedVar(Index->getArg(1)) == Slot;
    };
    if (const Expr *Target = AssignedTo.lookup(&Spawn);
        Target && IsSlot(Target))
      return true;
    return llvm::any_of(arguments(Spawn), IsSlot);
  }

  /// Whether \p Loop runs over a registry of objects that already exist (a
  /// container of weak or shared pointers that is a member of the object
  /// the walk runs on, or that a function returns by reference: a server's
  /// live sessions, its connection pools) and \p Spawn is given the object
  /// of the iteration (`co_spawn(s->strand_, stop(s), detached)` after `s =
  /// it->lock()`): one short task per object, a stop or a cleanup, not one
  /// per input item.
  bool servesRegisteredObject(const Stmt &Loop, const Expr &Spawn) const {
    // The loop variable of a range-for, or the iterator of a loop up to the
    // registry's end.
    llvm::SmallPtrSet<const VarDecl *, 2> Element;
    const Expr *Registry = nullptr;
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop)) {
      Registry = Range->getRangeInit();
      Element.insert(Range->getLoopVariable());
    } else if (auto [Left, Right] = comparedOperands(loopCondition(Loop));
               Left && Right) {
      const auto *End = dyn_cast<CXXMemberCallExpr>(peel(Right));
      const CXXMethodDecl *Method = End ? End->getMethodDecl() : nullptr;
      if (Method && Method->getIdentifier() && Method->getName() == "end")
        Registry = End->getImplicitObjectArgument();
      if (const VarDecl *Iterator = referencedVar(Left))
        Element.insert(Iterator);
    }
    if (Element.empty() || !Registry || !isRegistry(Registry))
      return false;
    auto FromElement = [&](const Expr &E) {
      return anyStmt(&E, [&](const Stmt &S) {
        const auto *Ref = dyn_cast<DeclRefExpr>(&S);
        return Ref && Element.contains(dyn_cast<VarDecl>(Ref->getDecl()));
      });
    };
    return llvm::any_of(arguments(Spawn), [&](const Expr *Arg) {
      return anyStmt(Arg, [&](const Stmt &S) {
        const auto *Ref = dyn_cast<DeclRefExpr>(&S);
        const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
        return Var && (Element.contains(Var) ||
                       (Var->hasLocalStorage() && Var->getInit() &&
                        FromElement(*Var->getInit())));
      });
    });
  }

  /// Whether \p Registry is a container of weak or shared pointers that is
  /// a member of the object the walk runs on, or a local reference to one a
  /// free or static function returns (`auto &pools = get_pools();`): not an
  /// element or a member of something else (`auto &batch = batches.front()`).
  bool isRegistry(const Expr *Registry) const {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callable);
    const FieldDecl *Member =
        Method && !Method->isStatic()
            ? ownField(Registry, *Method->getParent()->getCanonicalDecl())
            : nullptr;
    const VarDecl *Alias = referencedVar(Registry);
    const auto *Accessor =
        Alias && Alias->hasLocalStorage() && !isa<ParmVarDecl>(Alias) &&
                Alias->getType()->isLValueReferenceType() && Alias->getInit()
            ? dyn_cast<CallExpr>(peel(Alias->getInit()))
            : nullptr;
    const auto *Returner = Accessor && !isa<CXXOperatorCallExpr>(Accessor)
                               ? Accessor->getDirectCallee()
                               : nullptr;
    const auto *ReturnerMethod = dyn_cast_or_null<CXXMethodDecl>(Returner);
    const bool Returned =
        Returner && (!ReturnerMethod || ReturnerMethod->isStatic());
    if (!Member && !Returned)
      return false;
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Registry->getType().getNonReferenceType()->getAsCXXRecordDecl());
    if (!Spec)
      return false;
    // The element, or the mapped value of a map.
    llvm::ArrayRef<TemplateArgument> Args = Spec->getTemplateArgs().asArray();
    return llvm::any_of(Args.take_front(2), [](const TemplateArgument &Arg) {
      const CXXRecordDecl *Pointer = Arg.getKind() == TemplateArgument::Type
                                         ? Arg.getAsType()->getAsCXXRecordDecl()
                                         : nullptr;
      return isNamed(Pointer, "shared_ptr", "::std::shared_ptr") ||
             isNamed(Pointer, "weak_ptr", "::std::weak_ptr");
    });
  }

  /// Whether the thread \p Spawn starts is each element of \p Range (`for
  /// (std::thread &T : Threads) T = std::thread(...)`): the loop fills a set
  /// of threads whose size was fixed when it was made; or the thread member
  /// of an element that also holds an event loop (`for (auto &C : Contexts)
  /// C.thread = std::thread(...)`): one thread per loop, and a program makes
  /// as many loops as it is configured to run.
  bool fillsElement(const CXXForRangeStmt &Range, const Expr &Spawn) const {
    const VarDecl *Element = Range.getLoopVariable();
    const CXXRecordDecl *Type =
        Element->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (!Type || isStdThread(Type))
      return Type != nullptr;
    const auto *Member =
        dyn_cast_or_null<MemberExpr>(peel(AssignedTo.lookup(&Spawn)));
    return Member && referencedVar(Member->getBase()) == Element &&
           isStdThread(Member->getType()->getAsCXXRecordDecl()) &&
           Type->hasDefinition() &&
           llvm::any_of(Type->fields(), [&](const FieldDecl *Field) {
             return Check.isEventLoop(Field->getType());
           });
  }

  /// Whether \p Loop is a range-for over a parameter of the coroutine the
  /// walk runs in (or that defines the lambda it runs in) holding tasks,
  /// and \p Spawn is given the task of each iteration (`for (auto &t :
  /// tasks) jobs.push_back(start(std::move(t)))`): a combinator such as
  /// `when_any(std::vector<task<T>>)` starting the tasks its caller made.
  /// Running them all at once is what it is for, and the caller, which
  /// chose how many to make, awaits its result.
  bool startsGivenTask(const Stmt &Loop, const Expr &Spawn) const {
    const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop);
    const auto *Given = Range ? dyn_cast_or_null<ParmVarDecl>(
                                    referencedVar(Range->getRangeInit()))
                              : nullptr;
    if (!Given)
      return false;
    const auto *Combinator =
        dyn_cast<FunctionDecl>(Given->getParentFunctionOrMethod());
    const VarDecl *Task = Range->getLoopVariable();
    if (!Combinator || !Callable || !Combinator->Encloses(Callable) ||
        !isCoroutine(*Combinator) ||
        !Check.Tasks.classify(Task->getType().getNonReferenceType(), Ctx))
      return false;
    return llvm::any_of(arguments(Spawn), [&](const Expr *Arg) {
      return referencedVar(Arg) == Task;
    });
  }

  /// Whether \p Loop counts over the slots of a local container that was
  /// sized from a thread count of \p Pool and grows nowhere else (`for (i =
  /// 0; i < Slots.size(); ++i)` after `Slots.resize(thread_count())`): one
  /// worker per slot the pool was configured with (TooManyCooks'
  /// `ex_cpu::init`).
  bool countsOverThreadSlots(const Stmt &Loop,
                             const CXXRecordDecl &Pool) const {
    const VarDecl *Slots = nullptr;
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop)) {
      Slots = referencedVar(Range->getRangeInit());
    } else {
      const BinaryOperator *Op = loopComparison(Loop);
      const auto *Size =
          Op && llvm::is_contained({BO_LT, BO_NE}, Op->getOpcode())
              ? dyn_cast<CXXMemberCallExpr>(peel(Op->getRHS()))
              : nullptr;
      const CXXMethodDecl *Method = Size ? Size->getMethodDecl() : nullptr;
      if (Method && Method->getIdentifier() && Method->getName() == "size")
        Slots = referencedVar(Size->getImplicitObjectArgument());
    }
    const auto *Owner =
        Slots ? dyn_cast<FunctionDecl>(Slots->getDeclContext()) : nullptr;
    if (!Owner || !Owner->getBody() || isa<ParmVarDecl>(Slots) ||
        !Slots->hasLocalStorage() || Slots->getType()->isReferenceType())
      return false;
    bool Sized = false;
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
            Slots->getInit() ? Slots->getInit()->IgnoreImplicit() : nullptr);
        Construct && Construct->getNumArgs() > 0 &&
        !Construct->getConstructor()->isCopyOrMoveConstructor()) {
      if (!isThreadCount(Construct->getArg(0), Pool))
        return false;
      Sized = true;
    }
    // Any other change of its size: a resize from something else, an
    // element added, an assignment.
    const bool ResizedOtherwise = anyStmt(Owner->getBody(), [&](const Stmt &S) {
      if (const Expr *Written = writtenOperand(S))
        return referencedVar(Written) == Slots;
      const auto *Member = dyn_cast<CXXMemberCallExpr>(&S);
      const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
      if (!Method || !Method->getIdentifier() ||
          referencedVar(Member->getImplicitObjectArgument()) != Slots)
        return false;
      const llvm::StringRef Name = Method->getName();
      if (Name == "resize" && Member->getNumArgs() > 0 &&
          isThreadCount(Member->getArg(0), Pool)) {
        Sized = true;
        return false;
      }
      return Name == "resize" || Name == "assign" || growsContainer(Name);
    });
    return Sized && !ResizedOtherwise;
  }

  /// Whether \p E is a count of threads: named as one (a variable, a
  /// member or a function: ConcurrencyLimitNames), a call of
  /// ConcurrencyLimitFunctions, or a private field of \p Pool that only its
  /// constructors and the members named as setting a thread count write
  /// (`set_thread_count(n)`).
  bool isThreadCount(const Expr *E, const CXXRecordDecl &Pool) const {
    E = peel(E);
    if (const VarDecl *Var = referencedVar(E);
        Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
        Var->getInit() && !Check.isNamedAsConcurrency(*Var))
      E = peel(Var->getInit());
    const NamedDecl *Named = namedValue(E);
    if (const auto *Call = dyn_cast<CallExpr>(E))
      Named = calledDecl(*Call);
    if (!Named)
      return false;
    if (Check.isNamedAsConcurrency(*Named) ||
        Check.ConcurrencyLimitFunctions.matches(*Named))
      return true;
    const auto *Field = dyn_cast<FieldDecl>(Named);
    return Field && Field->getAccess() != AS_public &&
           Field->getParent()->getCanonicalDecl() == &Pool &&
           writtenOnlyBy(*Field, Pool, [&](const CXXMethodDecl &Writer) {
             return isa<CXXConstructorDecl>(Writer) ||
                    Check.isNamedAsConcurrency(Writer);
           });
  }

  void visitBody(const Stmt *Body) {
    if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Body)) {
      for (const Stmt *S : Block->body()) {
        Frames.back().Current = S;
        if (const auto *E = dyn_cast<Expr>(S))
          Uses[peel(E)] = Use::Discarded;
        visit(S);
      }
      return;
    }
    Frames.back().Current = Body;
    if (const auto *E = dyn_cast_or_null<Expr>(Body))
      Uses[peel(E)] = Use::Discarded;
    visit(Body);
  }

  void visit(const Stmt *S) {
    if (!S || isa<LambdaExpr, BlockExpr>(S)) // callables of their own
      return;
    if (isLoop(*S)) {
      visitLoop(*S);
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(S); If && clearsItsFlag(*If)) {
      visit(If->getInit());
      visit(If->getConditionVariableDeclStmt());
      visit(If->getCond());
      ArmedOnceDepths.push_back(Frames.size());
      visit(If->getThen());
      ArmedOnceDepths.pop_back();
      visit(If->getElse());
      return;
    }
    for (const Expr *Dropped : discardedChildren(*S))
      Uses[peel(Dropped)] = Use::Discarded;
    if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(S)) {
      // Only the operand: the rest is the awaiter machinery around it.
      Uses[peel(Await->getOperand())] = Use::Awaited;
      ++AwaitDepth;
      visit(Await->getOperand());
      --AwaitDepth;
      return;
    }
    noteUses(*S);
    std::optional<SpawnInfo> Spawn;
    if (const auto *E = dyn_cast<Expr>(S))
      Spawn = Check.classifySpawn(*E, Ctx);
    for (const Stmt *Child : S->children())
      visit(Child);
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && !Frames.empty() && Check.isLimiter(*Call))
      Frames.back().Acquired = true;
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && !Spawn && !Frames.empty() &&
        Uses.lookup(Call) == Use::Discarded)
      Spawn = Check.spawnThroughCall(*Call, Ctx);
    if (Spawn)
      checkSpawn(cast<Expr>(*S), std::move(*Spawn));
  }

  /// Whether \p If, in a loop, runs its body once per arming: its condition
  /// requires a flag (`if (due && armed)`) that the body clears first
  /// (`armed = false;`), and that the loop sets again only under a condition
  /// of its own (`if (hour == reset) armed = true;`), not in every iteration.
  bool clearsItsFlag(const IfStmt &If) const {
    const auto *Then = dyn_cast<CompoundStmt>(If.getThen());
    const auto *First = Then && !Then->body_empty()
                            ? dyn_cast<Expr>(Then->body_front())
                            : nullptr;
    const Expr *Clear = First ? First->IgnoreImplicit() : nullptr;
    const std::optional<Assignment> Assign =
        Clear ? assignmentOf(*Clear) : std::nullopt;
    const auto *Cleared =
        Assign && Assign->Plain
            ? dyn_cast<CXXBoolLiteralExpr>(Assign->Value->IgnoreImplicit())
            : nullptr;
    const ValueDecl *Flag =
        Cleared && !Cleared->getValue() ? namedValue(Assign->Target) : nullptr;
    if (!Flag || Frames.empty() || !conditionRequires(If.getCond(), *Flag))
      return false;
    const Stmt *Loop = Frames.back().Loop;
    auto UnderOtherCondition = [&](const Stmt &Write) {
      bool Conditional = false;
      for (DynTypedNodeList Above = Ctx.getParents(Write); !Above.empty();
           Above = Ctx.getParents(Above[0])) {
        const Stmt *Parent = Above[0].get<Stmt>();
        if (!Parent || Parent == Loop)
          return Conditional;
        if (Parent == &If)
          return false;
        Conditional = Conditional || isa<IfStmt, SwitchStmt>(Parent);
      }
      return false;
    };
    return !anyStmt(loopBody(*Loop), [&](const Stmt &S) {
      const Expr *Written = writtenOperand(S);
      return &S != Clear && Written && namedValue(Written) == Flag &&
             !UnderOtherCondition(S);
    });
  }

  /// Records what \p S does to the results and the locals below it.
  void noteUses(const Stmt &S) {
    if (const auto *Decls = dyn_cast<DeclStmt>(&S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit()) {
          const Expr *Init = peel(Var->getInit());
          Uses[Init] = Use::Local;
          Locals[Init] = Var;
        }
      return;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && AwaitDepth > 0)
        AwaitedVars.insert(Var);
      return;
    }
    if (std::optional<Assignment> Assign = assignmentOf(S);
        Assign && Assign->Plain)
      AssignedTo[peel(Assign->Value)] = Assign->Target;
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    if (isStdMove(*Call)) {
      if (const VarDecl *Var = referencedVar(Call->getArg(0)))
        MovedVars.insert(Var);
      return;
    }
    noteConsumedArguments(*Call);
    if (Check.forEachJoined(*Call, [&](const Expr &Joined) {
          if (const VarDecl *Var = referencedVar(&Joined))
            AwaitedVars.insert(Var);
          else
            Uses[peel(&Joined)] = Use::Awaited;
        }))
      return;
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
    if (!Method || !Method->getIdentifier())
      return;
    const llvm::StringRef Name = Method->getName();
    const Expr *Object = Member->getImplicitObjectArgument();
    if (Name == "detach") {
      if (const VarDecl *Var = referencedVar(Object))
        MovedVars.insert(Var);
    } else if (growsContainer(Name)) {
      for (const Expr *Arg : Call->arguments())
        if (const VarDecl *Var = referencedVar(Arg))
          MovedVars.insert(Var);
    }
  }

  /// Marks as awaited the arguments of \p Call that its callee, defined in
  /// view, waits for (`check(consumer(x))` where `check` calls `.get()` on
  /// its parameter): the task ends within the iteration.
  void noteConsumedArguments(const CallExpr &Call) {
    if (isa<CXXOperatorCallExpr>(Call))
      return;
    const FunctionDecl *Callee = Call.getDirectCallee();
    const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
    if (!Definition || !Definition->getBody())
      return;
    for (unsigned I = 0;
         I < Call.getNumArgs() && I < Definition->getNumParams(); ++I) {
      // Only a call can be a spawn: the callee's body is read for those
      // arguments alone, as this runs on every call in a loop.
      if (!isa<CallExpr>(peel(Call.getArg(I))))
        continue;
      const ParmVarDecl *Param = Definition->getParamDecl(I);
      const bool Waited = anyStmt(Definition->getBody(), [&](const Stmt &S) {
        if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(&S))
          return referencedVar(Await->getOperand()) == Param;
        const auto *Join = dyn_cast<CallExpr>(&S);
        bool JoinsParam = false;
        if (Join)
          Check.forEachJoined(*Join, [&](const Expr &Joined) {
            JoinsParam |= referencedVar(&Joined) == Param;
          });
        return JoinsParam;
      });
      if (Waited)
        Uses[peel(Call.getArg(I))] = Use::Awaited;
    }
  }

  /// Whether the task \p E starts ends when what holds it lets it go: its
  /// type's destructor ends it (destructorEndsTask: uvco's Promise cancels
  /// its coroutine), and it is dropped, ending with its statement, or
  /// assigned to a variable, ending the task the variable held before: one
  /// task at a time per variable.
  bool endsWhenDropped(const Expr &E, Use How) const {
    // The task itself, not a reference to where it is kept
    // (`threads.emplace_back(...)`).
    if (!E.isPRValue())
      return false;
    const CXXRecordDecl *Task = E.getType()->getAsCXXRecordDecl();
    if (!Task || !destructorEndsTask(*Task, Check.DestructorJoins))
      return false;
    if (How == Use::Discarded)
      return true;
    const Expr *Target = AssignedTo.lookup(&E);
    return Target && isa<DeclRefExpr>(peel(Target)) && referencedVar(Target);
  }

  void checkSpawn(const Expr &E, SpawnInfo Info) {
    const Use How = Uses.lookup(&E);
    if (How == Use::Awaited ||
        (Info.What == Work::Thread && startsPoolWorker(E)))
      return;
    // A dropped std::async future or std::jthread waits right there; a
    // dropped joinable std::thread ends the program, which is not this
    // check's business.
    if (How == Use::Discarded && Info.Kind != SpawnKind::Runs)
      return;
    if (endsWhenDropped(E, How))
      return;
    // The innermost loop whose trip count comes from input; without one,
    // the outermost, if the constant loops together run too often.
    std::optional<size_t> Unbounded;
    uint64_t TripCount = 1;
    for (size_t I = Frames.size(); I-- > 0;) {
      std::optional<uint64_t> Count = Frames[I].TripCount;
      // A count set by the pool's size or by the caller's choice counts as
      // one, as a pool's worker count does.
      if (!Count && (servesOwnSlot(*Frames[I].Loop, E) ||
                     startsGivenTask(*Frames[I].Loop, E) ||
                     servesRegisteredObject(*Frames[I].Loop, E)))
        Count = 1;
      if (!Count) {
        Unbounded = I;
        break;
      }
      // Saturates far above any MaxConstantTripCount.
      constexpr uint64_t Cap = uint64_t(1) << 31;
      TripCount = std::min(TripCount, Cap) * std::min(*Count, Cap);
    }
    if (!Unbounded) {
      if (TripCount <= Check.MaxConstantTripCount)
        return;
      Unbounded = 0;
    } else {
      TripCount = 0;
    }
    if (!ArmedOnceDepths.empty() && *Unbounded < ArmedOnceDepths.back())
      return;
    for (size_t I = *Unbounded; I < Frames.size(); ++I)
      if (Frames[I].Acquired)
        return;
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(Frames[*Unbounded].Loop);
        Range && Info.What == Work::Thread && fillsElement(*Range, E))
      return;
    Spawns.push_back(
        {Finding{&E, std::move(Info), Frames[*Unbounded].Loop,
                 Frames.back().Current ? Frames.back().Current : &E, TripCount,
                 Callable, InCoroutine},
         How == Use::Local ? Locals.lookup(&E) : nullptr});
  }

  UnboundedTaskCreationCheck &Check;
  ASTContext &Ctx;
  const FunctionDecl *Callable;
  const bool InCoroutine;
  std::vector<Frame> Frames;
  /// For each enclosing `if` that runs once per arming (clearsItsFlag), the
  /// number of loops around it.
  llvm::SmallVector<size_t, 2> ArmedOnceDepths;
  unsigned AwaitDepth = 0;
  llvm::DenseMap<const Expr *, Use> Uses;
  llvm::DenseMap<const Expr *, const VarDecl *> Locals;
  /// What each assigned value is assigned to (`threads[i]` of `threads[i] =
  /// std::thread(...)`).
  llvm::DenseMap<const Expr *, const Expr *> AssignedTo;
  llvm::SmallPtrSet<const VarDecl *, 8> AwaitedVars;
  llvm::SmallPtrSet<const VarDecl *, 8> MovedVars;
  std::vector<Pending> Spawns;
};

/// A variable or field whose name says it counts threads or workers: a loop
/// up to it starts as many as the program was configured to run at once.
constexpr llvm::StringLiteral DefaultConcurrencyLimitNames =
    "thread|worker|concurren|parallel";

UnboundedTaskCreationCheck::UnboundedTaskCreationCheck(
    StringRef Name, ClangTidyContext *Context)
    : AsyncCheck(Name, Context),
      MaxConstantTripCount(Options.get("MaxConstantTripCount", 64U)),
      MaxConcurrency(readBounded("MaxConcurrency", 16, 1, 1u << 20)),
      SpawnFunctions(readNameList("SpawnFunctions", defaultSpawnFunctions())),
      JoinFunctions(readNameList("JoinFunctions", defaultJoinFunctions())),
      LoopJoinFunctions(readNameList("LoopJoinFunctions", sync::LoopJoins)),
      DestructorJoins(readNameList("DestructorJoins", sync::DestructorJoins)),
      LimiterFunctions(
          readNameList("LimiterFunctions", DefaultLimiterFunctions)),
      BoundedHelpers(readNameList("BoundedHelpers", DefaultBoundedHelpers)),
      ConcurrencyLimitFunctions(readNameList("ConcurrencyLimitFunctions",
                                             DefaultConcurrencyLimitFunctions)),
      ConcurrencyLimitNamesText(
          Options.get("ConcurrencyLimitNames", DefaultConcurrencyLimitNames)),
      ConcurrencyLimitNames(ConcurrencyLimitNamesText, llvm::Regex::IgnoreCase),
      Runtime(Options, areDiagsSelfContained()), Tasks() {}

void UnboundedTaskCreationCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  storeNameList(Opts, SpawnFunctions);
  storeNameList(Opts, JoinFunctions);
  storeNameList(Opts, LoopJoinFunctions);
  storeNameList(Opts, DestructorJoins);
  storeNameList(Opts, LimiterFunctions);
  storeNameList(Opts, BoundedHelpers);
  storeNameList(Opts, ConcurrencyLimitFunctions);
  Options.store(Opts, "ConcurrencyLimitNames", ConcurrencyLimitNamesText);
  Options.store(Opts, "MaxConstantTripCount", MaxConstantTripCount);
  Options.store(Opts, "MaxConcurrency", MaxConcurrency);
  Runtime.storeOptions(Options, Opts);
}

void UnboundedTaskCreationCheck::registerPPCallbacks(const SourceManager &,
                                                     Preprocessor *PP,
                                                     Preprocessor *) {
  Runtime.registerPreprocessor(PP);
}

void UnboundedTaskCreationCheck::registerMatchers(MatchFinder *Finder) {
  // Loops, not spawns: one walk of each outermost loop finds the spawns in
  // it and everything that bounds them, without asking for parents.
  Finder->addMatcher(forStmt(isReportable(SystemHeaders)).bind("loop"), this);
  Finder->addMatcher(whileStmt(isReportable(SystemHeaders)).bind("loop"), this);
  Finder->addMatcher(doStmt(isReportable(SystemHeaders)).bind("loop"), this);
  Finder->addMatcher(cxxForRangeStmt(isReportable(SystemHeaders)).bind("loop"),
                     this);
  // What the other translation units need to know, under tether check only:
  // whether each plain function of the main file spawns each time it runs.
  if (currentFacts().Learned)
    Finder->addMatcher(functionDecl(isDefinition(), isExpansionInMainFile(),
                                    unless(hasCoroutineBody()))
                           .bind("summarized"),
                       this);
}

void UnboundedTaskCreationCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Function =
          Result.Nodes.getNodeAs<FunctionDecl>("summarized")) {
    summarize(*Function, *Result.Context);
    return;
  }
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop");
  if (!Loop || Walked.contains(Loop) || runsOnce(*Loop, *Result.Context))
    return;
  const FunctionDecl *Callable = enclosingCallable(*Loop, *Result.Context);
  // A template is looked at in its instantiations, where calls resolve.
  if (Callable && Callable->isTemplated())
    return;
  LoopWalk Walk(*this, *Result.Context, Callable,
                Callable && isCoroutine(*Callable));
  Walk.walk(*Loop);
  const SourceManager &SM = *Result.SourceManager;
  for (const Finding &F : Walk.findings())
    if (Reported.insert(SM.getExpansionLoc(F.Spawn->getBeginLoc())).second &&
        !runsInBoundedHelper(F.Callable))
      report(F, *Result.Context);
}

std::optional<UnboundedTaskCreationCheck::SpawnInfo>
UnboundedTaskCreationCheck::classifySpawn(const Expr &E, ASTContext &Ctx) {
  if (E.isTypeDependent() || E.containsErrors())
    return std::nullopt;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&E)) {
    const CXXRecordDecl *Record = Construct->getConstructor()->getParent();
    if (!isStdThread(Record) || Construct->getNumArgs() == 0 ||
        Construct->getConstructor()->isCopyOrMoveConstructor())
      return std::nullopt;
    const bool Joins = Record->getName() == "jthread";
    return SpawnInfo{Joins ? SpawnKind::WaitsOnDestruction : SpawnKind::Thread,
                     Work::Thread, "'std::" + Record->getName().str() + "'"};
  }
  const auto *Call = dyn_cast<CallExpr>(&E);
  if (!Call)
    return std::nullopt;
  const NamedDecl *Called = calledDecl(*Call);
  if (!Called || !Called->getIdentifier())
    return std::nullopt;
  const llvm::StringRef Name = Called->getName();
  const std::string Quoted = "'" + Name.str() + "'";
  if (Name == "co_spawn") {
    const std::string Qualified = templateFreeQualifiedName(*Called);
    if (Qualified != "::asio::co_spawn" &&
        Qualified != "::boost::asio::co_spawn")
      return std::nullopt;
    // With use_awaitable or deferred it returns an operation that starts
    // only when awaited, like a lazy task.
    const QualType Returned = Call->getType();
    if (!Returned->isVoidType() &&
        !isNamed(Returned->getAsCXXRecordDecl(), "future", "::std::future"))
      return std::nullopt;
    return SpawnInfo{SpawnKind::Runs, Work::Task, Quoted};
  }
  if (isNamed(Called, "async", "::std::async")) {
    if (Call->getNumArgs() > 0)
      if (const auto *Policy =
              dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
          Policy && isa<EnumConstantDecl>(Policy->getDecl()) &&
          Policy->getDecl()->getName() == "deferred")
        return std::nullopt;
    return SpawnInfo{SpawnKind::WaitsOnDestruction, Work::Thread,
                     "'std::async'"};
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    // A call through a pointer to member names no method.
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (Method && spawnsOnTaskGroup(*Method))
      return SpawnInfo{SpawnKind::Runs, Work::Task,
                       Quoted + " on '" + Method->getParent()->getName().str() +
                           "'"};
    // A container of threads constructs each thread in place.
    if (Name.starts_with("emplace") && Call->getNumArgs() > 0) {
      const bool MovesThread =
          llvm::any_of(Call->arguments(), [](const Expr *Arg) {
            return isStdThread(Arg->getType()->getAsCXXRecordDecl());
          });
      if (holdsThreads(Member->getObjectType()) && !MovesThread)
        return SpawnInfo{SpawnKind::Runs, Work::Thread, Quoted};
    }
  }
  if (SpawnFunctions.matches(*Called))
    return SpawnInfo{SpawnKind::Runs, Work::Task, Quoted};
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (std::optional<TaskTypeInfo> Task =
          Tasks.classify(Call->getCallReturnType(Ctx), Ctx, Callee);
      Task && Task->Start == TaskStart::Eager && startsWork(Callee))
    return SpawnInfo{SpawnKind::Runs, Work::EagerTask, Quoted};
  return std::nullopt;
}

std::optional<UnboundedTaskCreationCheck::SpawnInfo>
UnboundedTaskCreationCheck::ownSpawn(const Expr &Statement, ASTContext &Ctx) {
  // `std::thread(work).detach()`: a thread that outlives the function.
  if (const auto *Detach = dyn_cast<CXXMemberCallExpr>(&Statement)) {
    const CXXMethodDecl *Method = Detach->getMethodDecl();
    const auto *Thread = dyn_cast_or_null<CXXConstructExpr>(
        peel(Detach->getImplicitObjectArgument()));
    if (Method && Method->getIdentifier() && Method->getName() == "detach" &&
        Thread)
      if (std::optional<SpawnInfo> Info = classifySpawn(*Thread, Ctx);
          Info && Info->What == Work::Thread)
        return SpawnInfo{SpawnKind::Runs, Work::Thread, Info->Name};
  }
  // A thread put in a container is a pool's business (see the pool rules),
  // which a call of the function that does it cannot judge.
  std::optional<SpawnInfo> Info = classifySpawn(Statement, Ctx);
  if (Info && Info->Kind == SpawnKind::Runs && Info->What != Work::Thread)
    return Info;
  return std::nullopt;
}

std::optional<UnboundedTaskCreationCheck::SpawnInfo>
UnboundedTaskCreationCheck::spawnThroughCall(const CallExpr &Call,
                                             ASTContext &Ctx) {
  const FunctionDecl *Callee = followedCallee(Call);
  const SpawnPath *Path =
      Callee ? spawnPathIn(*Callee, MaxHelperDepth, Ctx) : nullptr;
  if (!Path)
    return std::nullopt;
  SpawnInfo Info = Path->Spawn;
  Info.Name = calleeName(*Callee);
  Info.Helper = Callee;
  return Info;
}

const UnboundedTaskCreationCheck::SpawnPath *
UnboundedTaskCreationCheck::spawnPathIn(const FunctionDecl &Callee,
                                        unsigned Depth, ASTContext &Ctx) {
  const FunctionDecl *Definition = Callee.getDefinition();
  if (!Definition || !Definition->getBody()) {
    // Defined in another translation unit: what the facts know.
    const std::vector<ChainHop> *Chain =
        knownChain(Callee, FactKind::Spawns, Depth);
    if (!Chain)
      return nullptr;
    // What starts at the end of the chain: a task, unless it detaches a
    // thread.
    const llvm::StringRef Started = Chain->back().Callee;
    const bool Thread =
        Started == "'std::thread'" || Started == "'std::jthread'";
    SpawnPathEntry &Entry = SpawnPaths[Callee.getCanonicalDecl()];
    Entry = {
        SpawnPath{nullptr, nullptr,
                  SpawnInfo{SpawnKind::Runs, Thread ? Work::Thread : Work::Task,
                            Started.str()},
                  static_cast<unsigned>(Chain->size()), Chain},
        Depth, false};
    return &*Entry.Path;
  }
  auto [It, Inserted] = SpawnPaths.try_emplace(
      Definition, SpawnPathEntry{std::nullopt, Depth, true});
  // A path found once stands, if it is short enough; a search cut short by
  // depth is redone with more depth to spare.
  if (!Inserted &&
      (It->second.InProgress || It->second.Path || It->second.Depth >= Depth))
    return It->second.Path && It->second.Path->Length <= Depth
               ? &*It->second.Path
               : nullptr;
  It->second = {std::nullopt, Depth, true};
  std::optional<SpawnPath> Path;
  const Stmt *Body = Definition->getBody();
  // A coroutine's own spawns are judged where it is awaited or started; a
  // limiter anywhere in the body may bound them.
  const bool Followed = !isCoroutine(*Definition) &&
                        !Definition->isTemplated() && !acquiresLimiter(*Body);
  if (Followed)
    findUnconditional(Body, [&](const Expr &Statement) {
      if (std::optional<SpawnInfo> Own = ownSpawn(Statement, Ctx)) {
        Path = SpawnPath{&Statement, nullptr, std::move(*Own), 1};
        return true;
      }
      const auto *Call = dyn_cast<CallExpr>(&Statement);
      const FunctionDecl *Next = Call ? followedCallee(*Call) : nullptr;
      if (!Next || Depth <= 1)
        return false;
      if (const SpawnPath *Rest = spawnPathIn(*Next, Depth - 1, Ctx)) {
        Path = SpawnPath{Call, Next, Rest->Spawn, Rest->Length + 1};
        return true;
      }
      return false;
    });
  SpawnPathEntry &Entry = SpawnPaths[Definition]; // the map may have grown
  Entry = {std::move(Path), Depth, false};
  return Entry.Path ? &*Entry.Path : nullptr;
}

void UnboundedTaskCreationCheck::summarize(const FunctionDecl &Function,
                                           ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  FunctionSummary *Summary = recordedSummary(Function, SM);
  const Stmt *Body = Function.getBody();
  if (!Summary || !Body || acquiresLimiter(*Body))
    return;
  findUnconditional(Body, [&](const Expr &Statement) {
    if (std::optional<SpawnInfo> Own = ownSpawn(Statement, Ctx)) {
      Summary->Spawns.Own =
          FactCall{"", Own->Name, factLocation(SM, Statement.getBeginLoc())};
      Summary->Spawns.Through.clear();
      return true;
    }
    const auto *Call = dyn_cast<CallExpr>(&Statement);
    if (const FunctionDecl *Callee = Call ? followedCallee(*Call) : nullptr)
      addCallThrough(Summary->Spawns, *Call, *Callee, SM);
    return false;
  });
}

bool UnboundedTaskCreationCheck::forEachJoined(
    const CallExpr &Call,
    llvm::function_ref<void(const Expr &)> OnJoined) const {
  const NamedDecl *Called = calledDecl(Call);
  if (isa<CXXOperatorCallExpr>(Call) || !Called ||
      !JoinFunctions.matches(*Called))
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    OnJoined(*Member->getImplicitObjectArgument());
    return true;
  }
  for (const Expr *Arg : Call.arguments())
    OnJoined(*Arg);
  return true;
}

bool UnboundedTaskCreationCheck::isLimiter(const CallExpr &Call) const {
  const NamedDecl *Called = calledDecl(Call);
  return Called && LimiterFunctions.matches(*Called);
}

bool UnboundedTaskCreationCheck::acquiresLimiter(const Stmt &Body) const {
  return anyStmt(&Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    return Call && isLimiter(*Call);
  });
}

bool UnboundedTaskCreationCheck::isEventLoop(QualType Type) const {
  return isOrPointsTo(Type, [&](const CXXRecordDecl &Class) {
    return llvm::any_of(Class.methods(), [&](const CXXMethodDecl *Method) {
      return Method->getIdentifier() && LoopJoinFunctions.matches(*Method);
    });
  });
}

bool UnboundedTaskCreationCheck::isNamedAsConcurrency(
    const NamedDecl &Named) const {
  return Named.getIdentifier() && !ConcurrencyLimitNamesText.empty() &&
         ConcurrencyLimitNames.match(Named.getName());
}

bool UnboundedTaskCreationCheck::countNamedAsConcurrency(const Expr *E) const {
  E = peel(E);
  // A member of the object that spawns is the pool rule's (startsPoolWorker).
  auto OfThis = [](const Expr *Object) {
    return isa<CXXThisExpr>(Object->IgnoreParenImpCasts());
  };
  const NamedDecl *Count = nullptr;
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (OfThis(Member->getBase()))
      return false;
    Count = Member->getMemberDecl();
  } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const auto *Method = dyn_cast<CXXMemberCallExpr>(Call);
        Method && OfThis(Method->getImplicitObjectArgument()))
      return false;
    Count = calledDecl(*Call);
  } else {
    Count = namedValue(E);
  }
  return Count && isNamedAsConcurrency(*Count);
}

bool UnboundedTaskCreationCheck::sizedByConcurrency(const Expr *E) const {
  const auto *Size = dyn_cast<CXXMemberCallExpr>(peel(E));
  const CXXMethodDecl *Method = Size ? Size->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() ||
      !llvm::is_contained({"capacity", "size"}, Method->getName()))
    return false;
  const VarDecl *Container = referencedVar(Size->getImplicitObjectArgument());
  const auto *Owner = Container && Container->hasLocalStorage()
                          ? dyn_cast<FunctionDecl>(Container->getDeclContext())
                          : nullptr;
  if (!Owner || !Owner->getBody())
    return false;
  auto IsConcurrency = [&](const Expr *Count) {
    const auto *Call = dyn_cast<CallExpr>(peel(Count));
    const NamedDecl *Called = Call ? calledDecl(*Call) : nullptr;
    return countNamedAsConcurrency(Count) ||
           (Called && ConcurrencyLimitFunctions.matches(*Called));
  };
  // Its sizes: the count it was made with, each reserve and resize.
  llvm::SmallVector<const Expr *, 2> Counts;
  if (const auto *Made =
          dyn_cast_or_null<CXXConstructExpr>(peel(Container->getInit()));
      Made && Made->getNumArgs() > 0 &&
      Made->getArg(0)->getType()->isIntegerType())
    Counts.push_back(Made->getArg(0));
  bool Unknown = false;
  anyStmt(Owner->getBody(), [&](const Stmt &S) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Called = Member ? Member->getMethodDecl() : nullptr;
    if (!Called || !Called->getIdentifier() ||
        referencedVar(Member->getImplicitObjectArgument()) != Container ||
        !llvm::is_contained({"reserve", "resize"}, Called->getName()))
      return false;
    if (Member->getNumArgs() == 0)
      Unknown = true;
    else
      Counts.push_back(Member->getArg(0));
    return false;
  });
  return !Unknown && !Counts.empty() && llvm::all_of(Counts, IsConcurrency);
}

bool UnboundedTaskCreationCheck::isBoundedByConcurrency(const Stmt &Loop,
                                                        const Expr *Cond,
                                                        ASTContext &Ctx) const {
  const auto *Op = dyn_cast_or_null<BinaryOperator>(
      Cond ? Cond->IgnoreParenImpCasts() : nullptr);
  if (!Op ||
      !llvm::is_contained({BO_LT, BO_LE, BO_GT, BO_GE, BO_NE}, Op->getOpcode()))
    return false;
  // The counter's own name (`for (int worker = 0; worker < n; ...)`) says
  // nothing: names count only on the side of the bound.
  const Expr *Bound = llvm::is_contained({BO_GT, BO_GE}, Op->getOpcode())
                          ? Op->getLHS()
                          : Op->getRHS();
  // Whether the value \p E, of the bound when \p IsBound, is a concurrency.
  auto IsConcurrencyValue = [&](const Expr *E, bool IsBound) {
    E = peel(E);
    // `n / 2`, `n - 1`: a part of the concurrency is bounded by it too.
    while (const auto *Arith = dyn_cast<BinaryOperator>(E)) {
      if (Arith->getOpcode() != BO_Div && Arith->getOpcode() != BO_Sub)
        break;
      E = peel(Arith->getLHS());
    }
    if (IsBound && countNamedAsConcurrency(E))
      return true;
    const auto *Call = dyn_cast<CallExpr>(E);
    const NamedDecl *Called = Call ? calledDecl(*Call) : nullptr;
    return Called && ConcurrencyLimitFunctions.matches(*Called);
  };
  auto IsConcurrency = [&](const Expr *E) {
    const bool IsBound = E == Bound;
    E = peel(E);
    if (IsBound && countNamedAsConcurrency(E))
      return true;
    if (sizedByConcurrency(E))
      return true;
    // Assigned a concurrency just before the loop, then maybe raised to a
    // floor (`if (n < 8) n = 8;`, `n += 4`).
    if (auto Values = valuesAssignedBefore(Loop, E, Ctx); !Values.empty()) {
      auto IsConcurrencyHere = [&](const Expr *Value) {
        return IsConcurrencyValue(Value, IsBound);
      };
      return llvm::any_of(Values, IsConcurrencyHere) &&
             llvm::all_of(Values, [&](const Expr *Value) {
               return IsConcurrencyHere(Value) ||
                      Value->isIntegerConstantExpr(Ctx);
             });
    }
    if (const VarDecl *Var = referencedVar(E); Var && Var->getInit())
      E = Var->getInit();
    return IsConcurrencyValue(E, IsBound);
  };
  return IsConcurrency(Op->getLHS()) || IsConcurrency(Op->getRHS());
}

bool UnboundedTaskCreationCheck::passedToBoundedHelper(
    const FunctionDecl &CallOperator) const {
  const auto *Closure = dyn_cast<CXXRecordDecl>(CallOperator.getParent());
  const auto *Definer =
      Closure ? dyn_cast<FunctionDecl>(Closure->getDeclContext()) : nullptr;
  if (!Definer || !Definer->getBody())
    return false;
  // A generic lambda's loops are in a specialization of its call operator.
  const FunctionDecl *Pattern = CallOperator.getTemplateInstantiationPattern();
  auto IsThisLambda = [&](const Expr *Arg) {
    const Expr *Value = peel(Arg);
    if (const VarDecl *Var = referencedVar(Value); Var && Var->getInit())
      Value = peel(Var->getInit());
    const auto *Lambda = dyn_cast<LambdaExpr>(Value);
    return Lambda && (Lambda->getCallOperator() == &CallOperator ||
                      Lambda->getCallOperator() == Pattern);
  };
  return anyStmt(Definer->getBody(), [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const NamedDecl *Called = Call ? calledDecl(*Call) : nullptr;
    return Called && BoundedHelpers.matches(*Called) &&
           llvm::any_of(Call->arguments(), IsThisLambda);
  });
}

bool UnboundedTaskCreationCheck::runsInBoundedHelper(
    const FunctionDecl *Callable) const {
  for (const DeclContext *DC = Callable; DC; DC = DC->getParent()) {
    const auto *Function = dyn_cast<FunctionDecl>(DC);
    if (!Function)
      continue;
    if (BoundedHelpers.matches(*Function))
      return true;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Function);
        Method && Method->getParent()->isLambda() &&
        passedToBoundedHelper(*Method))
      return true;
  }
  return false;
}

void UnboundedTaskCreationCheck::report(const Finding &F, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const bool Threads = F.Info.What == Work::Thread;
  std::string Loop = describeLoop(*F.Loop, Ctx);
  if (F.TripCount > 0)
    Loop += " (" + std::to_string(F.TripCount) + " iterations in all)";
  diag(SM.getExpansionLoc(F.Spawn->getBeginLoc()),
       "%0 starts %select{a task|a thread|an eager task}1 in every iteration "
       "of %2 and nothing bounds how many run at once; %select{use '%3' or "
       "acquire a semaphore permit before the spawn|acquire a semaphore before "
       "the spawn or use a pool of fixed size}4")
      << F.Info.Name << static_cast<int>(F.Info.What) << Loop
      << runtime::ForEachBounded.Name << (F.InCoroutine && !Threads ? 0 : 1);
  noteSpawnPath(F, Ctx);

  std::vector<FixItHint> Fix = forEachBoundedFix(F, Ctx);
  if (!Fix.empty()) {
    auto Note = diag(SM.getExpansionLoc(F.Loop->getBeginLoc()),
                     Runtime.noteMessage(
                         "run the loop with '%0': at most %1 tasks run at "
                         "once and the loop ends when all are done",
                         runtime::ForEachBounded),
                     DiagnosticIDs::Note)
                << runtime::ForEachBounded.Name << MaxConcurrency << Fix;
    Runtime.addInclude(Note, F.Loop->getBeginLoc(), runtime::ForEachBounded,
                       SM);
    return;
  }
  if (F.InCoroutine && !Threads)
    diag(SM.getExpansionLoc(F.At->getBeginLoc()),
         "acquire a '%0' permit here and keep it in the task until the task "
         "ends: a semaphore of %1 permits lets %1 tasks run at once",
         DiagnosticIDs::Note)
        << runtime::Semaphore.Name << MaxConcurrency;
  else
    diag(SM.getExpansionLoc(F.At->getBeginLoc()),
         "acquire a 'std::counting_semaphore' here and release it when the "
         "%select{task|thread|task}0 ends: a semaphore of %1 lets %1 run at "
         "once",
         DiagnosticIDs::Note)
        << static_cast<int>(F.Info.What) << MaxConcurrency;
}

void UnboundedTaskCreationCheck::noteSpawnPath(const Finding &F,
                                               ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation Warning = SM.getExpansionLoc(F.Spawn->getBeginLoc());
  for (const FunctionDecl *Caller = F.Info.Helper; Caller;) {
    const SpawnPath *Path = spawnPathIn(*Caller, MaxHelperDepth, Ctx);
    if (!Path)
      return;
    if (Path->Beyond) {
      noteChain(*Path->Beyond, Warning, Ctx);
      return;
    }
    diag(SM.getExpansionLoc(Path->Site->getBeginLoc()), "%0 calls %1 here",
         DiagnosticIDs::Note)
        << calleeName(*Caller)
        << (Path->Next ? calleeName(*Path->Next) : Path->Spawn.Name);
    Caller = Path->Next;
  }
}

std::vector<FixItHint>
UnboundedTaskCreationCheck::forEachBoundedFix(const Finding &F,
                                              ASTContext &Ctx) {
  const auto *Loop = dyn_cast<CXXForRangeStmt>(F.Loop);
  if (!Loop || Loop->getInit() || F.TripCount > 0 || !F.InCoroutine ||
      inMacro(Loop->getSourceRange()))
    return {};
  const Stmt *Body = Loop->getBody();
  if (const auto *Block = dyn_cast<CompoundStmt>(Body)) {
    if (Block->size() != 1)
      return {};
    Body = Block->body_front();
  }
  const auto *Spawn = dyn_cast<CXXMemberCallExpr>(F.Spawn);
  const auto *Statement = dyn_cast<Expr>(Body);
  if (!Spawn || !Statement || peel(Statement) != Spawn)
    return {};
  const CXXMethodDecl *Method = Spawn->getMethodDecl();
  const Expr *Task = Spawn->getNumArgs() > 0 ? peel(Spawn->getArg(0)) : nullptr;
  const auto *TaskCall = dyn_cast_or_null<CallExpr>(Task);
  const VarDecl *Item = Loop->getLoopVariable();
  if (!isNamed(Method->getParent(), "task_group", runtime::TaskGroup.Name) ||
      !TaskCall || isa<CXXOperatorCallExpr>(TaskCall) ||
      llvm::any_of(
          llvm::drop_begin(Spawn->arguments()),
          [](const Expr *Arg) { return !isa<CXXDefaultArgExpr>(Arg); }) ||
      !Item->getIdentifier() || isa<DecompositionDecl>(Item) ||
      !Tasks.canAwait(*F.Callable, TaskCall->getType(), Ctx))
    return {};
  // The rewrite drops the body: not when a comment would go with it.
  const std::string LoopText = sourceText(Loop->getSourceRange(), Ctx);
  if (LoopText.find("//") != std::string::npos ||
      LoopText.find("/*") != std::string::npos)
    return {};
  const std::string Replacement =
      (llvm::Twine("co_await ") + runtime::ForEachBounded.Name + "(" +
       sourceText(Loop->getRangeInit()->getSourceRange(), Ctx) + ", " +
       llvm::Twine(MaxConcurrency) + ", [&](auto&& " + Item->getName() +
       ") { return " + sourceText(TaskCall->getSourceRange(), Ctx) + "; })" +
       (isa<CompoundStmt>(Loop->getBody()) ? ";" : ""))
          .str();
  return {FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Loop->getSourceRange()), Replacement)};
}

} // namespace clang::tidy::tether
