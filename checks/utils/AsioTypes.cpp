//===--- AsioTypes.cpp - tether -------------------------------------------===//

#include "AsioTypes.h"
#include "NameList.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::tether {

AsioFlavour taskFlavour(QualType Type) {
  const auto *Awaitable = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Awaitable || !Awaitable->getIdentifier() ||
      Awaitable->getName() != "awaitable")
    return AsioFlavour::None;
  const std::string Name = templateFreeQualifiedName(*Awaitable);
  const AsioFlavour Flavour =
      Name == "::asio::awaitable"          ? AsioFlavour::Standalone
      : Name == "::boost::asio::awaitable" ? AsioFlavour::Boost
                                           : AsioFlavour::None;
  if (Flavour == AsioFlavour::None)
    return Flavour;
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

} // namespace clang::tidy::tether
