// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- GitLab.h - tether check --------------------------------*- C++ -*-===//
//
// GitLab's code quality report (a subset of Code Climate's format), which
// merge requests show next to the changed lines.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_GITLAB_H
#define TETHER_TOOL_CHECK_GITLAB_H

#include "Findings.h"

namespace tether {

void writeGitLabCodeQuality(llvm::ArrayRef<Finding> Findings,
                            llvm::raw_ostream &OS);

} // namespace tether

#endif
