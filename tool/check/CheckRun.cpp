// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- CheckRun.cpp - tether check --------------------------------------===//

#include "CheckRun.h"
#include "ApplyFixes.h"
#include "Baseline.h"
#include "CompileDatabase.h"
#include "CompileHints.h"
#include "Configuration.h"
#include "ConsoleOutput.h"
#include "Findings.h"
#include "GitDiff.h"
#include "GitLab.h"
#include "Paths.h"
#include "ResultCache.h"
#include "Sarif.h"
#include "TranslationUnitLint.h"
#include "UnusedNolint.h"
#include "WholeProgram.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

using namespace clang;
using namespace clang::tidy;

namespace tether {
namespace {

/// What a cache of tether check may hold before old entries go.
constexpr std::chrono::hours CacheMaxAge(24 * 30);
constexpr uint64_t CacheMaxBytes = 1024ull * 1024 * 1024;

/// Diagnostics about the configuration rather than the code.
constexpr llvm::StringLiteral ConfigurationDiagnostic = "clang-tidy-config";

/// Progress on a terminal as one rewritten line, otherwise a line per
/// translation unit (CI logs).
class Progress {
public:
  Progress(size_t Total, bool Enabled, std::string Root, llvm::raw_ostream &Err,
           llvm::StringRef Label = "")
      : Total(Total), Enabled(Enabled),
        Terminal(llvm::sys::Process::StandardErrIsDisplayed()),
        Root(std::move(Root)), Label(Label.str()), Err(Err) {}

  void started(llvm::StringRef File) {
    if (!Enabled)
      return;
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Started;
    const std::string Shown = relativeTo(Root, File);
    if (Terminal)
      Err << "\r\x1b[K[" << Started << "/" << Total << "] " << Shown << Label;
    else
      Err << "[" << Started << "/" << Total << "] " << Shown << Label << "\n";
    Err.flush();
  }

  void finish() {
    if (Enabled && Terminal && Started)
      Err << "\r\x1b[K";
  }

private:
  std::mutex Mutex;
  size_t Started = 0;
  const size_t Total;
  const bool Enabled;
  const bool Terminal;
  const std::string Root;
  const std::string Label;
  llvm::raw_ostream &Err;
};

/// Every translation unit's results together, each finding once however
/// many translation units include the header it is in.
class RunResults {
public:
  void add(llvm::StringRef File, TranslationUnitResult Result, bool FromCache) {
    std::lock_guard<std::mutex> Lock(Mutex);
    for (RawFinding &F : Result.Findings) {
      const tooling::DiagnosticMessage &Message = F.Error.Message;
      std::string Key = Message.FilePath;
      for (const std::string &Part : {std::to_string(Message.FileOffset),
                                      F.Error.DiagnosticName, Message.Message})
        (Key += '\0') += Part;
      if (Seen.insert(Key).second)
        Findings.push_back(std::move(F));
    }
    if (!Result.FirstError.empty())
      Failed.emplace_back(File, Result.FirstError);
    for (const InputFile &Input : Result.Inputs) {
      LintedHashes.try_emplace(Input.Path, Input.Hash);
      if (Input.IsUserFile)
        UserFiles.insert(Input.Path);
    }
    llvm::append_range(Raised, Result.Raised);
    Cached += FromCache;
  }

  void cacheUnwritable(llvm::StringRef Why) {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (CacheProblem.empty())
      CacheProblem = Why.str();
  }

  /// In file order.
  std::vector<RawFinding> takeFindings() {
    llvm::sort(Findings, [](const RawFinding &A, const RawFinding &B) {
      const ClangTidyError &L = A.Error, &R = B.Error;
      return std::tie(L.Message.FilePath, L.Message.FileOffset,
                      L.DiagnosticName, L.Message.Message) <
             std::tie(R.Message.FilePath, R.Message.FileOffset,
                      R.DiagnosticName, R.Message.Message);
    });
    return std::move(Findings);
  }

