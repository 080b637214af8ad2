// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- CheckRequest.h - tether check --------------------------*- C++ -*-===//
//
// What a run of tether check is asked to do, as the command line says it.
// Every path in it is absolute: the command line's relative paths are
// resolved once, against the working directory the command started in.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_CHECKREQUEST_H
#define TETHER_TOOL_CHECK_CHECKREQUEST_H

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tether {

enum class OutputFormat {
  /// clang-tidy's: file:line:col: warning: ... [check], the line, fix-its.
  Text,
  /// GitHub workflow commands: annotations on the pull request.
  GitHub,
  /// One JSON document with every finding.
  Json,
};

struct CheckRequest {
  /// Where the command started; relative paths of the configuration's own
  /// files are resolved against it.
  std::string WorkingDirectory;
  /// The directory with compile_commands.json; empty: ./build, then ./.
  std::string BuildDirectory;
  /// Only the translation units under these files or directories.
  std::vector<std::string> Paths;
  /// Translation units linted at once; 0: one per core.
  unsigned Jobs = 0;

  // What to lint with, as clang-tidy's flags of the same names.
  std::string Checks;
  std::string ConfigFile;
  std::optional<std::string> HeaderFilter;
  std::optional<std::string> ExcludeHeaderFilter;
  std::vector<std::string> ExtraArgs;
  std::vector<std::string> ExtraArgsBefore;

  /// Apply the fix-its of the warnings.
  bool Fix = false;
  /// Also apply the fix-its on notes.
  bool FixNotes = false;
  OutputFormat Format = OutputFormat::Text;
  /// No progress and no summary.
  bool Quiet = false;

  std::string SarifFile;
  std::string GitLabFile;
  std::string ExportFixesFile;
  std::string BaselineFile;
  std::string WriteBaselineFile;
  std::string DiffRef;
  /// K and N of --shard K/N.
  std::optional<std::pair<unsigned, unsigned>> Shard;

  bool UseCache = true;
  /// Empty: <build directory>/.tether-cache.
  std::string CacheDirectory;
  /// What identifies the tether build in cache keys.
  std::string ToolIdentity;

  bool ReportUnusedNolint = false;
  /// Facts across translation units: what functions of other units do.
  bool WholeProgram = true;
  /// Where to write the summaries of this run's translation units, for
  /// `tether merge-facts` (the first stage of a sharded run).
  std::string WriteFactsFile;
  /// Summaries of other runs (the merged file of the first stage): their
  /// functions are known to this run's translation units.
  std::vector<std::string> FactsFiles;
  /// `tether facts`: instead of findings, what the facts know of the
  /// functions of these names (qualified, or their last components).
  std::vector<std::string> ExplainFunctions;
};

} // namespace tether

#endif
