// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- ResultCache.cpp - tether check -----------------------------------===//

#include "ResultCache.h"
#include "SourceFiles.h"
#include "WholeProgram.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/xxhash.h"

namespace json = llvm::json;
using namespace clang;
using namespace clang::tidy;

namespace tether {
namespace {

constexpr llvm::StringLiteral FormatVersion = "tether-cache-2";
constexpr llvm::StringLiteral EntrySuffix = ".json";

/// Variables that change which headers the compiler finds.
constexpr llvm::StringLiteral LookupEnvironment[] = {
    "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH",
    "SDKROOT"};

std::string hex(uint64_t Value) {
  return llvm::utohexstr(Value, /*LowerCase=*/true, 16);
}

json::Value toJson(const tooling::DiagnosticMessage &Message) {
  json::Array Fix;
  for (const auto &InFile : Message.Fix)
    for (const tooling::Replacement &R : InFile.getValue())
      Fix.push_back(json::Array{InFile.getKey(), R.getOffset(), R.getLength(),
                                R.getReplacementText()});
  json::Array Ranges;
  for (const tooling::FileByteRange &Range : Message.Ranges)
    Ranges.push_back(
        json::Array{Range.FilePath, Range.FileOffset, Range.Length});
  return json::Object{{"text", Message.Message},
                      {"file", Message.FilePath},
                      {"offset", Message.FileOffset},
                      {"fix", std::move(Fix)},
                      {"ranges", std::move(Ranges)}};
}

json::Value toJson(const RawFinding &F) {
  json::Array Notes;
  for (const tooling::DiagnosticMessage &Note : F.Error.Notes)
    Notes.push_back(toJson(Note));
  return json::Object{{"check", F.Error.DiagnosticName},
                      {"level", static_cast<int>(F.Error.DiagLevel)},
                      {"buildDirectory", F.Error.BuildDirectory},
                      {"warningAsError", F.Error.IsWarningAsError},
                      {"message", toJson(F.Error.Message)},
                      {"notes", std::move(Notes)},
                      {"function", F.EnclosingFunction}};
}

/// Reads what toJson wrote; false on anything else (a corrupt entry is a
/// miss).
bool fromJson(const json::Value &Value, tooling::DiagnosticMessage &Message) {
  const json::Object *Object = Value.getAsObject();
  if (!Object)
    return false;
  auto Text = Object->getString("text");
  auto File = Object->getString("file");
  auto Offset = Object->getInteger("offset");
  const json::Array *Fix = Object->getArray("fix");
  const json::Array *Ranges = Object->getArray("ranges");
  if (!Text || !File || !Offset || !Fix || !Ranges)
    return false;
  Message.Message = Text->str();
  Message.FilePath = File->str();
  Message.FileOffset = *Offset;
  for (const json::Value &Entry : *Fix) {
    const json::Array *R = Entry.getAsArray();
    if (!R || R->size() != 4 || !(*R)[0].getAsString() ||
        !(*R)[1].getAsInteger() || !(*R)[2].getAsInteger() ||
        !(*R)[3].getAsString())
      return false;
    const llvm::StringRef Path = *(*R)[0].getAsString();
    if (llvm::Error E = Message.Fix[Path].add(tooling::Replacement(
            Path, *(*R)[1].getAsInteger(), *(*R)[2].getAsInteger(),
            *(*R)[3].getAsString()))) {
      llvm::consumeError(std::move(E));
      return false;
    }
  }
  for (const json::Value &Entry : *Ranges) {
    const json::Array *R = Entry.getAsArray();
    if (!R || R->size() != 3 || !(*R)[0].getAsString() ||
        !(*R)[1].getAsInteger() || !(*R)[2].getAsInteger())
      return false;
    tooling::FileByteRange Range;
    Range.FilePath = (*R)[0].getAsString()->str();
    Range.FileOffset = *(*R)[1].getAsInteger();
    Range.Length = *(*R)[2].getAsInteger();
    Message.Ranges.push_back(std::move(Range));
  }
  return true;
}

std::optional<RawFinding> findingFromJson(const json::Value &Value) {
  const json::Object *Object = Value.getAsObject();
  if (!Object)
    return std::nullopt;
  auto Check = Object->getString("check");
  auto Level = Object->getInteger("level");
  auto BuildDirectory = Object->getString("buildDirectory");
  auto WarningAsError = Object->getBoolean("warningAsError");
  auto Function = Object->getString("function");
  const json::Value *Message = Object->get("message");
  const json::Array *Notes = Object->getArray("notes");
  if (!Check || !Level || !BuildDirectory || !WarningAsError || !Function ||
      !Message || !Notes)
    return std::nullopt;
  RawFinding F{ClangTidyError(*Check,
                              static_cast<ClangTidyError::Level>(*Level),
                              *BuildDirectory, *WarningAsError),
               Function->str()};
  if (!fromJson(*Message, F.Error.Message))
    return std::nullopt;
  for (const json::Value &Note : *Notes)
    if (!fromJson(Note, F.Error.Notes.emplace_back()))
      return std::nullopt;
  return F;
}

} // namespace

ResultCache::ResultCache(std::string Directory, std::string ToolIdentity)
    : Directory(std::move(Directory)), ToolIdentity(std::move(ToolIdentity)) {}

std::optional<std::string> ResultCache::prepare() const {
  if (std::error_code E = llvm::sys::fs::create_directories(Directory))
    return "cannot create the cache directory " + Directory + ": " +
           E.message();
  return std::nullopt;
}

std::string ResultCache::key(const tooling::CompileCommand &Command,
                             llvm::StringRef Configuration,
                             bool FixNotes) const {
  std::string Identity = FormatVersion.str();
  for (llvm::StringRef Part :
       {llvm::StringRef(ToolIdentity), llvm::StringRef(Command.Directory),
        llvm::StringRef(Command.Filename), Configuration,
        FixNotes ? llvm::StringRef("fix-notes") : llvm::StringRef("fix")})
    (Identity += '\0') += Part;
  for (const std::string &Argument : Command.CommandLine)
    (Identity += '\0') += Argument;
  for (llvm::StringRef Variable : LookupEnvironment)
    if (std::optional<std::string> Value = llvm::sys::Process::GetEnv(Variable))
      (((Identity += '\0') += Variable) += '=') += *Value;
  return hex(llvm::xxh3_64bits(Identity));
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key + EntrySuffix);
  return std::string(Path);
}

