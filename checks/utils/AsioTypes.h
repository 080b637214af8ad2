//===--- AsioTypes.h - tether ---------------------------------------------===//
//
// Which Asio a type comes from, and which one the tether runtime is built on:
// a rewrite toward the runtime compiles only when the two agree.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_ASIOTYPES_H
#define TETHER_CHECKS_UTILS_ASIOTYPES_H

#include "clang/AST/Type.h"
#include "clang/Lex/Preprocessor.h"

namespace clang::tidy::tether {

enum class AsioFlavour { None, Standalone, Boost };

/// The flavour of \p Type if it is an `awaitable<T>` on Asio's default
/// executor: what `tether::task<T>` is, and what the runtime's functions
/// take. None for any other type.
AsioFlavour taskFlavour(QualType Type);

/// The flavour the runtime uses in this translation unit: Boost.Asio when
/// TETHER_USE_BOOST_ASIO is defined, standalone Asio otherwise.
AsioFlavour runtimeFlavour(Preprocessor &PP);

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_ASIOTYPES_H
