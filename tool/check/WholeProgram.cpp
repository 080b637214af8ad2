// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===--- WholeProgram.cpp - tether check ----------------------------------===//

#include "WholeProgram.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include <deque>

namespace tether {

namespace json = llvm::json;

namespace {

using Chains = llvm::StringMap<std::vector<ChainHop>>;

/// The chains of one fact: for each function that does it, by a call of its
/// own or through the calls it makes, a shortest chain down to that call.
Chains solveChains(const llvm::StringMap<const FunctionSummary *> &Functions,
                   CallFact FunctionSummary::*Fact) {
  // Callers of each function, with the call: searched backwards from the
  // functions that do it by themselves, breadth first, so that each
  // function gets a shortest chain, without recursion whatever the depth.
  struct Caller {
    const FunctionSummary *Function;
    const FactCall *Call;
  };
  llvm::StringMap<std::vector<Caller>> Callers;
  std::deque<llvm::StringRef> Queue;
  // For each function known to do it: the call that continues its chain.
  llvm::StringMap<const FactCall *> Next;
  for (const auto &Entry : Functions) {
    const FunctionSummary &Function = *Entry.getValue();
    const CallFact &Does = Function.*Fact;
    for (const FactCall &Call : Does.Through)
      Callers[Call.CalleeUSR].push_back({&Function, &Call});
    if (Does.Own) {
      Next[Function.USR] = &*Does.Own;
      Queue.push_back(Function.USR);
    }
  }
  llvm::sort(Queue); // the same chains whatever the hash order
  llvm::StringMap<unsigned> Length;
  for (llvm::StringRef USR : Queue)
    Length[USR] = 1;
  while (!Queue.empty()) {
    const llvm::StringRef Callee = Queue.front();
    Queue.pop_front();
    const unsigned Depth = Length[Callee];
    if (Depth >= MaxChainLength)
      continue;
    auto Found = Callers.find(Callee);
    if (Found == Callers.end())
      continue;
    for (const auto &[Function, Call] : Found->second)
      if (Length.try_emplace(Function->USR, Depth + 1).second) {
        Next[Function->USR] = Call;
        Queue.push_back(Function->USR);
      }
  }
  Chains Result;
  for (const auto &Entry : Next) {
    std::vector<ChainHop> Chain;
    for (llvm::StringRef USR = Entry.getKey();;) {
      const FunctionSummary &Function = *Functions.lookup(USR);
      const FactCall &Call = *Next.lookup(USR);
      Chain.push_back({Function.Name, Call.CalleeName, Call.Site});
      if (Call.CalleeUSR.empty())
        break;
      USR = Call.CalleeUSR;
    }
    Result[Entry.getKey()] = std::move(Chain);
  }
  return Result;
}

/// The coroutines every call of which is under a deadline, raced against a
/// coroutine that waits on a timer (\p WaitsOnTimer; \p FailsOnTimer in an
/// `&&`), or in a function that is itself so bounded (not through itself):
/// worked forwards from the calls bounded where they are, each function
/// settled once.
llvm::StringSet<>
solveBoundedByCallers(llvm::ArrayRef<const TranslationUnitFacts *> Units,
                      const llvm::StringSet<> &WaitsOnTimer,
                      const llvm::StringSet<> &FailsOnTimer) {
  auto RacedAgainstTimer = [&](const DeadlineSite &Site) {
    return llvm::any_of(Site.Rivals, [&](const TimerRival &Rival) {
      return (Rival.MustFail ? FailsOnTimer : WaitsOnTimer).contains(Rival.USR);
    });
  };
  // For each callee, its calls not known to be bounded yet; a callee with a
  // call that can never be is left out.
  llvm::StringMap<unsigned> Waiting;
  llvm::StringSet<> Unbounded;
  // The callees whose calls wait on each caller.
  llvm::StringMap<std::vector<llvm::StringRef>> Waiters;
  for (const TranslationUnitFacts *Unit : Units)
    for (const DeadlineSite &Site : Unit->CoroutineCalls) {
      unsigned &Count = Waiting[Site.CalleeUSR];
      if (Site.Bounded || RacedAgainstTimer(Site))
        continue;
      if (Site.CallerUSR.empty() || Site.CallerUSR == Site.CalleeUSR) {
        Unbounded.insert(Site.CalleeUSR);
        continue;
      }
      ++Count;
      Waiters[Site.CallerUSR].push_back(Site.CalleeUSR);
    }
  std::vector<llvm::StringRef> Ready;
  for (const auto &Entry : Waiting)
    if (Entry.getValue() == 0 && !Unbounded.contains(Entry.getKey()))
      Ready.push_back(Entry.getKey());
  llvm::StringSet<> Bounded;
  while (!Ready.empty()) {
    const llvm::StringRef Callee = Ready.back();
    Ready.pop_back();
    Bounded.insert(Callee);
    auto Found = Waiters.find(Callee);
    if (Found == Waiters.end())
      continue;
    for (llvm::StringRef Waiter : Found->second)
      if (--Waiting[Waiter] == 0 && !Unbounded.contains(Waiter))
        Ready.push_back(Waiter);
  }
  return Bounded;
}

/// The functions that a watchdog of some unit calls, itself or through
/// functions of other units that call them (a reaper in one file, calling a
/// member in a second that calls a helper in a third).
llvm::StringSet<>
calledByWatchdog(llvm::ArrayRef<const TranslationUnitFacts *> Units) {
  llvm::StringMap<std::vector<llvm::StringRef>> Calls;
  for (const TranslationUnitFacts *Unit : Units)
    for (const auto &[Function, Callee] : Unit->CloseCalls)
      Calls[Function].push_back(Callee);
  llvm::StringSet<> Called;
  std::vector<llvm::StringRef> Pending;
  for (const TranslationUnitFacts *Unit : Units)
    for (const std::string &USR : Unit->WatchdogCalls)
      if (Called.insert(USR).second)
        Pending.push_back(USR);
  while (!Pending.empty()) {
    const llvm::StringRef Function = Pending.back();
    Pending.pop_back();
    if (auto Found = Calls.find(Function); Found != Calls.end())
      for (llvm::StringRef Callee : Found->second)
        if (Called.insert(Callee).second)
          Pending.push_back(Callee);
  }
  return Called;
}

/// The member streams that a function a watchdog calls closes.
llvm::StringSet<>
solveWatched(llvm::ArrayRef<const TranslationUnitFacts *> Units) {
  const llvm::StringSet<> CalledByWatchdog = calledByWatchdog(Units);
  llvm::StringSet<> Watched;
  for (const TranslationUnitFacts *Unit : Units)
    for (const StreamClose &Close : Unit->StreamCloses)
      if (CalledByWatchdog.contains(Close.FunctionUSR))
        Watched.insert(Close.StreamUSR);
  return Watched;
}

/// How facts files and digests name each kind of fact.
llvm::StringRef kindName(FactKind Kind) {
  switch (Kind) {
  case FactKind::Blocks:
    return "blocks";
  case FactKind::Spawns:
    return "spawns";
  case FactKind::BoundedByCallers:
    return "bounded-by-callers";
  case FactKind::RunsLoop:
    return "runs-loop";
  case FactKind::Watched:
    return "watched";
  case FactKind::WaitsOnTimer:
    return "waits-on-timer";
  case FactKind::FailsOnTimer:
    return "fails-on-timer";
  }
  llvm_unreachable("a kind of fact without a name");
}

std::optional<FactKind> kindNamed(llvm::StringRef Name) {
  for (FactKind Kind :
       {FactKind::Blocks, FactKind::Spawns, FactKind::BoundedByCallers,
        FactKind::RunsLoop, FactKind::Watched, FactKind::WaitsOnTimer,
        FactKind::FailsOnTimer})
    if (kindName(Kind) == Name)
      return Kind;
  return std::nullopt;
}

} // namespace

ProgramFacts solveFacts(llvm::ArrayRef<const TranslationUnitFacts *> Units) {
  llvm::StringMap<const FunctionSummary *> Functions;
  for (const TranslationUnitFacts *Unit : Units)
    for (const FunctionSummary &Function : Unit->Functions)
      Functions.try_emplace(Function.USR, &Function);
  ProgramFacts Facts;
  Facts.Blocking = solveChains(Functions, &FunctionSummary::Blocks);
  Facts.Spawning = solveChains(Functions, &FunctionSummary::Spawns);
  Facts.LoopRunning = solveChains(Functions, &FunctionSummary::RunsLoop);
  for (const TranslationUnitFacts *Unit : Units)
    for (const TimerCoroutine &Coroutine : Unit->TimerCoroutines) {
      Facts.WaitsOnTimer.insert(Coroutine.USR);
      if (Coroutine.Throws)
        Facts.FailsOnTimer.insert(Coroutine.USR);
    }
  Facts.BoundedByCallers =
      solveBoundedByCallers(Units, Facts.WaitsOnTimer, Facts.FailsOnTimer);
  Facts.Watched = solveWatched(Units);
  return Facts;
}

bool dependsOnFacts(const TranslationUnitFacts &Asked,
                    const ProgramFacts &Facts) {
  return llvm::any_of(Asked.Asked,
                      [&](const AskedFact &A) { return Facts.holds(A); });
}

std::string factsDigest(const TranslationUnitFacts &Asked,
                        const ProgramFacts &Facts) {
  std::vector<AskedFact> Questions = Asked.Asked;
  llvm::sort(Questions);
  Questions.erase(std::unique(Questions.begin(), Questions.end()),
                  Questions.end());
  llvm::SHA256 Hash;
  auto Add = [&](llvm::StringRef Part) {
    Hash.update(Part);
    Hash.update(llvm::ArrayRef<uint8_t>{0});
  };
  for (const AskedFact &Question : Questions) {
    if (!Facts.holds(Question))
      continue;
    Add(kindName(Question.Kind));
    Add(Question.USR);
    if (const std::vector<ChainHop> *Chain = Facts.chain(Question))
      for (const ChainHop &Hop : *Chain) {
        Add(Hop.Caller);
        Add(Hop.Callee);
        Add(Hop.Site.File);
        Add(std::to_string(Hop.Site.Line) + ":" +
            std::to_string(Hop.Site.Column));
      }
  }
  return llvm::toHex(Hash.final(), /*LowerCase=*/true);
}

namespace {

json::Value toJson(const FactLocation &Where) {
  return json::Array{Where.File, Where.Line, Where.Column};
}

json::Value toJson(const FactCall &Call) {
  return json::Array{Call.CalleeUSR, Call.CalleeName, toJson(Call.Site)};
}

std::optional<FactLocation> locationFromJson(const json::Value *Value) {
  const json::Array *Array = Value ? Value->getAsArray() : nullptr;
  if (!Array || Array->size() != 3)
    return std::nullopt;
  std::optional<llvm::StringRef> File = (*Array)[0].getAsString();
  std::optional<int64_t> Line = (*Array)[1].getAsInteger();
  std::optional<int64_t> Column = (*Array)[2].getAsInteger();
  if (!File || !Line || !Column || *Line < 0 || *Column < 0)
    return std::nullopt;
  return FactLocation{File->str(), static_cast<unsigned>(*Line),
                      static_cast<unsigned>(*Column)};
}

std::optional<FactCall> callFromJson(const json::Value &Value) {
  const json::Array *Array = Value.getAsArray();
  if (!Array || Array->size() != 3)
    return std::nullopt;
  std::optional<llvm::StringRef> USR = (*Array)[0].getAsString();
  std::optional<llvm::StringRef> Name = (*Array)[1].getAsString();
  std::optional<FactLocation> Site = locationFromJson(&(*Array)[2]);
  if (!USR || !Name || !Site)
    return std::nullopt;
  return FactCall{USR->str(), Name->str(), std::move(*Site)};
}

json::Value toJson(const CallFact &Fact) {
  json::Array Through;
  for (const FactCall &Call : Fact.Through)
    Through.push_back(toJson(Call));
  json::Object Object{{"through", std::move(Through)}};
  if (Fact.Own)
    Object["own"] = toJson(*Fact.Own);
  return Object;
}

std::optional<CallFact> callFactFromJson(const json::Value *Value) {
  const json::Object *Object = Value ? Value->getAsObject() : nullptr;
  const json::Array *Through = Object ? Object->getArray("through") : nullptr;
  if (!Through)
    return std::nullopt;
  CallFact Fact;
  if (const json::Value *Own = Object->get("own")) {
    Fact.Own = callFromJson(*Own);
    if (!Fact.Own)
      return std::nullopt;
  }
  for (const json::Value &Call : *Through) {
    std::optional<FactCall> Parsed = callFromJson(Call);
    if (!Parsed)
      return std::nullopt;
    Fact.Through.push_back(std::move(*Parsed));
  }
  return Fact;
}

} // namespace

json::Value toJson(const TranslationUnitFacts &Facts) {
  json::Array Functions;
  for (const FunctionSummary &Function : Facts.Functions)
    Functions.push_back(json::Object{{"usr", Function.USR},
                                     {"name", Function.Name},
                                     {"qualified", Function.QualifiedName},
                                     {"at", toJson(Function.Definition)},
                                     {"blocks", toJson(Function.Blocks)},
                                     {"spawns", toJson(Function.Spawns)},
                                     {"runs-loop", toJson(Function.RunsLoop)}});
  json::Array Calls;
  for (const DeadlineSite &Site : Facts.CoroutineCalls) {
    json::Array Rivals;
    for (const TimerRival &Rival : Site.Rivals)
      Rivals.push_back(json::Array{Rival.USR, Rival.MustFail});
    Calls.push_back(json::Array{Site.CalleeUSR, Site.CallerUSR, Site.Bounded,
                                std::move(Rivals)});
  }
  json::Array Closes;
  for (const StreamClose &Close : Facts.StreamCloses)
    Closes.push_back(
        json::Array{Close.FunctionUSR, Close.StreamUSR, Close.StreamName});
  json::Array CloseCalls;
  for (const auto &[Function, Callee] : Facts.CloseCalls)
    CloseCalls.push_back(json::Array{Function, Callee});
  json::Array WatchdogCalls;
  for (const std::string &USR : Facts.WatchdogCalls)
    WatchdogCalls.push_back(USR);
  json::Array TimerCoroutines;
  for (const TimerCoroutine &Coroutine : Facts.TimerCoroutines)
    TimerCoroutines.push_back(json::Array{Coroutine.USR, Coroutine.Throws});
  json::Array Asked;
  for (const AskedFact &Question : Facts.Asked)
    Asked.push_back(json::Array{kindName(Question.Kind), Question.USR});
  return json::Object{{"functions", std::move(Functions)},
                      {"coroutine-calls", std::move(Calls)},
                      {"stream-closes", std::move(Closes)},
                      {"close-calls", std::move(CloseCalls)},
                      {"watchdog-calls", std::move(WatchdogCalls)},
                      {"timer-coroutines", std::move(TimerCoroutines)},
                      {"asked", std::move(Asked)}};
}

std::optional<TranslationUnitFacts> factsFromJson(const json::Value &Value) {
  const json::Object *Object = Value.getAsObject();
  const json::Array *Functions =
      Object ? Object->getArray("functions") : nullptr;
  const json::Array *Asked = Object ? Object->getArray("asked") : nullptr;
  const json::Array *Calls =
      Object ? Object->getArray("coroutine-calls") : nullptr;
  const json::Array *Closes =
      Object ? Object->getArray("stream-closes") : nullptr;
  const json::Array *CloseCalls =
      Object ? Object->getArray("close-calls") : nullptr;
  const json::Array *WatchdogCalls =
      Object ? Object->getArray("watchdog-calls") : nullptr;
  const json::Array *TimerCoroutines =
      Object ? Object->getArray("timer-coroutines") : nullptr;
  if (!Functions || !Asked || !Calls || !Closes || !CloseCalls ||
      !WatchdogCalls || !TimerCoroutines)
    return std::nullopt;
  TranslationUnitFacts Facts;
  for (const json::Value &Entry : *Functions) {
    const json::Object *Function = Entry.getAsObject();
    if (!Function)
      return std::nullopt;
    std::optional<llvm::StringRef> USR = Function->getString("usr");
    std::optional<llvm::StringRef> Name = Function->getString("name");
    std::optional<llvm::StringRef> Qualified = Function->getString("qualified");
    std::optional<FactLocation> At = locationFromJson(Function->get("at"));
    std::optional<CallFact> Blocks = callFactFromJson(Function->get("blocks"));
    std::optional<CallFact> Spawns = callFactFromJson(Function->get("spawns"));
    std::optional<CallFact> RunsLoop =
        callFactFromJson(Function->get("runs-loop"));
    if (!USR || !Name || !Qualified || !At || !Blocks || !Spawns || !RunsLoop)
      return std::nullopt;
    Facts.Functions.push_back({USR->str(), Name->str(), Qualified->str(),
                               std::move(*At), std::move(*Blocks),
                               std::move(*Spawns), std::move(*RunsLoop)});
  }
  for (const json::Value &Call : *Calls) {
    const json::Array *Site = Call.getAsArray();
    if (!Site || Site->size() != 4)
      return std::nullopt;
    std::optional<llvm::StringRef> Callee = (*Site)[0].getAsString();
    std::optional<llvm::StringRef> Caller = (*Site)[1].getAsString();
    std::optional<bool> Bounded = (*Site)[2].getAsBoolean();
    const json::Array *Rivals = (*Site)[3].getAsArray();
    if (!Callee || !Caller || !Bounded || !Rivals)
      return std::nullopt;
    DeadlineSite &Read = Facts.CoroutineCalls.emplace_back(
        DeadlineSite{Callee->str(), Caller->str(), *Bounded, {}});
    for (const json::Value &Entry : *Rivals) {
      const json::Array *Rival = Entry.getAsArray();
      std::optional<llvm::StringRef> USR = Rival && Rival->size() == 2
                                               ? (*Rival)[0].getAsString()
                                               : std::nullopt;
      std::optional<bool> MustFail = Rival && Rival->size() == 2
                                         ? (*Rival)[1].getAsBoolean()
                                         : std::nullopt;
      if (!USR || !MustFail)
        return std::nullopt;
      Read.Rivals.push_back({USR->str(), *MustFail});
    }
  }
  for (const json::Value &Close : *Closes) {
    const json::Array *Triple = Close.getAsArray();
    if (!Triple || Triple->size() != 3)
      return std::nullopt;
    std::optional<llvm::StringRef> Function = (*Triple)[0].getAsString();
    std::optional<llvm::StringRef> Stream = (*Triple)[1].getAsString();
    std::optional<llvm::StringRef> Name = (*Triple)[2].getAsString();
    if (!Function || !Stream || !Name)
      return std::nullopt;
    Facts.StreamCloses.push_back({Function->str(), Stream->str(), Name->str()});
  }
  for (const json::Value &Call : *CloseCalls) {
    const json::Array *Pair = Call.getAsArray();
    if (!Pair || Pair->size() != 2)
      return std::nullopt;
    std::optional<llvm::StringRef> Function = (*Pair)[0].getAsString();
    std::optional<llvm::StringRef> Callee = (*Pair)[1].getAsString();
    if (!Function || !Callee)
      return std::nullopt;
    Facts.CloseCalls.emplace_back(Function->str(), Callee->str());
  }
  for (const json::Value &Call : *WatchdogCalls) {
    std::optional<llvm::StringRef> USR = Call.getAsString();
    if (!USR)
      return std::nullopt;
    Facts.WatchdogCalls.push_back(USR->str());
  }
  for (const json::Value &Coroutine : *TimerCoroutines) {
    const json::Array *Pair = Coroutine.getAsArray();
    if (!Pair || Pair->size() != 2)
      return std::nullopt;
    std::optional<llvm::StringRef> USR = (*Pair)[0].getAsString();
    std::optional<bool> Throws = (*Pair)[1].getAsBoolean();
    if (!USR || !Throws)
      return std::nullopt;
    Facts.TimerCoroutines.push_back({USR->str(), *Throws});
  }
  for (const json::Value &Question : *Asked) {
    const json::Array *Pair = Question.getAsArray();
    if (!Pair || Pair->size() != 2)
      return std::nullopt;
    std::optional<llvm::StringRef> Kind = (*Pair)[0].getAsString();
    std::optional<FactKind> Known = Kind ? kindNamed(*Kind) : std::nullopt;
    std::optional<llvm::StringRef> USR = (*Pair)[1].getAsString();
    if (!Known || !USR)
      return std::nullopt;
    Facts.Asked.push_back({*Known, USR->str()});
  }
  return Facts;
}

unsigned explainFacts(const UnitSummaries &Units,
                      llvm::ArrayRef<std::string> Names,
                      llvm::function_ref<std::string(llvm::StringRef)> Show,
                      llvm::raw_ostream &OS) {
  std::vector<const TranslationUnitFacts *> All;
  for (const auto &Unit : Units)
    All.push_back(&Unit.second);
  const ProgramFacts Facts = solveFacts(All);
  auto Named = [&](const FunctionSummary &Function) {
    const llvm::StringRef Qualified = Function.QualifiedName;
    return llvm::any_of(Names, [&](const std::string &Name) {
      return Qualified == Name ||
             (Qualified.ends_with(Name) &&
              Qualified.drop_back(Name.size()).ends_with("::"));
    });
  };
  auto Where = [&](const FactLocation &At) {
    return Show(At.File) + ":" + std::to_string(At.Line) + ":" +
           std::to_string(At.Column);
  };
  const llvm::StringSet<> CalledByWatchdog = calledByWatchdog(All);
  unsigned Matched = 0;
  llvm::StringSet<> Shown;
  for (const TranslationUnitFacts *Unit : All)
    for (const FunctionSummary &Function : Unit->Functions) {
      if (!Named(Function) || !Shown.insert(Function.USR).second)
        continue;
      ++Matched;
      OS << Function.QualifiedName << " (" << Where(Function.Definition) << ")";
      auto PrintChain = [&](const std::vector<ChainHop> &Chain) {
        for (const ChainHop &Hop : Chain)
          OS << "  " << Where(Hop.Site) << ": " << Hop.Caller << " calls "
             << Hop.Callee << "\n";
      };
      if (auto Chain = Facts.Blocking.find(Function.USR);
          Chain != Facts.Blocking.end()) {
        OS << ": blocks\n";
        PrintChain(Chain->second);
      } else {
        OS << ": does not block";
        if (!Function.Blocks.Through.empty()) {
          OS << "; it calls";
          for (const FactCall &Call : Function.Blocks.Through)
            OS << " " << Call.CalleeName;
          OS << ", none of which blocks as far as the linted units show";
        }
        OS << "\n";
      }
      if (auto Chain = Facts.Spawning.find(Function.USR);
          Chain != Facts.Spawning.end()) {
        OS << "  and it starts a task or a thread that outlives it each time "
              "it is called:\n";
        PrintChain(Chain->second);
      }
      if (Facts.BoundedByCallers.contains(Function.USR))
        OS << "  and every call of it is under a deadline\n";
      if (Facts.WaitsOnTimer.contains(Function.USR))
        OS << "  and it waits on a timer: raced against an operation, it is "
              "the operation's deadline\n";
      if (auto Chain = Facts.LoopRunning.find(Function.USR);
          Chain != Facts.LoopRunning.end()) {
        OS << "  and it runs an event loop until the loop's work is done:\n";
        PrintChain(Chain->second);
      }
      if (CalledByWatchdog.contains(Function.USR)) {
        llvm::SmallVector<llvm::StringRef, 2> Closed;
        for (const TranslationUnitFacts *Closer : All)
          for (const StreamClose &Close : Closer->StreamCloses)
            if (Close.FunctionUSR == Function.USR &&
                !llvm::is_contained(Closed, Close.StreamName))
              Closed.push_back(Close.StreamName);
        if (!Closed.empty()) {
          OS << "  and a watchdog calls it: what it closes is watched in every "
                "file:";
          for (llvm::StringRef Name : Closed)
            OS << " '" << Name << "'";
          OS << "\n";
        }
      }
    }
  return Matched;
}

namespace {
/// What identifies a facts file of this format.
constexpr llvm::StringLiteral FactsFormat = "tether-facts-8";
} // namespace

void writeFacts(UnitSummaries Units, llvm::raw_ostream &OS) {
  llvm::sort(Units,
             [](const auto &A, const auto &B) { return A.first < B.first; });
  json::Array Array;
  for (const auto &[File, Facts] : Units)
    Array.push_back(json::Object{{"file", File}, {"facts", toJson(Facts)}});
  OS << json::Value(
      json::Object{{"format", FactsFormat}, {"units", std::move(Array)}});
}

llvm::Expected<UnitSummaries> readFacts(llvm::StringRef Path) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Path + ": " + Why);
  };
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return Fail("cannot read it: " + Text.getError().message());
  llvm::Expected<json::Value> Parsed = json::parse((*Text)->getBuffer());
  if (!Parsed)
    return Fail("not JSON: " + llvm::toString(Parsed.takeError()));
  const json::Object *Object = Parsed->getAsObject();
  if (!Object || Object->getString("format") != FactsFormat)
    return Fail("not a facts file of this tether (format '" + FactsFormat +
                "'): write it again with tether check --write-facts");
  const json::Array *Units = Object->getArray("units");
  if (!Units)
    return Fail("it has no units");
  UnitSummaries Result;
  for (const json::Value &Unit : *Units) {
    const json::Object *Entry = Unit.getAsObject();
    std::optional<llvm::StringRef> File =
        Entry ? Entry->getString("file") : std::nullopt;
    const json::Value *Facts = Entry ? Entry->get("facts") : nullptr;
    std::optional<TranslationUnitFacts> Read =
        Facts ? factsFromJson(*Facts) : std::nullopt;
    if (!File || !Read)
      return Fail("a unit is damaged");
    Result.emplace_back(File->str(), std::move(*Read));
  }
  return Result;
}

llvm::Error mergeFacts(llvm::ArrayRef<std::string> Inputs,
                       llvm::raw_ostream &OS) {
  UnitSummaries Merged;
  llvm::StringSet<> Seen;
  for (const std::string &Input : Inputs) {
    llvm::Expected<UnitSummaries> Units = readFacts(Input);
    if (!Units)
      return Units.takeError();
    for (auto &[File, Facts] : *Units)
      if (Seen.insert(File).second)
        Merged.emplace_back(std::move(File), std::move(Facts));
  }
  writeFacts(std::move(Merged), OS);
  return llvm::Error::success();
}

} // namespace tether
