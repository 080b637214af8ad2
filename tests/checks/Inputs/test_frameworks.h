// The assertion macros of doctest, Catch2 and Boost.Test, reduced to the
// statements they expand to: each wraps the asserted expression in a `try`
// whose handler records the exception as a failed assertion, inside
// `do { } while (false)` (Boost.Test's condition is a call that returns
// false).
#pragma once
#include <exception>

namespace doctest::detail {
struct ResultBuilder {
  bool m_threw = false;
  bool m_threw_as = false;
  template <typename T> void setResult(const T &) {}
  void unexpectedExceptionOccurred() {}
  void translateException() {}
  bool log() { return false; }
  void react() {}
};
} // namespace doctest::detail

// doctest 1.2 (cppcoro's test/doctest/doctest.h).
#define DOCTEST_WRAP_IN_TRY(x)                                                 \
  try {                                                                        \
    x;                                                                         \
  } catch (...) {                                                              \
    _DOCTEST_RB.unexpectedExceptionOccurred();                                 \
  }
#define DOCTEST_ASSERT_IMPLEMENT_1(expr)                                       \
  do {                                                                         \
    doctest::detail::ResultBuilder _DOCTEST_RB;                                \
    DOCTEST_WRAP_IN_TRY(_DOCTEST_RB.setResult(expr))                           \
    if (_DOCTEST_RB.log())                                                     \
      ;                                                                        \
    _DOCTEST_RB.react();                                                       \
  } while ((void)0, 0)
#define CHECK(...) DOCTEST_ASSERT_IMPLEMENT_1((__VA_ARGS__))
#define CHECK_THROWS_AS(expr, as)                                              \
  do {                                                                         \
    doctest::detail::ResultBuilder _DOCTEST_RB;                                \
    try {                                                                      \
      expr;                                                                    \
    } catch (as) {                                                             \
      _DOCTEST_RB.m_threw = true;                                              \
      _DOCTEST_RB.m_threw_as = true;                                           \
    } catch (...) {                                                            \
      _DOCTEST_RB.unexpectedExceptionOccurred();                               \
    }                                                                          \
    _DOCTEST_RB.react();                                                       \
  } while ((void)0, 0)

// Catch2 v3 (libcoro's test/catch_amalgamated.hpp).
namespace Catch {
struct AssertionHandler {
  template <typename T> void handleExpr(const T &) {}
  void handleUnexpectedInflightException() {}
  void complete() {}
};
} // namespace Catch
#define INTERNAL_CATCH_TRY try
#define INTERNAL_CATCH_CATCH(handler)                                          \
  catch (...) {                                                                \
    (handler).handleUnexpectedInflightException();                             \
  }
#define REQUIRE(...)                                                           \
  do {                                                                         \
    Catch::AssertionHandler catchAssertionHandler;                             \
    INTERNAL_CATCH_TRY { catchAssertionHandler.handleExpr(__VA_ARGS__); }      \
    INTERNAL_CATCH_CATCH(catchAssertionHandler)                                \
    catchAssertionHandler.complete();                                          \
  } while ((void)0, (false) && static_cast<const bool &>(!!(__VA_ARGS__)))

// Boost.Test (boost/test/tools/old/interface.hpp).
namespace boost::test_tools::tt_detail {
inline bool dummy_cond() { return false; }
inline void report(bool) {}
} // namespace boost::test_tools::tt_detail
#define BOOST_CHECK_THROW(S, E)                                                \
  do {                                                                         \
    try {                                                                      \
      S;                                                                       \
      ::boost::test_tools::tt_detail::report(false);                           \
    } catch (E const &) {                                                      \
      ::boost::test_tools::tt_detail::report(true);                            \
    }                                                                          \
  } while (::boost::test_tools::tt_detail::dummy_cond())
#define BOOST_CHECK_NO_THROW(S)                                                \
  do {                                                                         \
    try {                                                                      \
      S;                                                                       \
      ::boost::test_tools::tt_detail::report(true);                            \
    } catch (...) {                                                            \
      ::boost::test_tools::tt_detail::report(false);                           \
    }                                                                          \
  } while (::boost::test_tools::tt_detail::dummy_cond())
