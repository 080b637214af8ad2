//===--- ApplyFixesTest.cpp - --fix ---------------------------------------===//

#include "check/ApplyFixes.h"
#include "TestFiles.h"
#include "TestFindings.h"
#include "check/Findings.h"
#include "check/SourceFiles.h"

namespace tether {
namespace {

struct Fixing : ::testing::Test {
  ScratchDirectory Scratch;
  std::vector<RawFinding> Raw;
  SourceFiles Sources;
  llvm::StringMap<uint64_t> Linted;

  std::string file(llvm::StringRef Name, llvm::StringRef Text) {
    const std::string Path = Scratch.write(Name, Text);
    Linted[Path] = contentHash(Text);
    return Path;
  }

  FixOutcome fix() {
    std::vector<const RawFinding *> Pointers;
    for (const RawFinding &F : Raw)
      Pointers.push_back(&F);
    Described = describeFindings(Pointers, Scratch.path(), false, Sources);
    return applyFixes(Described, /*FixNotes=*/false, Linted);
  }
  std::vector<Finding> Described;
};

TEST_F(Fixing, AppliesEveryFixOnceAndSortsTheIncludesItInserts) {
  const std::string A = file("a.cpp", "#include <x>\n  f();\n  g();\n");
  Raw.push_back(
      rawFinding("c1", A, 15, "m", std::make_tuple(15, 0, "co_await ")));
  Raw.push_back(
      rawFinding("c2", A, 22, "m", std::make_tuple(22, 0, "co_await ")));
  // Two checks insert their headers where #include <x> ends, one of them
  // in both findings.
  auto Insert = [&](RawFinding &F, llvm::StringRef Text) {
    ASSERT_FALSE(F.Error.Message.Fix[A].add(
        clang::tooling::Replacement(A, 13, 0, Text)));
  };
  Insert(Raw[0], "#include <z.hpp>\n");
  Insert(Raw[1], "#include <z.hpp>\n#include <b.hpp>\n");
  const FixOutcome Outcome = fix();
  EXPECT_EQ(Outcome.Fixed, 2u);
  EXPECT_EQ(Outcome.Files, 1u);
  EXPECT_EQ(ScratchDirectory::read(A),
            "#include <x>\n#include <b.hpp>\n#include <z.hpp>\n  co_await "
            "f();\n  co_await g();\n");
}

TEST_F(Fixing, AnInsertionWhereAnIncludeGoesComesAfterIt) {
  const std::string A = file("a.cpp", "#include <x>\nf();\n");
  Raw.push_back(
      rawFinding("c", A, 13, "m", std::make_tuple(13, 0, "co_await ")));
  ASSERT_FALSE(Raw[0].Error.Message.Fix[A].add(
      clang::tooling::Replacement(A, 0, 0, "#include <t.hpp>\n")));
  Raw.push_back(rawFinding("d", A, 13, "m"));
  ASSERT_FALSE(Raw[1].Error.Message.Fix[A].add(
      clang::tooling::Replacement(A, 13, 0, "#include <u.hpp>\n")));
  fix();
  EXPECT_EQ(
      ScratchDirectory::read(A),
      "#include <t.hpp>\n#include <x>\n#include <u.hpp>\nco_await f();\n");
}

TEST_F(Fixing, LeavesAFileThatChangedSinceItWasLinted) {
  const std::string A = file("a.cpp", "f();\n");
  const std::string B = file("b.cpp", "g();\n");
  Raw.push_back(rawFinding("c", A, 0, "m", std::make_tuple(0, 0, "co_await ")));
  Raw.push_back(rawFinding("c", B, 0, "m", std::make_tuple(0, 0, "co_await ")));
  Scratch.write("a.cpp", "// saved\nf();\n");
  const FixOutcome Outcome = fix();
  EXPECT_EQ(ScratchDirectory::read(A), "// saved\nf();\n");
  EXPECT_EQ(ScratchDirectory::read(B), "co_await g();\n");
  ASSERT_EQ(Outcome.Changed.size(), 1u);
  EXPECT_EQ(Outcome.Changed.front(), A);
  EXPECT_EQ(Outcome.Fixed, 1u);
}

TEST_F(Fixing, OverlappingFixItsAreAConflictNeverMerged) {
  const std::string A = file("a.cpp", "call(x);\n");
  Raw.push_back(rawFinding("c1", A, 0, "m", std::make_tuple(0, 7, "other(y)")));
  Raw.push_back(rawFinding("c2", A, 5, "m", std::make_tuple(5, 1, "z")));
  const FixOutcome Outcome = fix();
  EXPECT_EQ(ScratchDirectory::read(A), "other(y);\n");
  ASSERT_EQ(Outcome.Conflicting.size(), 1u);
  EXPECT_EQ(Outcome.Conflicting.front()->Check, "c2");
  EXPECT_EQ(Outcome.Fixed, 1u);
}

TEST_F(Fixing, KeepsTheFilePermissions) {
  const std::string A = file("run.sh", "f();\n");
  ASSERT_FALSE(llvm::sys::fs::setPermissions(A, llvm::sys::fs::perms(0750)));
  Raw.push_back(rawFinding("c", A, 0, "m", std::make_tuple(0, 0, "co_await ")));
  fix();
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(A, Status));
  EXPECT_EQ(Status.permissions(), llvm::sys::fs::perms(0750));
}

TEST(WriteFileAtomically, AFailedWriteLeavesTheOldFile) {
  ScratchDirectory Scratch;
  const std::string Report = Scratch.write("report.json", "old");
  EXPECT_FALSE(writeFileAtomically(Report, "new"));
  EXPECT_EQ(ScratchDirectory::read(Report), "new");
  llvm::Error E = writeFileAtomically(Scratch.path("missing/dir/x"), "text");
  EXPECT_TRUE(!!E);
  EXPECT_NE(llvm::toString(std::move(E)).find("cannot write"),
            std::string::npos);
  std::error_code Error;
  unsigned Files = 0;
  for (llvm::sys::fs::directory_iterator It(Scratch.path(), Error), End;
       It != End && !Error; It.increment(Error))
    ++Files;
  EXPECT_EQ(Files, 1u) << "a temporary file was left behind";
}

} // namespace
} // namespace tether
