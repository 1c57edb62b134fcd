#!/usr/bin/env bash
# bench-wan.sh — goodput of rawhttpget against curl (the kernel's TCP) over an emulated WAN.
#
#   scripts/bench-wan.sh [ROUNDS]          (root; needs ./rawhttpget.jar and target/wanem or tc netem)
#
# For each scenario (20 ms each way at 100 Mbit/s, then with 1 % loss, 5 % loss, jitter that reorders,
# 1 % duplication, 0.1 % corruption) it downloads the same file with rawhttpget and with curl, alternating
# which goes first, ROUNDS times (default 3), checks every copy byte for byte, and prints a table.
#
# What is timed: from the client's SYN to the client's FIN, as seen on the server's interface (a capture
# that keeps only SYN and FIN segments). Both clients send their FIN as soon as they have the whole body,
# so JVM start-up, pcap setup and file renaming are outside the measurement for both, and both pay the
# same handshake and request round trips. Goodput = file size / that time.
#
# Environment: BENCH_MB (file size, default 100), BENCH_SCENARIOS (names, default all), BENCH_PREFIX,
# BENCH_OUT (where the table is written too, default target/bench/wan.md).
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

readonly REPO=$(cd "$(dirname "$0")/.." && pwd)
readonly ROUNDS=${1:-3}
readonly MB=${BENCH_MB:-100}
readonly P=${BENCH_PREFIX:-rhgb$$}
readonly WORK="$REPO/target/bench"
readonly OUT=${BENCH_OUT:-$WORK/wan.md}
readonly WANNET="$REPO/scripts/wannet.sh"
readonly JAR="$REPO/rawhttpget.jar"

# name|wannet options|what it is
readonly ALL_SCENARIOS=(
    "clean|-d 20 -r 100|20 ms each way, 100 Mbit/s"
    "loss1|-d 20 -r 100 -l 1|+ 1 % loss"
    "loss5|-d 20 -r 100 -l 5|+ 5 % loss"
    "reorder|-d 20 -r 100 -j 2|+ ±2 ms jitter (reorders)"
    "dup1|-d 20 -r 100 -u 1|+ 1 % duplication"
    "corrupt|-d 20 -r 100 -c 0.1|+ 0.1 % corruption"
)

die() { echo "bench-wan: $*" >&2; exit 1; }
log() { echo "bench-wan: $*" >&2; }

[ "$(id -u)" -eq 0 ] || die "must run as root"
[ -f "$JAR" ] || die "no $JAR: run 'make build' first"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive number"
emulator=$("$WANNET" which)
[ "$emulator" != none ] || die "no WAN emulator: this kernel has no sch_netem and target/wanem is not built (make target/wanem)"
command -v dumpcap >/dev/null && command -v tshark >/dev/null || die "needs dumpcap and tshark (make deps)"

mkdir -p "$WORK/docroot" "$WORK/runs"
FILE="$WORK/docroot/bench-${MB}M.bin"
if [ ! -f "$FILE" ] || [ "$(stat -c %s "$FILE")" -ne $((MB * 1048576)) ]; then
    head -c "$((MB * 1048576))" /dev/urandom >"$FILE"
fi
WANT=$(sha256sum <"$FILE" | cut -d' ' -f1)
URL="http://198.18.1.1/$(basename "$FILE")"

