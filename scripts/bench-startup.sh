#!/usr/bin/env bash
# bench-startup.sh — how long a small download takes as users run it: rawhttpget with plain `java -jar` (no
# config/jvm.options, no class-data archive) against a bare JVM start (`java -version`), curl and wget, on the LAN
# test network (scripts/testnet.sh). Every command runs inside the client's namespace, so each pays the same
# `ip netns exec`.
#
#   scripts/bench-startup.sh [JAR]     (make bench-startup; run as root)
#
# Environment:
#   RUNS=15           runs of each command; each run executes all four in turn, the order rotated every run
#   JAVA_OPTS=...     JVM flags for rawhttpget and for java -version (default: none)
#   RHG_ARGS=...      extra rawhttpget arguments
#
# Prints per command: median wall time (ms, from `date +%s%N` around the command) with min-max, median CPU
# (user+sys, /usr/bin/time) and peak RSS, then rawhttpget's median over java -version's, and over curl's.
#
# Four more commands measure the floor under any run of rawhttpget, in the same rounds: `java -jar` of a jar
# with one class that prints a line (java-hello); a JVM that only loads, without running any, the classes one
# rawhttpget run loaded from the jar and the JDK's modules (java-classes, scripts/LoadClasses.java, the list
# taken from `-Xlog:class+load` of a run before the rounds); opening and closing a capture on the interface as
# rawhttpget does (pcap-open-close, scripts/pcap-open-close.c: the kernel's ring set-up and socket teardown); and
# one nft process adding an empty table and one deleting it (nft-table: the least a run's firewall rule costs).
# java-classes + pcap-open-close + nft-table, over java -version's median, is a ratio that no code of ours can
# go below without loading fewer classes.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${1:-rawhttpget.jar}
RUNS=${RUNS:-15}
JAVA_OPTS=${JAVA_OPTS:-}
RHG_ARGS=${RHG_ARGS:-}
P=bs$$

NAME=bench-startup
source scripts/lib/bench.sh
bench_require
bench_workdir

mkdir -p "$WORK/doc" "$WORK/out" "$WORK/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
    >"$WORK/hello/Hello.java"
javac -d "$WORK/hello" "$WORK/hello/Hello.java"
jar --create --file "$WORK/hello.jar" --main-class Hello -C "$WORK/hello" Hello.class
gcc -O2 -o "$WORK/pcap-open-close" scripts/pcap-open-close.c "$(bench_libpcap)"
javac -d "$WORK/hello" scripts/LoadClasses.java
printf 'seventeen bytes.\n' >"$WORK/doc/small.txt"
scripts/testnet.sh up "$P" "$WORK/doc" >"$WORK/testnet.log" 2>&1 || { cat "$WORK/testnet.log" >&2; exit 1; }
eval "$(scripts/testnet.sh env "$P")"
URL="http://$TESTNET_SERVER_ONLINK_IP/small.txt"
inns() { ip netns exec "$TESTNET_CLI_NS" "$@"; }

# The classes a run loads from files (the jar, jrt:/), for java-classes: one run, its log kept apart.
# shellcheck disable=SC2086
inns java $JAVA_OPTS -Xlog:class+load:file="$WORK/class-load.log" -jar "$JAR" -q $RHG_ARGS -i "$TESTNET_ONLINK_IF" \
    -O "$WORK/out/small.txt" "$URL"
awk '/source: (file:|jrt:)/ {print $2}' "$WORK/class-load.log" >"$WORK/classes.txt"

# run NAME ROUND COMMAND...: one timed command; appends "name round wall_ms cpu_s rss_kb" to results.
run() {
    local name=$1 round=$2 start end
    shift 2
    rm -f "$WORK/out/small.txt"
    start=$(date +%s%N)
    inns $TIME -f '%U %S %M' -o "$WORK/time" "$@" >"$WORK/run.log" 2>&1 || { cat "$WORK/run.log" >&2; exit 1; }
    end=$(date +%s%N)
    if [ "$name" = rawhttpget ] || [ "$name" = curl ] || [ "$name" = wget ]; then
        cmp -s "$WORK/out/small.txt" "$WORK/doc/small.txt" || { echo "bench-startup: $name wrote a wrong copy" >&2; exit 1; }
    fi
    read -r user sys rss <"$WORK/time"
    echo "$name $round $(((end - start) / 1000000)) $(awk "BEGIN {print $user + $sys}") $rss" >>"$WORK/results"
}

