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

#include "check/Baseline.h"
#include "check/Findings.h"
#include "check/GitDiff.h"
#include "check/GitLab.h"
#include "check/ResultCache.h"
#include "check/Sarif.h"
#include "check/TranslationUnitLint.h"
#include "check/UnusedNolint.h"
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
using namespace tether;
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
cl::opt<std::string> SarifFile("sarif",
                               cl::desc("also write the findings as SARIF "
                                        "2.1.0 (GitHub code scanning)"),
                               cl::value_desc("file"), cl::sub(Check),
                               cl::cat(CheckCategory));
cl::opt<std::string> GitLabFile("gitlab",
                                cl::desc("also write the findings as a "
                                         "GitLab code quality report"),
                                cl::value_desc("file"), cl::sub(Check),
                                cl::cat(CheckCategory));
cl::opt<std::string>
    BaselineFile("baseline",
                 cl::desc("report only findings that this baseline does not "
                          "hold, and the ones it holds that are fixed"),
                 cl::value_desc("file"), cl::sub(Check),
                 cl::cat(CheckCategory));
cl::opt<std::string>
    WriteBaselineFile("write-baseline",
                      cl::desc("accept every finding: write them to this "
                               "baseline and exit 0"),
                      cl::value_desc("file"), cl::sub(Check),
                      cl::cat(CheckCategory));
cl::opt<std::string>
    DiffRef("diff",
            cl::desc("report only findings on lines changed since the work "
                     "tree left this git ref (its merge base with HEAD)"),
            cl::value_desc("ref"), cl::sub(Check), cl::cat(CheckCategory));
cl::opt<std::string>
    Shard("shard",
          cl::desc("lint only the K-th of N parts of the translation units "
                   "(K from 1), for N parallel CI jobs"),
          cl::value_desc("K/N"), cl::sub(Check), cl::cat(CheckCategory));
cl::opt<std::string>
    CacheDir("cache",
             cl::desc("where results are kept between runs (default: "
                      "<build dir>/.tether-cache)"),
             cl::value_desc("dir"), cl::sub(Check), cl::cat(CheckCategory));
cl::opt<bool> NoCache("no-cache", cl::desc("lint every translation unit"),
                      cl::sub(Check), cl::cat(CheckCategory));
cl::opt<bool> ReportUnusedNolint(
    "report-unused-nolint",
    cl::desc("report NOLINT comments for async- checks that suppress "
             "nothing"),
    cl::sub(Check), cl::cat(CheckCategory));

cl::SubCommand MergeSarif("merge-sarif",
                          "join the SARIF files of several tether check runs "
                          "(shards) into one");
cl::list<std::string> SarifInputs(cl::Positional, cl::OneOrMore,
                                  cl::desc("<sarif files...>"),
                                  cl::sub(MergeSarif), cl::cat(CheckCategory));
cl::opt<std::string> MergedOutput("o", cl::desc("the merged file"),
                                  cl::value_desc("file"), cl::Required,
                                  cl::sub(MergeSarif), cl::cat(CheckCategory));

constexpr llvm::StringLiteral DefaultChecks = "-*,async-*";

int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "tether") << Message << "\n";
  return 2;
}

/// Writes a report through \p Write, or says why it could not.
bool writeReport(llvm::StringRef Path,
                 llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  std::error_code Error;
  llvm::raw_fd_ostream OS(Path, Error, llvm::sys::fs::OF_Text);
  if (!Error) {
    Write(OS);
    OS.close();
    if (!OS.has_error())
      return true;
    Error = OS.error();
    OS.clear_error();
  }
  usageError("cannot write " + Path + ": " + Error.message());
  return false;
}

/// K and N of --shard K/N.
std::optional<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Text) {
  auto [KText, NText] = Text.split('/');
  unsigned K, N;
  if (KText.getAsInteger(10, K) || NText.getAsInteger(10, N) || N == 0 ||
      K == 0 || K > N)
    return std::nullopt;
  return std::make_pair(K, N);
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
    return isUnder(File, Filter);
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
  void add(std::vector<TidyFinding> New) {
    std::lock_guard<std::mutex> Lock(Mutex);
    for (TidyFinding &F : New) {
      const tooling::DiagnosticMessage &Message = F.Error.Message;
      std::string Key = Message.FilePath;
      for (const std::string &Part : {std::to_string(Message.FileOffset),
                                      F.Error.DiagnosticName, Message.Message})
        (Key += '\0') += Part;
      if (Seen.insert(Key).second)
        Unique.push_back(std::move(F));
    }
  }

  /// In file order, as clang-tidy prints them.
  std::vector<TidyFinding> take() {
    llvm::sort(Unique, [](const TidyFinding &A, const TidyFinding &B) {
      const ClangTidyError &L = A.Error, &R = B.Error;
      return std::tie(L.Message.FilePath, L.Message.FileOffset,
                      L.DiagnosticName, L.Message.Message) <
             std::tie(R.Message.FilePath, R.Message.FileOffset,
                      R.DiagnosticName, R.Message.Message);
    });
    return std::move(Unique);
  }

private:
  std::mutex Mutex;
  llvm::StringSet<> Seen;
  std::vector<TidyFinding> Unique;
};

