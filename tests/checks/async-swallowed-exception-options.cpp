// A bad option is reported, names the option, and the check goes on with
// the rest of its list.
// RUN: %tidy %s --checks='-*,async-swallowed-exception' \
// RUN:   -config="{CheckOptions: {async-swallowed-exception.TaskResultFunctions: 'get_(;::wait_for_result', \
// RUN:     async-swallowed-exception.OnlyInCoroutines: sometimes}}" -- -std=c++20 2>&1 | %filecheck %s

int wait_for_result();
void use() {
  try {
    wait_for_result();
  } catch (...) {
  }
}

// CHECK-DAG: warning: invalid configuration value 'sometimes' for option 'async-swallowed-exception.OnlyInCoroutines'; expected a bool [clang-tidy-config]
// CHECK-DAG: warning: invalid regular expression 'get_(' for option 'async-swallowed-exception.TaskResultFunctions': parentheses not balanced; the entry is ignored [clang-tidy-config]
// CHECK-DAG: :[[@LINE-6]]:5: warning: empty handler swallows the exception of a task's result; handle it, rethrow it or store it [async-swallowed-exception]
