#pragma once
#include <cstddef>
#include <thread>
#include <tether/tether.hpp>

namespace loop {
using tether::net::io_context;
// Runs the context until its work is done, logging each step.
std::size_t run(io_context &io);
// Steps it while it has work.
std::size_t run_steps(io_context &io);
// Runs a context of its own.
void run_scratch();
// Runs each context on a thread of its own until its work is done.
void run_pooled(io_context &first, io_context &second);
} // namespace loop
