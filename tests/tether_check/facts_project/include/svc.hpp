#pragma once
#include "db.hpp"
#include <string>

namespace svc {
void warm_up();
void deep();
// Defined in a header: followed only with FollowCallsIntoHeaders.
inline std::string cached_config() { return db::load_config("cached.conf"); }
} // namespace svc

namespace rec {
int even(int n);
int odd(int n);
} // namespace rec

struct store {
  virtual ~store() = default;
  virtual void save();
};
