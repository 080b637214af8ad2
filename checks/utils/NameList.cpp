// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- NameList.cpp - tether --------------------------------------------===//

#include "NameList.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::tether {

std::string templateFreeQualifiedName(const NamedDecl &ND) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  for (const DeclContext *DC = ND.getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      Parts.push_back(RD->getName());
    }
  }
  std::string Name;
  for (llvm::StringRef Part : llvm::reverse(Parts)) {
    Name += "::";
    Name += Part;
  }
  Name += "::";
  Name += ND.getName();
  return Name;
}

static bool isPlainName(llvm::StringRef Entry) {
  return llvm::all_of(Entry, [](char C) {
    return llvm::isAlnum(C) || C == '_' || C == ':' || C == '~';
  });
}

NameList::NameList(
    llvm::ArrayRef<llvm::StringRef> Entries,
    llvm::function_ref<void(llvm::StringRef, llvm::StringRef)> OnInvalid) {
  for (llvm::StringRef Entry : Entries) {
    Entry = Entry.trim();
    if (Entry.empty())
      continue;
    if (isPlainName(Entry)) {
      Exact.push_back(
          {Entry.starts_with("::") ? Entry.str() : "::" + Entry.str(),
           Entry.drop_front(Entry.rfind(':') + 1).str(),
           Entry.starts_with("::")});
      continue;
    }
    llvm::Regex Pattern(Entry);
    if (std::string Error; !Pattern.isValid(Error))
      OnInvalid(Entry, Error);
    else
      Patterns.push_back(std::move(Pattern));
  }
}

bool NameList::matches(const NamedDecl &ND) const {
  if (!ND.getDeclName().isIdentifier())
    return false;
  return matches(ND.getName(), [&] { return templateFreeQualifiedName(ND); });
}

bool NameList::matchesMemberOf(const CXXRecordDecl &Class,
                               const NamedDecl &Member) const {
  if (!Member.getDeclName().isIdentifier() || !Class.getIdentifier())
    return false;
  return matches(Member.getName(), [&] {
    return templateFreeQualifiedName(Class) + "::" + Member.getName().str();
  });
}

bool NameList::matches(llvm::StringRef Identifier,
                       llvm::function_ref<std::string()> QualifiedName) const {
  if (empty())
    return false;
  const bool MayMatchExactly = llvm::any_of(Exact, [&](const ExactName &Entry) {
    return Entry.Identifier == Identifier;
  });
  if (!MayMatchExactly && Patterns.empty())
    return false;
  const std::string Name = QualifiedName();
  for (const ExactName &Entry : Exact)
    if (Entry.Identifier == Identifier &&
        (Entry.Anchored ? Name == Entry.Name
                        : llvm::StringRef(Name).ends_with(Entry.Name)))
      return true;
  return llvm::any_of(Patterns, [&](const llvm::Regex &Pattern) {
    return Pattern.match(Name);
  });
}

} // namespace clang::tidy::tether
