// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- CompileDatabase.cpp - tether check -------------------------------===//

#include "CompileDatabase.h"
#include "Paths.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace json = llvm::json;

namespace tether {
namespace {

llvm::Error fail(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

} // namespace

llvm::Expected<std::string>
normalizeCompileCommands(llvm::StringRef Text,
                         llvm::StringRef DatabaseDirectory) {
  llvm::Expected<json::Value> Parsed = json::parse(Text);
  if (!Parsed)
    return fail("not valid JSON (" + llvm::toString(Parsed.takeError()) + ")");
  json::Array *Entries = Parsed->getAsArray();
  if (!Entries)
    return fail("not a list of compile commands");
  for (size_t I = 0; I < Entries->size(); ++I) {
    json::Object *Entry = (*Entries)[I].getAsObject();
    auto Problem = [&](llvm::StringRef What) {
      return fail("entry " + llvm::Twine(I + 1) + " " + What);
    };
    if (!Entry)
      return Problem("is not an object");
    std::optional<llvm::StringRef> Directory = Entry->getString("directory");
    if (!Directory)
      return Problem("has no \"directory\"");
    if (!Entry->getString("file"))
      return Problem("has no \"file\"");
    if (!Entry->getString("command") && !Entry->getArray("arguments"))
      return Problem("has neither \"command\" nor \"arguments\"");
    if (!llvm::sys::path::is_absolute(*Directory))
      (*Entry)["directory"] = absolutePath(DatabaseDirectory, *Directory);
  }
  std::string Normalized;
  llvm::raw_string_ostream(Normalized) << json::Value(std::move(*Parsed));
  return Normalized;
}

llvm::Expected<LoadedDatabase>
loadCompileDatabase(llvm::StringRef BuildDirectory,
                    llvm::StringRef WorkingDirectory) {
  llvm::SmallVector<std::string, 2> Candidates;
  if (!BuildDirectory.empty())
    Candidates.push_back(BuildDirectory.str());
  else
    Candidates = {absolutePath(WorkingDirectory, "build"),
                  WorkingDirectory.str()};
  for (const std::string &Candidate : Candidates) {
    llvm::SmallString<256> Path(Candidate);
    llvm::sys::path::append(Path, "compile_commands.json");
    if (!llvm::sys::fs::exists(Path)) {
      // compile_flags.txt and the other kinds clang knows.
      std::string Ignored;
      if (auto Database =
              clang::tooling::CompilationDatabase::loadFromDirectory(Candidate,
                                                                     Ignored))
        return LoadedDatabase{std::move(Database), Candidate};
      continue;
    }
    auto Text = llvm::MemoryBuffer::getFile(Path);
    if (!Text)
      return fail("cannot read " + Path + ": " + Text.getError().message());
    llvm::Expected<std::string> Normalized =
        normalizeCompileCommands((*Text)->getBuffer(), Candidate);
    if (!Normalized)
      return fail(Path + ": " + llvm::toString(Normalized.takeError()));
    std::string Error;
    auto Database = clang::tooling::JSONCompilationDatabase::loadFromBuffer(
        *Normalized, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
    if (!Database)
      return fail(Path + ": " + Error);
    return LoadedDatabase{std::move(Database), Candidate};
  }
  return fail("no compile_commands.json in " +
              (BuildDirectory.empty()
                   ? std::string("./build or .")
                   : relativeTo(WorkingDirectory, BuildDirectory)) +
              ": configure the project with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "
              "and pass its build directory with -p");
}

} // namespace tether
