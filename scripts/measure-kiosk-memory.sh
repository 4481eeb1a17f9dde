#!/usr/bin/env bash
# Memory of a kiosk PC's whole app, every process, as PSS (docs/BENCHMARKS.md, "Kiosk PC
# memory"). Starts an office server (`gasdesk serve` on a demo database, 127.0.0.1), and for
# each run and each variant pairs a new kiosk and runs e2e/kiosk-memory.e2e.ts through
# scripts/e2e.sh: the kiosk window (`gasdesk --kiosk --server … --pairing …`) under Xvfb, its
# PSS read on the welcome screen, after a booking (receipt on screen) and after logging out.
# The variants, interleaved run by run so each sees the same machine:
#   lean      the kiosk window as it ships (app/kiosk_webkit.rs)
#   defaults  the same binary with GASDESK_KIOSK_WEBKIT=defaults: WebKit's own settings
# or the ones given with --variant 'NAME[:VAR=VALUE VAR=VALUE…]' (the app's environment), e.g.
#   --variant shipped --variant 'nodmabuf:GASDESK_KIOSK_WEBKIT=defaults WEBKIT_DISABLE_DMABUF_RENDERER=1'
#
#   scripts/measure-kiosk-memory.sh [--runs N] [--screen WxH] [--variant …]   (3 runs, 1920x1080)
# GASDESK_BIN: the binary to measure; default target/release/gasdesk (under CARGO_TARGET_DIR when
# that is set), built with the UI inside:
#   npm run build:ui && cargo build --release --features custom-protocol
# Figures: e2e/artifacts/kiosk-memory.jsonl (one line per reading) and the table printed at the
# end; screenshots of the real screen: e2e/artifacts/kiosk-memory-VARIANT-STATE.png.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

runs=3
screen=1920x1080
variants=()
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --screen) screen="$2"; shift 2 ;;
    --variant) variants+=("$2"); shift 2 ;;
    *) echo "usage: $0 [--runs N] [--screen WxH] [--variant 'NAME[:VAR=VALUE ...]']..." >&2; exit 2 ;;
  esac
done
((${#variants[@]})) || variants=(lean "defaults:GASDESK_KIOSK_WEBKIT=defaults")

BIN="$(realpath -m "${GASDESK_BIN:-${CARGO_TARGET_DIR:-$REPO_ROOT/target}/release/gasdesk}")"
if [[ ! -x "$BIN" ]]; then
  echo "measure: $BIN is missing: npm run build:ui && cargo build --release --features custom-protocol" >&2
  exit 1
fi
ARTIFACTS="$REPO_ROOT/e2e/artifacts"
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS/kiosk-memory.jsonl" "$ARTIFACTS"/kiosk-memory-*.png

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The office: a demo agency of realistic size for one distributor, served on loopback.
"$BIN" demo --db "$work/office.db" --customers 3000 --cylinders 2000 --bookings 20000 --complaints 2000 >"$work/demo.log"
"$BIN" serve --db "$work/office.db" --listen 127.0.0.1:0 --no-mdns >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "listening on https://" "$work/serve.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
server="$(sed -n 's|.*listening on https://\([^ ]*\) .*|\1|p' "$work/serve.out")"
[[ -n "$server" ]] || { echo "measure: the office server did not say where it listens" >&2; exit 1; }
echo "measure: office server at $server; $runs run(s) per variant, screen $screen; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# pair NAME: a new kiosk paired with the office; prints its pairing file.
pair() {
  local code
  code="$("$BIN" add-kiosk --db "$work/office.db" --name "$1" | sed -n 's/.*: \([A-Z0-9]\{4\}-[A-Z0-9]\{4\}-[A-Z0-9]\{4\}-[A-Z0-9]\{4\}\)$/\1/p')"
  "$BIN" pair --server "$server" --code "$code" --pairing "$work/$1.json" >/dev/null
  echo "$work/$1.json"
}

customer=2
for run in $(seq "$runs"); do
  for variant in "${variants[@]}"; do
    name="${variant%%:*}"
    settings=()
    if [[ "$variant" == *:* ]]; then read -r -a settings <<<"${variant#*:}"; fi
    pairing="$(pair "kiosk-$name-$run")"
    # tauri-driver, and so the app it starts, inherits this environment from scripts/e2e.sh.
    env "${settings[@]}" E2E_SCREEN="${screen}x24" GASDESK_BIN="$BIN" \
      KIOSK_MEMORY_SERVER="$server" KIOSK_MEMORY_PAIRING="$pairing" KIOSK_MEMORY_LABEL="$name" \
      KIOSK_MEMORY_CUSTOMER="customer$customer" \
      bash "$REPO_ROOT/scripts/e2e.sh" --no-build kiosk-memory
    customer=$((customer + 1))
  done
done

# The table, per variant and state. File-backed pages (code of the libraries) that stay unused
# for a minute may be dropped by the host's proactive reclaim (a VM's DAMON, for one) and come
# back when touched, so a run's total can come out lower than a machine that keeps them would
# show: the breakdown is that of the run with the largest total, and anonymous memory (what the
# app itself made, never reclaimed without swap) is also given as the median of all runs.
node - "$ARTIFACTS/kiosk-memory.jsonl" <<'EOF'
const lines = require("node:fs").readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const mb = (kb) => (kb / 1024).toFixed(1);
const sum = (processes, field) => processes.reduce((s, p) => s + p[field], 0);
console.log("| variant | state | runs | total PSS MB, largest run (smallest) | app process | WebKit web | WebKit network | anon, median of runs | file | shmem |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const key of [...new Set(lines.map((l) => `${l.label}|${l.state}`))]) {
  const [label, state] = key.split("|");
  const runs = lines.filter((l) => l.label === label && l.state === state);
  const largest = runs.reduce((a, b) => (b.totalKb > a.totalKb ? b : a));
  const smallest = Math.min(...runs.map((r) => r.totalKb));
  // The app's own process is the root of the tree; WebKit's are known by their names.
  const part = (test) => mb(largest.processes.filter(test).reduce((s, p) => s + p.pss, 0));
  const own = part((p) => p.pid === largest.root);
  const web = part((p) => p.pid !== largest.root && p.name.startsWith("WebKitWebProc"));
  const net = part((p) => p.pid !== largest.root && p.name.startsWith("WebKitNetwork"));
  const anon = median(runs.map((r) => sum(r.processes, "anon")));
  console.log(`| ${label} | ${state} | ${runs.length} | **${mb(largest.totalKb)}** (${mb(smallest)}) | ${own} | ${web} | ${net} | ${mb(anon)} | ${mb(sum(largest.processes, "file"))} | ${mb(sum(largest.processes, "shmem"))} |`);
}
EOF
