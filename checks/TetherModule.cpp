// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TetherModule.cpp - tether ----------------------------------------===//
//
// Registers the async- checks with clang-tidy.
//
//===----------------------------------------------------------------------===//

#include "BlockingCallInCoroutineCheck.h"
#include "DanglingReferenceCheck.h"
#include "FireAndForgetCheck.h"
#include "MissingTimeoutCheck.h"
#include "SwallowedExceptionCheck.h"
#include "UnboundedTaskCreationCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::tether {

class TetherModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<BlockingCallInCoroutineCheck>(
        "async-blocking-call-in-coroutine");
    Factories.registerCheck<DanglingReferenceCheck>("async-dangling-reference");
    Factories.registerCheck<FireAndForgetCheck>("async-fire-and-forget");
    Factories.registerCheck<MissingTimeoutCheck>("async-missing-timeout");
    Factories.registerCheck<SwallowedExceptionCheck>(
        "async-swallowed-exception");
    Factories.registerCheck<UnboundedTaskCreationCheck>(
        "async-unbounded-task-creation");
  }
};

} // namespace clang::tidy::tether

namespace clang::tidy {

static ClangTidyModuleRegistry::Add<tether::TetherModule>
    Registration("tether-module", "Adds the async- checks of tether.");

// Executables that link the module statically reference this symbol so that
// the linker keeps the registration above.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int TetherModuleAnchorSource = 0;

} // namespace clang::tidy
