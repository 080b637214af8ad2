// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Coroutines.cpp - tether ------------------------------------------===//

#include "Coroutines.h"
#include "StmtSearch.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::tether {

static bool containsCoroutineKeyword(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CoreturnStmt, CoawaitExpr, DependentCoawaitExpr, CoyieldExpr>(S))
    return true;
  if (isa<LambdaExpr>(S)) // a callable of its own
    return false;
  return llvm::any_of(S->children(), containsCoroutineKeyword);
}

bool isCoroutine(const FunctionDecl &FD) {
  const Stmt *Body = FD.getBody();
  if (!Body)
    return false;
  if (isa<CoroutineBodyStmt>(Body))
    return true;
  // In a template the coroutine body is built only on instantiation; the
  // template itself shows it by its keywords.
  return FD.isTemplated() && containsCoroutineKeyword(Body);
}

namespace {

/// Finds a member named \p Name in \p RD or one of its bases.
const NamedDecl *findMember(const CXXRecordDecl &RD, llvm::StringRef Name) {
  const CXXRecordDecl *Def = RD.getDefinition();
  if (!Def)
    return nullptr;
  IdentifierInfo &Id = Def->getASTContext().Idents.get(Name);
  const NamedDecl *Found = nullptr;
  auto Look = [&](const CXXRecordDecl *Class) {
    DeclContextLookupResult Result = Class->lookup(&Id);
    if (!Result.empty())
      Found = Result.front();
    return Found == nullptr; // keep walking the bases until found
  };
  if (Look(Def))
    Def->forallBases(Look);
  return Found;
}

/// Finds a member operator (such as operator co_await) in \p RD or a base.
bool hasMemberOperator(const CXXRecordDecl &RD, OverloadedOperatorKind Op) {
  const CXXRecordDecl *Def = RD.getDefinition();
  if (!Def)
    return false;
  DeclarationName Name =
      Def->getASTContext().DeclarationNames.getCXXOperatorName(Op);
  bool Found = false;
  auto Look = [&](const CXXRecordDecl *Class) {
    Found = !Class->lookup(Name).empty();
    return !Found;
  };
  if (Look(Def))
    Def->forallBases(Look);
  return Found;
}

const CXXRecordDecl *recordOfTypeDecl(const NamedDecl *ND) {
  if (!ND)
    return nullptr;
  if (const auto *RD = dyn_cast<CXXRecordDecl>(ND))
    return RD;
  if (const auto *TD = dyn_cast<TypedefNameDecl>(ND)) {
    QualType T = TD->getUnderlyingType();
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
      return RD;
    // A dependent promise (in a partial specialization) names a template:
    // its pattern still shows how the coroutine starts.
    if (const auto *TST = T->getAs<TemplateSpecializationType>())
      if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(
              TST->getTemplateName().getAsTemplateDecl()))
        return CTD->getTemplatedDecl();
  }
  return nullptr;
}

const ClassTemplateDecl *findCoroutineTraits(ASTContext &Ctx) {
  IdentifierInfo &Std = Ctx.Idents.get("std");
  IdentifierInfo &Traits = Ctx.Idents.get("coroutine_traits");
  for (const NamedDecl *ND : Ctx.getTranslationUnitDecl()->lookup(&Std)) {
    const auto *NS = dyn_cast<NamespaceDecl>(ND);
    if (!NS)
      continue;
    llvm::SmallVector<const DeclContext *, 2> Scopes = {NS};
    for (const Decl *D : NS->decls())
      if (const auto *Inner = dyn_cast<NamespaceDecl>(D);
          Inner && Inner->isInline())
        Scopes.push_back(Inner);
    for (const DeclContext *Scope : Scopes)
      for (const NamedDecl *Candidate : Scope->lookup(&Traits))
        if (const auto *CTD = dyn_cast<ClassTemplateDecl>(Candidate))
          return CTD;
  }
  return nullptr;
}

const ClassTemplateDecl *templateOf(const CXXRecordDecl &RD) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(&RD))
    return Spec->getSpecializedTemplate()->getCanonicalDecl();
  return nullptr;
}

const ClassTemplateDecl *templateOf(QualType T) {
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(
            TST->getTemplateName().getAsTemplateDecl()))
      return CTD->getCanonicalDecl();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return templateOf(*RD);
  return nullptr;
}

