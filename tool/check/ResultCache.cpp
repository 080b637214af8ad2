//===--- ResultCache.cpp - tether check -----------------------------------===//

#include "ResultCache.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace json = llvm::json;
using namespace clang;
using namespace clang::tidy;

namespace tether {
namespace {

constexpr llvm::StringLiteral FormatVersion = "tether-cache-1";

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

json::Value toJson(const TidyFinding &F) {
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

std::optional<TidyFinding> findingFromJson(const json::Value &Value) {
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
  TidyFinding F{ClangTidyError(*Check,
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

std::optional<std::vector<std::string>> strings(const json::Array *Array) {
  if (!Array)
    return std::nullopt;
  std::vector<std::string> Strings;
  for (const json::Value &Value : *Array) {
    auto Text = Value.getAsString();
    if (!Text)
      return std::nullopt;
    Strings.push_back(Text->str());
  }
  return Strings;
}

} // namespace

ResultCache::ResultCache(std::string Directory, std::string Stamp)
    : Directory(std::move(Directory)), Stamp(std::move(Stamp)) {}

std::optional<std::string> ResultCache::prepare() const {
  if (std::error_code E = llvm::sys::fs::create_directories(Directory))
    return "cannot create the cache directory " + Directory + ": " +
           E.message();
  return std::nullopt;
}

std::string ResultCache::key(const tooling::CompileCommand &Command,
                             llvm::StringRef Configuration,
                             bool ApplyAnyFix) const {
  std::string Identity = FormatVersion.str();
  for (llvm::StringRef Part :
       {llvm::StringRef(Stamp), llvm::StringRef(Command.Directory),
        llvm::StringRef(Command.Filename), Configuration,
        ApplyAnyFix ? llvm::StringRef("any-fix") : llvm::StringRef("fix")})
    (Identity += '\0') += Part;
  for (const std::string &Argument : Command.CommandLine)
    (Identity += '\0') += Argument;
  return hex(llvm::xxh3_64bits(Identity));
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key + ".json");
  return std::string(Path);
}

std::optional<uint64_t> ResultCache::contentHash(llvm::StringRef Path) {
  {
    std::lock_guard<std::mutex> Lock(HashesMutex);
    auto Known = Hashes.find(Path);
    if (Known != Hashes.end())
      return Known->getValue();
  }
  std::optional<uint64_t> Hash;
  if (auto Text = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false))
    Hash = llvm::xxh3_64bits(llvm::arrayRefFromStringRef((*Text)->getBuffer()));
  std::lock_guard<std::mutex> Lock(HashesMutex);
  Hashes[Path] = Hash;
  return Hash;
}

std::optional<TranslationUnitResult> ResultCache::lookup(llvm::StringRef Key) {
  auto Text = llvm::MemoryBuffer::getFile(entryPath(Key));
  if (!Text)
    return std::nullopt;
  llvm::Expected<json::Value> Parsed = json::parse((*Text)->getBuffer());
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  const json::Object *Entry = Parsed->getAsObject();
  const json::Object *Inputs = Entry ? Entry->getObject("inputs") : nullptr;
  const json::Array *Findings = Entry ? Entry->getArray("findings") : nullptr;
  const json::Array *Raised = Entry ? Entry->getArray("raised") : nullptr;
  std::optional<std::vector<std::string>> UserFiles =
      strings(Entry ? Entry->getArray("userFiles") : nullptr);
  if (!Inputs || !Findings || !Raised || !UserFiles)
    return std::nullopt;
  TranslationUnitResult Result;
  for (const auto &[Path, Hash] : *Inputs) {
    std::optional<uint64_t> Now = contentHash(Path.str());
    if (!Now || Hash.getAsString() != hex(*Now))
      return std::nullopt;
    Result.Inputs.push_back(Path.str());
  }
  llvm::sort(Result.Inputs);
  for (const json::Value &Value : *Findings) {
    std::optional<TidyFinding> F = findingFromJson(Value);
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
  Result.UserFiles = std::move(*UserFiles);
  return Result;
}

void ResultCache::store(llvm::StringRef Key,
                        const TranslationUnitResult &Result) {
  json::Object Inputs;
  for (const std::string &Input : Result.Inputs) {
    std::optional<uint64_t> Hash = contentHash(Input);
    if (!Hash)
      return; // gone already: nothing could validate the entry
    Inputs[Input] = hex(*Hash);
  }
  json::Array Findings, Raised, UserFiles;
  for (const TidyFinding &F : Result.Findings)
    Findings.push_back(toJson(F));
  for (const RaisedDiagnostic &R : Result.Raised)
    Raised.push_back(json::Array{R.File, R.Line, R.Check});
  for (const std::string &File : Result.UserFiles)
    UserFiles.push_back(File);
  // Written aside and renamed, so that a concurrent run never reads half
  // an entry.
  const std::string Path = entryPath(Key);
  llvm::SmallString<256> Temporary;
  int FD;
  if (llvm::sys::fs::createUniqueFile(Path + ".%%%%%%.tmp", FD, Temporary))
    return;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << json::Value(json::Object{{"inputs", std::move(Inputs)},
                                   {"findings", std::move(Findings)},
                                   {"raised", std::move(Raised)},
                                   {"userFiles", std::move(UserFiles)}});
    if (OS.has_error()) {
      OS.clear_error();
      llvm::sys::fs::remove(Temporary);
      return;
    }
  }
  if (llvm::sys::fs::rename(Temporary, Path))
    llvm::sys::fs::remove(Temporary);
}

std::string executableStamp(const char *Argv0, void *MainAddress) {
  const std::string Path = llvm::sys::fs::getMainExecutable(Argv0, MainAddress);
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status))
    return Path;
  return Path + '\0' + std::to_string(Status.getSize()) + '\0' +
         std::to_string(
             Status.getLastModificationTime().time_since_epoch().count());
}

} // namespace tether