capture_pid=""
cleanup() {
    [ -z "$capture_pid" ] || kill "$capture_pid" 2>/dev/null || true
    "$WANNET" down "$P" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$WANNET" up "$P" "$WORK/docroot"
eval "$("$WANNET" env "$P")"

# start_capture FILE: SYNs and FINs toward port 80 on the server's interface, until stop_capture.
start_capture() {
    rm -f "$1" "$1.log"
    ip netns exec "$WANNET_SRV_NS" dumpcap -q -i "$WANNET_SRV_IF" \
        -f "tcp dst port 80 and tcp[tcpflags] & (tcp-syn|tcp-fin) != 0" -w "$1" </dev/null >"$1.log" 2>&1 &
    capture_pid=$!
    local i
    for i in $(seq 100); do
        if [[ "$(cat "$1.log" 2>/dev/null)" == *Capturing* ]]; then
            sleep 1  # "Capturing on" can come a moment before the filter sees frames
            return 0
        fi
        sleep 0.1
    done
    die "dumpcap did not start: $(cat "$1.log")"
}
stop_capture() {
    sleep 0.5  # the last FIN's frame reaches the capture
    kill "$capture_pid" 2>/dev/null || true
    wait "$capture_pid" 2>/dev/null || true
    capture_pid=""
}

# seconds_syn_to_fin PCAP: the first SYN in the capture, to the first FIN from the same client port (a FIN
# of an earlier connection, e.g. wannet's check, may be in the capture too).
seconds_syn_to_fin() {
    tshark -r "$1" -T fields -e tcp.srcport -e tcp.flags.syn -e tcp.flags.fin -e frame.time_epoch 2>/dev/null | awk '
        ($2 == 1 || $2 == "True") && syn == "" { syn = $4; port = $1 }
        ($3 == 1 || $3 == "True") && fin == "" && syn != "" && $1 == port { fin = $4 }
        END { if (syn == "" || fin == "") exit 1; printf "%.4f\n", fin - syn }'
}

# run_one CLIENT SCENARIO ROUND: one timed download; prints the seconds.
run_one() {
    local client=$1 scenario=$2 round=$3 pcap="$WORK/runs/$2-$3-$1.pcapng" out="$WORK/runs/out.bin" rc=0
    rm -f "$out"
    start_capture "$pcap"
    if [ "$client" = rawhttpget ]; then
        ip netns exec "$WANNET_CLI_NS" timeout 600 java -jar "$JAR" -q -i "$WANNET_CLI_IF" -O "$out" "$URL" \
            </dev/null >"$WORK/runs/$scenario-$round-$client.log" 2>&1 || rc=$?
    else
        ip netns exec "$WANNET_CLI_NS" timeout 600 curl -sS --noproxy '*' -o "$out" "$URL" \
            </dev/null >"$WORK/runs/$scenario-$round-$client.log" 2>&1 || rc=$?
    fi
    stop_capture
    [ "$rc" -eq 0 ] || die "$client failed ($rc) in $scenario round $round: $(tail -n 3 "$WORK/runs/$scenario-$round-$client.log")"
    [ "$(sha256sum <"$out" | cut -d' ' -f1)" = "$WANT" ] || die "$client: copy differs from the source in $scenario round $round"
    rm -f "$out"
    seconds_syn_to_fin "$pcap" || die "no SYN and FIN in the capture of $client, $scenario round $round"
}

selected=()
for entry in "${ALL_SCENARIOS[@]}"; do
    name=${entry%%|*}
    if [ -z "${BENCH_SCENARIOS:-}" ] || [[ " $BENCH_SCENARIOS " == *" $name "* ]]; then selected+=("$entry"); fi
done
[ "${#selected[@]}" -gt 0 ] || die "BENCH_SCENARIOS names none of: clean loss1 loss5 reorder dup1 corrupt"

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.2f", b * 8 / s / 1e6 }'; }
rows=()
for entry in "${selected[@]}"; do
    IFS='|' read -r name options what <<<"$entry"
    # shellcheck disable=SC2086  # the options are words
    "$WANNET" set "$P" $options -s 1
    rhg=() krn=()
    for round in $(seq "$ROUNDS"); do
        if [ $((round % 2)) -eq 1 ]; then order="rawhttpget curl"; else order="curl rawhttpget"; fi
        for client in $order; do
            s=$(run_one "$client" "$name" "$round")
            log "$name round $round: $client $(mbps $((MB * 1048576)) "$s") Mbit/s ($s s)"
            if [ "$client" = rawhttpget ]; then rhg+=("$s"); else krn+=("$s"); fi
        done
    done
    # Per client: goodput of each round; the ratio of the mean goodputs; the spread shows the noise.
    row=$(printf '%s\n' "${rhg[@]}" | awk -v b=$((MB * 1048576)) -v k="${krn[*]}" -v name="$name" -v what="$what" '
        { g = b * 8 / $1 / 1e6; r += g; rs = rs sprintf("%s%.1f", NR > 1 ? " " : "", g) }
        END {
            n = split(k, ks, " ")
            for (i = 1; i <= n; i++) { g = b * 8 / ks[i] / 1e6; c += g; cs = cs sprintf("%s%.1f", i > 1 ? " " : "", g) }
            printf "| %s | %s | %.1f (%s) | %.1f (%s) | %.2f |", name, what, r / NR, rs, c / n, cs, (r / NR) / (c / n)
        }')
    rows+=("$row")
done

{
    echo "WAN benchmark, $(date -u +%Y-%m-%d), ${MB} MB file, $ROUNDS rounds alternating, emulator $emulator, $(nproc) cores"
    echo
    echo "| scenario | path | rawhttpget Mbit/s, mean (each round) | curl Mbit/s, mean (each round) | ratio |"
    echo "| --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
} | tee "$OUT"
log "table written to $OUT"
