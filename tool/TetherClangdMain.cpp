// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- TetherClangdMain.cpp - tether ------------------------------------===//
//
// tether-clangd: clangd with the async- checks built in, so that editors
// show their findings and offer their fix-its as quick fixes.
//
//===----------------------------------------------------------------------===//

#include "TetherModuleAnchor.h"
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
#include <vector>

// Debian installs no clangd headers: these are clangd 19's declarations.
namespace clang::clangd {
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

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

/// Whether a fix's title is its diagnostic's whole message. clangd
/// capitalises the message and may add " (fix available)" and, when the
/// editor cannot show related information, the notes below it.
bool isWholeMessage(llvm::StringRef Title, llvm::StringRef Message) {
  if (Title.empty() || !Message.starts_with_insensitive(Title.take_front()) ||
      !Message.drop_front().starts_with(Title.drop_front()))
    return false;
  llvm::StringRef Rest = Message.drop_front(Title.size());
  return Rest.empty() || Rest.starts_with(" (fix available)") ||
         Rest.starts_with("\n");
}

/// An edit's text as a title shows it: one line, and not too long.
std::string quoted(llvm::StringRef Text) {
  std::string Line;
  for (char C : Text.trim()) {
    if (C == '\n' || C == '\t')
      C = ' ';
    if (C != ' ' || Line.empty() || Line.back() != ' ')
      Line += C;
  }
  if (Line.size() > 40)
    Line = Line.substr(0, 37) + "...";
  return "'" + Line + "'";
}

/// A title for a fix-it that makes several edits. clangd titles such a fix
/// with the warning's whole text; tether's warnings end with their remedy
/// ("...; rethrow cancellations"), which says what the fix does. Otherwise
/// the edits themselves are the title, as clangd words a single edit.
std::optional<std::string> shortTitle(llvm::StringRef Message,
                                      const llvm::json::Array &Edits) {
  if (size_t Remedy = Message.rfind("; "); Remedy != llvm::StringRef::npos)
    return Message.substr(Remedy + 2).str();
  std::vector<std::string> Written;
  std::string Include;
  bool Replaces = false;
  for (const llvm::json::Value &Edit : Edits) {
    const llvm::json::Object *Fields = Edit.getAsObject();
    std::optional<llvm::StringRef> Text =
        Fields ? Fields->getString("newText") : std::nullopt;
    if (!Text)
      return std::nullopt;
    if (Text->starts_with("#include ")) {
      Include = Text->trim().str();
      continue;
    }
    const llvm::json::Object *Range = Fields->getObject("range");
    const llvm::json::Value *Start = Range ? Range->get("start") : nullptr;
    const llvm::json::Value *End = Range ? Range->get("end") : nullptr;
    Replaces |= !Start || !End || *Start != *End;
    if (!Text->trim().empty())
      Written.push_back(quoted(*Text));
  }
  if (Written.empty() || Written.size() > 3)
    return std::nullopt;
  std::string Title = Replaces ? "change to " : "insert ";
  for (size_t I = 0; I < Written.size(); ++I)
    Title += (I == 0                    ? ""
              : I + 1 == Written.size() ? " and "
                                        : ", ") +
             Written[I];
  if (!Include.empty())
    Title += " and " + Include;
  return Title;
}

/// The edits of a code action, in either form of a WorkspaceEdit.
llvm::json::Array editsOf(const llvm::json::Object &Action) {
  llvm::json::Array Edits;
  const llvm::json::Object *Edit = Action.getObject("edit");
  if (!Edit)
    return Edits;
  if (const llvm::json::Object *Changes = Edit->getObject("changes"))
    for (const auto &File : *Changes)
      if (const llvm::json::Array *Some = File.second.getAsArray())
        Edits.insert(Edits.end(), Some->begin(), Some->end());
  if (const llvm::json::Array *Documents = Edit->getArray("documentChanges"))
    for (const llvm::json::Value &Document : *Documents)
      if (const llvm::json::Object *Fields = Document.getAsObject())
        if (const llvm::json::Array *Some = Fields->getArray("edits"))
          Edits.insert(Edits.end(), Some->begin(), Some->end());
  return Edits;
}

/// Retitles a quick fix of an async- diagnostic that clangd titled with the
/// diagnostic's whole message, or with an edit it could not show.
void retitle(llvm::json::Object &Action, const llvm::json::Object &Diagnostic) {
  std::optional<llvm::StringRef> Code = Diagnostic.getString("code");
  std::optional<llvm::StringRef> Message = Diagnostic.getString("message");
  std::optional<llvm::StringRef> Title = Action.getString("title");
  if (!Code || !Code->starts_with("async-") || !Message || !Title)
    return;
  // clangd words a single edit itself ("insert 'co_await '"), but an edit
  // that starts on a new line comes out as "insert '\u2026'" (an ellipsis).
  const bool Opaque = Title->contains("'\u2026'");
  if (!Opaque && !isWholeMessage(*Title, *Message))
    return;
  llvm::StringRef Warning =
      Message->take_until([](char C) { return C == '\n'; });
  Warning.consume_back(" (fix available)");
  if (std::optional<std::string> Short = shortTitle(Warning, editsOf(Action)))
    Action["title"] = std::move(*Short);
}

/// Each async- diagnostic's documentation link is tether's page of its
/// check, the one the SARIF rules carry, and each of its quick fixes has a
/// title short enough for a menu; the server says it is tether-clangd.
class TetherTransport final : public Transport {
public:
  explicit TetherTransport(std::unique_ptr<Transport> Clangd)
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
    if (Result) {
      if (llvm::json::Array *Actions = Result->getAsArray())
        retitleCodeActions(*Actions);
      // The initialize reply names the server.
      if (llvm::json::Object *Fields = Result->getAsObject())
        if (llvm::json::Object *Server = Fields->getObject("serverInfo"))
          (*Server)["name"] = "tether-clangd";
    }
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
      if (!Code || !Code->starts_with("async-"))
        continue;
      (*Fields)["codeDescription"] = llvm::json::Object{
          {"href", (llvm::Twine(TETHER_DOCS_URL) + *Code + ".md").str()}};
      // clangd's extension: the quick fixes inside the diagnostic.
      if (llvm::json::Array *Actions = Fields->getArray("codeActions"))
        for (llvm::json::Value &Action : *Actions)
          if (llvm::json::Object *ActionFields = Action.getAsObject())
            retitle(*ActionFields, *Fields);
    }
  }

  /// A textDocument/codeAction reply: code actions, each with the
  /// diagnostics it fixes.
  static void retitleCodeActions(llvm::json::Array &Actions) {
    for (llvm::json::Value &Action : Actions) {
      llvm::json::Object *Fields = Action.getAsObject();
      const llvm::json::Array *Fixed =
          Fields ? Fields->getArray("diagnostics") : nullptr;
      if (!Fixed || Fixed->size() != 1 || !(*Fixed)[0].getAsObject())
        continue;
      retitle(*Fields, *(*Fixed)[0].getAsObject());
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
  return std::make_unique<TetherTransport>(
      clangdNewJSONTransport(In, Out, InMirror, Pretty, Style));
}

int main(int argc, char *argv[]) {
  return clang::clangd::clangdMain(argc, argv);
}
