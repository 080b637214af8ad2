// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TetherMain.cpp - tether ------------------------------------------===//
//
// tether: the command line of tether check (lint the translation units of
// a compile database, for CI) and tether merge-sarif. It only parses flags;
// the run is tool/check's CheckRun.
//
//===----------------------------------------------------------------------===//

#include "check/ApplyFixes.h"
#include "check/CheckRun.h"
#include "check/Configuration.h"
#include "check/Paths.h"
#include "check/ResultCache.h"
#include "check/Sarif.h"
#include "check/WholeProgram.h"
#include "clang-tidy/ClangTidy.h"
#include "tether/Version.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::tidy;
using namespace ::tether;
namespace cl = llvm::cl;

namespace {

cl::SubCommand Check("check", "lint the translation units of a compile "
                              "database with the async- checks");
cl::SubCommand
    ExplainFacts("facts",
                 "print what tether check knows of functions, and why: whether "
                 "each blocks, and the chain of calls that does");
cl::list<std::string> ExplainedNames(cl::Positional, cl::OneOrMore,
                                     cl::desc("<function names...>"),
                                     cl::sub(ExplainFacts));
cl::OptionCategory CheckCategory("tether check options");

cl::opt<std::string> BuildPath("p",
                               cl::desc("build directory with "
                                        "compile_commands.json "
                                        "(default: ./build, then .)"),
                               cl::value_desc("dir"), cl::sub(Check),
                               cl::sub(ExplainFacts), cl::cat(CheckCategory));
cl::list<std::string> Paths(cl::Positional,
                            cl::desc("[paths...]: only the translation "
                                     "units under these files or "
                                     "directories"),
                            cl::sub(Check), cl::cat(CheckCategory));
cl::opt<unsigned> Jobs("j",
                       cl::desc("translation units linted at once "
                                "(default: every core)"),
                       cl::init(0), cl::Prefix, cl::sub(Check),
                       cl::sub(ExplainFacts), cl::cat(CheckCategory));
cl::opt<std::string>
    Checks("checks",
           cl::desc("checks to run, as clang-tidy's --checks; added to what "
                    ".clang-tidy files enable (default without any: "
                    "-*,async-*)"),
           cl::sub(Check), cl::sub(ExplainFacts), cl::cat(CheckCategory));
cl::opt<std::string> ConfigFile("config-file",
                                cl::desc("read the configuration from this "
                                         "file instead of .clang-tidy files"),
                                cl::value_desc("file"), cl::sub(Check),
                                cl::sub(ExplainFacts), cl::cat(CheckCategory));
cl::opt<bool> Fix("fix", cl::desc("apply the fix-its of the warnings"),
                  cl::sub(Check), cl::cat(CheckCategory));
cl::opt<bool> FixNotes("fix-notes",
                       cl::desc("also apply the fix-its of notes (a warning "
                                "with one fix-it on its notes)"),
                       cl::sub(Check), cl::cat(CheckCategory));
cl::opt<bool> Quiet("quiet", cl::desc("no progress and no summary"),
                    cl::sub(Check), cl::sub(ExplainFacts),
                    cl::cat(CheckCategory));
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
             cl::value_desc("dir"), cl::sub(Check), cl::sub(ExplainFacts),
             cl::cat(CheckCategory));
cl::opt<bool> NoCache("no-cache", cl::desc("lint every translation unit"),
                      cl::sub(Check), cl::sub(ExplainFacts),
                      cl::cat(CheckCategory));
cl::opt<bool>
    NoFacts("no-facts",
            cl::desc("judge each translation unit alone: no facts about the "
                     "functions of the others (docs/facts.md)"),
            cl::sub(Check), cl::cat(CheckCategory));
cl::opt<std::string> WriteFacts(
    "write-facts",
    cl::desc("write the summaries of the linted translation units, for "
             "tether merge-facts (the first stage of a sharded run)"),
    cl::value_desc("file"), cl::sub(Check), cl::cat(CheckCategory));
