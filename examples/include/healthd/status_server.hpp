// The status endpoint: one line per target for every client that connects.
#pragma once

#include <tether/asio.hpp>

#include "healthd/probe.hpp"

namespace healthd {

tether::task<void> serve_status(unsigned short port, status_board& board);

}  // namespace healthd
