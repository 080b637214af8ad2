//===--- TetherMain.cpp - tether ------------------------------------------===//
//
// tether check: lints every translation unit of a compile database in
// parallel, in one process, with the async- checks and every clang-tidy
// check a .clang-tidy enables. Each finding is reported once, however many
// translation units include the header it is in.
//
// Exit codes: 0 no findings, 1 findings, 2 usage or tool error (a
// translation unit that does not compile is reported and the run goes on).
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyForceLinker.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

namespace clang::tidy {
extern volatile int TetherModuleAnchorSource;
[[maybe_unused]] static int TetherModuleAnchorDestination =
    TetherModuleAnchorSource;
} // namespace clang::tidy

using namespace clang;
using namespace clang::tidy;
namespace cl = llvm::cl;

namespace {

cl::SubCommand Check("check", "lint the translation units of a compile "
                              "database with the async- checks");
cl::OptionCategory CheckCategory("tether check options");

cl::opt<std::string> BuildPath("p",
                               cl::desc("build directory with "
                                        "compile_commands.json "
                                        "(default: ./build, then .)"),
                               cl::value_desc("dir"), cl::sub(Check),
                               cl::cat(CheckCategory));
cl::list<std::string> Paths(cl::Positional,
                            cl::desc("[paths...]: only the translation "
                                     "units under these files or "
                                     "directories"),
                            cl::sub(Check), cl::cat(CheckCategory));
cl::opt<unsigned> Jobs("j",
                       cl::desc("translation units linted at once "
                                "(default: every core)"),
                       cl::init(0), cl::Prefix, cl::sub(Check),
                       cl::cat(CheckCategory));
cl::opt<std::string>
    Checks("checks",
           cl::desc("checks to run, as clang-tidy's --checks; added to what "
                    ".clang-tidy files enable (default without any: "
                    "-*,async-*)"),
           cl::sub(Check), cl::cat(CheckCategory));
cl::opt<std::string> ConfigFile("config-file",
                                cl::desc("read the configuration from this "
                                         "file instead of .clang-tidy files"),
                                cl::value_desc("file"), cl::sub(Check),
                                cl::cat(CheckCategory));
cl::opt<bool> Fix("fix", cl::desc("apply the fix-its of the warnings"),
                  cl::sub(Check), cl::cat(CheckCategory));
cl::opt<bool> FixNotes("fix-notes",
                       cl::desc("also apply the fix-its of notes (a warning "
                                "with one fix-it on its notes)"),
                       cl::sub(Check), cl::cat(CheckCategory));
cl::opt<bool> Quiet("quiet", cl::desc("no progress and no summary"),
                    cl::sub(Check), cl::cat(CheckCategory));

constexpr llvm::StringLiteral DefaultChecks = "-*,async-*";

int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "tether check") << Message << "\n";
  return 2;
}

std::unique_ptr<tooling::CompilationDatabase>
loadCompilationDatabase(std::string &Directory, std::string &Error) {
  llvm::SmallVector<std::string, 2> Candidates;
  if (!BuildPath.empty())
    Candidates.push_back(BuildPath);
  else
    Candidates = {"build", "."};
  for (const std::string &Candidate : Candidates) {
    std::string LoadError;
    if (auto Database = tooling::CompilationDatabase::loadFromDirectory(
            Candidate, LoadError)) {
      Directory = Candidate;
      return Database;
    }
    Error = LoadError;
  }
  Error = "no compile_commands.json in " +
          (BuildPath.empty() ? std::string("./build or .")
                             : std::string(BuildPath)) +
          ": configure the project with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "
          "and pass its build directory with -p";
  return nullptr;
}

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

/// Whether \p File is one of \p Filters or under one of them.
bool isSelected(llvm::StringRef File, llvm::ArrayRef<std::string> Filters) {
  if (Filters.empty())
    return true;
  return llvm::any_of(Filters, [&](const std::string &Filter) {
    if (!File.starts_with(Filter))
      return false;
    return File.size() == Filter.size() ||
           llvm::sys::path::is_separator(File[Filter.size()]) ||
           llvm::sys::path::is_separator(Filter.back());
  });
}

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(std::string &Error) {
  ClangTidyGlobalOptions GlobalOptions;
  ClangTidyOptions DefaultOptions = ClangTidyOptions::getDefaults();
  DefaultOptions.Checks = DefaultChecks.str();
  // A project's own headers are part of what it lints; each finding there
  // is reported once. System headers stay out (SystemHeaders).
  DefaultOptions.HeaderFilterRegex = ".*";
  ClangTidyOptions OverrideOptions;
  if (!Checks.empty())
    OverrideOptions.Checks = Checks;
  if (ConfigFile.empty())
    return std::make_unique<FileOptionsProvider>(std::move(GlobalOptions),
                                                 std::move(DefaultOptions),
                                                 std::move(OverrideOptions));
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      llvm::MemoryBuffer::getFile(ConfigFile);
  if (!Text) {
    Error = "cannot read " + ConfigFile + ": " + Text.getError().message();
    return nullptr;
  }
  llvm::ErrorOr<ClangTidyOptions> Parsed =
      parseConfiguration(llvm::MemoryBufferRef(**Text));
  if (!Parsed) {
    Error = "invalid configuration in " + ConfigFile + ": " +
            Parsed.getError().message();
    return nullptr;
  }
  return std::make_unique<ConfigOptionsProvider>(
      std::move(GlobalOptions), std::move(DefaultOptions), std::move(*Parsed),
      std::move(OverrideOptions));
}