  std::vector<std::pair<std::string, std::string>> Failed; // file, error
  llvm::StringMap<uint64_t> LintedHashes;
  llvm::StringSet<> UserFiles;
  std::vector<RaisedDiagnostic> Raised;
  size_t Cached = 0;
  std::string CacheProblem;

private:
  std::mutex Mutex;
  llvm::StringSet<> Seen;
  std::vector<RawFinding> Findings;
};

void error(llvm::raw_ostream &Err, const llvm::Twine &Message) {
  llvm::WithColor::error(Err, "tether check") << Message << "\n";
}

void warning(llvm::raw_ostream &Err, const llvm::Twine &Message) {
  llvm::WithColor::warning(Err, "tether check") << Message << "\n";
}

/// The translation units this job lints: those under the paths given, then
/// its part of them with --shard.
llvm::Expected<std::vector<std::string>>
selectTranslationUnits(const tooling::CompilationDatabase &Database,
                       const LoadedDatabase &Loaded,
                       const CheckRequest &Request) {
  auto Fail = [](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
  };
  std::vector<std::string> Filters;
  for (const std::string &Path : Request.Paths) {
    if (!llvm::sys::fs::exists(Path))
      return Fail("no such file or directory: " +
                  relativeTo(Request.WorkingDirectory, Path));
    Filters.push_back(Path);
  }
  std::vector<std::string> Files;
  for (const std::string &File : Database.getAllFiles()) {
    // Both sides canonical: a path given through a symbolic link selects
    // the files the database names by their real path, and the reverse.
    const std::string Absolute = canonicalPath(Loaded.Directory, File);
    if (Filters.empty() ||
        llvm::any_of(Filters, [&](const std::string &Filter) {
          return isUnder(Absolute, Filter);
        }))
      Files.push_back(File);
  }
  if (Files.empty())
    return Fail(Request.Paths.empty()
                    ? "the compile database in " + Loaded.Directory +
                          " is empty"
                    : "no translation unit of the compile database in " +
                          Loaded.Directory + " is under the given paths");
  // In path order, whatever the database's: progress and shards are the
  // same on every machine.
  llvm::sort(Files);
  if (!Request.Shard)
    return Files;
  return shardOf(std::move(Files), Request.Shard->first, Request.Shard->second);
}

/// One translation unit as a run linted it, or took it from the cache.
struct LintedUnit {
  TranslationUnitResult Result;
  bool FromCache = false;
  /// Its cache key without facts; empty when it has none.
  std::string Key;
};

/// Runs \p Work for each index below \p Count on -j threads.
void onWorkers(size_t Count, const CheckRequest &Request,
               llvm::function_ref<void(size_t)> Work) {
  const unsigned Workers = std::max<size_t>(
      1, std::min<size_t>(
             Count, Request.Jobs
                        ? Request.Jobs
                        : std::max(1u, std::thread::hardware_concurrency())));
  std::atomic<size_t> Next{0};
  auto Loop = [&] {
    for (size_t I; (I = Next++) < Count;)
      Work(I);
  };
  std::vector<std::thread> Threads;
  for (unsigned I = 1; I < Workers; ++I)
    Threads.emplace_back(Loop);
  Loop();
  for (std::thread &Thread : Threads)
    Thread.join();
}

/// Lints \p Files, each translation unit from \p Cache when its inputs
/// are unchanged; then, with the facts of the whole program (these units'
/// and those of \p Others, from other runs), lints again those whose
/// checks asked about a function that the facts know. \p Written receives
/// these units' summaries.
void lintAll(llvm::ArrayRef<std::string> Files,
             const tooling::CompilationDatabase &Database,
             const Configuration &Config, const CheckRequest &Request,
             llvm::StringRef Root, ResultCache *Cache,
             const UnitSummaries &Others, UnitSummaries &Written,
             RunResults &Results, llvm::raw_ostream &Err) {
  std::vector<LintedUnit> Units(Files.size());
  auto Lint = [&](size_t I, ClangTidyContext &Context,
                  const ProgramFacts *Known, llvm::StringRef Key) {
    if (Cache && !Key.empty())
      if (std::optional<TranslationUnitResult> Hit = Cache->lookup(Key)) {
        Units[I].Result = std::move(*Hit);
        return true;
      }
    Units[I].Result =
        lintTranslationUnit(Context, Database, Files[I], Request.FixNotes,
                            Request.WholeProgram, Known);
    if (Cache && !Key.empty() && Units[I].Result.FirstError.empty())
      if (std::optional<std::string> Why = Cache->store(Key, Units[I].Result))
        Results.cacheUnwritable(*Why);
    return false;
  };

  Progress First(Files.size(), !Request.Quiet, Root.str(), Err);
  onWorkers(Files.size(), Request, [&](size_t I) {
    const std::string &File = Files[I];
    First.started(File);
    ClangTidyContext Context(Config.provider());
    if (Cache) {
      const std::vector<tooling::CompileCommand> Commands =
          Database.getCompileCommands(File);
      if (Commands.size() == 1) {
        Units[I].Key =
            Cache->key(Commands.front(),
                       configurationAsText(Context.getOptionsForFile(File)),
                       Request.FixNotes);
        // Linted alone, a unit records no summaries for the others.
        if (!Request.WholeProgram)
          Units[I].Key += "-alone";
      }
    }
    Units[I].FromCache = Lint(I, Context, nullptr, Units[I].Key);
  });
  First.finish();

  auto AddAll = [&] {
    for (size_t I = 0; I < Units.size(); ++I)
      Results.add(Files[I], std::move(Units[I].Result), Units[I].FromCache);
  };
  if (!Request.WholeProgram)
    return AddAll();
  // In path order, this run's and the others' alike: a function defined in
  // two units has the same summary whichever shard lints which.
  std::vector<std::pair<std::string, const TranslationUnitFacts *>> ByPath;
  llvm::StringSet<> Linted;
  for (size_t I = 0; I < Units.size(); ++I)
    if (Units[I].Result.FirstError.empty()) {
      std::string Path = canonicalPath("/", Files[I]);
      Linted.insert(Path);
      Written.emplace_back(Path, Units[I].Result.Facts);
      ByPath.emplace_back(std::move(Path), &Units[I].Result.Facts);
    }
  if (!Request.ExplainFunctions.empty())
    return AddAll();
  for (const auto &[Path, Facts] : Others)
    if (!Linted.contains(Path))
      ByPath.emplace_back(Path, &Facts);
  llvm::stable_sort(
      ByPath, [](const auto &A, const auto &B) { return A.first < B.first; });
  std::vector<const TranslationUnitFacts *> Summaries;
  for (const auto &Entry : ByPath)
    Summaries.push_back(Entry.second);
  const ProgramFacts Facts = solveFacts(Summaries);
  std::vector<size_t> Again;
  for (size_t I = 0; I < Units.size(); ++I)
    if (Units[I].Result.FirstError.empty() &&
        dependsOnFacts(Units[I].Result.Facts, Facts))
      Again.push_back(I);
  Progress Second(Again.size(), !Request.Quiet, Root.str(), Err,
                  ", with what other translation units' functions do");
  onWorkers(Again.size(), Request, [&](size_t J) {
    const size_t I = Again[J];
    Second.started(Files[I]);
    const std::string Key =
        Units[I].Key.empty()
            ? ""
            : Units[I].Key + "-" + factsDigest(Units[I].Result.Facts, Facts);
    ClangTidyContext Context(Config.provider());
    Units[I].FromCache &= Lint(I, Context, &Facts, Key);
  });
  Second.finish();
  AddAll();
}

/// Writes a report through \p Write, atomically; false after saying why it
/// could not.
bool writeReport(llvm::StringRef Path,
                 llvm::function_ref<void(llvm::raw_ostream &)> Write,
                 llvm::raw_ostream &Err) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  Write(OS);
  if (llvm::Error E = writeFileAtomically(Path, Text)) {
    error(Err, llvm::toString(std::move(E)));
    return false;
  }
  return true;
}

/// What a run found, counted per check, after what the baseline and --diff
/// leave out.
void printSummary(const CheckRequest &Request, size_t TranslationUnits,
                  std::optional<size_t> Cached,
                  llvm::ArrayRef<Finding> Reported, size_t All,
                  size_t FixedSinceBaseline, llvm::raw_ostream &OS) {
  const bool FilteredByDiff = !Request.DiffRef.empty();
  const bool FilteredByBaseline = !Request.BaselineFile.empty();
  std::map<std::string, unsigned> PerCheck;
  unsigned Fixable = 0, FixableByNotes = 0;
  for (const Finding &F : Reported) {
    ++PerCheck[F.Check];
    Fixable += !F.Fix.empty();
    const auto *OnNotes = getFixIt(*F.Error, /*AnyFix=*/true);
    FixableByNotes += F.Fix.empty() && OnNotes && !OnNotes->empty();
  }
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
  if (Fixable && !Request.Fix && !Request.FixNotes)
    OS << "\n  " << Fixable << " with a fix-it: --fix applies "
       << (Fixable == 1 ? "it" : "them");
  if (FixableByNotes && !Request.FixNotes)
    OS << "\n  " << FixableByNotes
       << " more with a fix-it on a note, to review: "
       << "--fix-notes applies " << (FixableByNotes == 1 ? "it" : "them");
  OS << "\n";
}

void printFixOutcome(const FixOutcome &Outcome, size_t Reported,
                     llvm::StringRef Root, llvm::raw_ostream &Err) {
  for (const std::string &File : Outcome.Changed)
    warning(Err, relativeTo(Root, File) +
                     " changed since it was linted: its fix-its were not "
                     "applied; run tether check again");
  for (const Finding *F : Outcome.Conflicting)
    warning(Err, "the fix-it of " + F->Check + " at " + F->Where.RelativeFile +
                     ":" + llvm::Twine(F->Where.Start.Line) +
                     " overlaps another fix-it and was not applied; run "
                     "tether check --fix again to apply it");
  for (const auto &[File, Why] : Outcome.Unwritable)
    error(Err, Why);
  Err << "tether check: fixed " << Outcome.Fixed << " of " << Reported
      << " finding" << (Reported == 1 ? "" : "s") << " in " << Outcome.Files
      << " file" << (Outcome.Files == 1 ? "" : "s") << "; "
      << Reported - Outcome.Fixed << " remain\n";
}

} // namespace