/// Every translation unit's results together.
struct RunResults {
  Findings Found;
  std::mutex Mutex;
  std::vector<std::pair<std::string, std::string>> Failed; // file, error
  llvm::StringSet<> UserFiles;
  std::vector<RaisedDiagnostic> Raised;
  size_t Cached = 0;

  void add(llvm::StringRef File, TranslationUnitResult Result, bool FromCache) {
    Found.add(std::move(Result.Findings));
    std::lock_guard<std::mutex> Lock(Mutex);
    if (!Result.FirstError.empty())
      Failed.emplace_back(File, Result.FirstError);
    for (std::string &Path : Result.UserFiles)
      UserFiles.insert(Path);
    llvm::append_range(Raised, Result.Raised);
    Cached += FromCache;
  }
};

/// The findings accepted by \p Baseline leave \p Reported; the entries no
/// finding matches anymore, in files this run linted, are returned.
std::vector<BaselineEntry> applyBaseline(llvm::ArrayRef<BaselineEntry> Baseline,
                                         std::vector<Finding> &Reported,
                                         llvm::ArrayRef<Finding> All,
                                         const llvm::StringSet<> &Linted) {
  llvm::StringSet<> Accepted, Current;
  for (const BaselineEntry &Entry : Baseline)
    Accepted.insert(Entry.Fingerprint);
  for (const Finding &F : All)
    Current.insert(F.Fingerprint);
  llvm::erase_if(Reported, [&](const Finding &F) {
    return Accepted.contains(F.Fingerprint);
  });
  std::vector<BaselineEntry> Fixed;
  for (const BaselineEntry &Entry : Baseline)
    if (!Current.contains(Entry.Fingerprint) && Linted.contains(Entry.File))
      Fixed.push_back(Entry);
  return Fixed;
}

/// The translation units this job lints: those under the paths given, then
/// its part of them with --shard.
llvm::Expected<std::vector<std::string>>
selectTranslationUnits(const tooling::CompilationDatabase &Database,
                       llvm::StringRef Directory,
                       std::optional<std::pair<unsigned, unsigned>> ShardPart) {
  auto Fail = [](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
  };
  std::vector<std::string> Filters;
  for (const std::string &Path : Paths) {
    if (!llvm::sys::fs::exists(Path))
      return Fail("no such file or directory: " + Path);
    Filters.push_back(absolutePath(Path));
  }
  std::vector<std::string> Files;
  for (const std::string &File : Database.getAllFiles())
    if (isSelected(absolutePath(File), Filters))
      Files.push_back(File);
  if (Files.empty())
    return Fail(Paths.empty()
                    ? "the compile database in " + Directory + " is empty"
                    : "no translation unit of the compile database in " +
                          Directory + " is under the given paths");
  if (!ShardPart)
    return Files;
  // Round robin over the files in path order: every job of the matrix
  // computes the same parts, and they are even.
  llvm::sort(Files);
  std::vector<std::string> Part;
  for (size_t I = ShardPart->first - 1; I < Files.size();
       I += ShardPart->second)
    Part.push_back(Files[I]);
  return Part;
}

