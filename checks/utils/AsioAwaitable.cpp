// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- AsioAwaitable.cpp - tether ---------------------------------------===//

#include "AsioAwaitable.h"
#include "NameList.h"

namespace clang::tidy::tether {

AsioFlavour declaredFlavour(const NamedDecl &D) {
  const std::string Name = templateFreeQualifiedName(D);
  if (llvm::StringRef(Name).starts_with("::boost::asio::"))
    return AsioFlavour::Boost;
  if (llvm::StringRef(Name).starts_with("::asio::"))
    return AsioFlavour::Standalone;
  return AsioFlavour::None;
}

AsioFlavour awaitableFlavour(QualType Type) {
  Type = Type.getCanonicalType();
  const NamedDecl *Template = Type->getAsCXXRecordDecl();
  if (!Template)
    if (const auto *TST = Type->getAs<TemplateSpecializationType>())
      Template = TST->getTemplateName().getAsTemplateDecl();
  if (!Template || Template->getName() != "awaitable")
    return AsioFlavour::None;
  const std::string Name = templateFreeQualifiedName(*Template);
  if (Name == "::asio::awaitable")
    return AsioFlavour::Standalone;
  if (Name == "::boost::asio::awaitable")
    return AsioFlavour::Boost;
  return AsioFlavour::None;
}

bool isAsioClassOrDerived(const CXXRecordDecl &Class, llvm::StringRef Name) {
  auto IsNamed = [&](const CXXRecordDecl &C) {
    return C.getIdentifier() && C.getName() == Name &&
           declaredFlavour(C) != AsioFlavour::None;
  };
  if (IsNamed(Class))
    return true;
  if (!Class.hasDefinition())
    return false;
  bool Found = false;
  Class.forallBases([&](const CXXRecordDecl *Base) {
    Found = IsNamed(*Base);
    return !Found;
  });
  return Found;
}

bool isExecutionContext(QualType Type) {
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && Record->hasDefinition() &&
         isAsioClassOrDerived(*Record, "execution_context");
}

AsioFlavour taskFlavour(QualType Type) {
  Type = Type.getNonReferenceType();
  const auto *Awaitable = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type->getAsCXXRecordDecl());
  const AsioFlavour Flavour = awaitableFlavour(Type);
  if (!Awaitable || Flavour == AsioFlavour::None)
    return AsioFlavour::None;
  const TemplateParameterList *Params =
      Awaitable->getSpecializedTemplate()->getTemplateParameters();
  const TemplateArgumentList &Args = Awaitable->getTemplateArgs();
  if (Params->size() != 2 || Args.size() != 2 ||
      Args[1].getKind() != TemplateArgument::Type)
    return AsioFlavour::None;
  const auto *ExecutorParam =
      dyn_cast<TemplateTypeParmDecl>(Params->getParam(1));
  if (!ExecutorParam || !ExecutorParam->hasDefaultArgument())
    return AsioFlavour::None;
  const QualType DefaultExecutor =
      ExecutorParam->getDefaultArgument().getArgument().getAsType();
  if (DefaultExecutor.isNull() || DefaultExecutor.getCanonicalType() !=
                                      Args[1].getAsType().getCanonicalType())
    return AsioFlavour::None;
  return Flavour;
}

AsioFlavour runtimeFlavour(Preprocessor &PP) {
  return PP.isMacroDefined("TETHER_USE_BOOST_ASIO") ? AsioFlavour::Boost
                                                    : AsioFlavour::Standalone;
}

llvm::StringRef asioNamespace(AsioFlavour Flavour) {
  return Flavour == AsioFlavour::Boost ? "boost::asio::" : "asio::";
}

bool declaresAsioNames(ASTContext &Ctx, AsioFlavour Flavour,
                       llvm::ArrayRef<llvm::StringRef> Names) {
  if (Flavour == AsioFlavour::None)
    return false;
  const DeclContext *Scope = Ctx.getTranslationUnitDecl();
  llvm::SmallVector<llvm::StringRef, 2> Path;
  asioNamespace(Flavour).drop_back(2).split(Path, "::");
  for (llvm::StringRef Name : Path) {
    auto Found = Scope->lookup(&Ctx.Idents.get(Name));
    const auto *Namespace =
        Found.empty() ? nullptr : dyn_cast<NamespaceDecl>(Found.front());
    if (!Namespace)
      return false;
    Scope = Namespace;
  }
  return llvm::all_of(Names, [&](llvm::StringRef Name) {
    return !Scope->lookup(&Ctx.Idents.get(Name)).empty();
  });
}

} // namespace clang::tidy::tether
