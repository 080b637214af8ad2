// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TetherClangdMain.cpp - tether ------------------------------------===//
//
// tether-clangd: clangd with the async- checks built in, so that editors
// show their findings and offer their fix-its as quick fixes.
//
//===----------------------------------------------------------------------===//

#include "tether/Version.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

// Debian installs no clangd headers: these are clangd 19's declarations.
namespace clang::clangd {
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

namespace clang::tidy {
extern volatile int TetherModuleAnchorSource;
// The module lives in a static library: referencing its anchor keeps its
// registration from being dropped by the linker.
[[maybe_unused]] static int TetherModuleAnchorDestination =
    TetherModuleAnchorSource;
} // namespace clang::tidy

// clangd 19 runs only the checks it has timed as fast unless the user's
// .clangd relaxes `FastCheckFilter`. The async- checks are measured (see
// bench/lint-overhead) to add under 5% to parsing, so they count as fast
// without any .clangd line; every other check keeps clangd's own verdict.
// The link routes clangd's calls of isFastTidyCheck here (-Wl,--wrap).
#define TETHER_IS_FAST_TIDY_CHECK                                              \
  "_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE"
std::optional<bool> clangdIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real_" TETHER_IS_FAST_TIDY_CHECK);
std::optional<bool> tetherIsFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap_" TETHER_IS_FAST_TIDY_CHECK);

std::optional<bool> tetherIsFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("async-"))
    return true;
  return clangdIsFastTidyCheck(Check);
}

// clangd's versionString() is what --version prints and what the LSP
// `initialize` reply gives as serverInfo.version: it names tether first.
#define TETHER_VERSION_STRING_SYMBOL "_ZN5clang6clangd13versionStringB5cxx11Ev"
std::string clangdVersionString() asm("__real_" TETHER_VERSION_STRING_SYMBOL);
std::string tetherVersionString() asm("__wrap_" TETHER_VERSION_STRING_SYMBOL);

std::string tetherVersionString() {
  return "tether-clangd version " TETHER_VERSION_STRING ", " +
         clangdVersionString();
}

// clangd links every clang-tidy diagnostic to clang.llvm.org, where the
// async- checks have no page, and it builds the link in the same object file
// that uses it: the link is mended on the way out, in the transport clangd
// sends its messages through. These are clangd 19's declarations.
namespace clang::clangd {
class Transport {
public:
  virtual ~Transport() = default;
  virtual void notify(llvm::StringRef Method, llvm::json::Value Params) = 0;
  virtual void call(llvm::StringRef Method, llvm::json::Value Params,
                    llvm::json::Value ID) = 0;
  virtual void reply(llvm::json::Value ID,
                     llvm::Expected<llvm::json::Value> Result) = 0;
  class MessageHandler;
  virtual llvm::Error loop(MessageHandler &) = 0;
};
enum JSONStreamStyle { Standard, Delimited };
} // namespace clang::clangd

namespace {

using clang::clangd::Transport;

/// Each async- diagnostic's documentation link is tether's page of its
/// check, the one the SARIF rules carry.
class TetherDocsTransport final : public Transport {
public:
  explicit TetherDocsTransport(std::unique_ptr<Transport> Clangd)
      : Clangd(std::move(Clangd)) {}

  void notify(llvm::StringRef Method, llvm::json::Value Params) override {
    if (Method == "textDocument/publishDiagnostics")
      linkTetherDocs(Params);
    Clangd->notify(Method, std::move(Params));
  }
  void call(llvm::StringRef Method, llvm::json::Value Params,
            llvm::json::Value ID) override {
    Clangd->call(Method, std::move(Params), std::move(ID));
  }
  void reply(llvm::json::Value ID,
             llvm::Expected<llvm::json::Value> Result) override {
    Clangd->reply(std::move(ID), std::move(Result));
  }
  llvm::Error loop(MessageHandler &Handler) override {
    return Clangd->loop(Handler);
  }

private:
  static void linkTetherDocs(llvm::json::Value &Params) {
    llvm::json::Object *Object = Params.getAsObject();
    llvm::json::Array *Diagnostics =
        Object ? Object->getArray("diagnostics") : nullptr;
    if (!Diagnostics)
      return;
    for (llvm::json::Value &Diagnostic : *Diagnostics) {
      llvm::json::Object *Fields = Diagnostic.getAsObject();
      std::optional<llvm::StringRef> Code =
          Fields ? Fields->getString("code") : std::nullopt;
      if (Code && Code->starts_with("async-"))
        (*Fields)["codeDescription"] = llvm::json::Object{
            {"href", (llvm::Twine(TETHER_DOCS_URL) + *Code + ".md").str()}};
    }
  }

  std::unique_ptr<Transport> Clangd;
};

} // namespace

#define TETHER_NEW_JSON_TRANSPORT_SYMBOL                                       \
  "_ZN5clang6clangd16newJSONTransportEP8_IO_FILERN4llvm11raw_ostreamEPS4_"     \
  "bNS0_15JSONStreamStyleE"
std::unique_ptr<Transport> clangdNewJSONTransport(
    std::FILE *In, llvm::raw_ostream &Out, llvm::raw_ostream *InMirror,
    bool Pretty,
    clang::clangd::JSONStreamStyle
        Style) asm("__real_" TETHER_NEW_JSON_TRANSPORT_SYMBOL);
std::unique_ptr<Transport> tetherNewJSONTransport(
    std::FILE *In, llvm::raw_ostream &Out, llvm::raw_ostream *InMirror,
    bool Pretty,
    clang::clangd::JSONStreamStyle
        Style) asm("__wrap_" TETHER_NEW_JSON_TRANSPORT_SYMBOL);

std::unique_ptr<Transport>
tetherNewJSONTransport(std::FILE *In, llvm::raw_ostream &Out,
                       llvm::raw_ostream *InMirror, bool Pretty,
                       clang::clangd::JSONStreamStyle Style) {
  return std::make_unique<TetherDocsTransport>(
      clangdNewJSONTransport(In, Out, InMirror, Pretty, Style));
}

int main(int argc, char *argv[]) {
  return clang::clangd::clangdMain(argc, argv);
}
