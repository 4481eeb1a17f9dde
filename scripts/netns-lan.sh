#!/usr/bin/env bash
# Two "PCs" on one Linux machine, for following the README's "Kiosks on their own PCs" steps
# without a second machine: network namespaces gasdesk-office (10.77.0.1) and gasdesk-kiosk
# (10.77.0.2) joined by a veth pair, with multicast (mDNS) between them. Needs root (or sudo).
# The automated version of the same is tests/lan/netns.rs (run by `cargo test` as root).
#   scripts/netns-lan.sh up                 make the two namespaces
#   scripts/netns-lan.sh office CMD...      run CMD on the "office PC", e.g. gasdesk serve ...
#   scripts/netns-lan.sh kiosk CMD...       run CMD on the "kiosk PC", e.g. gasdesk pair ...
#   scripts/netns-lan.sh down               remove them
# A window started in a namespace uses the same X display (its socket is a file).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OFFICE_NS=gasdesk-office
KIOSK_NS=gasdesk-kiosk
OFFICE_IP=10.77.0.1
KIOSK_IP=10.77.0.2

up() {
  if as_root ip netns list | grep -qw "$OFFICE_NS"; then
    echo "already up: $OFFICE_NS ($OFFICE_IP) and $KIOSK_NS ($KIOSK_IP)"
    return
  fi
  as_root ip netns add "$OFFICE_NS"
  as_root ip netns add "$KIOSK_NS"
  as_root ip link add gd-office netns "$OFFICE_NS" type veth peer name gd-kiosk netns "$KIOSK_NS"
  as_root ip -n "$OFFICE_NS" addr add "$OFFICE_IP/24" dev gd-office
  as_root ip -n "$KIOSK_NS" addr add "$KIOSK_IP/24" dev gd-kiosk
  for pair in "$OFFICE_NS gd-office" "$KIOSK_NS gd-kiosk"; do
    read -r ns link <<<"$pair"
    as_root ip -n "$ns" link set lo up
    as_root ip -n "$ns" link set "$link" up
  done
  cat <<EOF
Up: the office PC is $OFFICE_NS ($OFFICE_IP), the kiosk PC is $KIOSK_NS ($KIOSK_IP). For example:
  gasdesk demo --db /tmp/office.db
  scripts/netns-lan.sh office gasdesk serve --db /tmp/office.db --listen $OFFICE_IP:7443
  gasdesk add-kiosk --db /tmp/office.db --name "Counter 1"
  scripts/netns-lan.sh kiosk gasdesk pair --code CODE --pairing /tmp/kiosk.json   # found by mDNS
  scripts/netns-lan.sh kiosk gasdesk --kiosk --server $OFFICE_IP:7443 --pairing /tmp/kiosk.json
Pull the kiosk's cable: sudo ip -n $KIOSK_NS link set gd-kiosk down (and up again).
EOF
}

down() {
  for ns in "$OFFICE_NS" "$KIOSK_NS"; do
    if as_root ip netns list | grep -qw "$ns"; then as_root ip netns delete "$ns"; fi
  done
  echo "down"
}

in_ns() {
  local ns="$1"
  shift
  [[ $# -gt 0 ]] || { echo "usage: $0 office|kiosk CMD..." >&2; exit 2; }
  # Back to the calling user inside the namespace, so files made there are theirs.
  if [[ $EUID -ne 0 ]]; then
    sudo --preserve-env=DISPLAY,XAUTHORITY,WAYLAND_DISPLAY,XDG_RUNTIME_DIR ip netns exec "$ns" sudo -u "$USER" --preserve-env=DISPLAY,XAUTHORITY,WAYLAND_DISPLAY,XDG_RUNTIME_DIR -- env "PATH=$PATH" "$@"
  else
    ip netns exec "$ns" "$@"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  office) shift; in_ns "$OFFICE_NS" "$@" ;;
  kiosk) shift; in_ns "$KIOSK_NS" "$@" ;;
  *) echo "usage: $0 up | down | office CMD... | kiosk CMD..." >&2; exit 2 ;;
esac
