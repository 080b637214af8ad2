//===--- CacheTest.cpp - the incremental cache ----------------------------===//

#include "TestFiles.h"
#include "TestFindings.h"
#include "check/ResultCache.h"
#include "check/SourceFiles.h"
#include "llvm/ADT/StringExtras.h"
#include <cstdlib>

namespace tether {
namespace {

clang::tooling::CompileCommand command(llvm::StringRef Flag = "-O0") {
  return clang::tooling::CompileCommand(
      "/p", "a.cpp", {"clang++", Flag.str(), "-c", "a.cpp"}, "a.o");
}

struct Caching : ::testing::Test {
  ScratchDirectory Scratch;
  ResultCache Cache{Scratch.path("cache"), "tool-1"};
  std::string Source = Scratch.write("a.cpp", "int a;\n");

  void SetUp() override { ASSERT_EQ(Cache.prepare(), std::nullopt); }

  TranslationUnitResult linted(llvm::StringRef Text) {
    TranslationUnitResult Result;
    Result.Inputs.push_back({Source, contentHash(Text), true});
    Result.Findings.push_back(rawFinding("async-x", Source, 4, "message",
                                         std::make_tuple(4, 1, "b")));
    Result.Raised.push_back({Source, 1, "async-x"});
    return Result;
  }
};

TEST_F(Caching, KeyChangesWithEverythingButTheInputs) {
  const std::string Key = Cache.key(command(), "Checks: x", false);
  EXPECT_EQ(Key, Cache.key(command(), "Checks: x", false));
  EXPECT_NE(Key, Cache.key(command("-O2"), "Checks: x", false));
  EXPECT_NE(Key, Cache.key(command(), "Checks: y", false));
  EXPECT_NE(Key, Cache.key(command(), "Checks: x", true));
  EXPECT_NE(Key, ResultCache(Scratch.path("cache"), "tool-2")
                     .key(command(), "Checks: x", false));
  // The environment that changes which headers are found.
  ASSERT_EQ(setenv("CPLUS_INCLUDE_PATH", "/elsewhere", 1), 0);
  EXPECT_NE(Key, Cache.key(command(), "Checks: x", false));
  ASSERT_EQ(unsetenv("CPLUS_INCLUDE_PATH"), 0);
  EXPECT_EQ(Key, Cache.key(command(), "Checks: x", false));
}

TEST_F(Caching, AHitRestoresTheResult) {
  const std::string Key = Cache.key(command(), "", false);
  EXPECT_EQ(Cache.store(Key, linted("int a;\n")), std::nullopt);
  std::optional<TranslationUnitResult> Hit = Cache.lookup(Key);
  ASSERT_TRUE(Hit);
  ASSERT_EQ(Hit->Findings.size(), 1u);
  EXPECT_EQ(Hit->Findings[0].Error.Message.Message, "message");
  EXPECT_EQ(Hit->Findings[0].EnclosingFunction, "f");
  EXPECT_EQ(Hit->Findings[0].Error.Message.Fix.lookup(Source).size(), 1u);
  ASSERT_EQ(Hit->Inputs.size(), 1u);
  EXPECT_TRUE(Hit->Inputs[0].IsUserFile);
  EXPECT_EQ(Hit->Raised.size(), 1u);
}

TEST_F(Caching, TheTextTheCompilerReadNotTheFileAsItIsNow) {
  // Saved during the run: the entry holds what was linted, so it misses.
  const std::string Key = Cache.key(command(), "", false);
  Scratch.write("a.cpp", "int a; // saved\n");
  EXPECT_EQ(Cache.store(Key, linted("int a;\n")), std::nullopt);
  ResultCache NextRun(Scratch.path("cache"), "tool-1");
  EXPECT_FALSE(NextRun.lookup(Key));
}

TEST_F(Caching, AnyEditMissesATouchDoesNot) {
  const std::string Key = Cache.key(command(), "", false);
  EXPECT_EQ(Cache.store(Key, linted("int a;\n")), std::nullopt);
  ASSERT_FALSE(llvm::sys::fs::setLastAccessAndModificationTime(
      *llvm::sys::fs::openNativeFileForRead(Source),
      std::chrono::system_clock::now() + std::chrono::hours(1)));
  EXPECT_TRUE(ResultCache(Scratch.path("cache"), "tool-1").lookup(Key));
  for (llvm::StringRef Edit :
       {"int a; // comment\n", "int a; // NOLINT\n", "int a;\n\n"}) {
    Scratch.write("a.cpp", Edit);
    EXPECT_FALSE(ResultCache(Scratch.path("cache"), "tool-1").lookup(Key))
        << Edit.str();
  }
}

TEST_F(Caching, DamagedOrForeignEntriesAreMisses) {
  const std::string Key = Cache.key(command(), "", false);
  for (llvm::StringRef Text :
       {"", "garbage", "{}", "{\"inputs\": 3}", "[1, 2]",
        "{\"inputs\": [[\"/x\", \"zz\", true]], \"findings\": [], "
        "\"raised\": []}"}) {
    Scratch.write("cache/" + Key + ".json", Text);
    EXPECT_FALSE(Cache.lookup(Key)) << Text.str();
  }
}

TEST_F(Caching, PruningDropsOldEntriesThenTheLeastRecentlyUsedBeyondTheSize) {
  for (int I = 0; I < 4; ++I) {
    const std::string Entry = Scratch.write(
        "cache/k" + std::to_string(I) + ".json", std::string(1000, 'x'));
    auto FD = llvm::sys::fs::openNativeFileForRead(Entry);
    ASSERT_TRUE(!!FD);
    ASSERT_FALSE(llvm::sys::fs::setLastAccessAndModificationTime(
        *FD, std::chrono::system_clock::now() - std::chrono::hours(24 * I)));
    llvm::sys::fs::closeFile(*FD);
  }
  Scratch.write("cache/notes.txt", "not an entry");
  // k3 is three days old; of the rest, only two fit in 2500 bytes.
  EXPECT_EQ(Cache.prune(std::chrono::hours(24 * 3 - 1), 2500), 2u);
  EXPECT_TRUE(llvm::sys::fs::exists(Scratch.path("cache/k0.json")));
  EXPECT_TRUE(llvm::sys::fs::exists(Scratch.path("cache/k1.json")));
  EXPECT_FALSE(llvm::sys::fs::exists(Scratch.path("cache/k2.json")));
  EXPECT_FALSE(llvm::sys::fs::exists(Scratch.path("cache/k3.json")));
  EXPECT_TRUE(llvm::sys::fs::exists(Scratch.path("cache/notes.txt")));
}

TEST(ToolIdentity, TheVersionAndTheExecutablesContentNotItsPath) {
  void *Anchor = reinterpret_cast<void *>(&contentHash);
  const std::string Self = llvm::sys::fs::getMainExecutable(nullptr, Anchor);
  const std::string Identity = toolIdentity(nullptr, Anchor);
  EXPECT_TRUE(llvm::StringRef(Identity).starts_with(TETHER_VERSION));
  EXPECT_TRUE(llvm::StringRef(Identity).ends_with(llvm::utohexstr(
      contentHash(ScratchDirectory::read(Self)), /*LowerCase=*/true, 16)));
  EXPECT_EQ(Identity.find(Self), std::string::npos);
}

} // namespace
} // namespace tether
