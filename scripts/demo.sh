#!/usr/bin/env bash
# demo.sh — rawhttpget downloading through its own userspace Ethernet/ARP/IPv4/TCP stack.
#
# Builds a throwaway namespace network with scripts/testnet.sh, serves an empty file, a 1-byte file and
# 1 MB and 100 MB of random bytes from nginx, downloads them with rawhttpget.jar on-link with the interface's
# own address, on-link with an address of the program's own (own MAC, answers ARP), through a router, and as
# a chunked response. Then it prints each source's and copy's sha256 side by side.
# Exits non-zero if any download fails or differs. The network is removed on exit, error or Ctrl-C.
#
# Run as root, via `make demo` (which builds the jar first). RAWHTTPGET_JAR=PATH runs another jar.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=$(realpath -m "${RAWHTTPGET_JAR:-rawhttpget.jar}")
[ -f "$JAR" ] || { echo "demo: $JAR not found: run 'make build'" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "demo: must run as root (namespaces, raw sockets)" >&2; exit 1; }
JAVA=$(command -v java)
# Generous, so that only a hang fails the demo, not a slow machine.
DOWNLOAD_TIMEOUT=120

P="rhgd$$"  # unique per run; testnet.sh allows 12 characters and a PID has at most 7 digits
WORK=$(mktemp -d /tmp/rawhttpget-demo.XXXXXX)
cleanup() {
    scripts/testnet.sh down "$P" || echo "demo: removing the test network $P failed" >&2
    rm -rf "$WORK"
}
trap cleanup EXIT
# A signal must end the script so that the EXIT trap runs, not just interrupt the current command.
trap 'exit 130' INT
trap 'exit 143' TERM

DOCROOT="$WORK/www"
mkdir -p "$DOCROOT"
: >"$DOCROOT/empty.bin"
head -c 1 /dev/urandom >"$DOCROOT/1byte.bin"
head -c 1M /dev/urandom >"$DOCROOT/1M.bin"
head -c 100M /dev/urandom >"$DOCROOT/100M.bin"

echo "Setting up the test network $P (see scripts/testnet.sh for the layout)..."
scripts/testnet.sh up "$P" "$DOCROOT"
eval "$(scripts/testnet.sh env "$P")"

failures=0
n=0
printf '\n%-8s %-10s %-40s %-64s  %s\n' RESULT FILE "HOW" "SOURCE SHA256" "COPY SHA256 (time)"

# fetch HOW FILE URL [rawhttpget options...]: one download in a fresh directory of the client namespace,
# compared with the file nginx served.
fetch() {
    local how=$1 file=$2 url=$3; shift 3
    local dir="$WORK/run$((n += 1))" rc=0 start end source copy result
    mkdir -p "$dir"
    start=$(date +%s.%N)
    # In the background with wait: bash runs a signal's trap only once the foreground command ends, but
    # interrupts wait at once. The EXIT trap's testnet.sh down then stops the download, which runs in the
    # client namespace.
    (cd "$dir" && exec timeout --kill-after=10 "$DOWNLOAD_TIMEOUT" \
        ip netns exec "$TESTNET_CLI_NS" "$JAVA" -jar "$JAR" "$@" "$url" </dev/null >"$dir.log" 2>&1) &
    wait "$!" || rc=$?
    end=$(date +%s.%N)
    source=$(sha256sum <"$DOCROOT/$file" | cut -d' ' -f1)
    if [ -f "$dir/$file" ]; then copy=$(sha256sum <"$dir/$file" | cut -d' ' -f1); else copy="(no file)"; fi
    if [ "$rc" -ne 0 ]; then
        result=FAILED
    elif [ "$copy" = "$source" ]; then
        result=OK
    else
        result=MISMATCH
    fi
    printf '%-8s %-10s %-40s %-64s  %s (%.1f s)\n' "$result" "$file" "$how" "$source" "$copy" "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')"
    if [ "$result" != OK ]; then
        failures=$((failures + 1))
        echo "       exit code $rc; rawhttpget $* $url said:"
        tail -n 20 "$dir.log" | sed 's/^/       | /'
    fi
    rm -rf "$dir"  # 100 MB copies add up
}

fetch "on-link, host address" empty.bin "http://$TESTNET_SERVER_NAME/empty.bin" -i "$TESTNET_ONLINK_IF"
fetch "on-link, host address" 1byte.bin "http://$TESTNET_SERVER_NAME/1byte.bin" -i "$TESTNET_ONLINK_IF"
fetch "on-link, host address" 1M.bin "http://$TESTNET_SERVER_NAME/1M.bin" -i "$TESTNET_ONLINK_IF"
fetch "on-link, host address" 100M.bin "http://$TESTNET_SERVER_NAME/100M.bin" -i "$TESTNET_ONLINK_IF"
fetch "on-link, own address $TESTNET_OWN_ONLINK_CIDR" 100M.bin "http://$TESTNET_SERVER_ONLINK_IP/100M.bin" \
    -i "$TESTNET_ONLINK_IF" --ip "$TESTNET_OWN_ONLINK_CIDR"
fetch "via router, host address" 100M.bin "http://$TESTNET_SERVER_ROUTED_NAME/100M.bin" -i "$TESTNET_ROUTED_IF"
fetch "via router, own address $TESTNET_OWN_ROUTED_CIDR" 1M.bin "http://$TESTNET_SERVER_ROUTED_IP/1M.bin" \
    -i "$TESTNET_ROUTED_IF" --ip "$TESTNET_OWN_ROUTED_CIDR"
fetch "on-link, chunked response" 1M.bin "http://$TESTNET_SERVER_NAME/chunked/1M.bin" -i "$TESTNET_ONLINK_IF"

echo
if [ "$failures" -ne 0 ]; then
    echo "demo: $failures of $n downloads failed or differ"
    exit 1
fi
echo "demo: all $n downloads match their source"
