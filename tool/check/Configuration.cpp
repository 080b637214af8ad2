// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Configuration.cpp - tether check ---------------------------------===//

#include "Configuration.h"
#include "Paths.h"
#include "TetherModuleAnchor.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyForceLinker.h"
#include "clang-tidy/GlobList.h"
#include "utils/LinkedChecks.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

// The registry holds every check that is linked in: clang-tidy's modules
// (through ClangTidyForceLinker.h) and tether's (TetherModuleAnchor.h).
using namespace clang::tidy;
using clang::tidy::tether::LinkedChecks;

namespace tether {
namespace {

constexpr llvm::StringLiteral DefaultChecks = "-*,async-*";

/// A glob of a Checks value.
struct CheckGlob {
  std::string Pattern; // without the '-' of a removal
  bool Removes = false;
};

std::vector<CheckGlob> globsOf(llvm::StringRef Checks) {
  // As clang-tidy reads the list: globs end at a comma or a line break.
  llvm::SmallVector<llvm::StringRef> Lines, Parts;
  Checks.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines)
    Line.split(Parts, ',', -1, /*KeepEmpty=*/false);
  std::vector<CheckGlob> Globs;
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim(" \t\r\n");
    const bool Removes = Part.consume_front("-");
    Part = Part.trim(" \t\r\n");
    if (!Part.empty())
      Globs.push_back({Part.str(), Removes});
  }
  return Globs;
}

bool matchesSomeCheck(llvm::StringRef Glob) {
  // Compiler warnings are enabled as checks of their own.
  if (Glob.starts_with("clang-diagnostic-"))
    return true;
  GlobList Matcher(Glob);
  return llvm::any_of(
      LinkedChecks::get().Checks,
      [&](const std::string &Check) { return Matcher.contains(Check); });
}

std::string didYouMean(llvm::StringRef Name,
                       llvm::ArrayRef<std::string> Candidates) {
  if (std::optional<std::string> Nearest = nearestName(Name, Candidates))
    return "; did you mean '" + *Nearest + "'?";
  return "";
}

} // namespace

llvm::Expected<Configuration> Configuration::load(const CheckRequest &Request) {
  Configuration Config;
  Config.Defaults = ClangTidyOptions::getDefaults();
  Config.Defaults.Checks = DefaultChecks.str();
  // A project's own headers are part of what it lints; each finding there
  // is reported once. System headers stay out (SystemHeaders).
  Config.Defaults.HeaderFilterRegex = ".*";
  if (!Request.Checks.empty())
    Config.Overrides.Checks = Request.Checks;
  if (Request.HeaderFilter)
    Config.Overrides.HeaderFilterRegex = *Request.HeaderFilter;
  if (Request.ExcludeHeaderFilter)
    Config.Overrides.ExcludeHeaderFilterRegex = *Request.ExcludeHeaderFilter;
  if (!Request.ExtraArgs.empty())
    Config.Overrides.ExtraArgs = Request.ExtraArgs;
  if (!Request.ExtraArgsBefore.empty())
    Config.Overrides.ExtraArgsBefore = Request.ExtraArgsBefore;
  if (Request.ConfigFile.empty())
    return Config;
  Config.ConfigFile = Request.ConfigFile;
  const std::string Shown =
      relativeTo(Request.WorkingDirectory, Request.ConfigFile);
  auto Text = llvm::MemoryBuffer::getFile(Request.ConfigFile);
  if (!Text)
    return llvm::createStringError(Text.getError(),
                                   "cannot read " + Shown + ": " +
                                       Text.getError().message());
  llvm::ErrorOr<ClangTidyOptions> Parsed =
      parseConfiguration(llvm::MemoryBufferRef(**Text));
  if (!Parsed)
    return llvm::createStringError(Parsed.getError(),
                                   "invalid configuration in " + Shown + ": " +
                                       Parsed.getError().message());
  Config.FromConfigFile = std::move(*Parsed);
  return Config;
}

