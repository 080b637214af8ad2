#include "run.hpp"
#include <cstdio>

namespace loop {
std::size_t run(io_context &io) {
  std::size_t steps = run_steps(io);
  std::printf("%zu steps\n", steps);
  return steps;
}

std::size_t run_steps(io_context &io) {
  std::size_t steps = 0;
  for (; io.run_one(); ++steps)
    ;
  return steps;
}

void run_scratch() {
  io_context scratch;
  scratch.run();
}

void run_pooled(io_context &first, io_context &second) {
  std::thread one([&first] { first.run(); });
  std::thread two([&second] { second.run(); });
  one.join();
  two.join();
}
} // namespace loop
