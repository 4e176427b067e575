#!/usr/bin/env bash
# Installs what the build and the tests need, only when it is missing. Non-interactive; needs root
# or sudo for the Debian packages. Safe to run again: it does nothing when all is present.
#
#   scripts/setup.sh            packages for building and running the portal
#   scripts/setup.sh --test     also the packages the test suite and the benchmarks use
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

packages=(
  build-essential cmake pkg-config ninja-build
  emscripten node-acorn
  libimgui-dev nlohmann-json3-dev doctest-dev libcpp-httplib-dev
  libsqlite3-dev libsodium-dev zlib1g-dev libssl-dev libbrotli-dev
  fonts-noto-core python3-fonttools groff-base
  dpkg-dev xz-utils ca-certificates
)
# Node.js may come from elsewhere than Debian (with its own npm): ask for the commands, not packages.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
if [ "$want_test" = 1 ]; then
  # libreoffice-writer-nogui, libxml2-utils (xmllint) and unzip check the policy's DOCX (docs/policy.md).
  packages+=(chromium wrk poppler-utils sqlite3 curl libreoffice-writer-nogui libxml2-utils unzip)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
}

export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

# ImGui's core sources (imgui.cpp and friends) for the wasm build: Debian's libimgui-dev ships only
# headers and a native library, its source package has the rest. Fetched into the build tree,
# which git ignores.
imgui_dir=build/_deps/imgui
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  src_list=/etc/apt/sources.list.d/naervaer-deb-src.sources
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    base=/etc/apt/sources.list.d/debian.sources
    if [ -f "$base" ]; then
      sed 's/^Types:.*/Types: deb-src/' "$base" | as_root tee "$src_list" >/dev/null
    else
      grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | as_root tee /etc/apt/sources.list.d/naervaer-deb-src.list >/dev/null
    fi
    as_root apt-get update -qq
  fi
  mkdir -p build/_deps/src
  (cd build/_deps/src && apt-get source --download-only imgui >/dev/null)
  tarball=$(ls build/_deps/src/imgui_1.86*.orig.tar.* | head -n 1)
  rm -rf "$imgui_dir" && mkdir -p "$imgui_dir"
  tar -xf "$tarball" -C "$imgui_dir" --strip-components=1
  echo "setup: ImGui sources in $imgui_dir"
fi

# Browser tests drive Debian's Chromium through npm's playwright-core (never its own browser).
if [ "$want_test" = 1 ] && [ ! -d tests/e2e/node_modules/playwright-core ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
