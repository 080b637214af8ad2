// The targets healthd probes, read from a file of "name host port" lines.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace healthd {

struct target {
  std::string name;
  std::string host;
  std::string port;
};

struct config {
  std::vector<target> targets;
  std::chrono::seconds interval{10};
  unsigned short status_port = 8080;
};

config load_config(const std::string& path);

}  // namespace healthd
