#!/usr/bin/env bash
# Every check the project has, in the order CI runs them: installs what is missing, then
# Rust format, lints and tests, UI types and unit tests, then the release build, the end-to-end
# tests through its real app window and the test of its .deb package. Quiet on success; stops
# with the failing step's output otherwise.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

bash "$REPO_ROOT/scripts/setup.sh"

passed=0
failed=0
# count_results LOG: adds the test counts of a cargo test or vitest log to the totals.
count_results() {
  local counts
  counts="$(sed 's/\x1b\[[0-9;]*m//g' "$1" | awk '
    /^test result: / { for (i = 1; i <= NF; i++) { if ($(i + 1) ~ /^passed/) p += $i; if ($(i + 1) ~ /^failed/) f += $i } }
    /^ *Tests +[0-9]/ { for (i = 1; i <= NF; i++) { if ($(i + 1) == "passed") p += $i; if ($(i + 1) == "failed") f += $i } }
    END { print p + 0, f + 0 }')"
  passed=$((passed + ${counts% *}))
  failed=$((failed + ${counts#* }))
}

step "rust: cargo fmt --check" cargo fmt --all -- --check
step "rust: cargo clippy -D warnings" cargo clippy --workspace --all-targets -- -D warnings
step "rust: cargo test" cargo test --workspace
count_results "$STEP_LOG"
# cargo test re-exports ui/src/gen from the Rust types: a difference means they drifted.
step "types: ui/src/gen matches the Rust types" git diff --exit-code --stat -- ui/src/gen
step "types: no new generated type left uncommitted" bash -c '[ -z "$(git ls-files --others --exclude-standard -- ui/src/gen)" ]'
# The benchmark suite on a small generated database, so it cannot rot (figures: docs/BENCHMARKS.md).
step "bench: smoke run of the benchmark suite" cargo bench -p gasdesk-core --bench agency -- --smoke
# The LAN benchmark (office server and kiosk processes on loopback) in the debug build the
# tests already made: a few seconds.
step "bench: smoke run of the LAN benchmark" cargo test --bench lan -- --smoke
step "ui: typecheck" npm run typecheck
step "ui: unit tests (vitest)" npm run test:ui
count_results "$STEP_LOG"
# The release app and its packages, built once (decision 0019): the end-to-end tests and the
# package test both run on this binary and this .deb, as an agency would get them.
bash "$REPO_ROOT/scripts/build-release.sh"
GASDESK_BIN="$(release_dir)/gasdesk" bash "$REPO_ROOT/scripts/e2e.sh" --no-build
count_results "$GASDESK_LOG_DIR/e2e-results.log"
bash "$REPO_ROOT/scripts/package-test.sh"
if [[ -f "$GASDESK_LOG_DIR/package-results.log" ]]; then
  count_results "$GASDESK_LOG_DIR/package-results.log"
fi

echo "all checks passed"
echo "tests: $passed passed, $failed failed"