std::optional<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Text) {
  auto [KText, NText] = Text.split('/');
  unsigned K, N;
  if (KText.getAsInteger(10, K) || NText.getAsInteger(10, N) || N == 0 ||
      K == 0 || K > N)
    return std::nullopt;
  return std::make_pair(K, N);
}

std::vector<std::string> shardOf(std::vector<std::string> Files, unsigned K,
                                 unsigned N) {
  llvm::sort(Files);
  std::vector<std::string> Part;
  for (size_t I = K - 1; I < Files.size(); I += N)
    Part.push_back(Files[I]);
  return Part;
}

int runCheck(const CheckRequest &Request, llvm::raw_ostream &Out,
             llvm::raw_ostream &Err) {
  auto Fail = [&](const llvm::Twine &Message) {
    error(Err, Message);
    return 2;
  };
  if (Request.Fix && !Request.WriteBaselineFile.empty())
    return Fail("--fix and --write-baseline do not go together");
  if (!Request.WholeProgram &&
      (!Request.WriteFactsFile.empty() || !Request.FactsFiles.empty()))
    return Fail("--no-facts does not go with --write-facts or --facts");

  // Load: the database, the configuration, the baseline, the diff.
  llvm::Expected<LoadedDatabase> Loaded =
      loadCompileDatabase(Request.BuildDirectory, Request.WorkingDirectory);
  if (!Loaded)
    return Fail(llvm::toString(Loaded.takeError()));
  // Each translation unit's compiler would print "N warnings generated."
  // from its thread; the findings are printed once, at the end.
  tooling::ArgumentsAdjustingCompilations Database(std::move(Loaded->Database));
  Database.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", tooling::ArgumentInsertPosition::END));
  llvm::Expected<Configuration> Config = Configuration::load(Request);
  if (!Config)
    return Fail(llvm::toString(Config.takeError()));
  std::vector<BaselineEntry> Baseline;
  if (!Request.BaselineFile.empty()) {
    llvm::Expected<std::vector<BaselineEntry>> Read =
        readBaseline(Request.BaselineFile, relativeTo(Request.WorkingDirectory,
                                                      Request.BaselineFile));
    if (!Read)
      return Fail(llvm::toString(Read.takeError()));
    Baseline = std::move(*Read);
  }
  const std::string Root =
      projectRoot(canonicalPath("/", Request.WorkingDirectory));
  std::optional<ChangedLines> Changed;
  if (!Request.DiffRef.empty()) {
    llvm::Expected<ChangedLines> Diff = changedSince(Root, Request.DiffRef);
    if (!Diff)
      return Fail("--diff " + Request.DiffRef + ": " +
                  llvm::toString(Diff.takeError()));
    Changed = std::move(*Diff);
  }

  // Select, and check the configuration of what was selected.
  llvm::Expected<std::vector<std::string>> Selected =
      selectTranslationUnits(Database, *Loaded, Request);
  if (!Selected)
    return Fail(llvm::toString(Selected.takeError()));
  const std::vector<std::string> Files = std::move(*Selected);
  if (Files.empty() && !Request.Quiet)
    Err << "tether check: shard " << Request.Shard->first << "/"
        << Request.Shard->second << " has no translation unit\n";
  std::vector<Notification> Notifications;
  bool ConfigurationErrors = false;
  // The async- checks report their own unknown options too, without where
  // they were written: said once, here.
  std::vector<std::string> UnknownOptions;
  for (const ConfigurationProblem &Problem : Config->verify(Files)) {
    (Problem.IsError ? error : warning)(Err, Problem.Message);
    ConfigurationErrors |= Problem.IsError;
    Notifications.push_back({Problem.IsError, Problem.Message, ""});
    if (!Problem.Option.empty())
      UnknownOptions.push_back("unknown option '" + Problem.Option + "'");
  }
  if (ConfigurationErrors)
    return 2;

  // Lint.
  std::optional<ResultCache> Cache;
  if (Request.UseCache) {
    std::string CachePath = Request.CacheDirectory;
    if (CachePath.empty())
      CachePath = absolutePath(Loaded->Directory, ".tether-cache");
    Cache.emplace(CachePath, Request.ToolIdentity);
    if (std::optional<std::string> Why = Cache->prepare()) {
      warning(Err, *Why + "; linting without the cache");
      Cache.reset();
    }
  }
  UnitSummaries Others;
  for (const std::string &File : Request.FactsFiles) {
    llvm::Expected<UnitSummaries> Read = readFacts(File);
    if (!Read)
      return Fail(llvm::toString(Read.takeError()));
    std::move(Read->begin(), Read->end(), std::back_inserter(Others));
  }
  RunResults Results;
  UnitSummaries Written;
  lintAll(Files, Database, *Config, Request, Root, Cache ? &*Cache : nullptr,
          Others, Written, Results, Err);
  if (!Results.CacheProblem.empty())
    warning(Err, "cannot write to the cache: " + Results.CacheProblem +
                     "; the next run lints again what it could not store");
  if (!Request.ExplainFunctions.empty()) {
    UnitSummaries Known = std::move(Written);
    std::move(Others.begin(), Others.end(), std::back_inserter(Known));
    const unsigned Shown = explainFacts(
        Known, Request.ExplainFunctions,
        [&](llvm::StringRef File) { return relativeTo(Root, File); }, Out);
    for (const auto &[File, FirstError] : Results.Failed)
      warning(Err, relativeTo(Root, File) + " " + FirstError +
                       ": what its functions do is not known");
    if (Shown == 0)
      return Fail("no function of that name is defined in the main file of a "
                  "linted translation unit (functions of headers, lambdas and "
                  "templates have no facts)");
    return 0;
  }
  if (Cache)
    Cache->prune(CacheMaxAge, CacheMaxBytes);

  // Filter: each finding once, NOLINT, --diff, the baseline.
  SourceFiles Sources;
  std::vector<RawFinding> Raw = Results.takeFindings();
  if (Request.ReportUnusedNolint) {
    std::vector<std::string> UserFiles;
    for (const auto &File : Results.UserFiles)
      UserFiles.push_back(File.getKey().str());
    llvm::sort(UserFiles);
    for (RawFinding &F : findUnusedNolints(UserFiles, Results.Raised, Sources))
      Raw.push_back(std::move(F));
  }
  // Compiler errors are printed where they are, and the translation unit
  // reported as not linted; configuration diagnostics are the tool's.
  std::vector<const RawFinding *> Reportable, CompilerErrors;
  llvm::StringSet<> SeenConfigurationDiagnostics;
  for (const RawFinding &F : Raw) {
    if (isCompilerError(F.Error))
      CompilerErrors.push_back(&F);
    else if (F.Error.DiagnosticName == ConfigurationDiagnostic ||
             F.Error.Message.FilePath.empty()) {
      const llvm::StringRef Message = F.Error.Message.Message;
      const bool SaidAlready =
          llvm::any_of(UnknownOptions, [&](const std::string &Unknown) {
            return Message.starts_with(Unknown);
          });
      if (!SaidAlready &&
          SeenConfigurationDiagnostics.insert(F.Error.Message.Message).second) {
        warning(Err, F.Error.Message.Message);
        Notifications.push_back({false, F.Error.Message.Message, ""});
      }
    } else
      Reportable.push_back(&F);
  }
  const std::vector<Finding> All =
      describeFindings(Reportable, Root, Request.FixNotes, Sources);
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

  // Fix.
  if (Request.Fix || Request.FixNotes) {
    const FixOutcome Outcome =
        applyFixes(Reported, Request.FixNotes, Results.LintedHashes);
    printFixOutcome(Outcome, Reported.size(), Root, Err);
  }

  // Report.
  std::vector<Finding> Printed =
      describeFindings(CompilerErrors, Root, Request.FixNotes, Sources);
  llvm::append_range(Printed, Reported);
  llvm::sort(Printed, [](const Finding &A, const Finding &B) {
    return std::tie(A.Where.File, A.Where.Offset, A.Check, A.Message) <
           std::tie(B.Where.File, B.Where.Offset, B.Check, B.Message);
  });
  printFindings(Printed, Request.Format, Out);
  // Whatever goes to Err from here on comes after the findings, also when
  // both streams go to one file (a CI log).
  Out.flush();
  llvm::sort(Results.Failed);
  std::vector<std::string> Hints;
  for (const auto &[File, FirstError] : Results.Failed) {
    Notifications.push_back(
        {true, relativeTo(Root, File) + " " + FirstError, File});
    if (std::string Hint = compileHint(FirstError);
        !Hint.empty() && !llvm::is_contained(Hints, Hint)) {
      Notifications.push_back({false, Hint, ""});
      Hints.push_back(std::move(Hint));
    }
  }
  bool ReportsWritten = true;
  if (!Request.SarifFile.empty())
    ReportsWritten &= writeReport(
        Request.SarifFile,
        [&](llvm::raw_ostream &OS) {
          writeSarif(Reported, Notifications, Root, OS);
        },
        Err);
  if (!Request.GitLabFile.empty())
    ReportsWritten &= writeReport(
        Request.GitLabFile,
        [&](llvm::raw_ostream &OS) { writeGitLabCodeQuality(Reported, OS); },
        Err);
  if (!Request.ExportFixesFile.empty()) {
    std::vector<ClangTidyError> Errors;
    for (const Finding &F : Reported)
      Errors.push_back(*F.Error);
    ReportsWritten &= writeReport(
        Request.ExportFixesFile,
        [&](llvm::raw_ostream &OS) { exportReplacements("", Errors, OS); },
        Err);
  }
  if (!Request.WriteFactsFile.empty())
    ReportsWritten &= writeReport(
        Request.WriteFactsFile,
        [&](llvm::raw_ostream &OS) { writeFacts(std::move(Written), OS); },
        Err);
  if (!Request.WriteBaselineFile.empty())
    ReportsWritten &= writeReport(
        Request.WriteBaselineFile,
        [&](llvm::raw_ostream &OS) { writeBaseline(All, OS); }, Err);

  for (const BaselineEntry &Entry : Fixed)
    Out << Entry.File << ": fixed, remove from baseline: " << Entry.Check
        << " in "
        << (Entry.Function.empty() ? std::string("file scope")
                                   : "'" + Entry.Function + "'")
        << ": " << Entry.Message << " [" << Entry.Fingerprint << "]\n";
  Out.flush();
  for (const auto &[File, FirstError] : Results.Failed)
    error(Err, File + " " + FirstError);
  for (const std::string &Hint : Hints)
    llvm::WithColor::note(Err, "tether check") << Hint << "\n";
  if (!Request.Quiet)
    printSummary(Request, Files.size(),
                 Cache ? std::optional<size_t>(Results.Cached) : std::nullopt,
                 Reported, All.size(), Fixed.size(), Err);
  if (!Results.Failed.empty() || !ReportsWritten)
    return 2;
  if (!Request.WriteBaselineFile.empty())
    return 0;
  return Reported.empty() ? 0 : 1;
}

} // namespace tether
