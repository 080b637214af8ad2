//===--- TranslationUnitLint.cpp - tether check ---------------------------===//

#include "TranslationUnitLint.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include <map>

using namespace clang;
using namespace clang::tidy;

namespace tether {
namespace {

/// \p Path made absolute against \p Directory. Findings drop "..", so that
/// a header reached through different directories is one file; inputs keep
/// it, as it may follow a symbolic link (/lib/gcc/../../include).
std::string absoluteIn(llvm::StringRef Directory, llvm::StringRef Path,
                       bool RemoveDotDot = true) {
  llvm::SmallString<256> Absolute;
  if (!llvm::sys::path::is_absolute(Path))
    Absolute = Directory;
  llvm::sys::path::append(Absolute, Path);
  llvm::sys::path::remove_dots(Absolute, RemoveDotDot);
  return std::string(Absolute);
}

void makeAbsolute(tooling::DiagnosticMessage &Message,
                  llvm::StringRef Directory) {
  if (!Message.FilePath.empty())
    Message.FilePath = absoluteIn(Directory, Message.FilePath);
  llvm::StringMap<tooling::Replacements> Fixes;
  for (const auto &Entry : Message.Fix) {
    const std::string Path = absoluteIn(Directory, Entry.getKey());
    tooling::Replacements &InFile = Fixes[Path];
    for (const tooling::Replacement &R : Entry.getValue())
      llvm::consumeError(InFile.add(tooling::Replacement(
          Path, R.getOffset(), R.getLength(), R.getReplacementText())));
  }
  Message.Fix = std::move(Fixes);
}

using FileOffset = std::pair<std::string, unsigned>;

/// The diagnostic consumer of clang-tidy, which also notes where each
/// warning was raised before NOLINT comments could suppress it.
class RecordingDiagnosticConsumer : public ClangTidyDiagnosticConsumer {
public:
  RecordingDiagnosticConsumer(ClangTidyContext &Context, bool ApplyAnyFix,
                              std::string Directory,
                              std::vector<RaisedDiagnostic> &Raised)
      : ClangTidyDiagnosticConsumer(Context, nullptr,
                                    /*RemoveIncompatibleErrors=*/true,
                                    ApplyAnyFix),
        Directory(std::move(Directory)), Context(Context), Raised(Raised) {}

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    if ((Level == DiagnosticsEngine::Warning ||
         Level == DiagnosticsEngine::Error) &&
        Info.hasSourceManager() && Info.getLocation().isValid())
      record(Info);
    ClangTidyDiagnosticConsumer::HandleDiagnostic(Level, Info);
  }

  /// Locations of the warnings, for their enclosing functions.
  std::vector<SourceLocation> Locations;
  std::string Directory;

private:
  void record(const Diagnostic &Info) {
    const SourceManager &SM = Info.getSourceManager();
    SourceLocation Loc = Info.getLocation();
    if (SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
      return;
    Locations.push_back(SM.getFileLoc(Loc));
    const std::string Check = Context.getCheckName(Info.getID());
    if (Check.empty())
      return;
    // The lines clang-tidy looks for NOLINT on: the expansion of each level
    // of the macro chain.
    while (true) {
      const auto [File, Offset] = SM.getDecomposedExpansionLoc(Loc);
      if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File))
        Raised.push_back({absoluteIn(Directory, Entry->getName()),
                          SM.getLineNumber(File, Offset), Check});
      if (!Loc.isMacroID())
        break;
      Loc = SM.getImmediateExpansionRange(Loc).getBegin();
    }
  }

  ClangTidyContext &Context;
  std::vector<RaisedDiagnostic> &Raised;
};

/// Names the innermost named function around each location, skipping
/// lambdas so that a name stays stable when code moves into one.
class FunctionNamer : public RecursiveASTVisitor<FunctionNamer> {
public:
  FunctionNamer(const SourceManager &SM,
                llvm::ArrayRef<SourceLocation> Locations)
      : SM(SM), Locations(Locations), Names(Locations.size()) {
    for (SourceLocation Loc : Locations)
      Files.insert(SM.getFileID(Loc));
  }

