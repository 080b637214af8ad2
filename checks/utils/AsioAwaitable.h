// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- AsioAwaitable.h - tether -----------------------------------------===//
//
// Which Asio a type or a declaration comes from, and which one the tether
// runtime is built on: tether::task<T> is asio::awaitable<T>, or
// boost::asio::awaitable<T> when the translation unit defines
// TETHER_USE_BOOST_ASIO. A rewrite toward the runtime compiles only when the
// two agree.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_ASIOAWAITABLE_H
#define TETHER_CHECKS_UTILS_ASIOAWAITABLE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Lex/Preprocessor.h"

namespace clang::tidy::tether {

enum class AsioFlavour { None, Standalone, Boost };

/// The flavour of `asio::awaitable<...>` / `boost::asio::awaitable<...>`,
/// dependent specializations included; None for any other type.
AsioFlavour awaitableFlavour(QualType Type);

/// The flavour of the Asio namespace \p D is declared in.
AsioFlavour declaredFlavour(const NamedDecl &D);

/// The flavour of \p Type if it is an `awaitable<T>` on Asio's default
/// executor: what `tether::task<T>` is, and what the runtime's functions
/// take. None for any other type.
AsioFlavour taskFlavour(QualType Type);

/// Whether \p Class is Asio's class \p Name (either flavour), or derives
/// from it.
bool isAsioClassOrDerived(const CXXRecordDecl &Class, llvm::StringRef Name);

/// Whether \p Type is an Asio execution context (an io_context, a thread
/// pool), of either flavour: its executor runs tasks, and its destructor
/// destroys what is still queued on it, suspended coroutines included.
bool isExecutionContext(QualType Type);

/// The flavour the runtime uses in this translation unit: Boost.Asio when
/// TETHER_USE_BOOST_ASIO is defined, standalone Asio otherwise.
AsioFlavour runtimeFlavour(Preprocessor &PP);

/// The namespace a rewrite spells \p Flavour's names in: "asio::" or
/// "boost::asio::".
llvm::StringRef asioNamespace(AsioFlavour Flavour);

/// Whether every one of \p Names is declared in \p Flavour's namespace in
/// this translation unit: a rewrite that uses them needs no new #include.
bool declaresAsioNames(ASTContext &Ctx, AsioFlavour Flavour,
                       llvm::ArrayRef<llvm::StringRef> Names);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_ASIOAWAITABLE_H
