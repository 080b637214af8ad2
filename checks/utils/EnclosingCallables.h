//===--- EnclosingCallables.h - tether ------------------------------------===//
//
// Which function or lambda a matched statement is in, without the parent
// map: building that map walks the whole translation unit (system headers
// included) and costs more than every async- check together.
//
// The match finder visits a callable before the statements of its body, so
// a stack of the callables seen so far, popped as traversal moves past their
// ends, always has the innermost enclosing one on top.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_ENCLOSINGCALLABLES_H
#define TETHER_CHECKS_UTILS_ENCLOSINGCALLABLES_H

#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <vector>

namespace clang::tidy::tether {

class EnclosingCallables {
public:
  /// Registers the matchers that report function and lambda bodies to
  /// \p Callback, which must hand every match to record() first.
  void registerMatchers(ast_matchers::MatchFinder &Finder,
                        ast_matchers::MatchFinder::MatchCallback &Callback,
                        bool SystemHeaders);

  /// Takes a match of the matchers above; false for any other match.
  bool record(const ast_matchers::MatchFinder::MatchResult &Result);

  /// The function, or lambda call operator, whose body holds \p S; null at
  /// namespace scope. Valid for the statement being matched now.
  const FunctionDecl *enclosing(const Stmt &S, const SourceManager &SM);

  /// The enclosing callable if it is a coroutine: a plain lambda defined in
  /// a coroutine is not inside it.
  const FunctionDecl *enclosingCoroutine(const Stmt &S,
                                         const SourceManager &SM);

  void reset() { Stack.clear(); }

private:
  struct Callable {
    const FunctionDecl *Function;
    SourceLocation Begin, End; // of the body, as expanded in the file
  };
  /// Drops the callables that end before \p Loc.
  void popEndedBefore(SourceLocation Loc, const SourceManager &SM);

  std::vector<Callable> Stack;
};

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_ENCLOSINGCALLABLES_H
