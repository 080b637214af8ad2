#include "jobs.hpp"
#include <vector>

void feed(jobs::io_context &io, const std::vector<std::string> &items) {
  for (const std::string &item : items)
    jobs::enqueue(io, item);
}

void feed_some(jobs::io_context &io, const std::vector<std::string> &items) {
  for (const std::string &item : items)
    jobs::maybe_submit(io, item, item.empty());
  for (int i = 0; i < 4; ++i)
    jobs::submit(io, "warm-up");
}
