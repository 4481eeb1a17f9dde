#!/usr/bin/env bash
# One command from a fresh Debian/Ubuntu machine to GasDesk on a demo database:
# installs what is missing, builds, creates the demo database once, opens the app.
#   ./scripts/run-demo.sh            office window
#   ./scripts/run-demo.sh --kiosk    kiosk window (fullscreen)
#   DB=/path/to/file.db ./scripts/run-demo.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

DB="${DB:-$REPO_ROOT/demo/gasdesk-demo.db}"

bash "$REPO_ROOT/scripts/setup.sh"
bash "$REPO_ROOT/scripts/build-app.sh"

if [[ -e "$DB" ]]; then
  echo "demo: using the existing database $DB (delete it for a fresh one)"
else
  mkdir -p "$(dirname "$DB")"
  step "demo: create the demo database $DB" target/debug/gasdesk demo --db "$DB"
fi

echo "demo: opening GasDesk (staff admin / admin12345; customers customer1... / pass1234)"
exec target/debug/gasdesk --db "$DB" "$@"
