#include "jobs.hpp"
#include <cstdio>

namespace jobs {
tether::task<void> handle(std::string item) { co_return; }

void submit(io_context &io, std::string item) {
  tether::net::co_spawn(io, handle(std::move(item)), [](std::exception_ptr e) {
    if (e)
      std::puts("a job failed");
  });
}

void maybe_submit(io_context &io, std::string item, bool now) {
  if (now)
    submit(io, std::move(item));
}
} // namespace jobs
