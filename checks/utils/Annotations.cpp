// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- Annotations.cpp - tether -----------------------------------------===//

#include "Annotations.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::tether {
namespace {

llvm::StringRef spelling(Annotation A) {
  switch (A) {
  case Annotation::Blocking:
    return "tether::blocking";
  case Annotation::NonBlocking:
    return "tether::nonblocking";
  case Annotation::ProvidesDeadline:
    return "tether::provides_deadline";
  case Annotation::DetachOk:
    return "tether::detach_ok";
  }
  llvm_unreachable("every annotation has a spelling");
}

const AnnotateAttr *findOnRedeclarations(const Decl &D,
                                         llvm::StringRef Spelling) {
  for (const Decl *Redecl : D.redecls())
    for (const auto *Attr : Redecl->specific_attrs<AnnotateAttr>())
      if (Attr->getAnnotation() == Spelling)
        return Attr;
  return nullptr;
}

} // namespace

const AnnotateAttr *findAnnotation(const Decl &D, Annotation Wanted) {
  const llvm::StringRef Spelling = spelling(Wanted);
  if (const AnnotateAttr *Found = findOnRedeclarations(D, Spelling))
    return Found;
  if (const auto *Function = dyn_cast<FunctionDecl>(&D)) {
    if (const FunctionDecl *Pattern =
            Function->getTemplateInstantiationPattern())
      return findOnRedeclarations(*Pattern, Spelling);
    if (const FunctionTemplateDecl *Template = Function->getPrimaryTemplate())
      return findOnRedeclarations(*Template->getTemplatedDecl(), Spelling);
  }
  if (const auto *Specialization =
          dyn_cast<ClassTemplateSpecializationDecl>(&D))
    return findOnRedeclarations(
        *Specialization->getSpecializedTemplate()->getTemplatedDecl(),
        Spelling);
  return nullptr;
}

} // namespace clang::tidy::tether
