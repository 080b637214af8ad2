// A bad option is reported, names the option, and the check goes on with
// the rest of its list.
// RUN: %tidy %s --checks='-*,async-fire-and-forget' \
// RUN:   -config="{CheckOptions: {async-fire-and-forget.DetachedSpawnFunctions: 'spawn_(;::fire', \
// RUN:     async-fire-and-forget.AllowCastToVoid: maybe}}" -- -std=c++20 2>&1 | %filecheck %s

void fire();
void use() { fire(); }

// CHECK-DAG: warning: invalid configuration value 'maybe' for option 'async-fire-and-forget.AllowCastToVoid'; expected a bool [clang-tidy-config]
// CHECK-DAG: warning: invalid regular expression 'spawn_(' for option 'async-fire-and-forget.DetachedSpawnFunctions': parentheses not balanced; the entry is ignored [clang-tidy-config]
// CHECK-DAG: :[[@LINE-4]]:14: warning: 'fire' starts work that nobody owns: its result and its exception are lost [async-fire-and-forget]