std::unique_ptr<ClangTidyOptionsProvider> Configuration::provider() const {
  if (FromConfigFile)
    return std::make_unique<ConfigOptionsProvider>(
        ClangTidyGlobalOptions(), Defaults, *FromConfigFile, Overrides,
        llvm::vfs::createPhysicalFileSystem());
  return std::make_unique<FileOptionsProvider>(
      ClangTidyGlobalOptions(), Defaults, Overrides,
      llvm::vfs::createPhysicalFileSystem());
}

std::vector<ConfigurationProblem>
Configuration::verify(llvm::ArrayRef<std::string> Files) const {
  std::vector<ConfigurationProblem> Problems;
  const LinkedChecks &Known = LinkedChecks::get();
  std::unique_ptr<ClangTidyOptionsProvider> Provider = provider();
  llvm::StringSet<> SeenDirectories, SeenSources, SeenChecks;
  for (const std::string &File : Files) {
    // Configuration files apply per directory.
    if (!SeenDirectories.insert(llvm::sys::path::parent_path(File)).second)
      continue;
    for (const auto &[Options, Source] : Provider->getRawOptions(File)) {
      if (Source == ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary ||
          !SeenSources.insert(Source).second)
        continue;
      const std::string Where =
          Source == ClangTidyOptionsProvider::
                        OptionsSourceTypeCheckCommandLineOption
              ? "--checks"
          : Source == ClangTidyOptionsProvider::
                          OptionsSourceTypeConfigCommandLineOption
              ? ConfigFile
              : Source;
      if (Options.Checks)
        for (const CheckGlob &Glob : globsOf(*Options.Checks)) {
          if (matchesSomeCheck(Glob.Pattern))
            continue;
          const std::string Written = std::string(Glob.Removes ? "'-" : "'") +
                                      Glob.Pattern + "' in " + Where;
          const std::string Nearest = didYouMean(Glob.Pattern, Known.Checks);
          // Not a misspelt name: a list whose line breaks a quoted YAML
          // string folded into spaces. clang-tidy runs none of it either,
          // but the checks asked for elsewhere (--checks) can still run.
          if (Glob.Pattern.find_first_of(" \t") != std::string::npos)
            Problems.push_back(
                {false, "check glob " + Written +
                            " has spaces in it and matches no check: "
                            "clang-tidy separates globs with commas or line "
                            "breaks, and a quoted YAML string folds its line "
                            "breaks into spaces; separate them with commas"});
          // Removing what does not exist turns nothing off that is on: a
          // check of another clang-tidy version (a project's configuration
          // outlives the checks it names), or a misspelt one, which then
          // stays on and reports.
          else if (Glob.Removes)
            Problems.push_back(
                {false,
                 "check glob " + Written + " removes no check" +
                     (Nearest.empty() ? ": no check of this build is named so"
                                      : Nearest)});
          // Asked for on the command line, or near the name of a check: a
          // typo that would leave a check off.
          else if (Source == ClangTidyOptionsProvider::
                                 OptionsSourceTypeCheckCommandLineOption ||
                   !Nearest.empty() ||
                   llvm::StringRef(Glob.Pattern).starts_with("async"))
            Problems.push_back({true, "check glob " + Written +
                                          " matches no check" + Nearest});
          else
            Problems.push_back(
                {false, "check glob " + Written +
                            " matches no check of this build (one of another "
                            "clang-tidy version?): it enables nothing"});
        }
      std::vector<std::string> Unknown;
      for (const auto &Option : Options.CheckOptions)
        // Keys without a check name are global options (IgnoreMacros).
        if (Option.getKey().contains('.') &&
            !Known.isOption(Option.getKey().str()))
          Unknown.push_back(Option.getKey().str());
      llvm::sort(Unknown);
      for (const std::string &Key : Unknown)
        Problems.push_back({false,
                            "unknown option '" + Key + "' in " + Where +
                                didYouMean(Key, Known.Options),
                            Key});
    }
    const ClangTidyOptions Effective = Provider->getOptions(File);
    const std::string Checks = Effective.Checks.value_or("");
    if (SeenChecks.insert(Checks).second &&
        getCheckNames(Effective, true).empty())
      Problems.push_back(
          {true,
           "no check is enabled for " + File + " (Checks: '" + Checks + "')",
           ""});
  }
  return Problems;
}

} // namespace tether
