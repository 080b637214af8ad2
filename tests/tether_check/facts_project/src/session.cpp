#include "db.hpp"
#include "svc.hpp"
#include <tether/tether.hpp>

using tether::task;

task<void> startup() {
  std::string text = db::load_config("app.conf");
  co_return;
}

task<void> warm() {
  svc::warm_up();
  co_return;
}

task<void> deeper() {
  svc::deep();
  co_return;
}

task<int> count() { co_return rec::even(4); }

template <class T> T with_config(T value) {
  db::load_config("templated.conf");
  return value;
}

task<int> templated() { co_return with_config(1); }

task<void> cached() {
  std::string text = svc::cached_config();
  co_return;
}

task<void> save(store &s) {
  s.save();
  co_return;
}

task<void> offloaded() {
  std::string text = co_await tether::offload([] { return db::load_config("off.conf"); });
}

task<int> pinged() { co_return db::ping(); }

void boot() { db::load_config("boot.conf"); }
