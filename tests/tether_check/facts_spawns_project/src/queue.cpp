#include "jobs.hpp"

namespace jobs {
void enqueue(io_context &io, std::string item) { submit(io, std::move(item)); }
} // namespace jobs
