//===--- ReportsTest.cpp - SARIF, GitLab, baseline, console ---------------===//

#include "TestFiles.h"
#include "TestFindings.h"
#include "check/Baseline.h"
#include "check/ConsoleOutput.h"
#include "check/Findings.h"
#include "check/GitLab.h"
#include "check/Sarif.h"
#include "llvm/Support/JSON.h"

namespace json = llvm::json;

namespace tether {
namespace {

struct Reporting : ::testing::Test {
  ScratchDirectory Scratch;
  std::vector<RawFinding> Raw;
  SourceFiles Sources;

  std::vector<Finding> describe() {
    std::vector<const RawFinding *> Pointers;
    for (const RawFinding &F : Raw)
      Pointers.push_back(&F);
    return describeFindings(Pointers, Scratch.path(), false, Sources);
  }

  json::Value sarif(llvm::ArrayRef<Notification> Notifications = {}) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    writeSarif(describe(), Notifications, Scratch.path(), OS);
    llvm::Expected<json::Value> Parsed = json::parse(Text);
    EXPECT_TRUE(!!Parsed);
    return Parsed ? *Parsed : json::Value(nullptr);
  }
};

const json::Object &run(const json::Value &Log) {
  return *Log.getAsObject()->getArray("runs")->front().getAsObject();
}

TEST_F(Reporting, SarifUrisArePercentEncoded) {
  const std::string File =
      Scratch.write("src/my dir/caf\xC3\xA9.cpp", "int a;\nvoid f() {}\n");
  Raw.push_back(rawFinding("async-fire-and-forget", File, 7, "m"));
  const json::Value Log = sarif();
  const json::Object *Location = run(Log)
                                     .getArray("results")
                                     ->front()
                                     .getAsObject()
                                     ->getArray("locations")
                                     ->front()
                                     .getAsObject()
                                     ->getObject("physicalLocation");
  EXPECT_EQ(Location->getObject("artifactLocation")->getString("uri"),
            "src/my%20dir/caf%C3%A9.cpp");
  EXPECT_EQ(Location->getObject("region")->getInteger("startLine"), 2);
}

TEST_F(Reporting, EveryRuleHasADescriptionAndHelp) {
  const std::string File = Scratch.write("a.cpp", "int a;\n");
  Raw.push_back(rawFinding("bugprone-use-after-move", File, 0, "m"));
  Raw.push_back(rawFinding("clang-diagnostic-unused-variable", File, 4, "m"));
  const json::Value Log = sarif();
  const json::Array *Rules =
      run(Log).getObject("tool")->getObject("driver")->getArray("rules");
  unsigned Seen = 0;
  for (const json::Value &Rule : *Rules) {
    const json::Object *R = Rule.getAsObject();
    EXPECT_TRUE(R->getObject("shortDescription")) << R->getString("id")->str();
    EXPECT_TRUE(R->getObject("help")) << R->getString("id")->str();
    if (R->getString("id") == "bugprone-use-after-move") {
      ++Seen;
      EXPECT_EQ(R->getString("helpUri"),
                "https://clang.llvm.org/extra/clang-tidy/checks/bugprone/"
                "use-after-move.html");
    }
    if (R->getString("id") == "clang-diagnostic-unused-variable") {
      ++Seen;
      EXPECT_EQ(R->getObject("shortDescription")->getString("text"),
                "The compiler warning -Wunused-variable.");
    }
  }
  EXPECT_EQ(Seen, 2u);
}

TEST_F(Reporting, NotificationsAreTheInvocationsNeverResults) {
  const json::Value Log = sarif(
      {{false, "unknown option 'x.Y'", ""},
       {true, "src/b.cpp does not compile: oops", Scratch.path("src/b.cpp")}});
  EXPECT_TRUE(run(Log).getArray("results")->empty());
  const json::Object *Invocation =
      run(Log).getArray("invocations")->front().getAsObject();
  EXPECT_EQ(Invocation->getBoolean("executionSuccessful"), false);
  const json::Array *Notifications =
      Invocation->getArray("toolExecutionNotifications");
  ASSERT_EQ(Notifications->size(), 2u);
  EXPECT_EQ((*Notifications)[0].getAsObject()->getString("level"), "warning");
  EXPECT_EQ((*Notifications)[1].getAsObject()->getString("level"), "error");
}

TEST_F(Reporting, MergedSarifKeepsNotifications) {
  const std::string A = Scratch.write("a.sarif", "");
  {
    std::error_code Error;
    llvm::raw_fd_ostream OS(A, Error);
    writeSarif({}, {{true, "x does not compile", ""}}, Scratch.path(), OS);
  }
  std::string Merged;
  llvm::raw_string_ostream OS(Merged);
  ASSERT_FALSE(mergeSarif({A, A}, OS));
  llvm::Expected<json::Value> Parsed = json::parse(Merged);
  ASSERT_TRUE(!!Parsed);
  const json::Object *Invocation =
      run(*Parsed).getArray("invocations")->front().getAsObject();
  EXPECT_EQ(Invocation->getBoolean("executionSuccessful"), false);
  EXPECT_EQ(Invocation->getArray("toolExecutionNotifications")->size(), 2u);
}

TEST_F(Reporting, GitLabIssuesAlwaysHaveAPath) {
  const std::string File = Scratch.write("a b.cpp", "int a;\n");
  Raw.push_back(rawFinding("async-x", File, 0, "m"));
  Raw.push_back(rawFinding("async-y", "", 0, "no location"));
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeGitLabCodeQuality(describe(), OS);
  llvm::Expected<json::Value> Parsed = json::parse(Text);
  ASSERT_TRUE(!!Parsed);
  ASSERT_EQ(Parsed->getAsArray()->size(), 1u);
  EXPECT_EQ(Parsed->getAsArray()
                ->front()
                .getAsObject()
                ->getObject("location")
                ->getString("path"),
            "a b.cpp");
}

TEST_F(Reporting, BaselineRoundTripsAndSaysWhatIsWrongWithABadOne) {
  const std::string File = Scratch.write("a.cpp", "f();\nf();\n");
  Raw.push_back(rawFinding("async-x", File, 0, "m"));
  Raw.push_back(rawFinding("async-x", File, 5, "m"));
  const std::vector<Finding> Findings = describe();
  // Same line text, same function: told apart by their occurrence.
  EXPECT_NE(Findings[0].Fingerprint, Findings[1].Fingerprint);
  const std::string Path = Scratch.write("baseline.json", "");
  {
    std::error_code Error;
    llvm::raw_fd_ostream OS(Path, Error);
    writeBaseline(Findings, OS);
  }
  llvm::Expected<std::vector<BaselineEntry>> Read =
      readBaseline(Path, "baseline.json");
  ASSERT_TRUE(!!Read);
  ASSERT_EQ(Read->size(), 2u);
  EXPECT_EQ((*Read)[0].File, "a.cpp");
  Scratch.write("baseline.json", "{\"version\": 7, \"findings\": []}");
  llvm::Expected<std::vector<BaselineEntry>> Foreign =
      readBaseline(Path, "baseline.json");
  ASSERT_FALSE(!!Foreign);
  EXPECT_EQ(llvm::toString(Foreign.takeError()),
            "baseline baseline.json: not a tether baseline (version 1)");
}

TEST_F(Reporting, ABaselineAcceptsByFingerprintAndNamesWhatWasFixed) {
  const std::string A = Scratch.write("a.cpp", "f();\ng();\nh();\n");
  Raw.push_back(rawFinding("async-x", A, 0, "m"));
  Raw.push_back(rawFinding("async-x", A, 5, "m"));
  const std::vector<Finding> Before = describe();
  std::vector<BaselineEntry> Baseline;
  for (const Finding &F : Before)
    Baseline.push_back({F.Fingerprint, F.Check, F.Where.RelativeFile,
                        F.EnclosingFunction, F.Message});
  Baseline.push_back({"elsewhere:0", "async-x", "b.cpp", "f", "m"});
  // g() was fixed; h() is new; b.cpp was not linted by this run.
  Raw.erase(Raw.begin() + 1);
  Raw.push_back(rawFinding("async-x", A, 10, "m"));
  const std::vector<Finding> All = describe();
  std::vector<Finding> Reported = All;
  llvm::StringSet<> Linted;
  Linted.insert("a.cpp");
  const std::vector<BaselineEntry> Fixed =
      applyBaseline(Baseline, Reported, All, Linted);
  ASSERT_EQ(Reported.size(), 1u);
  EXPECT_EQ(Reported[0].Where.Start.Line, 3u);
  ASSERT_EQ(Fixed.size(), 1u);
  EXPECT_EQ(Fixed[0].Fingerprint, Before[1].Fingerprint);
}

TEST_F(Reporting, TextShowsTheFindingsOwnLineAndEachEdit) {
  const std::string File =
      Scratch.write("a.cpp", "#include <x>\n\nvoid f() {\n\tsleep(1);\n}\n");
  // The fix-it also inserts an include on line 2: the snippet is line 4's.
  Raw.push_back(rawFinding("async-b", File, 26, "blocks",
                           std::make_tuple(26, 5, "co_await tether::sleep")));
  llvm::consumeError(Raw.back().Error.Message.Fix[File].add(
      clang::tooling::Replacement(File, 13, 0, "#include <t.hpp>\n")));
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  printFindings(describe(), OutputFormat::Text, OS);
  EXPECT_EQ(Text, File + ":4:2: warning: blocks [async-b]\n"
                         "    4 | \tsleep(1);\n"
                         "      | \t^\n"
                         "      | fix-it: a.cpp:2:1: insert '#include "
                         "<t.hpp>'\n"
                         "      | fix-it: a.cpp:4:2: replace 5 bytes with "
                         "'co_await tether::sleep'\n");
}

TEST_F(Reporting, GitHubAnnotationsAreEscaped) {
  EXPECT_EQ(escapeWorkflowCommand("a:b,c%d\ne", /*IsProperty=*/true),
            "a%3Ab%2Cc%25d%0Ae");
  EXPECT_EQ(escapeWorkflowCommand("a:b,c%d\ne", /*IsProperty=*/false),
            "a:b,c%25d%0Ae");
  const std::string File = Scratch.write("src/a,b.cpp", "f();\n");
  Raw.push_back(rawFinding("async-x", File, 0, "100% lost: really"));
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  printFindings(describe(), OutputFormat::GitHub, OS);
  EXPECT_EQ(Text, "::warning file=src/a%2Cb.cpp,line=1,col=1,title=async-x::"
                  "100%25 lost: really\n");
}

} // namespace
} // namespace tether