std::optional<uint64_t> ResultCache::currentHash(llvm::StringRef Path) {
  {
    std::lock_guard<std::mutex> Lock(HashesMutex);
    auto Known = Hashes.find(Path);
    if (Known != Hashes.end())
      return Known->getValue();
  }
  std::optional<uint64_t> Hash;
  if (auto Text = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false))
    Hash = contentHash((*Text)->getBuffer());
  std::lock_guard<std::mutex> Lock(HashesMutex);
  Hashes[Path] = Hash;
  return Hash;
}

std::optional<TranslationUnitResult> ResultCache::lookup(llvm::StringRef Key) {
  const std::string Path = entryPath(Key);
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return std::nullopt;
  llvm::Expected<json::Value> Parsed = json::parse((*Text)->getBuffer());
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  const json::Object *Entry = Parsed->getAsObject();
  const json::Array *Inputs = Entry ? Entry->getArray("inputs") : nullptr;
  const json::Array *Findings = Entry ? Entry->getArray("findings") : nullptr;
  const json::Array *Raised = Entry ? Entry->getArray("raised") : nullptr;
  const json::Value *Facts = Entry ? Entry->get("facts") : nullptr;
  if (!Inputs || !Findings || !Raised || !Facts)
    return std::nullopt;
  TranslationUnitResult Result;
  if (std::optional<TranslationUnitFacts> Parsed = factsFromJson(*Facts))
    Result.Facts = std::move(*Parsed);
  else
    return std::nullopt;
  for (const json::Value &Value : *Inputs) {
    const json::Array *I = Value.getAsArray();
    if (!I || I->size() != 3 || !(*I)[0].getAsString() ||
        !(*I)[1].getAsString() || !(*I)[2].getAsBoolean())
      return std::nullopt;
    InputFile Input{(*I)[0].getAsString()->str(), 0, *(*I)[2].getAsBoolean()};
    if ((*I)[1].getAsString()->getAsInteger(16, Input.Hash))
      return std::nullopt;
    std::optional<uint64_t> Now = currentHash(Input.Path);
    if (!Now || *Now != Input.Hash)
      return std::nullopt;
    Result.Inputs.push_back(std::move(Input));
  }
  for (const json::Value &Value : *Findings) {
    std::optional<RawFinding> F = findingFromJson(Value);
    if (!F)
      return std::nullopt;
    Result.Findings.push_back(std::move(*F));
  }
  for (const json::Value &Value : *Raised) {
    const json::Array *R = Value.getAsArray();
    if (!R || R->size() != 3 || !(*R)[0].getAsString() ||
        !(*R)[1].getAsInteger() || !(*R)[2].getAsString())
      return std::nullopt;
    Result.Raised.push_back({(*R)[0].getAsString()->str(),
                             static_cast<unsigned>(*(*R)[1].getAsInteger()),
                             (*R)[2].getAsString()->str()});
  }
  // Recently used: pruning keeps it.
  int FD;
  if (!llvm::sys::fs::openFileForRead(Path, FD)) {
    llvm::sys::fs::setLastAccessAndModificationTime(
        FD, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  return Result;
}

std::optional<std::string>
ResultCache::store(llvm::StringRef Key, const TranslationUnitResult &Result) {
  json::Array Inputs, Findings, Raised;
  for (const InputFile &Input : Result.Inputs)
    Inputs.push_back(
        json::Array{Input.Path, hex(Input.Hash), Input.IsUserFile});
  for (const RawFinding &F : Result.Findings)
    Findings.push_back(toJson(F));
  for (const RaisedDiagnostic &R : Result.Raised)
    Raised.push_back(json::Array{R.File, R.Line, R.Check});
  // Written aside and renamed, so that a concurrent run, or one that was
  // interrupted, never leaves or reads half an entry.
  const std::string Path = entryPath(Key);
  llvm::SmallString<256> Temporary;
  int FD;
  if (std::error_code E =
          llvm::sys::fs::createUniqueFile(Path + ".%%%%%%.tmp", FD, Temporary))
    return E.message();
  std::error_code Error;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << json::Value(json::Object{{"inputs", std::move(Inputs)},
                                   {"findings", std::move(Findings)},
                                   {"raised", std::move(Raised)},
                                   {"facts", toJson(Result.Facts)}});
    OS.close();
    Error = OS.error();
    OS.clear_error();
  }
  if (!Error)
    Error = llvm::sys::fs::rename(Temporary, Path);
  if (!Error)
    return std::nullopt;
  llvm::sys::fs::remove(Temporary);
  return Error.message();
}

unsigned ResultCache::prune(std::chrono::hours MaxAge, uint64_t MaxBytes) {
  struct Entry {
    std::string Path;
    llvm::sys::TimePoint<> Modified;
    uint64_t Size;
  };
  std::vector<Entry> Entries;
  std::error_code Error;
  for (llvm::sys::fs::directory_iterator It(Directory, Error), End;
       It != End && !Error; It.increment(Error)) {
    llvm::ErrorOr<llvm::sys::fs::basic_file_status> Status = It->status();
    if (!Status || Status->type() != llvm::sys::fs::file_type::regular_file)
      continue;
    Entries.push_back(
        {It->path(), Status->getLastModificationTime(), Status->getSize()});
  }
  // Newest first: what is kept is what was used last.
  llvm::sort(Entries, [](const Entry &A, const Entry &B) {
    return A.Modified > B.Modified;
  });
  const auto Oldest = std::chrono::system_clock::now() - MaxAge;
  uint64_t Kept = 0;
  unsigned Removed = 0;
  for (const Entry &E : Entries) {
    const bool IsTemporary = llvm::StringRef(E.Path).ends_with(".tmp");
    // A temporary file younger than an hour may be a concurrent run's.
    const bool Stale = IsTemporary
                           ? E.Modified < std::chrono::system_clock::now() -
                                              std::chrono::hours(1)
                           : E.Modified < Oldest || Kept + E.Size > MaxBytes;
    if (!Stale) {
      Kept += E.Size;
      continue;
    }
    if (!IsTemporary && !llvm::StringRef(E.Path).ends_with(EntrySuffix))
      continue; // not ours
    Removed += !llvm::sys::fs::remove(E.Path);
  }
  return Removed;
}

std::string toolIdentity(const char *Argv0, void *MainAddress) {
  const std::string Path = llvm::sys::fs::getMainExecutable(Argv0, MainAddress);
  std::string Identity = TETHER_VERSION;
  (Identity += '\0') += clang::getClangFullVersion();
  // The executable's content, not its path or time: a reinstall of the same
  // build keeps the cache, any other build invalidates it.
  if (auto Binary = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/
                                                false))
    (Identity += '\0') += hex(contentHash((*Binary)->getBuffer()));
  else
    (Identity += '\0') += Path;
  return Identity;
}

} // namespace tether
