//===--- AsioAwaitable.h - tether -----------------------------------------===//
//
// Which Asio a coroutine's awaitable belongs to, and whether fix-its may
// rewrite the coroutine toward the tether runtime: tether::task<T> is
// asio::awaitable<T>, or boost::asio::awaitable<T> when the translation unit
// defines TETHER_USE_BOOST_ASIO.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_ASIOAWAITABLE_H
#define TETHER_CHECKS_UTILS_ASIOAWAITABLE_H

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

/// Whether \p Awaitable uses the default executor, any_io_executor: the one
/// `use_awaitable` and the runtime's tasks run on.
bool hasDefaultExecutor(const ClassTemplateSpecializationDecl &Awaitable);

/// The flavour of Asio whose default-executor awaitable \p Coroutine returns;
/// None for other coroutines.
AsioFlavour defaultAwaitableFlavour(const FunctionDecl &Coroutine);

/// Whether \p Coroutine can co_await the runtime's tasks: it returns the
/// default-executor awaitable of the Asio the runtime is built on here.
bool awaitsRuntimeTasks(const FunctionDecl &Coroutine, Preprocessor *PP);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_ASIOAWAITABLE_H
