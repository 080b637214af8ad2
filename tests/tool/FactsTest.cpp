//===--- FactsTest.cpp - facts of the whole program -----------------------===//

#include "check/WholeProgram.h"
#include <gtest/gtest.h>

namespace tether {
namespace {

FactCall call(std::string USR, std::string Name, unsigned Line) {
  return {std::move(USR), std::move(Name), {"/p/a.cpp", Line, 1}};
}

FunctionSummary function(std::string USR, std::vector<FactCall> Calls,
                         std::optional<FactCall> Blocks = std::nullopt) {
  FunctionSummary F;
  F.USR = USR;
  F.Name = "'" + USR + "'";
  F.Definition = {"/p/a.cpp", 1, 1};
  F.Blocks.Through = std::move(Calls);
  F.Blocks.Own = std::move(Blocks);
  return F;
}

/// A function that spawns through \p Calls, or by its own call \p Spawns.
FunctionSummary spawner(std::string USR, std::vector<FactCall> Calls,
                        std::optional<FactCall> Spawns = std::nullopt) {
  FunctionSummary F = function(std::move(USR), {});
  F.Spawns.Through = std::move(Calls);
  F.Spawns.Own = std::move(Spawns);
  return F;
}

std::vector<std::string> callees(const std::vector<ChainHop> &Chain) {
  std::vector<std::string> Names;
  for (const ChainHop &Hop : Chain)
    Names.push_back(Hop.Caller + "->" + Hop.Callee);
  return Names;
}

TEST(Facts, ChainsAcrossUnitsAreShortest) {
  TranslationUnitFacts IO, DB, Svc;
  IO.Functions.push_back(function("read", {}, call("", "'fopen'", 9)));
  DB.Functions.push_back(function("load", {call("read", "'read'", 5)}));
  // Two ways to a blocking call: the shorter one is kept.
  Svc.Functions.push_back(
      function("warm", {call("long", "'long'", 3), call("load", "'load'", 4)}));
  Svc.Functions.push_back(function("long", {call("warm2", "'warm2'", 7)}));
  Svc.Functions.push_back(function("warm2", {call("load", "'load'", 8)}));
  Svc.Functions.push_back(function("quiet", {call("elsewhere", "'x'", 2)}));
  const ProgramFacts Facts = solveFacts({&IO, &DB, &Svc});
  EXPECT_EQ(callees(Facts.Blocking.lookup("warm")),
            (std::vector<std::string>{"'warm'->'load'", "'load'->'read'",
                                      "'read'->'fopen'"}));
  EXPECT_EQ(Facts.Blocking.lookup("warm")[0].Site.Line, 4u);
  EXPECT_EQ(Facts.Blocking.lookup("long").size(), 4u);
  EXPECT_FALSE(Facts.Blocking.count("quiet"));
  EXPECT_FALSE(Facts.Blocking.count("elsewhere"));
}

TEST(Facts, RecursionEndsAndCyclesWithoutABlockingCallDoNotBlock) {
  TranslationUnitFacts Unit;
  Unit.Functions.push_back(function("even", {call("odd", "'odd'", 1)}));
  Unit.Functions.push_back(function("odd", {call("even", "'even'", 2)}));
  Unit.Functions.push_back(
      function("ping", {call("pong", "'pong'", 3)}, std::nullopt));
  Unit.Functions.push_back(
      function("pong", {call("ping", "'ping'", 4), call("nap", "'nap'", 5)}));
  Unit.Functions.push_back(function("nap", {}, call("", "'sleep'", 6)));
  const ProgramFacts Facts = solveFacts({&Unit});
  EXPECT_FALSE(Facts.Blocking.count("even"));
  EXPECT_FALSE(Facts.Blocking.count("odd"));
  EXPECT_EQ(Facts.Blocking.lookup("ping").size(), 3u);
  EXPECT_EQ(Facts.Blocking.lookup("pong").size(), 2u);
}

TEST(Facts, AChainLongerThanAnySettingIsNotKeptAndNothingRecurses) {
  // 100,000 functions in a line: no stack depth depends on it.
  TranslationUnitFacts Unit;
  const unsigned N = 100000;
  for (unsigned I = 0; I < N; ++I)
    Unit.Functions.push_back(
        I + 1 == N
            ? function("f" + std::to_string(I), {}, call("", "'sleep'", I))
            : function("f" + std::to_string(I),
                       {call("f" + std::to_string(I + 1), "'next'", I)}));
  const ProgramFacts Facts = solveFacts({&Unit});
  EXPECT_EQ(Facts.Blocking.size(), MaxChainLength);
  EXPECT_EQ(
      Facts.Blocking.lookup("f" + std::to_string(N - MaxChainLength)).size(),
      MaxChainLength);
}

TEST(Facts, TheFirstSummaryOfAFunctionDefinedTwiceWins) {
  TranslationUnitFacts First, Second;
  First.Functions.push_back(function("f", {}));
  Second.Functions.push_back(function("f", {}, call("", "'sleep'", 1)));
  EXPECT_FALSE(solveFacts({&First, &Second}).Blocking.count("f"));
  EXPECT_TRUE(solveFacts({&Second, &First}).Blocking.count("f"));
}

TEST(Facts, TheDigestChangesWithTheFactsAskedAboutOnly) {
  TranslationUnitFacts Lib;
  Lib.Functions.push_back(function("read", {}, call("", "'fopen'", 9)));
  Lib.Functions.push_back(function("nap", {}, call("", "'sleep'", 3)));
  TranslationUnitFacts Asker;
  Asker.Asked = {{FactKind::Blocks, "read"}, {FactKind::Blocks, "unknown"}};
  const ProgramFacts Before = solveFacts({&Lib});
  EXPECT_TRUE(dependsOnFacts(Asker, Before));
  Lib.Functions[1].Blocks.Own->Site.Line = 4; // not asked about
  EXPECT_EQ(factsDigest(Asker, Before), factsDigest(Asker, solveFacts({&Lib})));
  Lib.Functions[0].Blocks.Own->Site.Line = 10; // asked about: its note moves
  EXPECT_NE(factsDigest(Asker, Before), factsDigest(Asker, solveFacts({&Lib})));
  TranslationUnitFacts Unrelated;
  Unrelated.Asked = {{FactKind::Blocks, "unknown"}};
  EXPECT_FALSE(dependsOnFacts(Unrelated, Before));
  // The same function, asked whether it spawns: no fact of that kind.
  Unrelated.Asked = {{FactKind::Spawns, "read"}};
  EXPECT_FALSE(dependsOnFacts(Unrelated, Before));
}

TEST(Facts, SpawnsAreAFactOfTheirOwnWithItsOwnChainsAndDigest) {
  TranslationUnitFacts Jobs, Svc;
  Jobs.Functions.push_back(spawner("submit", {}, call("", "'co_spawn'", 6)));
  // Calls that block are no way to a spawn, and the other way round.
  Jobs.Functions.push_back(
      function("load", {call("submit", "'submit'", 2)}, std::nullopt));
  Svc.Functions.push_back(spawner("enqueue", {call("submit", "'submit'", 4)}));
  Svc.Functions.push_back(spawner("nap", {}, std::nullopt));
  Svc.Functions.back().Blocks.Own = call("", "'sleep'", 8);
  const ProgramFacts Facts = solveFacts({&Jobs, &Svc});
  EXPECT_EQ(callees(Facts.Spawning.lookup("enqueue")),
            (std::vector<std::string>{"'enqueue'->'submit'",
                                      "'submit'->'co_spawn'"}));
  EXPECT_FALSE(Facts.Spawning.count("load"));
  EXPECT_FALSE(Facts.Spawning.count("nap"));
  EXPECT_FALSE(Facts.Blocking.count("submit"));
  EXPECT_TRUE(Facts.Blocking.count("nap"));

  TranslationUnitFacts Asker;
  Asker.Asked = {{FactKind::Spawns, "enqueue"}};
  EXPECT_TRUE(dependsOnFacts(Asker, Facts));
  Jobs.Functions[0].Spawns.Own->Site.Line = 7; // the spawn moves
  EXPECT_NE(factsDigest(Asker, Facts),
            factsDigest(Asker, solveFacts({&Jobs, &Svc})));
}

TEST(Facts, RunningAnEventLoopIsAFactOfItsOwn) {
  TranslationUnitFacts Lib, Test;
  FunctionSummary Steps = function("run_steps", {});
  Steps.RunsLoop.Own = call("", "'run_one'", 13);
  Lib.Functions.push_back(Steps);
  FunctionSummary Run = function("run", {});
  Run.RunsLoop.Through = {call("run_steps", "'run_steps'", 6)};
  Lib.Functions.push_back(Run);
  // A call that blocks is no run of a loop.
  Lib.Functions.push_back(function("nap", {}, call("", "'sleep'", 8)));
  const ProgramFacts Facts = solveFacts({&Lib, &Test});
  EXPECT_EQ(callees(Facts.LoopRunning.lookup("run")),
            (std::vector<std::string>{"'run'->'run_steps'",
                                      "'run_steps'->'run_one'"}));
  EXPECT_FALSE(Facts.LoopRunning.count("nap"));
  EXPECT_FALSE(Facts.Blocking.count("run"));
  Test.Asked = {{FactKind::RunsLoop, "run"}};
  EXPECT_TRUE(dependsOnFacts(Test, Facts));
  const std::string Digest = factsDigest(Test, Facts);
  Lib.Functions[0].RunsLoop.Own->Site.Line = 14; // the run moves
  EXPECT_NE(Digest, factsDigest(Test, solveFacts({&Lib, &Test})));
  Test.Asked = {{FactKind::Spawns, "run"}, {FactKind::RunsLoop, "nap"}};
  EXPECT_FALSE(dependsOnFacts(Test, Facts));
}

TEST(Facts, ACoroutineIsBoundedByCallersWhenEveryCallIsOrIsInOneThatIs) {
  TranslationUnitFacts Proto, Session;
  // read_frame is called under a deadline; read_header only in read_frame;
  // read_body also outside it; loop only in itself; idle nowhere.
  Proto.CoroutineCalls = {{"read_header", "read_frame", false},
                          {"read_body", "read_frame", false},
                          {"loop", "loop", false},
                          {"loop", "", true}};
  Session.CoroutineCalls = {{"read_frame", "session", true},
                            {"read_body", "session", false},
                            {"read_body", "", true}};
  const ProgramFacts Facts = solveFacts({&Proto, &Session});
  EXPECT_TRUE(Facts.BoundedByCallers.contains("read_frame"));
  EXPECT_TRUE(Facts.BoundedByCallers.contains("read_header"));
  EXPECT_FALSE(Facts.BoundedByCallers.contains("read_body"));
  EXPECT_FALSE(Facts.BoundedByCallers.contains("loop"));
  EXPECT_FALSE(Facts.BoundedByCallers.contains("idle"));
  EXPECT_FALSE(Facts.BoundedByCallers.contains("session"));
  TranslationUnitFacts Asker;
  Asker.Asked = {{FactKind::BoundedByCallers, "read_header"}};
  EXPECT_TRUE(dependsOnFacts(Asker, Facts));
  Asker.Asked = {{FactKind::Blocks, "read_header"},
                 {FactKind::BoundedByCallers, "read_body"}};
  EXPECT_FALSE(dependsOnFacts(Asker, Facts));
}

TEST(Facts, JsonRoundTripAndDamagedInputIsRejected) {
  TranslationUnitFacts Unit;
  Unit.Functions.push_back(
      function("a", {call("b", "'b'", 2), call("c", "'c'", 3)}));
  Unit.Functions.push_back(function("b", {}, call("", "'fread'", 7)));
  Unit.Functions.push_back(spawner("s", {call("t", "'t'", 4)}));
  Unit.Functions.push_back(spawner("t", {}, call("", "'co_spawn'", 5)));
  Unit.Functions.push_back(function("r", {}));
  Unit.Functions.back().RunsLoop.Own = call("", "'run'", 9);
  Unit.Asked = {{FactKind::Blocks, "b"},
                {FactKind::BoundedByCallers, "z"},
                {FactKind::RunsLoop, "r"}};
  Unit.CoroutineCalls = {{"read_header", "read_frame", false},
                         {"read_frame", "", true}};
  std::optional<TranslationUnitFacts> Back = factsFromJson(toJson(Unit));
  ASSERT_TRUE(Back);
  EXPECT_EQ(llvm::formatv("{0}", toJson(*Back)).str(),
            llvm::formatv("{0}", toJson(Unit)).str());
  EXPECT_FALSE(factsFromJson(llvm::json::Value("facts")));
  EXPECT_FALSE(factsFromJson(llvm::json::Object{{"functions", 1}}));
  llvm::json::Value Damaged = toJson(Unit);
  (*Damaged.getAsObject()->getArray("functions"))[0]
      .getAsObject()
      ->getObject("blocks")
      ->getArray("through")
      ->front() = llvm::json::Array{"b", 2};
  EXPECT_FALSE(factsFromJson(Damaged));
  llvm::json::Value NoSpawns = toJson(Unit);
  (*NoSpawns.getAsObject()->getArray("functions"))[3].getAsObject()->erase(
      "spawns");
  EXPECT_FALSE(factsFromJson(NoSpawns));
  llvm::json::Value NoLoops = toJson(Unit);
  (*NoLoops.getAsObject()->getArray("functions"))[4].getAsObject()->erase(
      "runs-loop");
  EXPECT_FALSE(factsFromJson(NoLoops));
}

} // namespace
} // namespace tether
