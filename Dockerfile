# tether in a container: the tools (tether, tether-tidy, tether-clangd, the clang-tidy plugin),
# the runtime and the docs, installed from the .deb this recipe builds, on Debian 12.
#
#   docker build -t tether .
#   docker run --rm -v "$PWD:/src" -w /src tether tether check -p build
#
# The project to lint is mounted at /src and must have a compile database (build/) made for
# this image's paths; clang++-19 and libasio-dev are in the image, so a CMake project
# configures inside it:
#   docker run --rm -v "$PWD:/src" -w /src tether \
#     sh -c 'cmake -S . -B build -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 && tether check -p build'
# Add the build dependencies of your own project in an image FROM this one.

FROM debian:12 AS build
COPY . /tether
WORKDIR /tether
# The Debian packages tether builds with, its .deb configured for /usr.
RUN apt-get update \
 && apt-get install -y --no-install-recommends cmake ninja-build python3 git dpkg-dev file \
      clang-19 clang-tidy-19 clangd-19 libclang-19-dev llvm-19-dev llvm-19-tools \
      libclang-rt-19-dev libasio-dev \
 && cmake -S . -B /build -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_INSTALL_PREFIX=/usr \
      -DTETHER_BUILD_TESTS=OFF -DTETHER_BUILD_BENCH=OFF \
 && cmake --build /build \
 && cd /build && cpack -G DEB

FROM debian:12
COPY --from=build /build/tether_*.deb /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/tether_*.deb clang-19 cmake ninja-build git \
 && rm -rf /var/lib/apt/lists/* /tmp/tether_*.deb
WORKDIR /src
CMD ["tether", "check", "--help"]
