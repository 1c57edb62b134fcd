#!/usr/bin/env bash
# bench-lan.sh — rawhttpget against curl on the LAN test network (scripts/testnet.sh: veth, MTU 1500, offloads
# off, nginx with sendfile). Whole-process numbers, JVM start included: what a user waits for.
#
#   scripts/bench-lan.sh [JAR]        (make bench-lan; run as root)
#
# Environment:
#   ROUNDS=5          rounds; each round runs every case once with curl, rawhttpget with JAVA_OPTS (tuned) and
#                     rawhttpget with plain `java -jar` (plain), the order rotated every round so that no tool
#                     always runs right after another
#   SIZE_MB=1024      the big file, in MiB
#   JAVA_OPTS=...     JVM flags for the tuned rawhttpget (default: config/jvm.options, plus the class-data archive
#                     rawhttpget.jsa beside the jar when make build wrote one); "plain" is always `java -jar`
#                     alone, as a user runs it
#   RHG_ARGS=...      extra rawhttpget arguments (e.g. "--ip 198.18.1.50/24" for own-address mode)
#
# Cases: the body thrown away (curl -o /dev/null, rawhttpget -O /dev/null: the network path alone), and the body
# written to a file on the same tmpfs as nginx's docroot (each copy is compared with the source, untimed).
# Then peak RSS of rawhttpget (each way) for 100 MB and for the big file, to show memory does not grow with the file.
# Prints per tool and case: median goodput (MB/s, 10^6 bytes) with min-max, the rawhttpget/curl ratio of the
# medians and of each round's pair (tuned and plain), median peak RSS, median CPU seconds (user+sys), and frames the capture
# dropped (rawhttpget --stats: "N frames lost before the stack saw them"; the max over the rounds).
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
RHG_ARGS=${RHG_ARGS:-}
P=bl$$

NAME=bench-lan
source scripts/lib/bench.sh
bench_require
bench_workdir $((SIZE_MB * 3 + 400))

# One tmpfs for the docroot and the copies: the disk is not what is measured, and "the same tmpfs" makes the
# file case a memory-to-memory copy for both tools.
DOC="$WORK/fs/doc" OUT="$WORK/fs/out"
mkdir -p "$DOC" "$OUT"
head -c $((SIZE_MB << 20)) /dev/urandom >"$DOC/big.bin"
head -c 100000000 /dev/urandom >"$DOC/100m.bin"
BIG_BYTES=$((SIZE_MB << 20))

scripts/testnet.sh up "$P" "$DOC" >"$WORK/testnet.log" 2>&1 || { cat "$WORK/testnet.log" >&2; exit 1; }
eval "$(scripts/testnet.sh env "$P")"
URL="http://$TESTNET_SERVER_ONLINK_IP"
inns() { ip netns exec "$TESTNET_CLI_NS" "$@"; }

# A rawhttpget older than its FileSink fix renamed NAME.part over -O NAME even for /dev/null, turning the
# machine's /dev/null into a plain file on tmpfs; any run on a shared machine may still do it. Numbers taken
# then would time writes into that file, so the bench stops instead.
check_dev_null() {
    [ -c /dev/null ] || { echo "bench-lan: /dev/null is not a character device any more ($1); restore it:" \
        "rm -f /dev/null && mknod -m 666 /dev/null c 1 3" >&2; exit 1; }
}

# run TOOL CASE ROUND FILE: one timed download; appends "tool case round wall rss_kb cpu drops" to results.
run() {
    local tool=$1 case=$2 round=$3 file=$4 dest log=$WORK/run.log drops=0
    check_dev_null "before $tool, $case, round $round"
    if [ "$case" = file ]; then dest="$OUT/$tool.bin"; rm -f "$dest"; else dest=/dev/null; fi
    if [ "$tool" = curl ]; then
        inns $TIME -f '%e %M %U %S' -o "$WORK/time" curl -sS --noproxy '*' -o "$dest" "$URL/$file" 2>"$log"
    else
        local opts=$JAVA_OPTS
        [ "$tool" = plain ] && opts=
        # shellcheck disable=SC2086
        inns $TIME -f '%e %M %U %S' -o "$WORK/time" java $opts -jar "$JAR" -q --stats $RHG_ARGS -i "$TESTNET_ONLINK_IF" \
            -O "$dest" "$URL/$file" 2>"$log"
        drops=$(sed -n 's/^ *\([0-9]*\) frames lost before the stack saw them.*/\1/p' "$log" | tail -1)
        [ -n "$drops" ] || { echo "bench-lan: no drop count in rawhttpget's log:" >&2; cat "$log" >&2; exit 1; }
    fi
    if [ "$case" = file ]; then
        cmp -s "$dest" "$DOC/$file" || { echo "bench-lan: $tool wrote a wrong copy of $file" >&2; exit 1; }
        rm -f "$dest"
    fi
    check_dev_null "after $tool, $case, round $round"
    read -r wall rss user sys <"$WORK/time"
    echo "$tool $case $round $wall $rss $(awk "BEGIN {print $user + $sys}") $drops" >>"$WORK/results"
}