/// Whether \p Actual can be an instance of \p Pattern, the returned type a
/// partial specialization of coroutine_traits is written for: the same
/// template and, argument by argument, the same type wherever the pattern
/// names one. Boost.Cobalt specializes the traits for
/// `coroutine_handle<post_coroutine_promise<T>>` only; every other
/// `coroutine_handle` is a plain handle, not a task.
bool instanceOfPattern(QualType Pattern, QualType Actual) {
  Pattern = Pattern.getCanonicalType();
  Actual = Actual.getCanonicalType();
  if (!Pattern->isDependentType())
    return Pattern == Actual;
  const auto *PatternSpec = Pattern->getAs<TemplateSpecializationType>();
  if (!PatternSpec) // T, T*, a member of T: anything may bind to it
    return true;
  const auto *ActualSpec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Actual->getAsCXXRecordDecl());
  if (!ActualSpec || templateOf(Pattern) != templateOf(*ActualSpec))
    return false;
  llvm::ArrayRef<TemplateArgument> PatternArgs =
      PatternSpec->template_arguments();
  llvm::ArrayRef<TemplateArgument> ActualArgs =
      ActualSpec->getTemplateArgs().asArray();
  for (auto [PatternArg, ActualArg] : llvm::zip(PatternArgs, ActualArgs)) {
    if (PatternArg.isPackExpansion())
      return true;
    if (PatternArg.getKind() == TemplateArgument::Type &&
        ActualArg.getKind() == TemplateArgument::Type &&
        !instanceOfPattern(PatternArg.getAsType(), ActualArg.getAsType()))
      return false;
  }
  return true;
}

/// Whether the coroutine_traits specialization \p Spec, made for another
/// instance of RD's template, says something about \p RD: it was instantiated
/// from a partial specialization whose pattern RD fits too. An explicit
/// specialization is for its own arguments only.
bool fitsPartialOf(const ClassTemplateSpecializationDecl &Spec,
                   const CXXRecordDecl &RD) {
  if (Spec.getSpecializationKind() == TSK_ExplicitSpecialization)
    return false;
  const auto *Partial =
      Spec.getSpecializedTemplateOrPartial()
          .dyn_cast<ClassTemplatePartialSpecializationDecl *>();
  if (!Partial)
    return true; // the primary template: its promise_type is the class's own
  const TemplateArgumentList &Args = Partial->getTemplateArgs();
  return Args.size() > 0 && Args[0].getKind() == TemplateArgument::Type &&
         instanceOfPattern(Args[0].getAsType(),
                           QualType(RD.getTypeForDecl(), 0));
}

/// The promise type that std::coroutine_traits gives coroutines returning
/// \p RD: from an instantiated or explicit specialization, else from a
/// partial specialization on RD's template (asio::awaitable's form) whose
/// pattern RD fits.
const CXXRecordDecl *promiseFromTraits(const CXXRecordDecl &RD,
                                       ASTContext &Ctx) {
  const ClassTemplateDecl *Traits = findCoroutineTraits(Ctx);
  if (!Traits)
    return nullptr;
  const ClassTemplateDecl *RDTemplate = templateOf(RD);
  const CXXRecordDecl *SameTemplatePromise = nullptr;
  for (const ClassTemplateSpecializationDecl *Spec :
       Traits->specializations()) {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
      continue;
    const CXXRecordDecl *Returned = Args[0].getAsType()->getAsCXXRecordDecl();
    if (!Returned)
      continue;
    if (Returned->getCanonicalDecl() == RD.getCanonicalDecl())
      if (const CXXRecordDecl *Promise =
              recordOfTypeDecl(findMember(*Spec, "promise_type")))
        return Promise;
    if (RDTemplate && templateOf(*Returned) == RDTemplate &&
        !SameTemplatePromise && fitsPartialOf(*Spec, RD))
      SameTemplatePromise = recordOfTypeDecl(findMember(*Spec, "promise_type"));
  }
  if (SameTemplatePromise)
    return SameTemplatePromise;
  if (!RDTemplate)
    return nullptr;
  llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
  const_cast<ClassTemplateDecl *>(Traits)->getPartialSpecializations(Partials);
  for (const ClassTemplatePartialSpecializationDecl *Partial : Partials) {
    const TemplateArgumentList &Args = Partial->getTemplateArgs();
    if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
      continue;
    if (templateOf(Args[0].getAsType()) == RDTemplate &&
        instanceOfPattern(Args[0].getAsType(),
                          QualType(RD.getTypeForDecl(), 0)))
      return recordOfTypeDecl(findMember(*Partial, "promise_type"));
  }
  return nullptr;
}