  void nameAll(TranslationUnitDecl *Unit) {
    for (Decl *D : Unit->decls())
      if (Files.contains(SM.getFileID(SM.getExpansionLoc(D->getBeginLoc()))))
        TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *Function) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
      if (Method->getParent()->isLambda())
        return true;
    const CharSourceRange Range =
        SM.getExpansionRange(Function->getSourceRange());
    for (size_t I = 0; I < Locations.size(); ++I)
      if (!SM.isBeforeInTranslationUnit(Locations[I], Range.getBegin()) &&
          !SM.isBeforeInTranslationUnit(Range.getEnd(), Locations[I]))
        Names[I] = Function->getQualifiedNameAsString();
    return true;
  }

  const std::vector<std::string> &names() const { return Names; }

private:
  const SourceManager &SM;
  llvm::ArrayRef<SourceLocation> Locations;
  llvm::DenseSet<FileID> Files;
  std::vector<std::string> Names;
};

/// After the checks ran: the enclosing functions of the warnings and the
/// files the translation unit read.
class InputsConsumer : public ASTConsumer {
public:
  InputsConsumer(const SourceManager &SM,
                 RecordingDiagnosticConsumer &Diagnostics,
                 TranslationUnitResult &Result,
                 std::map<FileOffset, std::string> &Functions)
      : SM(SM), Diagnostics(Diagnostics), Result(Result), Functions(Functions) {
  }

  void HandleTranslationUnit(ASTContext &Context) override {
    FunctionNamer Namer(SM, Diagnostics.Locations);
    Namer.nameAll(Context.getTranslationUnitDecl());
    for (size_t I = 0; I < Diagnostics.Locations.size(); ++I) {
      tooling::DiagnosticMessage Message("", SM, Diagnostics.Locations[I]);
      Functions[{absoluteIn(Diagnostics.Directory, Message.FilePath),
                 Message.FileOffset}] = Namer.names()[I];
    }
    llvm::StringMap<bool> IsUserFile;
    for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
      const SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
      if (!Entry.isFile())
        continue;
      const SrcMgr::FileInfo &File = Entry.getFile();
      if (OptionalFileEntryRef Ref = File.getContentCache().OrigEntry) {
        IsUserFile[absoluteIn(Diagnostics.Directory, Ref->getName(),
                              /*RemoveDotDot=*/false)] |=
            File.getFileCharacteristic() == SrcMgr::C_User;
      }
    }
    for (const auto &Entry : IsUserFile) {
      Result.Inputs.push_back(Entry.getKey().str());
      if (Entry.getValue())
        Result.UserFiles.push_back(Entry.getKey().str());
    }
    llvm::sort(Result.Inputs);
    llvm::sort(Result.UserFiles);
  }

private:
  const SourceManager &SM;
  RecordingDiagnosticConsumer &Diagnostics;
  TranslationUnitResult &Result;
  std::map<FileOffset, std::string> &Functions;
};

class LintAction : public ASTFrontendAction {
public:
  LintAction(ClangTidyASTConsumerFactory &Checks,
             RecordingDiagnosticConsumer &Diagnostics,
             TranslationUnitResult &Result,
             std::map<FileOffset, std::string> &Functions)
      : Checks(Checks), Diagnostics(Diagnostics), Result(Result),
        Functions(Functions) {}

