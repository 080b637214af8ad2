// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- EnclosingCallables.h - tether ------------------------------------===//
//
// Which function or lambda a statement is in, found on demand by descending
// from the translation unit along the declarations and statements whose
// source range holds the statement. Neither the parent map (building it walks
// the whole translation unit, system headers included) nor a matcher on every
// function (run on every function of every header) is paid for: checks ask
// only about the statements they report on.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_ENCLOSINGCALLABLES_H
#define TETHER_CHECKS_UTILS_ENCLOSINGCALLABLES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

namespace clang::tidy::tether {

/// The function, or lambda call operator, whose body holds \p S; null at
/// namespace scope. For a statement of a template instantiation, the
/// function as written (the template's).
const FunctionDecl *enclosingCallable(const Stmt &S, ASTContext &Ctx);

/// Whether \p S runs when control reaches it: it is in a function body and
/// not only in an unevaluated operand there (sizeof, noexcept). A statement
/// outside every function body is in a type (a decltype of a trailing return
/// type) and never runs.
bool runsWhenReached(const Stmt &S, ASTContext &Ctx);

/// The enclosing callable if it is a coroutine: a plain lambda defined in a
/// coroutine is not inside it.
const FunctionDecl *enclosingCoroutine(const Stmt &S, ASTContext &Ctx);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_ENCLOSINGCALLABLES_H
