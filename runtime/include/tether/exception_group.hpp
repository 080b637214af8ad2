// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// tether/exception_group.hpp — several failures of concurrent work, none of them lost.
//
// A task_group (and gather, for_each_bounded, ...) whose children failed more than once
// throws an `exception_group` holding every `exception_ptr`, in completion order. A single
// failure is rethrown as is, so code that expects one error type keeps working.
#pragma once

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace tether {

class exception_group : public std::exception {
public:
  explicit exception_group(std::vector<std::exception_ptr> exceptions)
      : exceptions_(std::move(exceptions)) {
    what_ = std::to_string(exceptions_.size()) + " concurrent failures";
    for (const auto& e : exceptions_) {
      what_ += "; ";
      what_ += describe(e);
    }
  }

  /// Every failure, in the order the failing tasks completed.
  const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }
  std::size_t size() const noexcept { return exceptions_.size(); }
  const char* what() const noexcept override { return what_.c_str(); }

  /// What an exception_ptr holds, as text (for messages and reports).
  static std::string describe(const std::exception_ptr& e) {
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& x) {
      return x.what();
    } catch (...) {
      return "unknown exception";
    }
  }

private:
  std::vector<std::exception_ptr> exceptions_;
  std::string what_;
};

/// Throws nothing for no error, the error itself for one, an exception_group for several.
inline void throw_errors(std::vector<std::exception_ptr> errors) {
  if (errors.empty())
    return;
  if (errors.size() == 1)
    std::rethrow_exception(errors.front());
  throw exception_group(std::move(errors));
}

} // namespace tether
