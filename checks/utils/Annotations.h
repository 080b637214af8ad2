// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Annotations.h - tether -------------------------------------------===//
//
// The facts a library declares with tether/annotations.hpp: clang annotate
// attributes, read the same way by every check and in every vehicle.
//
//===----------------------------------------------------------------------===//

#ifndef TETHER_CHECKS_UTILS_ANNOTATIONS_H
#define TETHER_CHECKS_UTILS_ANNOTATIONS_H

#include "clang/AST/Attr.h"

namespace clang::tidy::tether {

enum class Annotation {
  Blocking,         // TETHER_BLOCKING
  NonBlocking,      // TETHER_NONBLOCKING
  ProvidesDeadline, // TETHER_PROVIDES_DEADLINE
  DetachOk,         // TETHER_DETACH_OK
};

/// The annotation \p Wanted on \p D or on any declaration of it (a header's
/// declaration annotates the definition in another file), or on the
/// template it was instantiated from; null when there is none.
const AnnotateAttr *findAnnotation(const Decl &D, Annotation Wanted);

inline bool hasAnnotation(const Decl &D, Annotation Wanted) {
  return findAnnotation(D, Wanted) != nullptr;
}

} // namespace clang::tidy::tether

#endif // TETHER_CHECKS_UTILS_ANNOTATIONS_H
