# bench.sh — what every scripts/bench-*.sh does before it measures: checks root, the jar and GNU time, makes a
# work directory (optionally with a tmpfs, so the disk is not what is measured) and removes it, with the test
# network named $P, on exit, error, Ctrl-C or SIGTERM. Sourced, not run; needs NAME, JAR and P set first.

TIME=/usr/bin/time

# The awk function every summary uses, put before each script's own program: awk "$BENCH_AWK_MEDIAN"'...'.
# median(a, n): the median of a[1..n], sorting a in place (insertion sort: a handful of rounds).
BENCH_AWK_MEDIAN='
function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}

'

bench_require() {
    [ "$(id -u)" -eq 0 ] || { echo "$NAME: run as root (namespaces, capture)" >&2; exit 1; }
    [ -f "$JAR" ] || { echo "$NAME: no $JAR (make build)" >&2; exit 1; }
    [ -x "$TIME" ] || { echo "$NAME: $TIME missing (apt-get install time)" >&2; exit 1; }
}

bench_cleanup() {
    scripts/testnet.sh down "$P" >/dev/null 2>&1 || true
    umount "$WORK/fs" 2>/dev/null || true
    rm -rf "$WORK"
}

# bench_workdir [TMPFS_MB]: WORK, removed at exit; with TMPFS_MB, a tmpfs of that size mounted on $WORK/fs.
bench_workdir() {
    WORK=$(mktemp -d "/tmp/rawhttpget-$NAME-XXXXXX")
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    if [ -n "${1:-}" ]; then
        mkdir -p "$WORK/fs"
        mount -t tmpfs -o size="$1"m "rawhttpget-$NAME" "$WORK/fs"
    fi
}

# bench_rounds TOOL...: ROUNDS rounds, each calling the script's `run TOOL ROUND` for every tool, in an order that
# rotates from round to round, so no tool always runs first (a cold cache) or after the same neighbour.
bench_rounds() {
    local tools=("$@") round k order tool
    for round in $(seq 1 "$ROUNDS"); do
        order=()
        for k in $(seq 0 $((${#tools[@]} - 1))); do order+=("${tools[$(((round + k) % ${#tools[@]}))]}"); done
        for tool in "${order[@]}"; do
            run "$tool" "$round"
        done
        echo "$NAME: round $round of $ROUNDS done (${order[*]})" >&2
    done
}

# bench_libpcap: the path of the runtime libpcap (libpcap.so.0.8, as Debian ships it without libpcap-dev), to link
# a small C program against.
bench_libpcap() {
    local lib
    lib=$(ldconfig -p | awk '/libpcap\.so\.0\.8 .*x86-64|libpcap\.so\.0\.8 \(libc6,x86-64\)/ {print $NF; exit}')
    [ -n "$lib" ] || lib=$(ldconfig -p | awk '/libpcap\.so\.0\.8/ {print $NF; exit}')
    [ -n "$lib" ] || { echo "$NAME: no libpcap.so.0.8 (apt-get install libpcap0.8)" >&2; exit 1; }
    echo "$lib"
}
