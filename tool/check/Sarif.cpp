// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Sarif.cpp - tether check -----------------------------------------===//

#include "Sarif.h"
#include "CheckDocs.h"
#include "JsonFile.h"
#include "Paths.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include <map>

namespace json = llvm::json;

namespace tether {
namespace {

constexpr llvm::StringLiteral SchemaUri =
    "https://json.schemastore.org/sarif-2.1.0.json";
constexpr llvm::StringLiteral RootBase = "SRCROOT";

/// async-fire-and-forget: AsyncFireAndForget.
std::string friendlyName(llvm::StringRef Check) {
  std::string Name;
  bool Upper = true;
  for (char C : Check) {
    if (!llvm::isAlnum(C)) {
      Upper = true;
      continue;
    }
    Name += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Name;
}

/// What a rule is, in one sentence, for checks without a page of ours.
std::string describeOther(llvm::StringRef Check) {
  if (Check.consume_front("clang-diagnostic-"))
    return ("The compiler warning -W" + Check + ".").str();
  if (Check == "clang-analyzer-" || Check.starts_with("clang-analyzer-"))
    return ("The Clang Static Analyzer checker " +
            Check.drop_front(strlen("clang-analyzer-")) + ".")
        .str();
  if (Check.starts_with("tether-"))
    return "A NOLINT comment that suppresses no finding.";
  return ("The clang-tidy check " + Check + ".").str();
}

json::Object rule(llvm::StringRef Check) {
  json::Object Rule{{"id", Check}, {"name", friendlyName(Check)}};
  const CheckDoc *Doc = llvm::find_if(
      checkDocs(), [&](const CheckDoc &D) { return D.Check == Check; });
  if (Doc != checkDocs().end()) {
    const std::string Summary = summaryOf(Doc->Markdown);
    const size_t SentenceEnd = Summary.find(". ");
    Rule["shortDescription"] =
        json::Object{{"text", SentenceEnd == std::string::npos
                                  ? Summary
                                  : Summary.substr(0, SentenceEnd + 1)}};
    Rule["fullDescription"] = json::Object{{"text", Summary}};
    Rule["help"] = json::Object{{"text", Summary}, {"markdown", Doc->Markdown}};
  } else {
    const std::string Description = describeOther(Check);
    Rule["shortDescription"] = json::Object{{"text", Description}};
    Rule["fullDescription"] = json::Object{{"text", Description}};
    std::string Help = Description;
    if (std::string Uri = helpUriOf(Check); !Uri.empty())
      Help += " See " + Uri;
    Rule["help"] = json::Object{{"text", Help}};
  }
  if (std::string Uri = helpUriOf(Check); !Uri.empty())
    Rule["helpUri"] = std::move(Uri);
  // Compiler errors are reported as tool errors, never as results.
  Rule["defaultConfiguration"] = json::Object{{"level", "warning"}};
  return Rule;
}

json::Object artifact(const Location &Where) {
  if (llvm::sys::path::is_absolute(Where.RelativeFile))
    return json::Object{{"uri", fileUri(Where.RelativeFile)}};
  return json::Object{{"uri", percentEncode(Where.RelativeFile)},
                      {"uriBaseId", RootBase}};
}

json::Object physicalLocation(const Location &Where) {
  json::Object Region{{"startLine", Where.Start.Line}};
  if (Where.Start.Column)
    Region["startColumn"] = Where.Start.Column;
  if (!Where.LineText.empty())
    Region["snippet"] = json::Object{{"text", Where.LineText}};
  return json::Object{{"artifactLocation", artifact(Where)},
                      {"region", std::move(Region)}};
}

json::Array fixesOf(const Finding &F) {
  if (F.Fix.empty())
    return {};
  // One change per file, its replacements in the order of the file.
  std::map<std::string, json::Array> Replacements;
  std::map<std::string, const Location *> Files;
  for (const Edit &E : F.Fix) {
    Files.try_emplace(E.Where.File, &E.Where);
    Replacements[E.Where.File].push_back(json::Object{
        {"deletedRegion", json::Object{{"startLine", E.Where.Start.Line},
                                       {"startColumn", E.Where.Start.Column},
                                       {"endLine", E.End.Line},
                                       {"endColumn", E.End.Column}}},
        {"insertedContent", json::Object{{"text", E.Text}}}});
  }
  json::Array Changes;
  for (auto &[File, InFile] : Replacements)
    Changes.push_back(json::Object{{"artifactLocation", artifact(*Files[File])},
                                   {"replacements", std::move(InFile)}});
  const bool FromNote = F.Error->Message.Fix.empty();
  return json::Array{json::Object{
      {"description",
       json::Object{{"text", FromNote ? "apply the fix-it of the note"
                                      : "apply the fix-it"}}},
      {"artifactChanges", std::move(Changes)}}};
}

json::Object result(const Finding &F, unsigned RuleIndex) {
  json::Object Result{
      {"ruleId", F.Check},
      {"ruleIndex", RuleIndex},
      {"level", F.IsError ? "error" : "warning"},
      {"message", json::Object{{"text", F.Message}}},
      {"partialFingerprints", json::Object{{FingerprintKey, F.Fingerprint}}}};
  if (!F.Where.File.empty())
    Result["locations"] = json::Array{
        json::Object{{"physicalLocation", physicalLocation(F.Where)}}};
  json::Array Related;
  for (const Note &N : F.Notes) {
    if (N.Where.File.empty())
      continue;
    Related.push_back(
        json::Object{{"id", Related.size()},
                     {"physicalLocation", physicalLocation(N.Where)},
                     {"message", json::Object{{"text", N.Message}}}});
  }
  if (!Related.empty())
    Result["relatedLocations"] = std::move(Related);
  if (json::Array Fixes = fixesOf(F); !Fixes.empty())
    Result["fixes"] = std::move(Fixes);
  return Result;
}

std::string rootUri(llvm::StringRef Root) {
  std::string Uri = fileUri(Root);
  if (!llvm::StringRef(Uri).ends_with("/"))
    Uri += '/';
  return Uri;
}

json::Object driver(json::Array Rules) {
  return json::Object{{"name", "tether"},
                      {"version", TETHER_VERSION},
                      {"informationUri", TETHER_DOCS_URL},
                      {"rules", std::move(Rules)}};
}

void print(json::Object Log, llvm::raw_ostream &OS) {
  OS << llvm::formatv("{0:2}", json::Value(std::move(Log))) << "\n";
}

} // namespace

void writeSarif(llvm::ArrayRef<Finding> Findings,
                llvm::ArrayRef<Notification> Notifications,
                llvm::StringRef Root, llvm::raw_ostream &OS) {
  std::vector<std::string> Checks;
  for (const CheckDoc &Doc : checkDocs())
    Checks.push_back(Doc.Check.str());
  for (const Finding &F : Findings)
    if (!llvm::is_contained(Checks, F.Check))
      Checks.push_back(F.Check);
  llvm::StringMap<unsigned> RuleIndex;
  json::Array Rules;
  for (const std::string &Check : Checks) {
    RuleIndex[Check] = Rules.size();
    Rules.push_back(rule(Check));
  }
  json::Array Results;
  for (const Finding &F : Findings)
    Results.push_back(result(F, RuleIndex[F.Check]));
  json::Array ToolNotifications;
  bool Successful = true;
  for (const Notification &N : Notifications) {
    json::Object Entry{{"level", N.IsError ? "error" : "warning"},
                       {"message", json::Object{{"text", N.Message}}}};
    if (!N.File.empty()) {
      Location Where;
      Where.RelativeFile = relativeTo(Root, N.File);
      Entry["locations"] = json::Array{
          json::Object{{"physicalLocation",
                        json::Object{{"artifactLocation", artifact(Where)}}}}};
    }
    ToolNotifications.push_back(std::move(Entry));
    Successful &= !N.IsError;
  }
  json::Object Invocation{{"executionSuccessful", Successful}};
  if (!ToolNotifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(ToolNotifications);
  print(
      json::Object{
          {"$schema", SchemaUri},
          {"version", "2.1.0"},
          {"runs",
           json::Array{json::Object{
               {"tool", json::Object{{"driver", driver(std::move(Rules))}}},
               {"originalUriBaseIds",
                json::Object{{RootBase, json::Object{{"uri", rootUri(Root)}}}}},
               {"invocations", json::Array{std::move(Invocation)}},
               {"results", std::move(Results)}}}}},
      OS);
}

llvm::Error mergeSarif(llvm::ArrayRef<std::string> Inputs,
                       llvm::raw_ostream &OS) {
  json::Array Rules;
  llvm::StringMap<unsigned> RuleIndex;
  json::Array Results;
  // A header's findings are in the log of every shard that includes it.
  llvm::StringSet<> SeenResults;
  json::Object BaseIds;
  json::Array Notifications;
  bool Successful = true;
  for (const std::string &Input : Inputs) {
    auto Fail = [&](const llvm::Twine &Why) {
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     Input + ": " + Why);
    };
    llvm::Expected<json::Value> Parsed = readJsonFile(Input);
    if (!Parsed)
      return Fail(llvm::toString(Parsed.takeError()));
    const json::Object *Log = Parsed->getAsObject();
    const json::Array *Runs = Log ? Log->getArray("runs") : nullptr;
    if (!Runs || !Log->getString("version") ||
        *Log->getString("version") != "2.1.0")
      return Fail("not a SARIF 2.1.0 log");
    for (const json::Value &RunValue : *Runs) {
      const json::Object *Run = RunValue.getAsObject();
      const json::Object *Driver =
          Run && Run->getObject("tool")
              ? Run->getObject("tool")->getObject("driver")
              : nullptr;
      if (!Driver || Driver->getString("name") != "tether")
        return Fail("a run that tether did not write");
      // Index this run's rules into the merged rule list.
      std::vector<unsigned> Remap;
      if (const json::Array *RunRules = Driver->getArray("rules"))
        for (const json::Value &Rule : *RunRules) {
          const json::Object *Object = Rule.getAsObject();
          std::optional<llvm::StringRef> Id =
              Object ? Object->getString("id") : std::nullopt;
          if (!Id)
            return Fail("a rule without an id");
          auto [Entry, Inserted] = RuleIndex.try_emplace(*Id, Rules.size());
          if (Inserted)
            Rules.push_back(Rule);
          Remap.push_back(Entry->getValue());
        }
      if (const json::Array *Invocations = Run->getArray("invocations"))
        for (const json::Value &Value : *Invocations) {
          const json::Object *Invocation = Value.getAsObject();
          if (!Invocation)
            return Fail("an invocation that is not an object");
          Successful &=
              Invocation->getBoolean("executionSuccessful").value_or(true);
          if (const json::Array *Of =
                  Invocation->getArray("toolExecutionNotifications"))
            llvm::append_range(Notifications, *Of);
        }
      if (const json::Object *Bases = Run->getObject("originalUriBaseIds"))
        for (const auto &[Key, Value] : *Bases)
          BaseIds.try_emplace(Key, Value);
      if (const json::Array *RunResults = Run->getArray("results"))
        for (const json::Value &ResultValue : *RunResults) {
          json::Value Copy = ResultValue;
          json::Object *Result = Copy.getAsObject();
          if (!Result)
            return Fail("a result that is not an object");
          if (std::optional<int64_t> Index = Result->getInteger("ruleIndex")) {
            if (*Index < 0 || static_cast<size_t>(*Index) >= Remap.size())
              return Fail("a ruleIndex out of range");
            (*Result)["ruleIndex"] = Remap[*Index];
          }
          if (SeenResults.insert(llvm::formatv("{0}", Copy).str()).second)
            Results.push_back(std::move(Copy));
        }
    }
  }
  json::Object Invocation{{"executionSuccessful", Successful}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  json::Object Run{{"tool", json::Object{{"driver", driver(std::move(Rules))}}},
                   {"invocations", json::Array{std::move(Invocation)}},
                   {"results", std::move(Results)}};
  if (!BaseIds.empty())
    Run["originalUriBaseIds"] = std::move(BaseIds);
  print(json::Object{{"$schema", SchemaUri},
                     {"version", "2.1.0"},
                     {"runs", json::Array{std::move(Run)}}},
        OS);
  return llvm::Error::success();
}

} // namespace tether
