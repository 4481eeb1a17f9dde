#!/usr/bin/env bash
# Builds the UI and a debug binary that serves it the way a release does (Tauri's
# custom-protocol feature: the UI is embedded, no dev server needed): target/debug/gasdesk.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

step "build: UI (vite build)" npm run build:ui
step "build: app (cargo build --features custom-protocol)" cargo build --features custom-protocol
echo "build: target/debug/gasdesk ready"