cl::list<std::string> FactsFiles(
    "facts",
    cl::desc("what the translation units of other runs do (a file of "
             "tether merge-facts); repeatable"),
    cl::value_desc("file"), cl::sub(Check), cl::cat(CheckCategory));
cl::opt<bool> ReportUnusedNolint(
    "report-unused-nolint",
    cl::desc("report NOLINT comments for async- checks that suppress "
             "nothing"),
    cl::sub(Check), cl::cat(CheckCategory));

cl::opt<std::string>
    HeaderFilter("header-filter",
                 cl::desc("headers whose findings are reported, as "
                          "clang-tidy's (default: every header that is not "
                          "a system header)"),
                 cl::value_desc("regex"), cl::sub(Check),
                 cl::cat(CheckCategory));
cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter",
    cl::desc("headers whose findings are not reported, as clang-tidy's"),
    cl::value_desc("regex"), cl::sub(Check), cl::cat(CheckCategory));
cl::list<std::string>
    ExtraArgs("extra-arg",
              cl::desc("an argument appended to every compile command"),
              cl::value_desc("arg"), cl::sub(Check), cl::sub(ExplainFacts),
              cl::cat(CheckCategory));
cl::list<std::string>
    ExtraArgsBefore("extra-arg-before",
                    cl::desc("an argument prepended to every compile command"),
                    cl::value_desc("arg"), cl::sub(Check),
                    cl::sub(ExplainFacts), cl::cat(CheckCategory));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("list the enabled checks and exit"),
                         cl::sub(Check), cl::cat(CheckCategory));
cl::opt<bool> DumpConfig("dump-config",
                         cl::desc("print the configuration that applies in "
                                  "the working directory and exit"),
                         cl::sub(Check), cl::cat(CheckCategory));
cl::opt<std::string>
    ExportFixes("export-fixes",
                cl::desc("write the fix-its as clang-tidy does, for "
                         "clang-apply-replacements"),
                cl::value_desc("file"), cl::sub(Check), cl::cat(CheckCategory));
cl::opt<OutputFormat> Format(
    "output-format", cl::desc("what is printed on standard output"),
    cl::values(clEnumValN(OutputFormat::Text, "text",
                          "findings as compilers print them (default)"),
               clEnumValN(OutputFormat::GitHub, "github",
                          "GitHub workflow commands: annotations on the pull "
                          "request"),
               clEnumValN(OutputFormat::Json, "json", "one JSON document")),
    cl::init(OutputFormat::Text), cl::sub(Check), cl::cat(CheckCategory));

cl::OptionCategory MergeCategory("tether merge-sarif and merge-facts options");
cl::SubCommand MergeSarif("merge-sarif",
                          "join the SARIF files of several tether check runs "
                          "(shards) into one");
cl::list<std::string> SarifInputs(cl::Positional, cl::OneOrMore,
                                  cl::desc("<sarif files...>"),
                                  cl::sub(MergeSarif), cl::cat(MergeCategory));

cl::SubCommand MergeFacts("merge-facts",
                          "join the --write-facts files of several tether "
                          "check runs (shards) for their second stage");
cl::list<std::string> FactsInputs(cl::Positional, cl::OneOrMore,
                                  cl::desc("<facts files...>"),
                                  cl::sub(MergeFacts), cl::cat(MergeCategory));
cl::opt<std::string> MergedOutput("o", cl::desc("the merged file"),
                                  cl::value_desc("file"), cl::Required,
                                  cl::sub(MergeSarif), cl::sub(MergeFacts),
                                  cl::cat(MergeCategory));

int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "tether") << Message << "\n";
  return 2;
}

