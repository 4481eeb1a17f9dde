#!/usr/bin/env bash
# End-to-end tests through the real app: builds it (scripts/build-app.sh), starts a virtual
# display (Xvfb) and tauri-driver inside it, runs e2e/*.e2e.ts (vitest + WebdriverIO), and
# stops everything it started, however it ends. Screenshots and logs: e2e/artifacts/.
#   scripts/e2e.sh                    build, then run every e2e test
#   scripts/e2e.sh --no-build         test the binary already in target/debug
#   scripts/e2e.sh [--no-build] smoke only the test files whose names contain "smoke"
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ARTIFACTS="$REPO_ROOT/e2e/artifacts"
BIN="${GASDESK_BIN:-$REPO_ROOT/target/debug/gasdesk}"  # GASDESK_BIN: test another build (e.g. a release one)
mkdir -p "$ARTIFACTS"

build=1
if [[ "${1:-}" == "--no-build" ]]; then
  build=0
  shift
fi
filters=("$@")
if ((build)); then
  bash "$REPO_ROOT/scripts/build-app.sh"
fi
if [[ ! -x "$BIN" ]]; then
  echo "e2e: $BIN is missing: run scripts/build-app.sh" >&2
  exit 1
fi
for tool in Xvfb tauri-driver WebKitWebDriver; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "e2e: $tool is missing: run scripts/setup.sh" >&2
    exit 1
  fi
done

# Everything started here runs in its own process group (setsid), so stopping the group also
# stops what it spawned: tauri-driver -> WebKitWebDriver -> the app. Only groups that still
# have a live (non-zombie) member are signalled, so a finished group's id is never reused.
started=()
group_alive() {
  ps -eo pgid=,stat= | awk -v group="$1" '$1 == group && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}
stop_all() {
  local pid alive
  for pid in "${started[@]}"; do
    if group_alive "$pid"; then kill -TERM -- "-$pid" 2>/dev/null || true; fi
  done
  for _ in $(seq 50); do
    alive=0
    for pid in "${started[@]}"; do
      if group_alive "$pid"; then alive=1; fi
    done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${started[@]}"; do
    if group_alive "$pid"; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  done
  rm -f "${display_file:-}"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_log_and_fail() {
  echo "e2e: $1" >&2
  if [[ -s "$2" ]]; then
    echo "----- $2 -----" >&2
    tail -n 100 "$2" >&2
    echo "----- end -----" >&2
  fi
  exit 1
}

# A virtual display on a free display number; Xvfb writes the number once it is ready. Big
# enough for every window size the layout test sets (1920x1080 office, 1080x1920 kiosk).
# E2E_SCREEN: another size (a fullscreen kiosk window covers the whole screen).
display_file="$(mktemp)"
setsid Xvfb -displayfd 3 -screen 0 "${E2E_SCREEN:-1920x1920x24}" -nolisten tcp 3>"$display_file" >"$ARTIFACTS/xvfb.log" 2>&1 &
started+=("$!")
for _ in $(seq 100); do
  [[ -s "$display_file" ]] && break
  kill -0 "${started[0]}" 2>/dev/null || show_log_and_fail "Xvfb did not start" "$ARTIFACTS/xvfb.log"
  sleep 0.1
done
[[ -s "$display_file" ]] || show_log_and_fail "Xvfb gave no display number in 10 s" "$ARTIFACTS/xvfb.log"
export DISPLAY=":$(tr -d '[:space:]' <"$display_file")"
unset WAYLAND_DISPLAY
export GDK_BACKEND=x11
# Not WEBKIT_DISABLE_COMPOSITING_MODE=1: with WebKitGTK 2.50 under Xvfb it makes WebDriver
# screenshots hang, while the default (software) rendering draws the page fine.
unset WEBKIT_DISABLE_COMPOSITING_MODE
# No accessibility bus under Xvfb; keeps GTK from waiting for one.
export NO_AT_BRIDGE=1
echo "e2e: Xvfb on display $DISPLAY"

# Two free ports on loopback: tauri-driver's, and WebKitWebDriver's behind it.
read -r driver_port native_port < <(node -e '
  const net = require("node:net");
  const a = net.createServer().listen(0, "127.0.0.1", () => {
    const b = net.createServer().listen(0, "127.0.0.1", () => {
      console.log(a.address().port, b.address().port);
      a.close();
      b.close();
    });
  });')

setsid tauri-driver --port "$driver_port" --native-port "$native_port" >"$ARTIFACTS/tauri-driver.log" 2>&1 &
driver_pid=$!
started+=("$driver_pid")
for _ in $(seq 300); do
  if (: <>"/dev/tcp/127.0.0.1/$driver_port") 2>/dev/null; then break; fi
  kill -0 "$driver_pid" 2>/dev/null || show_log_and_fail "tauri-driver exited" "$ARTIFACTS/tauri-driver.log"
  sleep 0.1
done
(: <>"/dev/tcp/127.0.0.1/$driver_port") 2>/dev/null ||
  show_log_and_fail "tauri-driver not listening on port $driver_port after 30 s" "$ARTIFACTS/tauri-driver.log"
echo "e2e: tauri-driver on port $driver_port"

run_e2e() {
  GASDESK_BIN="$BIN" TAURI_DRIVER_PORT="$driver_port" E2E_ARTIFACTS="$ARTIFACTS" npm run test:e2e -- "${filters[@]}"
}
if ! step "e2e: tests through the real app window" run_e2e; then
  show_log_and_fail "tests failed" "$ARTIFACTS/tauri-driver.log"
fi
cp "$STEP_LOG" "$GASDESK_LOG_DIR/e2e-results.log"
echo "e2e: screenshots in e2e/artifacts/"
