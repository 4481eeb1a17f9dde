# Shared helpers for the scripts in this folder. Source it; do not run it.
# Steps are quiet: one line each, and the full output only when a step fails.

# The repository root, whatever the caller's working directory.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# Full output of each step of the last run, for when the printed tail is not enough.
GASDESK_LOG_DIR="${GASDESK_LOG_DIR:-$REPO_ROOT/target/script-logs}"
mkdir -p "$GASDESK_LOG_DIR"
export GASDESK_LOG_DIR

# Rust may have been installed by rustup during this run or an earlier one.
if [[ -d "$HOME/.cargo/bin" && ":$PATH:" != *":$HOME/.cargo/bin:"* ]]; then
  PATH="$HOME/.cargo/bin:$PATH"
  export PATH
fi

# step "what is being done" command args...
# Runs the command with its output in a log file ($STEP_LOG afterwards); prints "ok", or the
# end of the log and returns the command's exit code.
STEP_LOG=""
step() {
  local title="$1"
  shift
  local log
  log="$GASDESK_LOG_DIR/$(printf '%s' "$title" | tr -c 'A-Za-z0-9' '-' | cut -c1-60).log"
  STEP_LOG="$log"
  local started=$SECONDS
  printf '%s ... ' "$title"
  if "$@" >"$log" 2>&1 </dev/null; then
    printf 'ok (%ss)\n' "$((SECONDS - started))"
  else
    local rc=$?
    printf 'FAILED (exit %s)\n' "$rc"
    echo "----- output of: $* -----"
    # A failing build can print a lot; the end of it is what explains the failure.
    tail -n 300 "$log"
    echo "----- end (full log: $log) -----"
    return "$rc"
  fi
}

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "need root for: $* (run as root or install sudo)" >&2
    return 1
  fi
}

# Where cargo puts release builds: target/release, or under $CARGO_TARGET_DIR when that is set.
release_dir() {
  local target="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
  [[ "$target" == /* ]] || target="$REPO_ROOT/$target"
  printf '%s/release\n' "$target"
}
