#include "io.hpp"
#include <chrono>
#include <cstdio>
#include <thread>

namespace io {
std::string read_file(const std::string &path) {
  std::string text;
  if (std::FILE *file = std::fopen(path.c_str(), "r"))
    std::fclose(file);
  return text;
}

void settle(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
} // namespace io