/// The type `initial_suspend()` returns, looking through an undeduced `auto`
/// in a template pattern to the type of its return statement.
QualType initialSuspendType(const CXXRecordDecl &Promise) {
  const auto *Method =
      dyn_cast_or_null<FunctionDecl>(findMember(Promise, "initial_suspend"));
  if (!Method)
    if (const auto *Template = dyn_cast_or_null<FunctionTemplateDecl>(
            findMember(Promise, "initial_suspend")))
      Method = Template->getTemplatedDecl();
  if (!Method)
    return {};
  QualType Returned = Method->getReturnType();
  if (!Returned->isUndeducedType())
    return Returned;
  if (const auto *Body = dyn_cast_or_null<CompoundStmt>(Method->getBody()))
    for (const Stmt *S : Body->body())
      if (const auto *Return = dyn_cast<ReturnStmt>(S))
        if (const Expr *Value = Return->getRetValue())
          return Value->getType();
  return {};
}

/// Reads `await_ready` of an awaiter whose body is `return true;` or
/// `return false;`.
std::optional<bool> constantAwaitReady(const CXXRecordDecl &Awaiter) {
  const auto *Ready =
      dyn_cast_or_null<FunctionDecl>(findMember(Awaiter, "await_ready"));
  if (!Ready)
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Ready->getBody());
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Return || !Return->getRetValue())
    return std::nullopt;
  if (const auto *Literal = dyn_cast<CXXBoolLiteralExpr>(
          Return->getRetValue()->IgnoreParenImpCasts()))
    return Literal->getValue();
  return std::nullopt;
}

/// Whether `await_suspend` of \p Awaiter is `return h;` of the handle it is
/// given: it suspends the coroutine only to resume it at once.
bool resumesItself(const CXXRecordDecl &Awaiter) {
  const NamedDecl *Member = findMember(Awaiter, "await_suspend");
  const auto *Suspend = dyn_cast_or_null<FunctionDecl>(Member);
  if (const auto *Template = dyn_cast_or_null<FunctionTemplateDecl>(Member))
    Suspend = Template->getTemplatedDecl();
  const auto *Body =
      Suspend ? dyn_cast_or_null<CompoundStmt>(Suspend->getBody()) : nullptr;
  if (!Body || Body->size() != 1 || Suspend->getNumParams() != 1)
    return false;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  const Expr *Value = Return ? Return->getRetValue() : nullptr;
  const auto *Ref =
      Value ? dyn_cast<DeclRefExpr>(Value->IgnoreUnlessSpelledInSource())
            : nullptr;
  return Ref && Ref->getDecl() == Suspend->getParamDecl(0);
}

TaskStart startOf(const CXXRecordDecl *Promise) {
  if (!Promise)
    return TaskStart::Unknown;
  QualType Initial = initialSuspendType(*Promise);
  if (Initial.isNull())
    return TaskStart::Unknown;
  const CXXRecordDecl *Awaiter = Initial->getAsCXXRecordDecl();
  if (!Awaiter)
    return TaskStart::Unknown;
  llvm::StringRef Name = Awaiter->getName();
  if (Name == "suspend_always")
    return TaskStart::Lazy;
  if (Name == "suspend_never")
    return TaskStart::Eager;
  if (std::optional<bool> Ready = constantAwaitReady(*Awaiter))
    return *Ready || resumesItself(*Awaiter) ? TaskStart::Eager
                                             : TaskStart::Lazy;
  return TaskStart::Unknown;
}

const CXXRecordDecl *promiseOfCoroutine(const FunctionDecl &FD) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(FD.getBody());
  if (!Body || !Body->getPromiseDecl())
    return nullptr;
  return Body->getPromiseDecl()->getType()->getAsCXXRecordDecl();
}

} // namespace

const CompoundStmt *coroutineBlock(const FunctionDecl &FD) {
  const FunctionDecl *Definition = FD.getDefinition();
  const auto *Body =
      Definition ? dyn_cast_or_null<CoroutineBodyStmt>(Definition->getBody())
                 : nullptr;
  return Body ? dyn_cast_or_null<CompoundStmt>(Body->getBody()) : nullptr;
}

bool suspends(const Stmt &S) {
  return anyStmt(&S, [](const Stmt &Node) {
    return isa<CoawaitExpr, CoyieldExpr, DependentCoawaitExpr>(Node);
  });
}

