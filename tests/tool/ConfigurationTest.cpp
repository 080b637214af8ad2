//===--- ConfigurationTest.cpp - checking the configuration ---------------===//

#include "check/Configuration.h"
#include "TestFiles.h"

namespace tether {
namespace {

TEST(Configuration, NearestNameOnlyWhenNearEnoughToBeATypo) {
  const std::vector<std::string> Checks = {"async-fire-and-forget",
                                           "async-missing-timeout"};
  EXPECT_EQ(nearestName("async-fire-and-forgot", Checks),
            "async-fire-and-forget");
  EXPECT_EQ(nearestName("async-mising-timeout", Checks),
            "async-missing-timeout");
  EXPECT_EQ(nearestName("performance-*", Checks), std::nullopt);
}

std::vector<ConfigurationProblem> problems(const ScratchDirectory &Scratch,
                                           llvm::StringRef Checks) {
  CheckRequest Request;
  Request.WorkingDirectory = Scratch.path();
  Request.Checks = Checks.str();
  llvm::Expected<Configuration> Config = Configuration::load(Request);
  EXPECT_TRUE(!!Config);
  return Config->verify({Scratch.path("src/a.cpp")});
}

TEST(Configuration, GlobsThatMatchNoCheckAreErrors) {
  ScratchDirectory Scratch;
  Scratch.write("src/a.cpp", "");
  EXPECT_TRUE(problems(Scratch, "-*,async-*,bugprone-*").empty());
  EXPECT_TRUE(problems(Scratch, "-*,async-*,clang-diagnostic-unused").empty());
  const auto Typo = problems(Scratch, "-*,async-fire-and-forgot");
  ASSERT_EQ(Typo.size(), 2u); // the glob, and nothing enabled
  EXPECT_TRUE(Typo[0].IsError);
  EXPECT_EQ(Typo[0].Message,
            "check glob 'async-fire-and-forgot' in --checks matches no check; "
            "did you mean 'async-fire-and-forget'?");
  // A negative glob with a typo leaves on the check meant to be off: it
  // reports, so the run cannot go green by it; a warning says why.
  const auto Removal = problems(Scratch, "async-*,-async-fire-and-forgot");
  ASSERT_EQ(Removal.size(), 1u);
  EXPECT_FALSE(Removal[0].IsError);
  EXPECT_EQ(Removal[0].Message,
            "check glob '-async-fire-and-forgot' in --checks removes no check; "
            "did you mean 'async-fire-and-forget'?");
}

TEST(Configuration, AProjectConfigurationOfAnotherClangTidyVersionIsLinted) {
  ScratchDirectory Scratch;
  Scratch.write("src/a.cpp", "");
  // asyncpp's .clang-tidy: it removes a check clang-tidy 19 no longer has,
  // enables one of a newer version, and styles names.
  Scratch.write(".clang-tidy",
                "Checks: '-*,async-*,bugprone-*,-google-runtime-references,"
                "bugprone-a-check-of-tomorrow'\n"
                "CheckOptions:\n"
                "  readability-identifier-naming.ClassCase: lower_case\n"
                "  readability-identifier-naming.GlobalConstantPrefix: k\n"
                "  readability-identifier-naming.ClassCasse: lower_case\n");
  const auto Found = problems(Scratch, "");
  ASSERT_EQ(Found.size(), 3u);
  for (const ConfigurationProblem &Problem : Found)
    EXPECT_FALSE(Problem.IsError) << Problem.Message;
  const std::string Where = " in " + Scratch.path(".clang-tidy");
  EXPECT_EQ(Found[0].Message, "check glob '-google-runtime-references'" +
                                  Where +
                                  " removes no check: no check of this build "
                                  "is named so");
  EXPECT_EQ(Found[1].Message,
            "check glob 'bugprone-a-check-of-tomorrow'" + Where +
                " matches no check of this build (one of another clang-tidy "
                "version?): it enables nothing");
  EXPECT_EQ(Found[2].Option, "readability-identifier-naming.ClassCasse");
  // A typo of a check's name in the file is still an error.
  Scratch.write(".clang-tidy", "Checks: '-*,async-fire-and-forgot'\n");
  const auto Typo = problems(Scratch, "");
  ASSERT_FALSE(Typo.empty());
  EXPECT_TRUE(Typo[0].IsError);
}

TEST(Configuration, UnknownOptionsAreWarningsWithTheNearestName) {
  ScratchDirectory Scratch;
  Scratch.write("src/a.cpp", "");
  Scratch.write(".clang-tidy", "CheckOptions:\n"
                               "  async-missing-timeout.DefaultTimout: 5s\n"
                               "  async-missing-timeout.DefaultTimeout: 5s\n"
                               "  IgnoreMacros: true\n");
  const auto Found = problems(Scratch, "");
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_FALSE(Found[0].IsError);
  EXPECT_EQ(Found[0].Message,
            "unknown option 'async-missing-timeout.DefaultTimout' in " +
                Scratch.path(".clang-tidy") +
                "; did you mean 'async-missing-timeout.DefaultTimeout'?");
}

TEST(Configuration, AConfigFileThatCannotBeReadIsAnError) {
  ScratchDirectory Scratch;
  CheckRequest Request;
  Request.WorkingDirectory = Scratch.path();
  Request.ConfigFile = Scratch.path("missing.yaml");
  llvm::Expected<Configuration> Missing = Configuration::load(Request);
  ASSERT_FALSE(!!Missing);
  EXPECT_NE(
      llvm::toString(Missing.takeError()).find("cannot read missing.yaml"),
      std::string::npos);
  Request.ConfigFile = Scratch.write("bad.yaml", "Checks: [unclosed\n");
  llvm::Expected<Configuration> Bad = Configuration::load(Request);
  ASSERT_FALSE(!!Bad);
  EXPECT_NE(
      llvm::toString(Bad.takeError()).find("invalid configuration in bad.yaml"),
      std::string::npos);
}

} // namespace
} // namespace tether
