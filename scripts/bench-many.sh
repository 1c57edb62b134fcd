#!/usr/bin/env bash
# bench-many.sh — many small URLs of one server in one run: rawhttpget against wget and curl on the LAN test
# network (scripts/testnet.sh). Each tool gets all COUNT URLs in one command (curl with one -o per URL), so what
# is measured is what a run pays per URL: a connection (or its reuse), the request, the wait for the previous one.
# rawhttpget runs as a user runs it, plain `java -jar` (no config/jvm.options, no class-data archive). Whole-process
# numbers, JVM start included.
#
#   scripts/bench-many.sh [JAR]       (make bench-many; run as root)
#
# Environment:
#   ROUNDS=5          rounds; each runs every tool once, the order rotated every round
#   COUNT=20          URLs per run
#   SIZE_MB=1         each file, in MiB (the files differ), saved on a tmpfs
#   JAVA_OPTS=...     JVM flags for rawhttpget (default: none)
#   RHG_ARGS=...      extra rawhttpget arguments
#
# Prints per tool: median wall time with min-max, median peak RSS (/usr/bin/time %M), CPU seconds (user, sys) and
# the connections nginx counted in the last round ($connection in its access log); then rawhttpget's median time
# over wget's and over curl's, side by side, and each round's ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${1:-rawhttpget.jar}
ROUNDS=${ROUNDS:-5}
COUNT=${COUNT:-20}
SIZE_MB=${SIZE_MB:-1}
JAVA_OPTS=${JAVA_OPTS:-}
RHG_ARGS=${RHG_ARGS:-}
P=bm$$

NAME=bench-many
source scripts/lib/bench.sh
bench_require
command -v wget >/dev/null || { echo "$NAME: wget missing (make deps)" >&2; exit 1; }
bench_workdir $((COUNT * SIZE_MB * 5 + 64))

mkdir -p "$WORK/fs/docroot" "$WORK/fs/out"
urls=()
for i in $(seq 1 "$COUNT"); do
    head -c $((SIZE_MB << 20)) /dev/urandom >"$WORK/fs/docroot/f$i.bin"
done
scripts/testnet.sh up "$P" "$WORK/fs/docroot" >"$WORK/testnet.log" 2>&1 || { cat "$WORK/testnet.log" >&2; exit 1; }
eval "$(scripts/testnet.sh env "$P")"
for i in $(seq 1 "$COUNT"); do
    urls+=("http://$TESTNET_SERVER_ONLINK_IP/f$i.bin")
done
curl_outputs=()
for i in $(seq 1 "$COUNT"); do
    curl_outputs+=(-o "f$i.bin" "${urls[$((i - 1))]}")
done
inns() { ip netns exec "$TESTNET_CLI_NS" "$@"; }
ACCESS_LOG="$TESTNET_STATE/access.log"

# run TOOL ROUND: one timed run fetching every URL into a fresh directory; checks the files; appends
# "tool round wall rss_kb user sys connections" to results.
run() {
    local tool=$1 round=$2 log=$WORK/run.log out=$WORK/fs/out/$1 before
    rm -rf "$out" && mkdir -p "$out"
    before=$(wc -l <"$ACCESS_LOG")
    case $tool in
        curl) (cd "$out" && inns $TIME -f '%e %M %U %S' -o "$WORK/time" curl -sS --noproxy '*' "${curl_outputs[@]}") \
                  2>"$log" || { cat "$log" >&2; exit 1; } ;;
        wget) inns $TIME -f '%e %M %U %S' -o "$WORK/time" wget -q --no-proxy -P "$out" "${urls[@]}" 2>"$log" \
                  || { cat "$log" >&2; exit 1; } ;;
        # shellcheck disable=SC2086
        rawhttpget) inns $TIME -f '%e %M %U %S' -o "$WORK/time" java $JAVA_OPTS -jar "$JAR" -q $RHG_ARGS \
                        -i "$TESTNET_ONLINK_IF" -P "$out" "${urls[@]}" 2>"$log" || { cat "$log" >&2; exit 1; } ;;
    esac
    for i in $(seq 1 "$COUNT"); do
        cmp -s "$out/f$i.bin" "$WORK/fs/docroot/f$i.bin" || { echo "$NAME: $tool saved a wrong f$i.bin" >&2; exit 1; }
    done
    local connections
    connections=$(tail -n +"$((before + 1))" "$ACCESS_LOG" | sed -n 's/.* conn=\([0-9]*\) .*/\1/p' | sort -u | wc -l)
    echo "$tool $round $(cat "$WORK/time") $connections" >>"$WORK/results"
}

echo "bench-many: $ROUNDS rounds, $COUNT URLs of ${SIZE_MB} MiB each, $(nproc) cores," \
     "load $(cut -d' ' -f1-3 /proc/loadavg); rawhttpget: java $JAVA_OPTS -jar $JAR $RHG_ARGS" >&2
: >"$WORK/results"
bench_rounds rawhttpget wget curl

awk "$BENCH_AWK_MEDIAN"'
{ t = $1; n[t]++; w[t, n[t]] = $3; m[t, n[t]] = $4 / 1024; u[t, n[t]] = $5; s[t, n[t]] = $6; c[t] = $7
  wall[t, $2] = $3; rounds = $2 > rounds ? $2 : rounds }
END {
    printf "%-10s %8s %13s %8s %7s %7s %6s\n", "tool", "wall s", "min-max", "RSS MB", "user s", "sys s", "conns"
    for (ti = 1; ti <= 3; ti++) {
        t = ti == 1 ? "rawhttpget" : ti == 2 ? "wget" : "curl"; lo = 1e9; hi = 0
        for (i = 1; i <= n[t]; i++) { a[i] = w[t, i]; if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i] }
        med[t] = median(a, n[t])
        for (i = 1; i <= n[t]; i++) a[i] = m[t, i]; rss = median(a, n[t])
        for (i = 1; i <= n[t]; i++) a[i] = u[t, i]; us = median(a, n[t])
        for (i = 1; i <= n[t]; i++) a[i] = s[t, i]; sy = median(a, n[t])
        printf "%-10s %8.2f %6.2f-%-6.2f %8.0f %7.2f %7.2f %6d\n", t, med[t], lo, hi, rss, us, sy, c[t]
    }
    lw = ""; lc = ""
    for (r = 1; r <= rounds; r++) {
        lw = lw sprintf(" %.2f", wall["rawhttpget", r] / wall["wget", r])
        lc = lc sprintf(" %.2f", wall["rawhttpget", r] / wall["curl", r])
    }
    printf "ratio rawhttpget/wget (wall time, medians): %.2f   rawhttpget/curl: %.2f\n",
        med["rawhttpget"] / med["wget"], med["rawhttpget"] / med["curl"]
    printf "per round: /wget%s   /curl%s\n", lw, lc
}' "$WORK/results"
