#!/usr/bin/env bash
# Installs whatever GasDesk needs that this machine lacks (Debian 12 / Ubuntu), and nothing else:
# system libraries for Tauri, Rust, Node.js, the npm packages, tauri-driver for the e2e tests.
# Safe to run again: each step checks first. Needs root or sudo only when something is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev build-essential libssl-dev
  pkg-config xvfb webkit2gtk-driver procps x11-apps
  # A Devanagari font: the kiosk's Hindi screens (and the e2e screenshots of them) need glyphs.
  fonts-lohit-deva
)
NODE_MIN_MAJOR=20
NODE_MIN_MINOR=19

missing_apt_packages() {
  local pkg
  for pkg in "$@"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]]; then
      printf '%s\n' "$pkg"
    fi
  done
}

apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# 1. System packages.
mapfile -t missing < <(missing_apt_packages "${APT_PACKAGES[@]}")
if ((${#missing[@]} > 0)); then
  step "setup: apt-get install ${missing[*]}" apt_install "${missing[@]}"
else
  echo "setup: system packages present"
fi

# 2. Rust.
if ! command -v cargo >/dev/null 2>&1; then
  mapfile -t missing < <(missing_apt_packages curl ca-certificates)
  if ((${#missing[@]} > 0)); then
    step "setup: apt-get install ${missing[*]}" apt_install "${missing[@]}"
  fi
  install_rust() {
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
  }
  step "setup: install Rust (rustup)" install_rust
  PATH="$HOME/.cargo/bin:$PATH"
else
  echo "setup: Rust present ($(cargo --version))"
fi
# rustup installs without these components when asked for a minimal profile elsewhere.
if command -v rustup >/dev/null 2>&1; then
  for component in clippy rustfmt; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      step "setup: rustup component add $component" rustup component add "$component"
    fi
  done
fi

# 3. Node.js and npm.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  step "setup: apt-get install nodejs npm" apt_install nodejs npm
fi
node_version="$(node -p 'process.versions.node')"
IFS=. read -r node_major node_minor _ <<<"$node_version"
if ((node_major < NODE_MIN_MAJOR || (node_major == NODE_MIN_MAJOR && node_minor < NODE_MIN_MINOR))); then
  echo "setup: Node.js $node_version is too old: the UI build needs $NODE_MIN_MAJOR.$NODE_MIN_MINOR or newer." >&2
  echo "       Install a newer Node.js (e.g. from your distribution's backports or nodesource) and re-run." >&2
  exit 1
fi
echo "setup: Node.js $node_version present"

# 4. npm packages: when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "setup: npm ci" npm ci --no-audit --no-fund
else
  echo "setup: npm packages up to date"
fi

# 5. tauri-driver (WebDriver for the real app window; the e2e tests use it).
if ! command -v tauri-driver >/dev/null 2>&1; then
  step "setup: cargo install tauri-driver" cargo install tauri-driver --locked
else
  echo "setup: tauri-driver present"
fi
