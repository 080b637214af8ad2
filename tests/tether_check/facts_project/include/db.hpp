#pragma once
#include <string>

namespace db {
std::string load_config(const std::string &path);
int ping();
} // namespace db
