#!/bin/bash
# Recreates the captures behind src/test/java/rawhttpget/testing/CapturedFrames.java. Needs root.
#
#   client 198.18.0.1 --veth-- 198.18.0.254 router 198.19.0.254 --veth-- 198.19.0.1 server
#
# Private namespaces, 198.18.0.0/15 addresses only, torn down on exit. Offloads are off so that captured
# checksums are final; the router's side toward the client has MTU 1280 (the server's 1500-byte segments
# draw ICMP fragmentation-needed) and drops every sixth forwarded data segment (the client sends SACKs).
# NO_TS=1 turns TCP timestamps off on the client.
#
# Frames were copied out as hex with: editcap -F pcap X.pcap X-legacy.pcap, then
# tshark -r X-legacy.pcap -x -Y 'frame.number==N', and read back with
# tshark -o tcp.relative_sequence_numbers:FALSE -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE.
set -eu
C=rhg-c; R=rhg-r; S=rhg-s
OUT=${OUT:-/tmp/rhgcap}
cleanup() {
  set +e
  [ -n "${SRV:-}" ] && kill "$SRV" 2>/dev/null
  [ -n "${T1:-}" ] && kill -INT "$T1" 2>/dev/null
  [ -n "${T2:-}" ] && kill -INT "$T2" 2>/dev/null
  sleep 1
  ip netns del $C 2>/dev/null; ip netns del $R 2>/dev/null; ip netns del $S 2>/dev/null
}
trap cleanup EXIT
for n in $C $R $S; do
  ip netns add $n
  ip -n $n link set lo up
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add c-r netns $C type veth peer name r-c netns $R
ip link add s-r netns $S type veth peer name r-s netns $R
ip -n $C addr add 198.18.0.1/24 dev c-r
ip -n $R addr add 198.18.0.254/24 dev r-c
ip -n $R addr add 198.19.0.254/24 dev r-s
ip -n $S addr add 198.19.0.1/24 dev s-r
ip -n $R link set r-c mtu 1280
for pair in "$C c-r" "$R r-c" "$R r-s" "$S s-r"; do
  set -- $pair
  ip netns exec $1 ethtool -K $2 tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
  ip -n $1 link set $2 up
done
ip -n $C route add default via 198.18.0.254
ip -n $S route add default via 198.19.0.254
if [ "${NO_TS:-0}" = 1 ]; then
  ip netns exec $C sysctl -qw net.ipv4.tcp_timestamps=0 net.ipv4.tcp_rmem="4096 131072 6291456"
fi
ip netns exec $R sysctl -qw net.ipv4.ip_forward=1
ip netns exec $R nft -f - <<'NFT'
table inet lossy {
  chain forward_drop {
    type filter hook forward priority 0;
    oifname "r-c" tcp sport 80 numgen inc mod 6 == 3 drop
  }
}
NFT
mkdir -p "$OUT/www" && head -c 300000 /dev/urandom > "$OUT/www/big"
ip netns exec $C tshark -q -i c-r -w "$OUT/client.pcap" 2>/dev/null & T1=$!
ip netns exec $S tshark -q -i s-r -w "$OUT/server.pcap" 2>/dev/null & T2=$!
( cd "$OUT/www" && exec ip netns exec $S python3 -m http.server 80 --bind 198.19.0.1 >/dev/null 2>&1 ) & SRV=$!
sleep 3
ip netns exec $C curl -s -o /dev/null -w '%{http_code} %{size_download}\n' http://198.19.0.1/big
sleep 1
