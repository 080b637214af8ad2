//===--- CompileDatabaseTest.cpp - loading compile_commands.json ----------===//

#include "check/CompileDatabase.h"
#include "TestFiles.h"

namespace tether {
namespace {

std::string problemOf(llvm::StringRef Text) {
  llvm::Expected<std::string> Normalized =
      normalizeCompileCommands(Text, "/db");
  return Normalized ? "" : llvm::toString(Normalized.takeError());
}

TEST(CompileDatabase, DamagedDatabasesAreErrorsNotAShorterList) {
  const std::string Entry =
      R"({"directory": "/p", "file": "a.cpp", "arguments": ["cc", "a.cpp"]})";
  EXPECT_EQ(problemOf("[" + Entry + "]"), "");
  // Cut off after the first entry, as a killed generator leaves it.
  EXPECT_NE(problemOf("[" + Entry + ", {\"directory\": \"/p\"")
                .find("not valid JSON"),
            std::string::npos);
  EXPECT_NE(problemOf("{}").find("not a list"), std::string::npos);
  EXPECT_NE(problemOf(R"([{"file": "a.cpp", "command": "cc a.cpp"}])")
                .find("entry 1 has no \"directory\""),
            std::string::npos);
  EXPECT_NE(problemOf(R"([{"directory": "/p", "file": "a.cpp"}])")
                .find("neither \"command\" nor \"arguments\""),
            std::string::npos);
}

TEST(CompileDatabase, RelativeDirectoriesAreTheDatabases) {
  ScratchDirectory Scratch;
  Scratch.write("src/a.cpp", "int a;\n");
  Scratch.write(
      "build/compile_commands.json",
      R"([{"directory": "..", "file": "src/a.cpp", "command": "cc -c src/a.cpp"}])");
  llvm::Expected<LoadedDatabase> Loaded =
      loadCompileDatabase(Scratch.path("build"), "/unrelated/cwd");
  ASSERT_TRUE(!!Loaded) << llvm::toString(Loaded.takeError());
  EXPECT_EQ(Loaded->Directory, Scratch.path("build"));
  const std::vector<std::string> Files = Loaded->Database->getAllFiles();
  ASSERT_EQ(Files.size(), 1u);
  EXPECT_EQ(Files[0], Scratch.path("src/a.cpp"));
  EXPECT_EQ(Loaded->Database->getCompileCommands(Files[0]).size(), 1u);
}

TEST(CompileDatabase, DefaultsToBuildThenTheWorkingDirectory) {
  ScratchDirectory Scratch;
  Scratch.write("compile_commands.json", "[]");
  llvm::Expected<LoadedDatabase> Loaded =
      loadCompileDatabase("", Scratch.path());
  ASSERT_TRUE(!!Loaded);
  EXPECT_EQ(Loaded->Directory, Scratch.path());
  Scratch.write("build/compile_commands.json", "[]");
  Loaded = loadCompileDatabase("", Scratch.path());
  ASSERT_TRUE(!!Loaded);
  EXPECT_EQ(Loaded->Directory, Scratch.path("build"));
  llvm::Expected<LoadedDatabase> Missing =
      loadCompileDatabase(Scratch.path("nowhere"), Scratch.path());
  ASSERT_FALSE(!!Missing);
  EXPECT_NE(llvm::toString(Missing.takeError())
                .find("no compile_commands.json in nowhere"),
            std::string::npos);
}

} // namespace
} // namespace tether
