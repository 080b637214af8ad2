#pragma once
#include <string>
#include <tether/tether.hpp>

namespace jobs {
using tether::net::io_context;
// Starts a task for the item and returns at once.
void submit(io_context &io, std::string item);
// Starts it through submit.
void enqueue(io_context &io, std::string item);
// Starts one only when asked to.
void maybe_submit(io_context &io, std::string item, bool now);
} // namespace jobs