/// An unknown flag is an error, never the help text: cl would read
/// "--header-filtr" as "-h".
bool checkFlags(int Argc, const char **Argv) {
  if (Argc < 2)
    return true;
  cl::SubCommand *Sub = nullptr;
  for (cl::SubCommand *Candidate :
       {&Check, &ExplainFacts, &MergeSarif, &MergeFacts})
    if (Candidate->getName() == llvm::StringRef(Argv[1]))
      Sub = Candidate;
  llvm::StringMap<cl::Option *> Known =
      cl::getRegisteredOptions(Sub ? *Sub : cl::SubCommand::getTopLevel());
  for (const auto &Entry :
       cl::getRegisteredOptions(cl::SubCommand::getTopLevel()))
    Known.try_emplace(Entry.getKey(), Entry.getValue());
  std::vector<std::string> Names;
  for (const auto &Entry : Known)
    if (!Entry.getValue()->isPositional() &&
        Entry.getValue()->getOptionHiddenFlag() == cl::NotHidden)
      Names.push_back(Entry.getKey().str());
  for (int I = Sub ? 2 : 1; I < Argc; ++I) {
    llvm::StringRef Argument(Argv[I]);
    if (Argument == "--")
      break;
    if (!Argument.starts_with("-") || Argument == "-")
      continue;
    auto [Name, Value] = Argument.ltrim('-').split('=');
    auto Found = Known.find(Name);
    if (Found == Known.end()) {
      // -j8: a prefix option with its value, after a single dash.
      const bool IsPrefixed =
          !Argument.starts_with("--") &&
          llvm::any_of(Known, [&](const auto &Entry) {
            return Entry.getValue()->getFormattingFlag() == cl::Prefix &&
                   Name.starts_with(Entry.getKey());
          });
      if (IsPrefixed)
        continue;
      std::string Message = "unknown flag '" + Argument.str() + "'";
      if (std::optional<std::string> Nearest = nearestName(Name, Names))
        Message += "; did you mean '--" + *Nearest + "'?";
      usageError(Message + " (see tether --help)");
      return false;
    }
    // The value of "--flag value" is not a flag, whatever it starts with.
    if (!Argument.contains('=') &&
        Found->getValue()->getValueExpectedFlag() == cl::ValueRequired)
      ++I;
  }
  return true;
}

/// The command line as a request, every path made absolute.
CheckRequest requestFromFlags(const std::string &WorkingDirectory,
                              std::string ToolIdentity) {
  auto Absolute = [&](const std::string &Path) {
    return Path.empty() ? Path : absolutePath(WorkingDirectory, Path);
  };
  CheckRequest Request;
  Request.WorkingDirectory = WorkingDirectory;
  Request.BuildDirectory = Absolute(BuildPath);
  for (const std::string &Path : Paths)
    Request.Paths.push_back(canonicalPath(WorkingDirectory, Path));
  Request.Jobs = Jobs;
  Request.Checks = Checks;
  Request.ConfigFile = Absolute(ConfigFile);
  if (HeaderFilter.getNumOccurrences())
    Request.HeaderFilter = HeaderFilter;
  if (ExcludeHeaderFilter.getNumOccurrences())
    Request.ExcludeHeaderFilter = ExcludeHeaderFilter;
  Request.ExtraArgs.assign(ExtraArgs.begin(), ExtraArgs.end());
  Request.ExtraArgsBefore.assign(ExtraArgsBefore.begin(),
                                 ExtraArgsBefore.end());
  Request.Fix = Fix;
  Request.FixNotes = FixNotes;
  Request.Format = Format;
  Request.Quiet = Quiet;
  Request.SarifFile = Absolute(SarifFile);
  Request.GitLabFile = Absolute(GitLabFile);
  Request.ExportFixesFile = Absolute(ExportFixes);
  Request.BaselineFile = Absolute(BaselineFile);
  Request.WriteBaselineFile = Absolute(WriteBaselineFile);
  Request.DiffRef = DiffRef;
  Request.UseCache = !NoCache;
  Request.WholeProgram = !NoFacts;
  Request.WriteFactsFile = Absolute(WriteFacts);
  for (const std::string &File : FactsFiles)
    Request.FactsFiles.push_back(Absolute(File));
  Request.CacheDirectory = Absolute(CacheDir);
  Request.ToolIdentity = std::move(ToolIdentity);
  Request.ReportUnusedNolint = ReportUnusedNolint;
  return Request;
}

