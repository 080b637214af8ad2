//===--- PathsTest.cpp - paths and URIs -----------------------------------===//

#include "check/Paths.h"
#include "TestFiles.h"

namespace tether {
namespace {

TEST(Paths, AbsoluteAgainstTheGivenBaseNeverTheWorkingDirectory) {
  EXPECT_EQ(absolutePath("/base/dir", "out.sarif"), "/base/dir/out.sarif");
  EXPECT_EQ(absolutePath("/base/dir", "../x/./y.json"), "/base/x/y.json");
  EXPECT_EQ(absolutePath("/base/dir", "/abs/z"), "/abs/z");
}

TEST(Paths, CanonicalFollowsSymbolicLinksBeforeDotDot) {
  ScratchDirectory Scratch;
  Scratch.write("real/include/h.hpp", "// real\n");
  Scratch.write("other/h.hpp", "// other\n");
  ASSERT_FALSE(llvm::sys::fs::create_directories(Scratch.path("linked")));
  ASSERT_FALSE(llvm::sys::fs::create_link(Scratch.path("real/include"),
                                          Scratch.path("linked/inc")));
  // linked/inc/../h.hpp is real/h.hpp for the compiler, not linked/h.hpp.
  Scratch.write("real/h.hpp", "// beside include\n");
  EXPECT_EQ(canonicalPath(Scratch.path("linked/inc"), "../h.hpp"),
            Scratch.path("real/h.hpp"));
  EXPECT_EQ(canonicalPath(Scratch.path(), "linked/inc/h.hpp"),
            Scratch.path("real/include/h.hpp"));
  // A file that does not exist is simplified as text.
  EXPECT_EQ(canonicalPath(Scratch.path(), "nowhere/../gone.cpp"),
            Scratch.path("gone.cpp"));
}

TEST(Paths, UnderAtAPathBoundaryOnly) {
  EXPECT_TRUE(isUnder("/src/app/x.cpp", "/src/app"));
  EXPECT_TRUE(isUnder("/src/app", "/src/app"));
  EXPECT_TRUE(isUnder("/src/app/x.cpp", "/src/app/"));
  EXPECT_FALSE(isUnder("/src/app-old/x.cpp", "/src/app"));
  EXPECT_FALSE(isUnder("/src/app/x.cpp", ""));
}

TEST(Paths, RelativeToTheRootOnlyUnderIt) {
  EXPECT_EQ(relativeTo("/repo", "/repo/src/a.cpp"), "src/a.cpp");
  EXPECT_EQ(relativeTo("/repo", "/elsewhere/a.cpp"), "/elsewhere/a.cpp");
  EXPECT_EQ(relativeTo("/repo", "/repo-old/a.cpp"), "/repo-old/a.cpp");
}

TEST(Paths, ProjectRootIsTheTopOfTheGitWorkTree) {
  ScratchDirectory Scratch;
  Scratch.write("repo/.git/HEAD", "ref: refs/heads/main\n");
  Scratch.write("repo/src/deep/a.cpp", "");
  EXPECT_EQ(projectRoot(Scratch.path("repo/src/deep")), Scratch.path("repo"));
  EXPECT_EQ(projectRoot(Scratch.path()), Scratch.path());
}

TEST(Paths, UrisArePercentEncoded) {
  EXPECT_EQ(percentEncode("src/my dir/a b.cpp"), "src/my%20dir/a%20b.cpp");
  EXPECT_EQ(percentEncode("src/café/ü.cpp"), "src/caf%C3%A9/%C3%BC.cpp");
  EXPECT_EQ(percentEncode("a\"b%c#d?e[f].cpp"), "a%22b%25c%23d%3Fe%5Bf%5D.cpp");
  EXPECT_EQ(percentEncode("plain-name_1.0~x/y.cpp"), "plain-name_1.0~x/y.cpp");
  EXPECT_EQ(fileUri("/home/me/my repo/"), "file:///home/me/my%20repo/");
}

} // namespace
} // namespace tether
