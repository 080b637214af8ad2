// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- SourceFiles.cpp - tether check -----------------------------------===//

#include "SourceFiles.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

namespace tether {

uint64_t contentHash(llvm::StringRef Text) {
  return llvm::xxh3_64bits(llvm::arrayRefFromStringRef(Text));
}

SourceFiles::File *SourceFiles::load(llvm::StringRef Path) {
  auto [Entry, Inserted] = Files.try_emplace(Path);
  File &Loaded = Entry->getValue();
  if (Inserted) {
    if (auto Text = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/
                                                false)) {
      Loaded.Text = std::move(*Text);
      llvm::StringRef Content = Loaded.Text->getBuffer();
      Loaded.LineStarts.push_back(0);
      for (size_t I = 0; I < Content.size(); ++I)
        if (Content[I] == '\n')
          Loaded.LineStarts.push_back(I + 1);
    }
  }
  return Loaded.Text ? &Loaded : nullptr;
}

const llvm::MemoryBuffer *SourceFiles::text(llvm::StringRef Path) {
  File *Loaded = load(Path);
  return Loaded ? Loaded->Text.get() : nullptr;
}

Position SourceFiles::position(llvm::StringRef Path, unsigned Offset) {
  File *Loaded = load(Path);
  if (!Loaded)
    return {};
  auto Next = llvm::upper_bound(Loaded->LineStarts, Offset);
  const unsigned Line = Next - Loaded->LineStarts.begin();
  return {Line, Offset - Loaded->LineStarts[Line - 1] + 1};
}

llvm::StringRef SourceFiles::line(llvm::StringRef Path, unsigned Line) {
  File *Loaded = load(Path);
  if (!Loaded || Line == 0 || Line > Loaded->LineStarts.size())
    return {};
  llvm::StringRef Content = Loaded->Text->getBuffer();
  const unsigned Start = Loaded->LineStarts[Line - 1];
  const unsigned End = Line < Loaded->LineStarts.size()
                           ? Loaded->LineStarts[Line]
                           : Content.size();
  return Content.slice(Start, End).rtrim("\r\n");
}

} // namespace tether