llvm::ArrayRef<Stmt *> beforeFirstSuspension(const CompoundStmt &Block) {
  llvm::ArrayRef<Stmt *> Statements(Block.body_begin(), Block.size());
  return Statements.take_until([](const Stmt *S) { return suspends(*S); });
}

std::optional<TaskTypeInfo> TaskTypes::classifyUncached(const CXXRecordDecl &RD,
                                                        ASTContext &Ctx) {
  const CXXRecordDecl *Promise =
      recordOfTypeDecl(findMember(RD, "promise_type"));
  if (!Promise)
    Promise = promiseFromTraits(RD, Ctx);
  if (Promise)
    return TaskTypeInfo{Promise, startOf(Promise)};
  if (ExtraTaskTypes && ExtraTaskTypes->matches(RD))
    return TaskTypeInfo{};
  return std::nullopt;
}

std::optional<TaskTypeInfo> TaskTypes::classify(QualType T, ASTContext &Ctx,
                                                const FunctionDecl *Callee) {
  if (T.isNull() || T->isDependentType() || T->isReferenceType())
    return std::nullopt;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return std::nullopt;
  const Type *Key = Ctx.getCanonicalType(T).getTypePtr();
  auto [It, Inserted] = Cache.try_emplace(Key);
  if (Inserted)
    It->second = classifyUncached(*RD, Ctx);
  if (It->second || !Callee)
    return It->second;
  // A coroutine defined in view but whose traits are not (yet) visible.
  if (const CXXRecordDecl *Promise = promiseOfCoroutine(*Callee))
    return TaskTypeInfo{Promise, startOf(Promise)};
  return std::nullopt;
}

bool TaskTypes::canAwait(const FunctionDecl &Coroutine, QualType Awaited,
                         ASTContext &Ctx) {
  const CXXRecordDecl *Promise = promiseOfCoroutine(Coroutine);
  if (!Promise) // a coroutine in a template: ask its return type
    if (std::optional<TaskTypeInfo> Own =
            classify(Coroutine.getReturnType(), Ctx))
      Promise = Own->Promise;
  const CXXRecordDecl *AwaitedRecord = Awaited->getAsCXXRecordDecl();
  if (!Promise || !AwaitedRecord)
    return false;
  if (findMember(*Promise, "await_transform")) {
    // The promise filters what it awaits: trust only a task of the
    // coroutine's own kind, with the same trailing template arguments (the
    // executor of an asio::awaitable).
    QualType Own = Coroutine.getReturnType().getCanonicalType();
    QualType Other = Awaited.getCanonicalType();
    if (Ctx.hasSameUnqualifiedType(Own, Other))
      return true;
    const auto *OwnSpec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Own->getAsCXXRecordDecl());
    const auto *OtherSpec =
        dyn_cast<ClassTemplateSpecializationDecl>(AwaitedRecord);
    if (!OwnSpec || !OtherSpec ||
        templateOf(*OwnSpec) != templateOf(*OtherSpec))
      return false;
    const TemplateArgumentList &OwnArgs = OwnSpec->getTemplateArgs();
    const TemplateArgumentList &OtherArgs = OtherSpec->getTemplateArgs();
    if (OwnArgs.size() != OtherArgs.size())
      return false;
    for (unsigned I = 1; I < OwnArgs.size(); ++I)
      if (!OwnArgs[I].structurallyEquals(OtherArgs[I]))
        return false;
    return true;
  }
  return hasMemberOperator(*AwaitedRecord, OO_Coawait) ||
         (findMember(*AwaitedRecord, "await_ready") &&
          findMember(*AwaitedRecord, "await_suspend") &&
          findMember(*AwaitedRecord, "await_resume"));
}

bool isGeneratorPromise(const CXXRecordDecl &Promise) {
  // A member class of a class template specialization is instantiated only
  // when used: its pattern says what it will declare.
  const CXXRecordDecl *Definition = Promise.getDefinition();
  if (const CXXRecordDecl *Pattern = Promise.getInstantiatedFromMemberClass();
      !Definition && Pattern)
    Definition = Pattern->getDefinition();
  if (!Definition)
    return false;
  IdentifierInfo &Name = Definition->getASTContext().Idents.get("yield_value");
  bool Found = !Definition->lookup(&Name).empty();
  if (!Found)
    Definition->forallBases([&](const CXXRecordDecl *Base) {
      Found = !Base->lookup(&Name).empty();
      return !Found;
    });
  return Found;
}

} // namespace clang::tidy::tether
