#pragma once
#include <string>

namespace io {
std::string read_file(const std::string &path);
void settle(int ms);
} // namespace io
