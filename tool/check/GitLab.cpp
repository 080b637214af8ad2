// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- GitLab.cpp - tether check ----------------------------------------===//

#include "GitLab.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace json = llvm::json;

namespace tether {

void writeGitLabCodeQuality(llvm::ArrayRef<Finding> Findings,
                            llvm::raw_ostream &OS) {
  json::Array Issues;
  for (const Finding &F : Findings) {
    // GitLab shows an issue on a file; one without a path is dropped.
    if (F.Where.RelativeFile.empty())
      continue;
    Issues.push_back(json::Object{
        {"type", "issue"},
        {"check_name", F.Check},
        {"description", F.Message},
        {"categories", json::Array{"Bug Risk"}},
        {"severity", F.IsError ? "critical" : "major"},
        // GitLab wants one per finding, stable across pipelines.
        {"fingerprint", F.Fingerprint},
        {"location",
         json::Object{
             {"path", F.Where.RelativeFile},
             {"lines", json::Object{{"begin", F.Where.Start.Line}}}}}});
  }
  OS << llvm::formatv("{0:2}", json::Value(std::move(Issues))) << "\n";
}

} // namespace tether
