// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- NearestName.cpp - tether -----------------------------------------===//

#include "NearestName.h"
#include <algorithm>

namespace clang::tidy::tether {

std::optional<std::string> nearestName(llvm::StringRef Name,
                                       llvm::ArrayRef<std::string> Candidates) {
  std::optional<std::string> Nearest;
  unsigned Best = std::max<unsigned>(2, Name.size() / 4) + 1;
  for (const std::string &Candidate : Candidates) {
    const unsigned Distance =
        Name.edit_distance(Candidate, /*AllowReplacements=*/true, Best);
    if (Distance < Best) {
      Best = Distance;
      Nearest = Candidate;
    }
  }
  return Nearest;
}

} // namespace clang::tidy::tether