/// Progress on a terminal as one rewritten line, otherwise a line per
/// translation unit (CI logs).
class Progress {
public:
  Progress(size_t Total, bool Enabled)
      : Total(Total), Enabled(Enabled),
        Terminal(llvm::sys::Process::StandardErrIsDisplayed()) {}

  void started(llvm::StringRef File) {
    if (!Enabled)
      return;
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Started;
    llvm::SmallString<64> Shown(File);
    llvm::sys::path::replace_path_prefix(Shown, Root, "");
    if (Terminal)
      llvm::errs() << "\r\x1b[K[" << Started << "/" << Total << "] " << Shown;
    else
      llvm::errs() << "[" << Started << "/" << Total << "] " << Shown << "\n";
    llvm::errs().flush();
  }

  void finish() {
    if (Enabled && Terminal && Started)
      llvm::errs() << "\r\x1b[K";
  }

  std::string Root = absolutePath(".") + "/";

private:
  std::mutex Mutex;
  size_t Started = 0;
  const size_t Total;
  const bool Enabled;
  const bool Terminal;
};

/// Findings of every translation unit, each once.
class Findings {
public:
  void add(std::vector<ClangTidyError> Errors) {
    std::lock_guard<std::mutex> Lock(Mutex);
    for (ClangTidyError &Error : Errors) {
      std::string Key = Error.Message.FilePath;
      for (const std::string &Part :
           {std::to_string(Error.Message.FileOffset), Error.DiagnosticName,
            Error.Message.Message})
        (Key += '\0') += Part;
      if (Seen.insert(Key).second)
        Unique.push_back(std::move(Error));
    }
  }

  /// In file order, as clang-tidy prints them.
  std::vector<ClangTidyError> take() {
    llvm::sort(Unique, [](const ClangTidyError &A, const ClangTidyError &B) {
      return std::tie(A.Message.FilePath, A.Message.FileOffset,
                      A.DiagnosticName, A.Message.Message) <
             std::tie(B.Message.FilePath, B.Message.FileOffset,
                      B.DiagnosticName, B.Message.Message);
    });
    return std::move(Unique);
  }

private:
  std::mutex Mutex;
  llvm::StringSet<> Seen;
  std::vector<ClangTidyError> Unique;
};

void makeAbsolute(ClangTidyError &Error, llvm::StringRef Directory) {
  auto Absolute = [&](std::string &Path) {
    if (Path.empty() || llvm::sys::path::is_absolute(Path))
      return;
    llvm::SmallString<256> Joined(Directory);
    llvm::sys::path::append(Joined, Path);
    llvm::sys::path::remove_dots(Joined, /*remove_dot_dot=*/true);
    Path = std::string(Joined);
  };
  auto AbsoluteMessage = [&](tooling::DiagnosticMessage &Message) {
    Absolute(Message.FilePath);
    llvm::StringMap<tooling::Replacements> Fixes;
    for (const auto &Entry : Message.Fix) {
      std::string Path = Entry.getKey().str();
      Absolute(Path);
      tooling::Replacements &InFile = Fixes[Path];
      for (const tooling::Replacement &R : Entry.getValue())
        llvm::consumeError(InFile.add(tooling::Replacement(
            Path, R.getOffset(), R.getLength(), R.getReplacementText())));
    }
    Message.Fix = std::move(Fixes);
  };
  AbsoluteMessage(Error.Message);
  for (tooling::DiagnosticMessage &Note : Error.Notes)
    AbsoluteMessage(Note);
}

bool isCompilerError(const ClangTidyError &Error) {
  return Error.DiagLevel == ClangTidyError::Error &&
         llvm::StringRef(Error.DiagnosticName).starts_with("clang-diagnostic-");
}

