// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TranslationUnitLint.cpp - tether check ---------------------------===//

#include "TranslationUnitLint.h"
#include "Paths.h"
#include "SourceFiles.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "utils/StmtSearch.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Serialization/ASTReader.h"
#include "clang/Serialization/ModuleManager.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <map>

using namespace clang;
using namespace clang::tidy;

namespace tether {
namespace {

/// Canonical paths of one translation unit, each resolved once.
class CanonicalPaths {
public:
  explicit CanonicalPaths(std::string Directory)
      : Directory(std::move(Directory)) {}

  const std::string &of(llvm::StringRef Path) {
    auto [Entry, Inserted] = Known.try_emplace(Path);
    if (Inserted)
      Entry->getValue() = canonicalPath(Directory, Path);
    return Entry->getValue();
  }

private:
  const std::string Directory;
  llvm::StringMap<std::string> Known;
};

void makeCanonical(tooling::DiagnosticMessage &Message, CanonicalPaths &Paths) {
  if (!Message.FilePath.empty())
    Message.FilePath = Paths.of(Message.FilePath);
  for (tooling::FileByteRange &Range : Message.Ranges)
    if (!Range.FilePath.empty())
      Range.FilePath = Paths.of(Range.FilePath);
  llvm::StringMap<tooling::Replacements> Fixes;
  for (const auto &Entry : Message.Fix) {
    const std::string Path = Paths.of(Entry.getKey());
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
  RecordingDiagnosticConsumer(ClangTidyContext &Context, bool FixNotes,
                              CanonicalPaths &Paths,
                              std::vector<RaisedDiagnostic> &Raised)
      : ClangTidyDiagnosticConsumer(Context, nullptr,
                                    /*RemoveIncompatibleErrors=*/true,
                                    FixNotes),
        Paths(Paths), Context(Context), Raised(Raised) {}

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
  CanonicalPaths &Paths;

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
        Raised.push_back({Paths.of(Entry->getName()),
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
    // An invalid FileID is the set's empty key: no location there (the
    // implicit declarations of the translation unit) is in the set.
    for (SourceLocation Loc : Locations)
      if (const FileID File = SM.getFileID(Loc); File.isValid())
        Files.insert(File);
  }

  void nameAll(TranslationUnitDecl *Unit) {
    for (Decl *D : Unit->decls())
      if (const FileID File =
              SM.getFileID(SM.getExpansionLoc(D->getBeginLoc()));
          File.isValid() && Files.contains(File))
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
/// files the translation unit read, with the text it read.
class InputsConsumer : public ASTConsumer {
public:
  InputsConsumer(CompilerInstance &Compiler,
                 RecordingDiagnosticConsumer &Diagnostics,
                 TranslationUnitResult &Result,
                 std::map<FileOffset, std::string> &Functions)
      : Compiler(Compiler), Diagnostics(Diagnostics), Result(Result),
        Functions(Functions) {}

  void HandleTranslationUnit(ASTContext &Context) override {
    const SourceManager &SM = Compiler.getSourceManager();
    FunctionNamer Namer(SM, Diagnostics.Locations);
    Namer.nameAll(Context.getTranslationUnitDecl());
    for (size_t I = 0; I < Diagnostics.Locations.size(); ++I) {
      tooling::DiagnosticMessage Message("", SM, Diagnostics.Locations[I]);
      Functions[{Diagnostics.Paths.of(Message.FilePath), Message.FileOffset}] =
          Namer.names()[I];
    }
    llvm::StringMap<InputFile> Inputs;
    for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
      const SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
      if (!Entry.isFile())
        continue;
      const SrcMgr::FileInfo &File = Entry.getFile();
      const SrcMgr::ContentCache &Content = File.getContentCache();
      OptionalFileEntryRef Ref = Content.OrigEntry;
      // The text the compiler read, not the file as it is now: a file saved
      // during the run must not be cached under its new text.
      std::optional<llvm::StringRef> Text = Content.getBufferDataIfLoaded();
      if (!Ref || !Text)
        continue;
      const std::string &Path = Diagnostics.Paths.of(Ref->getName());
      auto [Input, Inserted] = Inputs.try_emplace(Path);
      if (Inserted)
        Input->getValue() = {Path, contentHash(*Text), false};
      Input->getValue().IsUserFile |=
          File.getFileCharacteristic() == SrcMgr::C_User;
    }
    // A precompiled header or a module is an input, and so is every file it
    // was built from: clang reads their text for spellings, and accepts
    // the AST file while their size and time (to the second) match.
    if (IntrusiveRefCntPtr<ASTReader> Reader = Compiler.getASTReader())
      for (serialization::ModuleFile &AstFile : Reader->getModuleManager()) {
        addFromDisk(AstFile.FileName, Inputs);
        Reader->visitInputFileInfos(
            AstFile, /*IncludeSystem=*/false,
            [&](const serialization::InputFileInfo &Info, bool) {
              addFromDisk(Info.Filename, Inputs);
            });
      }
    for (auto &Entry : Inputs)
      Result.Inputs.push_back(std::move(Entry.getValue()));
    llvm::sort(Result.Inputs, [](const InputFile &A, const InputFile &B) {
      return A.Path < B.Path;
    });
  }

private:
  /// Adds \p File as the disk has it, unless the compiler's own text of it
  /// is there already.
  void addFromDisk(llvm::StringRef File, llvm::StringMap<InputFile> &Inputs) {
    const std::string &Path = Diagnostics.Paths.of(File);
    if (Inputs.count(Path))
      return;
    if (auto Text = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/
                                                false))
      Inputs[Path] = {Path, contentHash((*Text)->getBuffer()), false};
  }

  CompilerInstance &Compiler;
  RecordingDiagnosticConsumer &Diagnostics;
  TranslationUnitResult &Result;
  std::map<FileOffset, std::string> &Functions;
};

/// Whether a Checks value enables async- checks only: every glob that adds
/// checks names async- ones.
bool enablesOnlyAsyncChecks(llvm::StringRef Checks) {
  llvm::SmallVector<llvm::StringRef> Globs;
  Checks.split(Globs, ',');
  return llvm::all_of(Globs, [](llvm::StringRef Glob) {
    Glob = Glob.trim();
    return Glob.empty() || Glob.starts_with("-") || Glob.starts_with("async-");
  });
}

/// Before the checks run: their matchers walk only the declarations of the
/// translation unit that are not in system headers. The async- checks never
/// report in system headers nor match there (isReportable), and a typical
/// translation unit is mostly system headers (the standard library, Asio),
/// whose walk by every matcher is most of the checks' cost. Other checks may
/// learn from system headers: with any of them enabled, or with
/// SystemHeaders in the configuration, everything is walked.
class UserCodeScope : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Context) override {
    Context.setTraversalScope(tidy::tether::userTopLevelDecls(Context));
  }
};

class LintAction : public ASTFrontendAction {
public:
  LintAction(ClangTidyASTConsumerFactory &Checks, bool UserCodeOnly,
             RecordingDiagnosticConsumer &Diagnostics,
             TranslationUnitResult &Result,
             std::map<FileOffset, std::string> &Functions)
      : Checks(Checks), UserCodeOnly(UserCodeOnly), Diagnostics(Diagnostics),
        Result(Result), Functions(Functions) {}

