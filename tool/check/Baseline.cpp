// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Baseline.cpp - tether check --------------------------------------===//

#include "Baseline.h"
#include "JsonFile.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace json = llvm::json;

namespace tether {

constexpr int BaselineVersion = 1;

llvm::Expected<std::vector<BaselineEntry>> readBaseline(llvm::StringRef Path,
                                                        llvm::StringRef Shown) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "baseline " + Shown + ": " + Why);
  };
  llvm::Expected<json::Value> Parsed = readJsonFile(Path);
  if (!Parsed)
    return Fail(llvm::toString(Parsed.takeError()));
  const json::Object *Root = Parsed->getAsObject();
  const json::Array *Entries = Root ? Root->getArray("findings") : nullptr;
  if (!Entries || Root->getInteger("version") != BaselineVersion)
    return Fail("not a tether baseline (version " +
                llvm::Twine(BaselineVersion) + ")");
  std::vector<BaselineEntry> Baseline;
  for (const json::Value &Value : *Entries) {
    const json::Object *Entry = Value.getAsObject();
    auto Field = [&](llvm::StringRef Name) {
      std::optional<llvm::StringRef> Text =
          Entry ? Entry->getString(Name) : std::nullopt;
      return Text ? Text->str() : std::string();
    };
    BaselineEntry E{Field("fingerprint"), Field("check"), Field("file"),
                    Field("function"), Field("message")};
    if (E.Fingerprint.empty())
      return Fail("an entry without a fingerprint");
    Baseline.push_back(std::move(E));
  }
  return Baseline;
}

void writeBaseline(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS) {
  std::vector<const Finding *> Sorted;
  for (const Finding &F : Findings)
    Sorted.push_back(&F);
  llvm::sort(Sorted, [](const Finding *A, const Finding *B) {
    return std::tie(A->Where.RelativeFile, A->Check, A->Fingerprint) <
           std::tie(B->Where.RelativeFile, B->Check, B->Fingerprint);
  });
  json::Array Entries;
  for (const Finding *F : Sorted)
    Entries.push_back(json::Object{{"fingerprint", F->Fingerprint},
                                   {"check", F->Check},
                                   {"file", F->Where.RelativeFile},
                                   {"function", F->EnclosingFunction},
                                   {"message", F->Message}});
  OS << llvm::formatv("{0:2}", json::Value(json::Object{
                                   {"version", BaselineVersion},
                                   {"findings", std::move(Entries)}}))
     << "\n";
}

std::vector<BaselineEntry> applyBaseline(llvm::ArrayRef<BaselineEntry> Baseline,
                                         std::vector<Finding> &Reported,
                                         llvm::ArrayRef<Finding> All,
                                         const llvm::StringSet<> &Linted) {
  llvm::StringSet<> Accepted, Current;
  for (const BaselineEntry &Entry : Baseline)
    Accepted.insert(Entry.Fingerprint);
  for (const Finding &F : All)
    Current.insert(F.Fingerprint);
  llvm::erase_if(Reported, [&](const Finding &F) {
    return Accepted.contains(F.Fingerprint);
  });
  std::vector<BaselineEntry> Fixed;
  for (const BaselineEntry &Entry : Baseline)
    if (!Current.contains(Entry.Fingerprint) && Linted.contains(Entry.File))
      Fixed.push_back(Entry);
  return Fixed;
}

} // namespace tether
