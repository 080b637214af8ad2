// Probing: connect to a target, send PING, wait for the reply, time it.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include <tether/asio.hpp>

#include "healthd/config.hpp"

namespace healthd {

struct result {
  bool healthy = false;
  std::chrono::milliseconds latency{0};
  std::string error;
};

/// The latest result of every target, shared by the prober and the server.
class status_board {
public:
  void record(const std::string& name, result r);
  std::map<std::string, result> snapshot() const;

private:
  mutable std::mutex mutex_;
  std::map<std::string, result> results_;
};

tether::task<result> probe(const target& t);
tether::task<result> probe_with_deadline(const target& t, std::chrono::milliseconds limit);
tether::task<void> probe_all(const config& cfg, status_board& board);
tether::task<void> probe_forever(const config& cfg, status_board& board);

}  // namespace healthd
