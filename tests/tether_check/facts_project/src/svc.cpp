#include "svc.hpp"
#include "io.hpp"
#include <cstdio>

namespace svc {
void warm_up() { db::load_config("warm.conf"); }
void deep() { warm_up(); }
} // namespace svc

namespace rec {
int even(int n) { return n == 0 ? 1 : odd(n - 1); }
} // namespace rec

// A virtual call may land in any override: not followed.
void store::save() { std::fopen("store.db", "w"); }