echo "bench-lan: $ROUNDS rounds, ${SIZE_MB} MiB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg);" \
     "rawhttpget (tuned): java $JAVA_OPTS -jar $JAR $RHG_ARGS; plain: java -jar $JAR $RHG_ARGS" >&2
: >"$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
    case $((round % 3)) in
        1) order="curl rawhttpget plain" ;;
        2) order="rawhttpget plain curl" ;;
        0) order="plain curl rawhttpget" ;;
    esac
    for case in null file; do
        for tool in $order; do
            run "$tool" "$case" "$round" big.bin
        done
    done
    for tool in $order; do
        run "$tool" mem100 "$round" 100m.bin
    done
    echo "bench-lan: round $round of $ROUNDS done" >&2
done

# Medians and spreads, and each round's rawhttpget/curl ratio (the fairest comparison on a shared machine).
awk -v big="$BIG_BYTES" -v small=100000000 "$BENCH_AWK_MEDIAN"'
{
    tool = $1; c = $2; r = $3; bytes = (c == "mem100") ? small : big
    k = tool SUBSEP c; n[k]++
    gp[k, n[k]] = bytes / $4 / 1e6; rss[k, n[k]] = $5 / 1024; cpu[k, n[k]] = $6
    if (!((k) in drops) || $7 > drops[k]) drops[k] = $7 + 0
    wall[tool, c, r] = $4; rounds = r > rounds ? r : rounds
}
END {
    printf "%-10s %-5s %9s %15s %8s %8s %6s\n", "tool", "body", "MB/s", "min-max", "RSS MB", "CPU s", "drops"
    split("null file", cases, " ")
    split("curl rawhttpget plain", tools, " ")
    for (ci = 1; ci <= 2; ci++) for (ti = 1; ti <= 3; ti++) {
        c = cases[ci]; tool = tools[ti]; k = tool SUBSEP c
        lo = 1e18; hi = 0
        for (i = 1; i <= n[k]; i++) { g[i] = gp[k, i]; m[i] = rss[k, i]; u[i] = cpu[k, i]
            if (g[i] < lo) lo = g[i]; if (g[i] > hi) hi = g[i] }
        med[k] = median(g, n[k])
        printf "%-10s %-5s %9.0f %7.0f-%-7.0f %8.0f %8.2f %6s\n", tool, c == "null" ? "null" : "tmpfs", med[k], lo, hi,
            median(m, n[k]), median(u, n[k]), tool == "curl" ? "-" : drops[k] ""
    }
    for (ti = 2; ti <= 3; ti++) for (ci = 1; ci <= 2; ci++) {
        c = cases[ci]; tool = tools[ti]; line = ""
        for (r = 1; r <= rounds; r++) { q[r] = wall["curl", c, r] / wall[tool, c, r]; line = line sprintf(" %.2f", q[r]) }
        printf "ratio rawhttpget/curl (%s), body %s: %.2f (median of goodputs); per round:%s\n", tool == "plain" ? "plain java -jar" : "tuned",
            c == "null" ? "to /dev/null" : "to tmpfs", med[tool SUBSEP c] / med["curl" SUBSEP c], line
    }
    for (ti = 2; ti <= 3; ti++) {
        tool = tools[ti]
        k = tool SUBSEP "mem100"
        for (i = 1; i <= n[k]; i++) m[i] = rss[k, i]
        small_rss = median(m, n[k])
        k = tool SUBSEP "null"
        for (i = 1; i <= n[k]; i++) m[i] = rss[k, i]
        big_rss = median(m, n[k])
        printf "rawhttpget (%s) peak RSS: %.0f MB for 100 MB, %.0f MB for %.0f MiB (%+.0f%%)\n", tool == "plain" ? "plain java -jar" : "tuned",
            small_rss, big_rss, big / 1048576, (big_rss / small_rss - 1) * 100
    }
}' "$WORK/results"