  std::unique_ptr<ASTConsumer>
  CreateASTConsumer(CompilerInstance &Compiler, llvm::StringRef File) override {
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    if (UserCodeOnly)
      Consumers.push_back(std::make_unique<UserCodeScope>());
    Consumers.push_back(Checks.createASTConsumer(Compiler, File));
    Consumers.push_back(std::make_unique<InputsConsumer>(Compiler, Diagnostics,
                                                         Result, Functions));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

private:
  ClangTidyASTConsumerFactory &Checks;
  const bool UserCodeOnly;
  RecordingDiagnosticConsumer &Diagnostics;
  TranslationUnitResult &Result;
  std::map<FileOffset, std::string> &Functions;
};

class LintActionFactory : public tooling::FrontendActionFactory {
public:
  LintActionFactory(
      ClangTidyContext &Context,
      llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FileSystem,
      bool UserCodeOnly, RecordingDiagnosticConsumer &Diagnostics,
      TranslationUnitResult &Result,
      std::map<FileOffset, std::string> &Functions)
      : Checks(Context, std::move(FileSystem)), UserCodeOnly(UserCodeOnly),
        Diagnostics(Diagnostics), Result(Result), Functions(Functions) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<LintAction>(Checks, UserCodeOnly, Diagnostics,
                                        Result, Functions);
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
  const bool UserCodeOnly;
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

/// The main file's argument, when relative to \p Directory, made absolute:
/// clang-tidy reads the configuration of the file the compiler is given by
/// that name, which a relative one would resolve against this process's
/// working directory, not the command's (and miss the project's
/// .clang-tidy when tether check runs from elsewhere).
tooling::ArgumentsAdjuster absoluteMainFile(std::string Directory) {
  return [Directory = std::move(Directory)](
             const tooling::CommandLineArguments &Arguments,
             llvm::StringRef File) {
    const std::string MainFile = absolutePath(Directory, File);
    tooling::CommandLineArguments Adjusted = Arguments;
    for (size_t I = 1; I < Adjusted.size(); ++I)
      if (!llvm::StringRef(Adjusted[I]).starts_with("-") &&
          !llvm::sys::path::is_absolute(Adjusted[I]) &&
          absolutePath(Directory, Adjusted[I]) == MainFile)
        Adjusted[I] = MainFile;
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
                    llvm::StringRef File, bool FixNotes, bool WholeProgram,
                    const tidy::tether::ProgramFacts *Known) {
  TranslationUnitResult Result;
  const std::vector<tooling::CompileCommand> Commands =
      Database.getCompileCommands(File);
  if (Commands.empty()) {
    Result.FirstError =
        "could not be linted: the compile database has no command for it";
    return Result;
  }
  CanonicalPaths Paths(Commands.front().Directory);

  std::map<FileOffset, std::string> Functions;
  // Its own working directory: ClangTool moves it to the command's
  // directory, which on the shared real file system would move every
  // thread's.
  auto FileSystem = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  tooling::ClangTool Tool(Database, {std::string(File)},
                          std::make_shared<PCHContainerOperations>(),
                          FileSystem);
  Tool.appendArgumentsAdjuster(absoluteMainFile(Commands.front().Directory));
  Tool.appendArgumentsAdjuster(extraArgumentsOf(Context));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  RecordingDiagnosticConsumer Diagnostics(Context, FixNotes, Paths,
                                          Result.Raised);
  DiagnosticsEngine Engine(new DiagnosticIDs(), new DiagnosticOptions(),
                           &Diagnostics, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  Tool.setDiagnosticConsumer(&Diagnostics);
  // A unit that does not compile is reported once, with its first error, at
  // the end of the run; not also mid-run as "Error while processing".
  Tool.setPrintErrorMessage(false);
  const ClangTidyOptions Options = Context.getOptionsForFile(File);
  LintActionFactory Factory(
      Context, FileSystem,
      !Options.SystemHeaders.value_or(false) &&
          enablesOnlyAsyncChecks(Options.Checks.value_or("")),
      Diagnostics, Result, Functions);
  int Status;
  {
    const tidy::tether::ScopedFacts Facts(
        WholeProgram ? tidy::tether::FactsScope{Known, &Result.Facts}
                     : tidy::tether::FactsScope{});
    Status = Tool.run(&Factory);
  }
  std::vector<tidy::tether::AskedFact> &Asked = Result.Facts.Asked;
  llvm::sort(Asked);
  Asked.erase(std::unique(Asked.begin(), Asked.end()), Asked.end());

  for (ClangTidyError &Error : Diagnostics.take()) {
    makeCanonical(Error.Message, Paths);
    for (tooling::DiagnosticMessage &Note : Error.Notes)
      makeCanonical(Note, Paths);
    if (Result.FirstError.empty() && isCompilerError(Error))
      Result.FirstError = "does not compile: " + Error.Message.Message;
    auto Function =
        Functions.find({Error.Message.FilePath, Error.Message.FileOffset});
    Result.Findings.push_back({std::move(Error), Function == Functions.end()
                                                     ? std::string()
                                                     : Function->second});
  }
  if (Status != 0 && Result.FirstError.empty())
    Result.FirstError = "could not be linted: clang could not run its "
                        "compile command";
  return Result;
}

} // namespace tether