/// Lints \p Files on -j threads, each translation unit from \p Cache when
/// its inputs are unchanged.
void lintAll(llvm::ArrayRef<std::string> Files,
             const tooling::CompilationDatabase &Database, ResultCache *Cache,
             RunResults &Results) {
  const unsigned Workers = std::max<size_t>(
      1, std::min<size_t>(
             Files.size(),
             Jobs ? Jobs : std::max(1u, std::thread::hardware_concurrency())));
  Progress Progress(Files.size(), !Quiet);
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I; (I = Next++) < Files.size();) {
      const std::string &File = Files[I];
      Progress.started(File);
      std::string Ignored;
      ClangTidyContext Context(makeOptionsProvider(Ignored));
      std::string Key;
      if (Cache) {
        const std::vector<tooling::CompileCommand> Commands =
            Database.getCompileCommands(File);
        if (Commands.size() == 1) {
          Key = Cache->key(Commands.front(),
                           configurationAsText(Context.getOptionsForFile(File)),
                           FixNotes);
          if (std::optional<TranslationUnitResult> Hit = Cache->lookup(Key)) {
            Results.add(File, std::move(*Hit), /*FromCache=*/true);
            continue;
          }
        }
      }
      TranslationUnitResult Result =
          lintTranslationUnit(Context, Database, File, FixNotes);
      if (!Key.empty() && Result.FirstError.empty())
        Cache->store(Key, Result);
      Results.add(File, std::move(Result), /*FromCache=*/false);
    }
  };
  std::vector<std::thread> Threads;
  for (unsigned I = 1; I < Workers; ++I)
    Threads.emplace_back(Work);
  Work();
  for (std::thread &Thread : Threads)
    Thread.join();
  Progress.finish();
}

/// What a run found, counted per check, after what the baseline and --diff
/// leave out.
void printSummary(size_t TranslationUnits, std::optional<size_t> Cached,
                  llvm::ArrayRef<Finding> Reported, size_t All,
                  bool FilteredByDiff, bool FilteredByBaseline,
                  size_t FixedSinceBaseline) {
  std::map<std::string, unsigned> PerCheck;
  for (const Finding &F : Reported)
    ++PerCheck[F.Check];
  llvm::raw_ostream &OS = llvm::errs();
  OS << "tether check: " << TranslationUnits << " translation unit"
     << (TranslationUnits == 1 ? "" : "s");
  if (Cached)
    OS << " (" << *Cached << " from the cache)";
  OS << ", " << Reported.size()
     << (FilteredByDiff || FilteredByBaseline ? " new" : "") << " finding"
     << (Reported.size() == 1 ? "" : "s");
  if (Reported.size() != All)
    OS << " (" << All - Reported.size() << " more "
       << (FilteredByDiff && FilteredByBaseline
               ? "on unchanged lines or in the baseline"
           : FilteredByDiff ? "on unchanged lines"
                            : "in the baseline")
       << ")";
  for (const auto &[Name, Count] : PerCheck)
    OS << "\n  " << Name << ": " << Count;
  if (FixedSinceBaseline)
    OS << "\n  fixed since the baseline: " << FixedSinceBaseline;
  OS << "\n";
}

