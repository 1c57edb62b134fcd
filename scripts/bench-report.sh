#!/usr/bin/env bash
# bench-report.sh — what --report costs: the same LAN download (scripts/testnet.sh: veth, MTU 1500, offloads off,
# nginx) with and without --report, alternating, whole-process time (JVM start and writing the report included).
#
#   scripts/bench-report.sh [JAR]        (make bench-report; run as root)
#
# Environment:
#   ROUNDS=5          rounds; each runs both cases once, the order swapped every round
#   SIZE_MB=1024      the file, in MiB
#   JAVA_OPTS=...     JVM flags (default: config/jvm.options, plus rawhttpget.jsa beside the jar when there is one)
#
# Prints each run, the median seconds and goodput of each case, the ratio of the medians (with/without; the
# goal is at most 1.15), the report's size, and its segment count against the stack's own (--stats).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${1:-rawhttpget.jar}
ROUNDS=${ROUNDS:-5}
SIZE_MB=${SIZE_MB:-1024}
if [ -z "${JAVA_OPTS+set}" ]; then
    JAVA_OPTS=$(grep -v '^#' config/jvm.options | xargs)
    CDS_ARCHIVE="$(cd "$(dirname "$JAR")" && pwd)/rawhttpget.jsa"
    [ -f "$CDS_ARCHIVE" ] && JAVA_OPTS="$JAVA_OPTS -XX:SharedArchiveFile=$CDS_ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
P=br$$

NAME=bench-report
source scripts/lib/bench.sh
bench_require
bench_workdir $((SIZE_MB + 300))

DOC="$WORK/fs/doc"
mkdir -p "$DOC"
head -c $((SIZE_MB << 20)) /dev/urandom >"$DOC/big.bin"
BYTES=$((SIZE_MB << 20))

scripts/testnet.sh up "$P" "$DOC" >"$WORK/testnet.log" 2>&1 || { cat "$WORK/testnet.log" >&2; exit 1; }
eval "$(scripts/testnet.sh env "$P")"
URL="http://$TESTNET_SERVER_ONLINK_IP/big.bin"
inns() { ip netns exec "$TESTNET_CLI_NS" "$@"; }

# run CASE ROUND: one timed download to /dev/null; appends "case round seconds" to results.
run() {
    local case=$1 round=$2 extra=()
    [ "$case" = report ] && extra=(--report "$WORK/fs/report.html")
    rm -f "$WORK/fs/report.html"
    # shellcheck disable=SC2086
    inns $TIME -f '%e' -o "$WORK/time" java $JAVA_OPTS -jar "$JAR" -q --stats "${extra[@]}" -i "$TESTNET_ONLINK_IF" \
        -O /dev/null "$URL" 2>"$WORK/$case.log" || { cat "$WORK/$case.log" >&2; exit 1; }
    echo "$case $round $(cat "$WORK/time")" | tee -a "$WORK/results" >&2
}

echo "bench-report: $ROUNDS rounds, ${SIZE_MB} MiB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
: >"$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then order="plain report"; else order="report plain"; fi
    for case in $order; do
        run "$case" "$round"
    done
done

segments=$(sed -n 's/^ *\([0-9]*\) segments received$/\1/p' "$WORK/report.log" | head -1)
sent=$(sed -n 's/^ *\([0-9]*\) segments sent$/\1/p' "$WORK/report.log" | head -1)
echo "bench-report: last report $(du -h "$WORK/fs/report.html" | cut -f1) ($(stat -c %s "$WORK/fs/report.html") bytes)" \
     "for $segments segments received and $sent sent" >&2
awk -v bytes="$BYTES" "$BENCH_AWK_MEDIAN"'
{ n[$1]++; s[$1, n[$1]] = $3 }
END {
    for (i = 1; i <= n["plain"]; i++) p[i] = s["plain", i]
    for (i = 1; i <= n["report"]; i++) r[i] = s["report", i]
    mp = median(p, n["plain"]); mr = median(r, n["report"])
    printf "without --report: median %.2f s (%.0f MB/s)\n", mp, bytes / mp / 1e6
    printf "with --report:    median %.2f s (%.0f MB/s)\n", mr, bytes / mr / 1e6
    printf "ratio with/without: %.3f (goal: at most 1.15)\n", mr / mp
}' "$WORK/results"
