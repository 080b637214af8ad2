// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- ConsoleOutput.cpp - tether check ---------------------------------===//

#include "ConsoleOutput.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace json = llvm::json;

namespace tether {
namespace {

/// The line of \p Where with its number, and a caret under its column.
void printLine(const Location &Where, llvm::raw_ostream &OS) {
  if (Where.File.empty() || Where.Start.Line == 0)
    return;
  const std::string Number = std::to_string(Where.Start.Line);
  OS << llvm::formatv("{0,5} | ", Number) << Where.LineText << "\n";
  OS << llvm::formatv("{0,5} | ", "");
  // Tabs stay tabs, so that the caret lines up in any terminal.
  for (unsigned I = 1; I < Where.Start.Column && I <= Where.LineText.size();
       ++I)
    OS << (Where.LineText[I - 1] == '\t' ? '\t' : ' ');
  OS << "^\n";
}

void printLocation(const Location &Where, llvm::raw_ostream &OS) {
  if (Where.File.empty()) {
    OS << "tether: ";
    return;
  }
  OS << Where.File << ":" << Where.Start.Line << ":" << Where.Start.Column
     << ": ";
}

/// What a fix-it edit does, on one line.
void printEdit(const Edit &E, llvm::raw_ostream &OS) {
  OS << llvm::formatv("{0,5} | ", "") << "fix-it: " << E.Where.RelativeFile
     << ":" << E.Where.Start.Line << ":" << E.Where.Start.Column << ": ";
  // One line per edit: the line breaks it inserts are shown as \n.
  std::string Text;
  for (char C : llvm::StringRef(E.Text).rtrim("\n"))
    Text += C == '\n' ? std::string("\\n") : std::string(1, C);
  if (E.Length == 0)
    OS << "insert '" << Text << "'";
  else if (E.Text.empty())
    OS << "remove " << E.Length << " byte" << (E.Length == 1 ? "" : "s");
  else
    OS << "replace " << E.Length << " byte" << (E.Length == 1 ? "" : "s")
       << " with '" << Text << "'";
  OS << "\n";
}

void printText(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS) {
  for (const Finding &F : Findings) {
    printLocation(F.Where, OS);
    OS << (F.IsError ? "error: " : "warning: ") << F.Message << " [" << F.Check
       << (F.Error && F.Error->IsWarningAsError ? ",-warnings-as-errors" : "")
       << "]\n";
    printLine(F.Where, OS);
    for (const Edit &E : F.Fix)
      printEdit(E, OS);
    for (const Note &N : F.Notes) {
      printLocation(N.Where, OS);
      OS << "note: " << N.Message << "\n";
      printLine(N.Where, OS);
    }
  }
}

void printGitHub(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS) {
  for (const Finding &F : Findings) {
    OS << "::" << (F.IsError ? "error" : "warning");
    if (!F.Where.File.empty())
      OS << " file=" << escapeWorkflowCommand(F.Where.RelativeFile, true)
         << ",line=" << F.Where.Start.Line << ",col=" << F.Where.Start.Column
         << ",";
    else
      OS << " ";
    OS << "title=" << escapeWorkflowCommand(F.Check, true)
       << "::" << escapeWorkflowCommand(F.Message, false) << "\n";
  }
}

json::Value location(const Location &Where) {
  return json::Object{{"file", Where.RelativeFile},
                      {"line", Where.Start.Line},
                      {"column", Where.Start.Column}};
}

void printJson(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS) {
  json::Array All;
  for (const Finding &F : Findings) {
    json::Array Notes, Fix;
    for (const Note &N : F.Notes)
      Notes.push_back(json::Object{{"message", N.Message},
                                   {"location", location(N.Where)}});
    for (const Edit &E : F.Fix)
      Fix.push_back(json::Object{{"location", location(E.Where)},
                                 {"length", E.Length},
                                 {"text", E.Text}});
    All.push_back(json::Object{{"check", F.Check},
                               {"level", F.IsError ? "error" : "warning"},
                               {"message", F.Message},
                               {"location", location(F.Where)},
                               {"function", F.EnclosingFunction},
                               {"fingerprint", F.Fingerprint},
                               {"notes", std::move(Notes)},
                               {"fix", std::move(Fix)}});
  }
  OS << llvm::formatv("{0:2}",
                      json::Value(json::Object{{"version", 1},
                                               {"findings", std::move(All)}}))
     << "\n";
}

} // namespace

std::string escapeWorkflowCommand(llvm::StringRef Text, bool IsProperty) {
  std::string Escaped;
  for (char C : Text) {
    switch (C) {
    case '%':
      Escaped += "%25";
      break;
    case '\r':
      Escaped += "%0D";
      break;
    case '\n':
      Escaped += "%0A";
      break;
    case ':':
      Escaped += IsProperty ? "%3A" : ":";
      break;
    case ',':
      Escaped += IsProperty ? "%2C" : ",";
      break;
    default:
      Escaped += C;
    }
  }
  return Escaped;
}

void printFindings(llvm::ArrayRef<Finding> Findings, OutputFormat Format,
                   llvm::raw_ostream &OS) {
  switch (Format) {
  case OutputFormat::Text:
    return printText(Findings, OS);
  case OutputFormat::GitHub:
    return printGitHub(Findings, OS);
  case OutputFormat::Json:
    return printJson(Findings, OS);
  }
}

} // namespace tether
