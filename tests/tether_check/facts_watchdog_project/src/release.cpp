#include "client.hpp"

namespace net {
void client::release() { backup.close(); }
} // namespace net
