//===--- GitDiffTest.cpp - reading git diff -U0 ---------------------------===//

#include "check/GitDiff.h"
#include <gtest/gtest.h>

namespace tether {
namespace {

TEST(GitDiff, HunksOfPlainNames) {
  const ChangedLines Changed =
      ChangedLines::parse("diff --git a/src/a.cpp b/src/a.cpp\n"
                          "--- a/src/a.cpp\n"
                          "+++ b/src/a.cpp\n"
                          "@@ -3 +3,2 @@ void f() {\n"
                          "-old\n"
                          "+new\n"
                          "+newer\n"
                          "@@ -10,0 +12 @@\n"
                          "+added\n");
  EXPECT_FALSE(Changed.contains("src/a.cpp", 2));
  EXPECT_TRUE(Changed.contains("src/a.cpp", 3));
  EXPECT_TRUE(Changed.contains("src/a.cpp", 4));
  EXPECT_FALSE(Changed.contains("src/a.cpp", 5));
  EXPECT_TRUE(Changed.contains("src/a.cpp", 12));
  EXPECT_FALSE(Changed.contains("src/b.cpp", 3));
}

TEST(GitDiff, NamesWithSpacesEndWithATab) {
  const ChangedLines Changed = ChangedLines::parse("--- a/src/my file.cpp\t\n"
                                                   "+++ b/src/my file.cpp\t\n"
                                                   "@@ -1 +1 @@\n-x\n+y\n");
  EXPECT_TRUE(Changed.contains("src/my file.cpp", 1));
}

TEST(GitDiff, CQuotedNames) {
  EXPECT_EQ(ChangedLines::newPath("\"b/src/caf\\303\\251.cpp\""),
            "src/caf\xC3\xA9.cpp");
  EXPECT_EQ(ChangedLines::newPath("\"b/q\\\"uote\\\\back\\tslash.cpp\""),
            "q\"uote\\back\tslash.cpp");
  EXPECT_EQ(ChangedLines::newPath("\"b/unterminated"), std::nullopt);
  const ChangedLines Changed = ChangedLines::parse(
      "+++ \"b/src/caf\\303\\251.cpp\"\n@@ -0,0 +7 @@\n+z\n");
  EXPECT_TRUE(Changed.contains("src/caf\xC3\xA9.cpp", 7));
}

TEST(GitDiff, DeletedFilesAndPureDeletionsChangeNoLine) {
  const ChangedLines Changed = ChangedLines::parse(
      "--- a/gone.cpp\n+++ /dev/null\n@@ -1,3 +0,0 @@\n-a\n-b\n-c\n"
      "--- a/kept.cpp\n+++ b/kept.cpp\n@@ -4,2 +3,0 @@\n-x\n-y\n");
  EXPECT_FALSE(Changed.contains("gone.cpp", 1));
  EXPECT_FALSE(Changed.contains("/dev/null", 1));
  EXPECT_FALSE(Changed.contains("kept.cpp", 3));
}

TEST(GitDiff, RenamesCountUnderTheNewName) {
  const ChangedLines Changed = ChangedLines::parse(
      "diff --git a/old.cpp b/new.cpp\nsimilarity index 90%\n"
      "rename from old.cpp\nrename to new.cpp\n"
      "--- a/old.cpp\n+++ b/new.cpp\n@@ -2 +2 @@\n-p\n+q\n");
  EXPECT_TRUE(Changed.contains("new.cpp", 2));
  EXPECT_FALSE(Changed.contains("old.cpp", 2));
}

TEST(GitDiff, NoNewlineAtEndAndCarriageReturns) {
  const ChangedLines Changed = ChangedLines::parse(
      "+++ b/a.cpp\r\n@@ -5 +5 @@\r\n-x\r\n\\ No newline at end of file\r\n"
      "+y\r\n\\ No newline at end of file\r\n");
  EXPECT_TRUE(Changed.contains("a.cpp", 5));
  EXPECT_FALSE(Changed.contains("a.cpp", 6));
}

} // namespace
} // namespace tether