# shellcheck disable=SC2086
run_one() {
    case $1 in
        rawhttpget) run rawhttpget "$2" java $JAVA_OPTS -jar "$JAR" -q $RHG_ARGS -i "$TESTNET_ONLINK_IF" \
                        -O "$WORK/out/small.txt" "$URL" ;;
        java-version) run java-version "$2" java $JAVA_OPTS -version ;;
        curl) run curl "$2" curl -sS --noproxy '*' -o "$WORK/out/small.txt" "$URL" ;;
        wget) run wget "$2" wget -q --no-proxy -O "$WORK/out/small.txt" "$URL" ;;
        java-hello) run java-hello "$2" java $JAVA_OPTS -jar "$WORK/hello.jar" ;;
        java-classes) run java-classes "$2" java $JAVA_OPTS -cp "$JAR:$WORK/hello" LoadClasses "$WORK/classes.txt" ;;
        # rawhttpget's buffer: PcapLinkSettings.DEFAULT_KERNEL_BUFFER_BYTES.
        pcap-open-close) run pcap-open-close "$2" "$WORK/pcap-open-close" "$TESTNET_ONLINK_IF" $((16 << 20)) ;;
        nft-table) run nft-table "$2" sh -c 'nft add table netdev bench-startup-floor &&
                                            nft delete table netdev bench-startup-floor' ;;
    esac
}

echo "bench-startup: $RUNS runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg);" \
     "rawhttpget: java $JAVA_OPTS -jar $JAR $RHG_ARGS" >&2
: >"$WORK/results"
names=(rawhttpget java-version curl wget java-hello java-classes pcap-open-close nft-table)
for round in $(seq 1 "$RUNS"); do
    for i in $(seq 0 $((${#names[@]} - 1))); do
        run_one "${names[$(((i + round) % ${#names[@]}))]}" "$round"
    done
done

awk "$BENCH_AWK_MEDIAN"'
{ t = $1; n[t]++; w[t, n[t]] = $3; c[t, n[t]] = $4; m[t, n[t]] = $5 / 1024 }
END {
    printf "%-16s %8s %11s %7s %7s\n", "command", "wall ms", "min-max", "CPU s", "RSS MB"
    split("rawhttpget java-version curl wget java-hello java-classes pcap-open-close nft-table", names, " ")
    for (k = 1; k <= 8; k++) {
        t = names[k]; lo = 1e9; hi = 0
        for (i = 1; i <= n[t]; i++) { a[i] = w[t, i]; if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i] }
        med[t] = median(a, n[t])
        for (i = 1; i <= n[t]; i++) a[i] = c[t, i]; cpu = median(a, n[t])
        for (i = 1; i <= n[t]; i++) a[i] = m[t, i]; rss = median(a, n[t])
        printf "%-16s %8.0f %5.0f-%-5.0f %7.2f %7.0f\n", t, med[t], lo, hi, cpu, rss
    }
    printf "ratio rawhttpget / java -version: %.2f; rawhttpget / curl: %.1f; rawhttpget / wget: %.1f\n",
        med["rawhttpget"] / med["java-version"], med["rawhttpget"] / med["curl"], med["rawhttpget"] / med["wget"]
    floor = med["java-classes"] + med["pcap-open-close"] + med["nft-table"]
    printf "floor (java-classes + pcap-open-close + nft-table): %.0f ms, %.2f x java -version; rawhttpget above it: %.0f ms\n",
        floor, floor / med["java-version"], med["rawhttpget"] - floor
    printf "classes loaded by java-classes: %d (see above: a run loads these, plus lambdas spun at run time)\n", classes
}' classes="$(wc -l <"$WORK/classes.txt")" "$WORK/results"