int runCheck(const std::string &Stamp) {
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
  std::optional<std::pair<unsigned, unsigned>> ShardPart;
  if (!Shard.empty() && !(ShardPart = parseShard(Shard)))
    return usageError("--shard takes K/N with 1 <= K <= N, not '" + Shard +
                      "'");
  if (Fix && !WriteBaselineFile.empty())
    return usageError("--fix and --write-baseline do not go together");
  std::vector<BaselineEntry> Baseline;
  if (!BaselineFile.empty()) {
    llvm::Expected<std::vector<BaselineEntry>> Read =
        readBaseline(BaselineFile);
    if (!Read)
      return usageError(llvm::toString(Read.takeError()));
    Baseline = std::move(*Read);
  }
  const std::string Root = projectRoot();
  std::optional<ChangedLines> Changed;
  if (!DiffRef.empty()) {
    llvm::Expected<ChangedLines> Diff = changedSince(Root, DiffRef);
    if (!Diff)
      return usageError("--diff " + DiffRef + ": " +
                        llvm::toString(Diff.takeError()));
    Changed = std::move(*Diff);
  }
  llvm::Expected<std::vector<std::string>> Selected =
      selectTranslationUnits(*Database, Directory, ShardPart);
  if (!Selected)
    return usageError(llvm::toString(Selected.takeError()));
  const std::vector<std::string> Files = std::move(*Selected);
  if (Files.empty() && !Quiet)
    llvm::errs() << "tether check: shard " << Shard
                 << " has no translation unit\n";
  std::optional<ResultCache> Cache;
  if (!NoCache) {
    llvm::SmallString<256> CachePath(CacheDir);
    if (CachePath.empty()) {
      CachePath = Directory;
      llvm::sys::path::append(CachePath, ".tether-cache");
    }
    Cache.emplace(std::string(CachePath), Stamp);
    if (std::optional<std::string> Why = Cache->prepare())
      return usageError(*Why);
  }

  RunResults Results;
  lintAll(Files, *Database, Cache ? &*Cache : nullptr, Results);
  // Read once, for NOLINT comments and for the reports' lines.
  SourceFiles Sources;
  if (ReportUnusedNolint)
    Results.Found.add(findUnusedNolints(
        std::vector<std::string>(Results.UserFiles.keys().begin(),
                                 Results.UserFiles.keys().end()),
        Results.Raised, Sources));
  std::vector<TidyFinding> Kept = Results.Found.take();

  // A translation unit that does not compile is a tool error, reported on
  // its own; the reports hold the findings.
  std::vector<const TidyFinding *> Reportable;
  for (const TidyFinding &F : Kept)
    if (!isCompilerError(F.Error))
      Reportable.push_back(&F);
  const std::vector<Finding> All =
      describeFindings(Reportable, Root, FixNotes, Sources);
  std::vector<Finding> Reported = All;
  if (Changed)
    llvm::erase_if(Reported, [&](const Finding &F) {
      return !Changed->contains(F.Where.RelativeFile, F.Where.Start.Line);
    });
  llvm::StringSet<> Linted;
  for (const auto &File : Results.UserFiles)
    Linted.insert(relativeTo(Root, File.getKey()));
  const std::vector<BaselineEntry> Fixed =
      applyBaseline(Baseline, Reported, All, Linted);

  std::vector<ClangTidyError> Errors;
  for (const TidyFinding &F : Kept)
    if (isCompilerError(F.Error))
      Errors.push_back(F.Error);
  for (const Finding &F : Reported)
    Errors.push_back(*F.Error);
  llvm::sort(Errors, [](const ClangTidyError &L, const ClangTidyError &R) {
    return std::tie(L.Message.FilePath, L.Message.FileOffset) <
           std::tie(R.Message.FilePath, R.Message.FileOffset);
  });
  ClangTidyContext Context(makeOptionsProvider(Error));
  Context.setCurrentFile(Files.empty() ? absolutePath(".") : Files.front());
  unsigned WarningsAsErrors = 0;
  handleErrors(Errors, Context,
               FixNotes ? FB_FixNotes : (Fix ? FB_Fix : FB_NoFix),
               WarningsAsErrors,
               llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
                   llvm::vfs::getRealFileSystem()));

  bool ReportsWritten = true;
  if (!SarifFile.empty())
    ReportsWritten &= writeReport(SarifFile, [&](llvm::raw_ostream &OS) {
      writeSarif(Reported, Root, OS);
    });
  if (!GitLabFile.empty())
    ReportsWritten &= writeReport(GitLabFile, [&](llvm::raw_ostream &OS) {
      writeGitLabCodeQuality(Reported, OS);
    });
  if (!WriteBaselineFile.empty()) {
    if (llvm::Error E = writeBaseline(WriteBaselineFile, All)) {
      usageError(llvm::toString(std::move(E)));
      ReportsWritten = false;
    }
  }

  for (const BaselineEntry &Entry : Fixed)
    llvm::outs() << Entry.File
                 << ": fixed, remove from baseline: " << Entry.Check << " in "
                 << (Entry.Function.empty() ? std::string("file scope")
                                            : "'" + Entry.Function + "'")
                 << ": " << Entry.Message << " [" << Entry.Fingerprint << "]\n";
  llvm::sort(Results.Failed);
  for (const auto &[File, FirstError] : Results.Failed)
    llvm::WithColor::error(llvm::errs(), "tether check")
        << File << " does not compile: " << FirstError << "\n";
  if (!Quiet)
    printSummary(Files.size(),
                 Cache ? std::optional<size_t>(Results.Cached) : std::nullopt,
                 Reported, All.size(), Changed.has_value(),
                 !BaselineFile.empty(), Fixed.size());
  if (!Results.Failed.empty() || !ReportsWritten)
    return 2;
  if (!WriteBaselineFile.empty())
    return 0;
  return !Reported.empty() || WarningsAsErrors ? 1 : 0;
}

int runMergeSarif() {
  bool Merged = true;
  const bool Written = writeReport(MergedOutput, [&](llvm::raw_ostream &OS) {
    if (llvm::Error E = mergeSarif(SarifInputs, OS)) {
      usageError(llvm::toString(std::move(E)));
      Merged = false;
    }
  });
  if (!Merged || !Written) {
    llvm::sys::fs::remove(MergedOutput);
    return 2;
  }
  return 0;
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
    return runCheck(executableStamp(argv[0], reinterpret_cast<void *>(&main)));
  if (MergeSarif)
    return runMergeSarif();
  return usageError("no command: use 'tether check' or 'tether merge-sarif' "
                    "(see tether --help)");
}
