#include "jobs.hpp"

asio::awaitable<void> first() { co_await nap(); }

void start(asio::io_context &io) { asio::co_spawn(io, first(), asio::detached); }