/// --list-checks and --dump-config: what applies in the working directory.
int describeConfiguration(const CheckRequest &Request) {
  llvm::Expected<Configuration> Config = Configuration::load(Request);
  if (!Config)
    return usageError(llvm::toString(Config.takeError()));
  const ClangTidyOptions Options = Config->provider()->getOptions(
      absolutePath(Request.WorkingDirectory, "-"));
  if (DumpConfig) {
    llvm::outs() << configurationAsText(Options) << "\n";
    return 0;
  }
  const std::vector<std::string> Names =
      getCheckNames(Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false);
  llvm::outs() << "Enabled checks:";
  for (const std::string &Name : Names)
    llvm::outs() << "\n    " << Name;
  llvm::outs() << "\n\n";
  return Names.empty() ? usageError("no check is enabled") : 0;
}

/// merge-sarif and merge-facts: every input is read before the output is
/// written, which -o may name.
int runMerge(const std::string &WorkingDirectory,
             llvm::ArrayRef<std::string> Files, llvm::StringRef Output,
             llvm::function_ref<llvm::Error(llvm::ArrayRef<std::string>,
                                            llvm::raw_ostream &)>
                 Merge) {
  std::vector<std::string> Inputs;
  for (const std::string &Input : Files)
    Inputs.push_back(absolutePath(WorkingDirectory, Input));
  std::string Merged;
  llvm::raw_string_ostream OS(Merged);
  if (llvm::Error E = Merge(Inputs, OS))
    return usageError(llvm::toString(std::move(E)));
  if (llvm::Error E =
          writeFileAtomically(absolutePath(WorkingDirectory, Output), Merged))
    return usageError(llvm::toString(std::move(E)));
  return 0;
}

void printVersion(llvm::raw_ostream &OS) {
  OS << "tether " << TETHER_VERSION_STRING << "\n  "
     << clang::getClangFullVersion() << "\n";
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM Init(argc, argv);
  cl::HideUnrelatedOptions({&CheckCategory, &MergeCategory});
  cl::SetVersionPrinter(printVersion);
  if (!checkFlags(argc, argv) ||
      !cl::ParseCommandLineOptions(argc, argv,
                                   "tether: the async- checks for whole "
                                   "projects\n\n  tether check [-p build] "
                                   "[paths...]\n  tether facts [-p build] "
                                   "NAME...\n  tether merge-sarif -o OUT "
                                   "FILES...\n  tether merge-facts -o OUT "
                                   "FILES...\n",
                                   &llvm::errs()))
    return 2;
  llvm::SmallString<256> WorkingDirectory;
  if (std::error_code E = llvm::sys::fs::current_path(WorkingDirectory))
    return usageError("cannot read the working directory: " + E.message());
  if (Check) {
    if (!Shard.empty() && !parseShard(Shard))
      return usageError("--shard takes K/N with 1 <= K <= N, not '" + Shard +
                        "'");
    CheckRequest Request = requestFromFlags(
        std::string(WorkingDirectory),
        toolIdentity(argv[0], reinterpret_cast<void *>(&main)));
    Request.Shard = Shard.empty() ? std::nullopt : parseShard(Shard);
    if (ListChecks || DumpConfig)
      return describeConfiguration(Request);
    return runCheck(Request, llvm::outs(), llvm::errs());
  }
  if (ExplainFacts) {
    CheckRequest Request = requestFromFlags(
        std::string(WorkingDirectory),
        toolIdentity(argv[0], reinterpret_cast<void *>(&main)));
    Request.ExplainFunctions.assign(ExplainedNames.begin(),
                                    ExplainedNames.end());
    return runCheck(Request, llvm::outs(), llvm::errs());
  }
  if (MergeSarif)
    return runMerge(std::string(WorkingDirectory), SarifInputs, MergedOutput,
                    mergeSarif);
  if (MergeFacts)
    return runMerge(std::string(WorkingDirectory), FactsInputs, MergedOutput,
                    mergeFacts);
  return usageError("no command: use 'tether check', 'tether merge-sarif' or "
                    "'tether merge-facts' (see tether --help)");
}
