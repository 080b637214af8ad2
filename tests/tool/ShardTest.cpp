//===--- ShardTest.cpp - --shard K/N --------------------------------------===//

#include "check/CheckRun.h"
#include <gtest/gtest.h>
#include <set>

namespace tether {
namespace {

TEST(Shard, ParsesKOfN) {
  EXPECT_EQ(parseShard("2/5"), std::make_pair(2u, 5u));
  EXPECT_EQ(parseShard("1/1"), std::make_pair(1u, 1u));
  for (const char *Bad : {"0/3", "4/3", "1/0", "1", "a/b", "1/2/3", "-1/2", ""})
    EXPECT_EQ(parseShard(Bad), std::nullopt) << Bad;
}

TEST(Shard, EveryFileInExactlyOneEvenPartWhateverTheOrder) {
  std::vector<std::string> Files;
  for (int I = 0; I < 23; ++I)
    Files.push_back("/p/f" + std::to_string(I) + ".cpp");
  std::vector<std::string> Reversed(Files.rbegin(), Files.rend());
  std::multiset<std::string> Seen;
  for (unsigned K = 1; K <= 5; ++K) {
    const std::vector<std::string> Part = shardOf(Files, K, 5);
    EXPECT_EQ(Part, shardOf(Reversed, K, 5));
    EXPECT_TRUE(Part.size() == 4 || Part.size() == 5);
    Seen.insert(Part.begin(), Part.end());
  }
  EXPECT_EQ(Seen, std::multiset<std::string>(Files.begin(), Files.end()));
  EXPECT_TRUE(shardOf({"/p/a.cpp"}, 2, 2).empty());
}

} // namespace
} // namespace tether
