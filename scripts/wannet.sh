#!/usr/bin/env bash
# wannet.sh — an emulated WAN between a client and nginx, for rawhttpget's WAN tests and benchmark.
#
#   scripts/wannet.sh up    PREFIX DOCROOT   build the network and start nginx (no impairment yet)
#   scripts/wannet.sh set   PREFIX [-d MS] [-j MS] [-l PCT] [-u PCT] [-c PCT] [-r MBIT] [-s SEED]
#                                            (re)start the emulator with these settings, both directions
#   scripts/wannet.sh down  PREFIX           remove everything PREFIX owns (idempotent)
#   scripts/wannet.sh env   PREFIX           print names and addresses as shell assignments (for eval)
#   scripts/wannet.sh which                  print the emulator this kernel allows: netem, wanem or none
#
# Layout: the client and the server share one IPv4 subnet; the middle namespace relays Ethernet frames
# between its two interfaces and impairs them on the way, in both directions.
#
#   ${P}-cli                      ${P}-wan (no addresses)                  ${P}-srv (nginx on :80)
#   ${P}c1 198.18.1.2/24 ==== ${P}wa  <- emulator ->  ${P}wb ==== ${P}s1 198.18.1.1/24
#
# The emulator: tc netem where the kernel has sch_netem (on ${P}wa and ${P}wb egress, joined by a
# bridge); otherwise ../shared/tools/wanem.c built as target/wanem (make target/wanem), an AF_PACKET relay
# whose PID and statistics live in the state directory. `set` with no option relays without impairment.
# Options are wanem's: delay and jitter in ms, loss/duplication/corruption in percent, rate in Mbit/s.
#
# Offloads are off on every veth (ethtool -K ... tso gso gro tx rx off): wanem relays frames of at most
# 2048 bytes, and GRO would hand it 64 KB super-frames. Must run as root. Addresses only in 198.18.0.0/15;
# no namespace has a route anywhere else.
set -euo pipefail

die() { echo "wannet: $*" >&2; exit 1; }
log() { echo "wannet: $*" >&2; }
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/netns.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/nginx.sh"

readonly REPO=$(cd "$(dirname "$0")/.." && pwd)
readonly WANEM="$REPO/target/wanem"
readonly CLIENT_IP=198.18.1.2 SERVER_IP=198.18.1.1 OWN_CIDR=198.18.1.50/24

# which: netem when a throwaway namespace accepts a netem qdisc, else wanem when its binary is built, else none.
which_emulator() {
    local probe="rhgwanprobe$$" out
    ip netns add "$probe" 2>/dev/null || { echo none; return; }
    if out=$(ip netns exec "$probe" tc qdisc add dev lo root netem delay 1ms 2>&1); then
        ip netns del "$probe"; echo netem; return
    fi
    ip netns del "$probe"
    : "$out"
    if [ -x "$WANEM" ]; then echo wanem; else echo none; fi
}

