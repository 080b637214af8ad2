//===--- CompileHintsTest.cpp - remedies for known compile failures -------===//

#include "check/CompileHints.h"
#include "gtest/gtest.h"

namespace tether {
namespace {

TEST(CompileHints, AsioWithoutCoroutineSupportNamesTheDefineOfItsFlavour) {
  const std::string Standalone = compileHint(
      "does not compile: no template named 'awaitable' in namespace 'asio'");
  EXPECT_NE(Standalone.find("ASIO_HAS_CO_AWAIT=1"), std::string::npos);
  EXPECT_EQ(Standalone.find("BOOST_ASIO_HAS_CO_AWAIT"), std::string::npos);
  EXPECT_NE(Standalone.find("--extra-arg=-DASIO_HAS_CO_AWAIT=1"),
            std::string::npos);

  const std::string Boost =
      compileHint("does not compile: no member named 'use_awaitable' in "
                  "namespace 'boost::asio'");
  EXPECT_NE(Boost.find("ExtraArgs: [\"-DBOOST_ASIO_HAS_CO_AWAIT=1\"]"),
            std::string::npos);
}

TEST(CompileHints, TheRuntimesOwnConfigurationErrorGetsTheSameRemedy) {
  EXPECT_NE(compileHint("does not compile: \"tether: Asio was configured "
                        "without coroutine support: define ...\"")
                .find("--extra-arg=-DASIO_HAS_CO_AWAIT=1"),
            std::string::npos);
  EXPECT_NE(compileHint("does not compile: \"tether: Boost.Asio was "
                        "configured without coroutine support: define ...\"")
                .find("--extra-arg=-DBOOST_ASIO_HAS_CO_AWAIT=1"),
            std::string::npos);
}

TEST(CompileHints, OtherErrorsHaveNoHint) {
  EXPECT_EQ(compileHint("does not compile: 'asio.hpp' file not found"), "");
  EXPECT_EQ(compileHint("does not compile: no template named 'awaitable' in "
                        "namespace 'mylib'"),
            "");
  EXPECT_EQ(compileHint("does not compile: no member named 'spawn' in "
                        "namespace 'asio'"),
            "");
}

} // namespace
} // namespace tether
