// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Facts.cpp - tether -----------------------------------------------===//

#include "Facts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"

namespace clang::tidy::tether {
namespace {
thread_local FactsScope Current;
} // namespace

const FactsScope &currentFacts() { return Current; }

ScopedFacts::ScopedFacts(FactsScope Scope) : Saved(Current) { Current = Scope; }

ScopedFacts::~ScopedFacts() { Current = Saved; }

std::string usrOf(const Decl &D) {
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(&D, USR))
    return "";
  return std::string(USR);
}

std::string calleeName(const FunctionDecl &Function) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
      Method && Method->getParent()->isLambda())
    return "the lambda";
  return "'" + Function.getNameAsString() + "'";
}

bool isSummarized(const FunctionDecl &Function) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  return !Function.isDependentContext() &&
         !Function.getTemplateInstantiationPattern() &&
         !(Method && Method->getParent()->isLambda());
}

FunctionSummary *recordedSummary(const FunctionDecl &Function,
                                 const SourceManager &SM) {
  TranslationUnitFacts *Learned = Current.Learned;
  if (!Learned || !isSummarized(Function))
    return nullptr;
  std::string USR = usrOf(*Function.getCanonicalDecl());
  if (USR.empty())
    return nullptr;
  auto [It, Inserted] =
      Learned->Recorded.try_emplace(USR, Learned->Functions.size());
  if (Inserted) {
    FunctionSummary &Summary = Learned->Functions.emplace_back();
    Summary.USR = std::move(USR);
    Summary.Name = calleeName(Function);
    Summary.QualifiedName = Function.getQualifiedNameAsString();
    Summary.Definition = factLocation(SM, Function.getLocation());
  }
  return &Learned->Functions[It->second];
}

namespace {
/// Notes the question \p Kind about \p Subject and returns the answer's
/// facts; null outside tether check or when it has no identity.
const ProgramFacts *ask(const Decl &Subject, FactKind Kind, AskedFact &Asked) {
  if (!Current.Learned)
    return nullptr;
  Asked = {Kind, usrOf(*Subject.getCanonicalDecl())};
  if (Asked.USR.empty())
    return nullptr;
  Current.Learned->Asked.push_back(Asked);
  return Current.Known;
}
} // namespace

bool hasDeadlineFacts(const FunctionDecl &Function) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  return !Function.isDependentContext() &&
         !(Method && Method->getParent()->isLambda());
}

bool knownBoundedByCallers(const FunctionDecl &Coroutine) {
  if (!hasDeadlineFacts(Coroutine))
    return false;
  AskedFact Asked;
  const ProgramFacts *Known = ask(Coroutine, FactKind::BoundedByCallers, Asked);
  return Known && Known->holds(Asked);
}

bool knownTimerCoroutine(const FunctionDecl &Coroutine, bool MustThrow) {
  AskedFact Asked;
  const ProgramFacts *Known =
      ask(Coroutine,
          MustThrow ? FactKind::FailsOnTimer : FactKind::WaitsOnTimer, Asked);
  return Known && Known->holds(Asked);
}

bool knownWatched(const Decl &Stream) {
  AskedFact Asked;
  const ProgramFacts *Known = ask(Stream, FactKind::Watched, Asked);
  return Known && Known->holds(Asked);
}

const std::vector<ChainHop> *knownChain(const FunctionDecl &Callee,
                                        FactKind Kind, unsigned MaxLength) {
  AskedFact Asked;
  const ProgramFacts *Known = ask(Callee, Kind, Asked);
  const std::vector<ChainHop> *Chain = Known ? Known->chain(Asked) : nullptr;
  return Chain && Chain->size() <= MaxLength ? Chain : nullptr;
}

const FunctionDecl *followedCallee(const CallExpr &Call) {
  if (isa<CXXOperatorCallExpr>(Call))
    return nullptr;
  const FunctionDecl *Callee = Call.getDirectCallee();
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!Callee || (Method && Method->isVirtual()) ||
      Callee->getASTContext().getSourceManager().isInSystemHeader(
          Callee->getLocation()))
    return nullptr;
  return Callee;
}

void addCallThrough(CallFact &Fact, const CallExpr &Call,
                    const FunctionDecl &Callee, const SourceManager &SM) {
  std::string USR = usrOf(*Callee.getCanonicalDecl());
  if (!USR.empty())
    Fact.Through.push_back({std::move(USR), calleeName(Callee),
                            factLocation(SM, Call.getBeginLoc())});
}

FactLocation factLocation(const SourceManager &SM, SourceLocation Loc) {
  const FullSourceLoc Where(SM.getExpansionLoc(Loc), SM);
  FactLocation Result;
  if (OptionalFileEntryRef File = SM.getFileEntryRefForID(Where.getFileID())) {
    // Through the translation unit's file system: a relative name is
    // relative to its compile command's directory, not to this process's.
    llvm::SmallString<256> Path;
    FileManager &Files = SM.getFileManager();
    if (Files.getVirtualFileSystem().getRealPath(File->getName(), Path)) {
      Path = File->getName();
      Files.makeAbsolutePath(Path);
    }
    Result.File = std::string(Path);
  }
  Result.Line = Where.getSpellingLineNumber();
  Result.Column = Where.getSpellingColumnNumber();
  return Result;
}

SourceLocation sourceLocation(SourceManager &SM, const FactLocation &Where) {
  OptionalFileEntryRef File =
      SM.getFileManager().getOptionalFileRef(Where.File);
  if (!File || Where.Line == 0 || Where.Column == 0)
    return {};
  const FileID ID = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  const SourceLocation Loc = SM.translateLineCol(ID, Where.Line, Where.Column);
  // translateLineCol clamps: a line the file no longer has is not there.
  if (Loc.isInvalid() || SM.getSpellingLineNumber(Loc) != Where.Line)
    return {};
  return Loc;
}

} // namespace clang::tidy::tether