  std::unique_ptr<ASTConsumer>
  CreateASTConsumer(CompilerInstance &Compiler, llvm::StringRef File) override {
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(Checks.createASTConsumer(Compiler, File));
    Consumers.push_back(std::make_unique<InputsConsumer>(
        Compiler.getSourceManager(), Diagnostics, Result, Functions));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

private:
  ClangTidyASTConsumerFactory &Checks;
  RecordingDiagnosticConsumer &Diagnostics;
  TranslationUnitResult &Result;
  std::map<FileOffset, std::string> &Functions;
};

class LintActionFactory : public tooling::FrontendActionFactory {
public:
  LintActionFactory(
      ClangTidyContext &Context,
      llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FileSystem,
      RecordingDiagnosticConsumer &Diagnostics, TranslationUnitResult &Result,
      std::map<FileOffset, std::string> &Functions)
      : Checks(Context, std::move(FileSystem)), Diagnostics(Diagnostics),
        Result(Result), Functions(Functions) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<LintAction>(Checks, Diagnostics, Result, Functions);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *Consumer) override {
    // As clang-tidy: code under #ifndef __clang_analyzer__ is not linted.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    return FrontendActionFactory::runInvocation(
        std::move(Invocation), Files, std::move(PCHContainerOps), Consumer);
  }

private:
  ClangTidyASTConsumerFactory Checks;
  RecordingDiagnosticConsumer &Diagnostics;
  TranslationUnitResult &Result;
  std::map<FileOffset, std::string> &Functions;
};

/// ExtraArgs and ExtraArgsBefore of the configuration, as clang-tidy adds
/// them.
tooling::ArgumentsAdjuster extraArgumentsOf(ClangTidyContext &Context) {
  return [&Context](const tooling::CommandLineArguments &Arguments,
                    llvm::StringRef File) {
    const ClangTidyOptions Options = Context.getOptionsForFile(File);
    tooling::CommandLineArguments Adjusted = Arguments;
    if (Options.ExtraArgsBefore) {
      auto Position = Adjusted.begin();
      if (Position != Adjusted.end() &&
          !llvm::StringRef(*Position).starts_with("-"))
        ++Position; // the compiler
      Adjusted.insert(Position, Options.ExtraArgsBefore->begin(),
                      Options.ExtraArgsBefore->end());
    }
    if (Options.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Options.ExtraArgs->begin(),
                      Options.ExtraArgs->end());
    return Adjusted;
  };
}

} // namespace

bool isCompilerError(const ClangTidyError &Error) {
  return Error.DiagLevel == ClangTidyError::Error &&
         llvm::StringRef(Error.DiagnosticName).starts_with("clang-diagnostic-");
}

TranslationUnitResult
lintTranslationUnit(ClangTidyContext &Context,
                    const tooling::CompilationDatabase &Database,
                    llvm::StringRef File, bool ApplyAnyFix) {
  const std::vector<tooling::CompileCommand> Commands =
      Database.getCompileCommands(File);
  llvm::SmallString<256> Directory;
  if (Commands.empty())
    llvm::sys::fs::current_path(Directory);
  else
    Directory = Commands.front().Directory;

  TranslationUnitResult Result;
  std::map<FileOffset, std::string> Functions;
  auto FileSystem = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  tooling::ClangTool Tool(Database, {std::string(File)},
                          std::make_shared<PCHContainerOperations>(),
                          FileSystem);
  Tool.appendArgumentsAdjuster(extraArgumentsOf(Context));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  RecordingDiagnosticConsumer Diagnostics(
      Context, ApplyAnyFix, std::string(Directory), Result.Raised);
  DiagnosticsEngine Engine(new DiagnosticIDs(), new DiagnosticOptions(),
                           &Diagnostics, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  Tool.setDiagnosticConsumer(&Diagnostics);
  LintActionFactory Factory(Context, FileSystem, Diagnostics, Result,
                            Functions);
  Tool.run(&Factory);

  for (ClangTidyError &Error : Diagnostics.take()) {
    makeAbsolute(Error.Message, Directory);
    for (tooling::DiagnosticMessage &Note : Error.Notes)
      makeAbsolute(Note, Directory);
    if (Result.FirstError.empty() && isCompilerError(Error))
      Result.FirstError = Error.Message.Message;
    auto Function =
        Functions.find({Error.Message.FilePath, Error.Message.FileOffset});
    Result.Findings.push_back({std::move(Error), Function == Functions.end()
                                                     ? std::string()
                                                     : Function->second});
  }
  return Result;
}

} // namespace tether
