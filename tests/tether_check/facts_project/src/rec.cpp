#include "io.hpp"
#include "svc.hpp"

namespace rec {
int odd(int n) {
  if (n == 0) {
    io::settle(1);
    return 0;
  }
  return even(n - 1);
}
} // namespace rec
