#include "healthd/config.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace healthd {

config load_config(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot open " + path);
  config cfg;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#')
      continue;
    std::istringstream fields(line);
    target t;
    if (fields >> t.name >> t.host >> t.port)
      cfg.targets.push_back(std::move(t));
  }
  return cfg;
}

}  // namespace healthd
