// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- ConsoleOutput.h - tether check -------------------------*- C++ -*-===//
//
// What tether check prints on standard output, in each --output-format:
// text as compilers print it (each finding with the line it is on, its
// notes and what its fix-it changes), GitHub workflow commands (annotations
// on a pull request), or one JSON document.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_TOOL_CHECK_CONSOLEOUTPUT_H
#define TETHER_TOOL_CHECK_CONSOLEOUTPUT_H

#include "CheckRequest.h"
#include "Findings.h"
#include "llvm/Support/raw_ostream.h"

namespace tether {

void printFindings(llvm::ArrayRef<Finding> Findings, OutputFormat Format,
                   llvm::raw_ostream &OS);

/// \p Text escaped for a GitHub workflow command's message (or, with
/// \p IsProperty, one of its properties).
std::string escapeWorkflowCommand(llvm::StringRef Text, bool IsProperty);

} // namespace tether

#endif
