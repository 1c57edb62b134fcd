#!/usr/bin/env bash
# bench-split.sh — one large file over a long, lossy path: rawhttpget --split against curl (one kernel TCP
# connection) and aria2c -x8 -s8 (eight), over the emulated WAN of scripts/wannet.sh (tc netem or target/wanem).
# rawhttpget runs as a user runs it, plain `java -jar` (no config/jvm.options, no class-data archive).
# Whole-process wall time, JVM start included; every copy is compared byte for byte with the served file.
#
#   scripts/bench-split.sh [JAR]       (make bench-split; run as root)
#
# Environment:
#   ROUNDS=3          rounds; each runs every tool once, the order rotated every round
#   SIZE_MB=100       the file, in MiB, served from and saved to a tmpfs
#   SPLIT=8           rawhttpget's --split (aria2c gets -x8 -s8 whatever this is, as the issue measured it)
#   WAN="-d 50 -r 400 -l 2"   wannet.sh's impairment, both directions: 50 ms each way (100 ms RTT),
#                     400 Mbit/s, 2 % loss
#   JAVA_OPTS=...     JVM flags for rawhttpget (default: none)
#   RHG_ARGS=...      extra rawhttpget arguments
#
# Prints per tool: median wall time with min-max, CPU seconds (user, sys); then rawhttpget's median over curl's
# and over aria2c's, and each round's ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${1:-rawhttpget.jar}
ROUNDS=${ROUNDS:-3}
SIZE_MB=${SIZE_MB:-100}
SPLIT=${SPLIT:-8}
WAN=${WAN:--d 50 -r 400 -l 2}
JAVA_OPTS=${JAVA_OPTS:-}
RHG_ARGS=${RHG_ARGS:-}
P=bs$$

NAME=bench-split
source scripts/lib/bench.sh
bench_require
command -v aria2c >/dev/null || { echo "$NAME: aria2c missing (make deps)" >&2; exit 1; }
[ "$(scripts/wannet.sh which)" != none ] || { echo "$NAME: no WAN emulator (make wanem)" >&2; exit 1; }
bench_workdir $((SIZE_MB * 4 + 64))
split_cleanup() {
    scripts/wannet.sh down "$P" >/dev/null 2>&1 || true
    bench_cleanup
}
trap split_cleanup EXIT

mkdir -p "$WORK/fs/docroot" "$WORK/fs/out"
head -c $((SIZE_MB << 20)) /dev/urandom >"$WORK/fs/docroot/bench.bin"
scripts/wannet.sh up "$P" "$WORK/fs/docroot" >"$WORK/wannet.log" 2>&1 || { cat "$WORK/wannet.log" >&2; exit 1; }
eval "$(scripts/wannet.sh env "$P")"
# shellcheck disable=SC2086
scripts/wannet.sh set "$P" $WAN >>"$WORK/wannet.log" 2>&1 || { cat "$WORK/wannet.log" >&2; exit 1; }
URL="http://$WANNET_SERVER_IP/bench.bin"
inns() { ip netns exec "$WANNET_CLI_NS" "$@"; }

# run TOOL ROUND: one timed download into a fresh directory; checks the file; appends "tool round wall user sys".
run() {
    local tool=$1 round=$2 log=$WORK/run.log out=$WORK/fs/out/$1
    rm -rf "$out" && mkdir -p "$out"
    case $tool in
        curl) inns $TIME -f '%e %U %S' -o "$WORK/time" curl -sS --noproxy '*' -o "$out/bench.bin" "$URL" 2>"$log" \
                  || { cat "$log" >&2; exit 1; } ;;
        aria2c) inns $TIME -f '%e %U %S' -o "$WORK/time" aria2c -q -x8 -s8 --file-allocation=none \
                    --no-conf --dir "$out" -o bench.bin "$URL" 2>"$log" || { cat "$log" >&2; exit 1; } ;;
        # shellcheck disable=SC2086
        rawhttpget) inns $TIME -f '%e %U %S' -o "$WORK/time" java $JAVA_OPTS -jar "$JAR" -q --split "$SPLIT" \
                        $RHG_ARGS -i "$WANNET_CLI_IF" -P "$out" "$URL" 2>"$log" || { cat "$log" >&2; exit 1; } ;;
    esac
    cmp -s "$out/bench.bin" "$WORK/fs/docroot/bench.bin" || { echo "$NAME: $tool saved a wrong file" >&2; exit 1; }
    echo "$tool $round $(cat "$WORK/time")" >>"$WORK/results"
    rm -rf "$out"
}

echo "bench-split: $ROUNDS rounds, ${SIZE_MB} MiB over wannet ($WANNET_EMULATOR) $WAN, $(nproc) cores," \
     "load $(cut -d' ' -f1-3 /proc/loadavg); rawhttpget: java $JAVA_OPTS -jar $JAR --split $SPLIT $RHG_ARGS;" \
     "aria2c -x8 -s8; curl" >&2
: >"$WORK/results"
bench_rounds rawhttpget aria2c curl

awk "$BENCH_AWK_MEDIAN"'
{ t = $1; n[t]++; w[t, n[t]] = $3; u[t, n[t]] = $4; s[t, n[t]] = $5
  wall[t, $2] = $3; rounds = $2 > rounds ? $2 : rounds }
END {
    printf "%-10s %8s %13s %7s %7s\n", "tool", "wall s", "min-max", "user s", "sys s"
    for (ti = 1; ti <= 3; ti++) {
        t = ti == 1 ? "rawhttpget" : ti == 2 ? "aria2c" : "curl"; lo = 1e9; hi = 0
        for (i = 1; i <= n[t]; i++) { a[i] = w[t, i]; if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i] }
        med[t] = median(a, n[t])
        for (i = 1; i <= n[t]; i++) a[i] = u[t, i]; us = median(a, n[t])
        for (i = 1; i <= n[t]; i++) a[i] = s[t, i]; sy = median(a, n[t])
        printf "%-10s %8.2f %6.2f-%-6.2f %7.2f %7.2f\n", t, med[t], lo, hi, us, sy
    }
    la = ""; lc = ""
    for (r = 1; r <= rounds; r++) {
        la = la sprintf(" %.2f", wall["rawhttpget", r] / wall["aria2c", r])
        lc = lc sprintf(" %.2f", wall["rawhttpget", r] / wall["curl", r])
    }
    printf "ratio rawhttpget/aria2c (wall time, medians): %.2f   rawhttpget/curl: %.2f\n",
        med["rawhttpget"] / med["aria2c"], med["rawhttpget"] / med["curl"]
    printf "per round: /aria2c%s   /curl%s\n", la, lc
}' "$WORK/results"