int runCheck() {
  std::string Error;
  std::string Directory;
  std::unique_ptr<tooling::CompilationDatabase> Loaded =
      loadCompilationDatabase(Directory, Error);
  if (!Loaded)
    return usageError(Error);
  // Each translation unit's compiler would print "N warnings generated."
  // from its thread; the findings are printed once, at the end.
  auto Database = std::make_unique<tooling::ArgumentsAdjustingCompilations>(
      std::move(Loaded));
  Database->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", tooling::ArgumentInsertPosition::END));
  if (!makeOptionsProvider(Error))
    return usageError(Error);

  std::vector<std::string> Filters;
  for (const std::string &Path : Paths) {
    if (!llvm::sys::fs::exists(Path))
      return usageError("no such file or directory: " + Path);
    Filters.push_back(absolutePath(Path));
  }
  std::vector<std::string> Files;
  for (const std::string &File : Database->getAllFiles())
    if (isSelected(absolutePath(File), Filters))
      Files.push_back(File);
  if (Files.empty())
    return usageError(Paths.empty()
                          ? "the compile database in " + Directory + " is empty"
                          : "no translation unit of the compile database in " +
                                Directory + " is under the given paths");

  const unsigned Workers = std::min<size_t>(
      Files.size(),
      Jobs ? Jobs : std::max(1u, std::thread::hardware_concurrency()));
  Progress Progress(Files.size(), !Quiet);
  Findings Found;
  std::atomic<size_t> Next{0};
  std::mutex FailedMutex;
  std::vector<std::pair<std::string, std::string>> Failed; // file, first error
  auto Work = [&] {
    for (size_t I; (I = Next++) < Files.size();) {
      const std::string &File = Files[I];
      Progress.started(File);
      std::string Ignored;
      ClangTidyContext Context(makeOptionsProvider(Ignored));
      auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
          llvm::vfs::getRealFileSystem());
      std::vector<ClangTidyError> Errors =
          runClangTidy(Context, *Database, {File}, BaseFS,
                       /*ApplyAnyFix=*/FixNotes);
      // Paths are relative to the translation unit's directory: made
      // absolute, a header seen from several directories is one file.
      const std::vector<tooling::CompileCommand> Commands =
          Database->getCompileCommands(File);
      const std::string Directory =
          Commands.empty() ? absolutePath(".") : Commands.front().Directory;
      for (ClangTidyError &E : Errors)
        makeAbsolute(E, Directory);
      const auto FirstError = llvm::find_if(Errors, isCompilerError);
      if (FirstError != Errors.end()) {
        std::lock_guard<std::mutex> Lock(FailedMutex);
        Failed.emplace_back(File, FirstError->Message.Message);
      }
      Found.add(std::move(Errors));
    }
  };
  std::vector<std::thread> Threads;
  for (unsigned I = 1; I < Workers; ++I)
    Threads.emplace_back(Work);
  Work();
  for (std::thread &Thread : Threads)
    Thread.join();
  Progress.finish();

  std::vector<ClangTidyError> Errors = Found.take();
  ClangTidyContext Context(makeOptionsProvider(Error));
  Context.setCurrentFile(Files.front());
  unsigned WarningsAsErrors = 0;
  handleErrors(Errors, Context,
               FixNotes ? FB_FixNotes : (Fix ? FB_Fix : FB_NoFix),
               WarningsAsErrors,
               llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
                   llvm::vfs::getRealFileSystem()));

  std::map<std::string, unsigned> PerCheck;
  unsigned Warnings = 0;
  for (const ClangTidyError &E : Errors)
    if (!isCompilerError(E)) {
      ++PerCheck[E.DiagnosticName];
      ++Warnings;
    }
  llvm::sort(Failed);
  for (const auto &[File, FirstError] : Failed)
    llvm::WithColor::error(llvm::errs(), "tether check")
        << File << " does not compile: " << FirstError << "\n";
  if (!Quiet) {
    llvm::errs() << "tether check: " << Files.size() << " translation unit"
                 << (Files.size() == 1 ? "" : "s") << ", " << Warnings
                 << " finding" << (Warnings == 1 ? "" : "s");
    for (const auto &[Name, Count] : PerCheck)
      llvm::errs() << "\n  " << Name << ": " << Count;
    llvm::errs() << "\n";
  }
  if (!Failed.empty())
    return 2;
  return Warnings || WarningsAsErrors ? 1 : 0;
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM Init(argc, argv);
  cl::HideUnrelatedOptions(CheckCategory);
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "tether: the async- checks for whole "
                                   "projects\n\n  tether check [-p build] "
                                   "[paths...]\n",
                                   &llvm::errs()))
    return 2;
  if (Check)
    return runCheck();
  return usageError("no command: use 'tether check' (see tether --help)");
}
