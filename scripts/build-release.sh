#!/usr/bin/env bash
# Builds the release app once: the UI, the optimised binary serving it (Tauri's custom-protocol
# feature) and the Linux packages Tauri makes without downloading anything (decision 0019):
#   target/release/gasdesk
#   target/release/bundle/deb/gasdesk_<version>_amd64.deb
#   target/release/bundle/rpm/gasdesk-<version>-1.x86_64.rpm
# (under $CARGO_TARGET_DIR instead of target/ when that is set). CI tests this very binary and
# package (scripts/test.sh), so nothing is built twice.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

# Packages of an earlier version (or product name) would sit beside the new ones.
rm -rf "$(release_dir)/bundle/deb" "$(release_dir)/bundle/rpm"
# `tauri build` runs the UI build itself (beforeBuildCommand); CI=true keeps it from asking
# anything. No signing, no updater artifacts.
step "build: release app and packages (tauri build --bundles deb,rpm)" \
  env CI=true npx --no-install tauri build --bundles deb,rpm
echo "build: $(release_dir)/gasdesk and its packages in $(release_dir)/bundle/ ready"
