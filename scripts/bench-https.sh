#!/usr/bin/env bash
# bench-https.sh — rawhttpget against curl over HTTPS on the LAN test network (scripts/testnet.sh with
# TESTNET_TLS_DIR: nginx with TLS 1.2/1.3 and a throwaway CA from scripts/make-test-cert.sh). rawhttpget runs as
# a user runs it, plain `java -jar` (no config/jvm.options, no class-data archive). Whole-process numbers, JVM
# start included: what a user waits for.
#
#   scripts/bench-https.sh [JAR]       (make bench-https; run as root)
#
# Environment:
#   ROUNDS=5          rounds; each runs curl and rawhttpget once, the order swapped every round
#   SIZE_MB=1024      the file, in MiB, thrown away (-o /dev/null, -O /dev/null)
#   JAVA_OPTS=...     JVM flags for rawhttpget (default: none)
#   RHG_ARGS=...      extra rawhttpget arguments
#
# Prints per tool: median wall time with min-max, median peak RSS (/usr/bin/time %M) and CPU seconds (user, sys),
# then the ratio of curl's median time to rawhttpget's (goodput rawhttpget/curl) and each round's ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${1:-rawhttpget.jar}
ROUNDS=${ROUNDS:-5}
SIZE_MB=${SIZE_MB:-1024}
JAVA_OPTS=${JAVA_OPTS:-}
RHG_ARGS=${RHG_ARGS:-}
P=bh$$

NAME=bench-https
source scripts/lib/bench.sh
bench_require
bench_workdir $((SIZE_MB + 64))

# The docroot on tmpfs: the disk is not what is measured.
head -c $((SIZE_MB << 20)) /dev/urandom >"$WORK/fs/big.bin"
scripts/make-test-cert.sh "$WORK/tls" 2>/dev/null
TESTNET_TLS_DIR="$WORK/tls" scripts/testnet.sh up "$P" "$WORK/fs" >"$WORK/testnet.log" 2>&1 \
    || { cat "$WORK/testnet.log" >&2; exit 1; }
eval "$(scripts/testnet.sh env "$P")"
URL="https://$TESTNET_SERVER_NAME/big.bin"
CA="$WORK/tls/ca.pem"
inns() { ip netns exec "$TESTNET_CLI_NS" "$@"; }

[ -c /dev/null ] || { echo "bench-https: /dev/null is not a character device" >&2; exit 1; }

# run TOOL ROUND: one timed download; appends "tool round wall rss_kb user sys" to results.
run() {
    local tool=$1 round=$2 log=$WORK/run.log
    if [ "$tool" = curl ]; then
        inns $TIME -f '%e %M %U %S' -o "$WORK/time" curl -sS --noproxy '*' --cacert "$CA" -o /dev/null "$URL" 2>"$log" \
            || { cat "$log" >&2; exit 1; }
    else
        # shellcheck disable=SC2086
        inns $TIME -f '%e %M %U %S' -o "$WORK/time" java $JAVA_OPTS -jar "$JAR" -q $RHG_ARGS -i "$TESTNET_ONLINK_IF" \
            --ca-certificate "$CA" -O /dev/null "$URL" 2>"$log" || { cat "$log" >&2; exit 1; }
    fi
    [ -c /dev/null ] || { echo "bench-https: /dev/null stopped being a device ($tool)" >&2; exit 1; }
    echo "$tool $round $(cat "$WORK/time")" >>"$WORK/results"
}

suite=$(inns curl -sv --noproxy '*' --cacert "$CA" -o /dev/null "https://$TESTNET_SERVER_NAME/_testnet/probe.bin" 2>&1 \
    | sed -n 's/^\* SSL connection using //p' | head -1)
echo "bench-https: $ROUNDS rounds, ${SIZE_MB} MiB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg);" \
     "curl's TLS: ${suite:-unknown}; rawhttpget: java $JAVA_OPTS -jar $JAR $RHG_ARGS" >&2
: >"$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then order="curl rawhttpget"; else order="rawhttpget curl"; fi
    for tool in $order; do
        run "$tool" "$round"
    done
    echo "bench-https: round $round of $ROUNDS done" >&2
done

awk -v bytes=$((SIZE_MB << 20)) "$BENCH_AWK_MEDIAN"'
{ t = $1; n[t]++; w[t, n[t]] = $3; m[t, n[t]] = $4 / 1024; u[t, n[t]] = $5; s[t, n[t]] = $6; wall[t, $2] = $3
  rounds = $2 > rounds ? $2 : rounds }
END {
    printf "%-10s %8s %13s %7s %8s %7s %7s\n", "tool", "wall s", "min-max", "MB/s", "RSS MB", "user s", "sys s"
    for (ti = 1; ti <= 2; ti++) {
        t = ti == 1 ? "curl" : "rawhttpget"; lo = 1e9; hi = 0
        for (i = 1; i <= n[t]; i++) { a[i] = w[t, i]; if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i] }
        med[t] = median(a, n[t])
        for (i = 1; i <= n[t]; i++) a[i] = m[t, i]; rss = median(a, n[t])
        for (i = 1; i <= n[t]; i++) a[i] = u[t, i]; us = median(a, n[t])
        for (i = 1; i <= n[t]; i++) a[i] = s[t, i]; sy = median(a, n[t])
        printf "%-10s %8.2f %6.2f-%-6.2f %7.0f %8.0f %7.2f %7.2f\n", t, med[t], lo, hi, bytes / med[t] / 1e6, rss, us, sy
    }
    line = ""
    for (r = 1; r <= rounds; r++) line = line sprintf(" %.2f", wall["curl", r] / wall["rawhttpget", r])
    printf "ratio rawhttpget/curl (goodput, medians): %.2f; per round:%s\n", med["curl"] / med["rawhttpget"], line
}' "$WORK/results"
