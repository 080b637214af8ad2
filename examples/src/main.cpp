// healthd: probes every target of a config file and serves their status.
//
//   healthd targets.conf
#include <cstdio>
#include <exception>

#include "healthd/config.hpp"
#include "healthd/probe.hpp"
#include "healthd/status_server.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: healthd CONFIG\n");
    return 2;
  }
  try {
    const healthd::config cfg = healthd::load_config(argv[1]);
    healthd::status_board board;
    asio::io_context io;
    asio::co_spawn(io, healthd::serve_status(cfg.status_port, board),
                   [](std::exception_ptr error) {
                     if (error)
                       std::rethrow_exception(error);
                   });
    // Bug (fire-and-forget): the prober's failure is never seen.
    asio::co_spawn(io, healthd::probe_forever(cfg, board), asio::detached);
    // Bug (dangling reference): the lambda is invoked in place, so the task
    // reads its captures from a closure destroyed at the end of the statement.
    asio::co_spawn(
        io,
        [&board, count = cfg.targets.size()]() -> tether::task<void> {
          board.record("healthd", {true, {}, std::to_string(count) + " targets"});
          co_return;
        }(),
        [](std::exception_ptr error) {
          if (error)
            std::rethrow_exception(error);
        });
    io.run();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "healthd: %s\n", error.what());
    return 1;
  }
}
