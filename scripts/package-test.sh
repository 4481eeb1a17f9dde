#!/usr/bin/env bash
# The package test (decision 0019): installs the .deb that scripts/build-release.sh made, with
# apt-get as an office PC would, runs e2e/package.e2e.ts against the installed /usr/bin/gasdesk
# under Xvfb (scripts/e2e.sh), which books once and then removes the package, and removes the
# package here too whatever happens. Needs root: skipped otherwise, saying why.
# Test counts: $GASDESK_LOG_DIR/package-results.log (absent when skipped).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

PACKAGE=gasdesk
RESULTS="$GASDESK_LOG_DIR/package-results.log"
# Written while this test's package is installed: a later run knows a package left behind by
# an interrupted run (kill -9, power cut) from one somebody installed for real.
MARKER=/var/tmp/gasdesk-package-test.installed
rm -f "$RESULTS"

# Installing a package is root's: the issue's "root, skipped with a printed reason otherwise".
# (Re-running the whole e2e under sudo would leave root-owned logs in a developer's checkout.)
if [[ $EUID -ne 0 ]]; then
  echo "package test skipped: needs root to install a .deb (run scripts/test.sh as root)"
  exit 0
fi

release="$(release_dir)"
shopt -s nullglob
debs=("$release"/bundle/deb/"${PACKAGE}"_*.deb)
shopt -u nullglob
if ((${#debs[@]} != 1)); then
  echo "package test: expected one $release/bundle/deb/${PACKAGE}_*.deb, found ${#debs[@]}: run scripts/build-release.sh" >&2
  exit 1
fi
deb="${debs[0]}"

# Any state dpkg keeps but "not installed" (half-installed, unpacked…) counts: it is removed.
installed() {
  local status
  status="$(dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null || true)"
  [[ -n "$status" && "$status" != *not-installed* && "$status" != *config-files* ]]
}
remove_package() {
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -q "$PACKAGE"
}

if installed; then
  if [[ -e "$MARKER" ]]; then
    step "package: remove the package an interrupted run left" remove_package
  else
    echo "package test skipped: a $PACKAGE package this test did not install is on this machine ($(dpkg-query -W -f='${Version}' "$PACKAGE")); remove it first to run the test"
    exit 0
  fi
fi

work="$(mktemp -d /tmp/gasdesk-package-test.XXXXXX)"
clean_up() {
  local rc=$?
  if installed; then
    remove_package >"$GASDESK_LOG_DIR/package-remove.log" 2>&1 || echo "package test: could not remove $PACKAGE: see $GASDESK_LOG_DIR/package-remove.log" >&2
  fi
  installed || rm -f "$MARKER"
  rm -rf "$work"
  exit "$rc"
}
trap clean_up EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# apt resolves the package's Depends from its lists; a fresh machine may have none yet.
install_package() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$deb" || { apt-get update -q && apt-get install -y -q "$deb"; }
}
touch "$MARKER"
step "package: apt-get install ./$(basename "$deb")" install_package

# The app's data folder (no --db: the default one) in a temporary XDG_DATA_HOME, so the test
# never meets the data of a real installation on this machine.
mkdir -p "$work/data"
XDG_DATA_HOME="$work/data" GASDESK_BIN=/usr/bin/gasdesk GASDESK_PACKAGE_DEB="$deb" \
  GASDESK_RELEASE_BIN="$release/gasdesk" bash "$REPO_ROOT/scripts/e2e.sh" --no-build package
cp "$GASDESK_LOG_DIR/e2e-results.log" "$RESULTS"