[ $# -ge 1 ] || usage
readonly CMD=$1
if [ "$CMD" = which ]; then which_emulator; exit 0; fi
[ $# -ge 2 ] || usage
readonly P=$2
check_prefix "$P"
readonly CLI_NS="${P}-cli" WAN_NS="${P}-wan" SRV_NS="${P}-srv"
readonly ALL_NS=("$CLI_NS" "$WAN_NS" "$SRV_NS")
readonly STATE="/tmp/rawhttpget-wannet-$P"
readonly CLI_IF="${P}c1" SRV_IF="${P}s1" WAN_A="${P}wa" WAN_B="${P}wb"

print_env() {
    local var
    for var in P STATE CLI_NS WAN_NS SRV_NS CLI_IF SRV_IF WAN_A WAN_B CLIENT_IP SERVER_IP OWN_CIDR; do
        printf 'WANNET_%s=%q\n' "${var/#P/PREFIX}" "${!var}"
    done
    printf 'WANNET_EMULATOR=%q\n' "$(cat "$STATE/emulator" 2>/dev/null || echo none)"
}

write_wannet_nginx_conf() {
    write_nginx_conf wannet.sh <<EOF
    default_type application/octet-stream;
    sendfile on;
    server { listen 80; server_name _; root $1; }
EOF
}

up() {
    local docroot=${1:-}
    require_fresh "${ALL_NS[@]}"
    [ -d "$docroot" ] || die "docroot '$docroot' is not a directory"
    trap 'rc=$?; if [ "$rc" -ne 0 ]; then log "up failed, removing what was made"; down; fi' EXIT
    mkdir -p "$STATE/tmp"
    which_emulator >"$STATE/emulator"
    make_namespaces "${ALL_NS[@]}"
    veth "$CLI_NS" "$CLI_IF" "$CLIENT_IP/24" "$WAN_NS" "$WAN_A" ""
    veth "$WAN_NS" "$WAN_B" "" "$SRV_NS" "$SRV_IF" "$SERVER_IP/24"
    if [ "$(cat "$STATE/emulator")" = netem ]; then
        ip -n "$WAN_NS" link add "${P}br" type bridge
        ip -n "$WAN_NS" link set "$WAN_A" master "${P}br"
        ip -n "$WAN_NS" link set "$WAN_B" master "${P}br"
        ip -n "$WAN_NS" link set "${P}br" up
    fi
    write_wannet_nginx_conf "$(realpath "$docroot")"
    start_nginx "$SRV_NS"
    trap - EXIT
    log "$P is up (emulator $(cat "$STATE/emulator"), docroot $docroot); run '$0 set $P ...' to start the emulator"
}

stop_emulator() {
    local pid
    if [ -s "$STATE/wanem.pid" ]; then
        pid=$(cat "$STATE/wanem.pid")
        if [[ "$pid" =~ ^[0-9]+$ ]] && [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$WAN_A"* ]]; then
            stop_pid "$pid"
        fi
        rm -f "$STATE/wanem.pid"
    fi
    for dev in "$WAN_A" "$WAN_B"; do
        ip netns exec "$WAN_NS" tc qdisc del dev "$dev" root 2>/dev/null || true
    done
}

set_impairment() {
    local delay=0 jitter=0 loss=0 dup=0 corrupt=0 rate=0 seed=1 opt
    OPTIND=1
    while getopts "d:j:l:u:c:r:s:" opt; do
        case $opt in
            d) delay=$OPTARG ;; j) jitter=$OPTARG ;; l) loss=$OPTARG ;; u) dup=$OPTARG ;;
            c) corrupt=$OPTARG ;; r) rate=$OPTARG ;; s) seed=$OPTARG ;; *) usage ;;
        esac
    done
    [ -f "$STATE/emulator" ] || die "$P is not up"
    stop_emulator
    case "$(cat "$STATE/emulator")" in
        netem)
            local args=(delay "${delay}ms")
            [ "$jitter" = 0 ] || args+=("${jitter}ms")
            [ "$loss" = 0 ] || args+=(loss "${loss}%")
            [ "$dup" = 0 ] || args+=(duplicate "${dup}%")
            [ "$corrupt" = 0 ] || args+=(corrupt "${corrupt}%")
            [ "$rate" = 0 ] || args+=(rate "${rate}mbit")
            args+=(limit 100000)
            for dev in "$WAN_A" "$WAN_B"; do nsx "$WAN_NS" tc qdisc add dev "$dev" root netem "${args[@]}"; done
            ;;
        wanem)
            # Its own session and no terminal: it outlives this script and is stopped by PID (set/down).
            setsid ip netns exec "$WAN_NS" "$WANEM" -a "$WAN_A" -b "$WAN_B" -d "$delay" -j "$jitter" -l "$loss" \
                -u "$dup" -c "$corrupt" -r "$rate" -s "$seed" -q 100000 -P "$STATE/wanem.pid" \
                </dev/null >>"$STATE/wanem.log" 2>&1 &
            local i
            for i in $(seq 50); do [ -s "$STATE/wanem.pid" ] && break; sleep 0.1; done
            [ -s "$STATE/wanem.pid" ] || die "wanem did not start: $(tail -n 3 "$STATE/wanem.log")"
            ;;
        *) die "no WAN emulator: this kernel has no sch_netem and $WANEM is not built (make target/wanem)" ;;
    esac
    # The relay is up when the kernel's own TCP gets an HTTP answer through it (any status will do).
    for i in $(seq 20); do
        if nsx "$CLI_NS" curl -s --noproxy '*' --max-time 3 -o /dev/null "http://$SERVER_IP/" 2>/dev/null; then
            log "$P: delay ${delay}ms jitter ${jitter}ms loss ${loss}% dup ${dup}% corrupt ${corrupt}% rate ${rate}Mbit/s"
            return 0
        fi
    done
    die "$P: no HTTP answer through the emulator"
}

down() {
    local dev failed=0
    stop_emulator 2>/dev/null || true
    stop_nginx
    delete_namespaces "${ALL_NS[@]}" || failed=1
    for dev in "$CLI_IF" "$WAN_B"; do ip link del "$dev" 2>/dev/null || true; done
    rm -rf "${STATE:?}"
    return "$failed"
}

case "$CMD" in
    up) up "${3:-}" ;;
    set) shift 2; set_impairment "$@" ;;
    down) down; log "$P is down" ;;
    env) print_env ;;
    *) usage ;;
esac
