#!/bin/bash
# Recreates the captures behind src/test/java/rawhttpget/testing/CapturedIpv6Frames.java. Needs root.
#
#   client 2001:2::1 --veth-- 2001:2::fe router 2001:2:0:1::fe --veth-- 2001:2:0:1::1 server
#
# Private namespaces, 2001:2::/48 addresses only, torn down on exit. Offloads are off so that captured
# checksums are final. The router's side toward the server has MTU 1280 while the server's link has 1500, so the
# client's full-sized TCP segments of an upload draw ICMPv6 Packet Too Big quoting them; the first contact with
# the router shows Linux's Neighbor Solicitation and Advertisement; an address added without nodad shows the DAD
# form of the solicitation; a 3000-byte UDP datagram to the router goes out in fragments and draws a port
# unreachable; curl over TCP fetches a small file. Linux's MLD reports carry a
# Hop-by-Hop header (Router Alert), the extension header every IPv6 host sends.
#
# Frames are read with: tcpdump -n -vv -r X.pcap, and copied out as hex with tcpdump -r X.pcap -xx.
set -eu
C=rhg6c-$$; R=rhg6r-$$; S=rhg6s-$$
OUT=${OUT:-/tmp/rhgcap6}
cleanup() {
  set +e
  [ -n "${SRV:-}" ] && kill "$SRV" 2>/dev/null
  [ -n "${T1:-}" ] && kill -INT "$T1" 2>/dev/null
  sleep 1
  ip netns del $C 2>/dev/null; ip netns del $R 2>/dev/null; ip netns del $S 2>/dev/null
}
trap cleanup EXIT
for n in $C $R $S; do
  ip netns add $n
  ip -n $n link set lo up
done
ip link add c-r netns $C type veth peer name r-c netns $R
ip link add s-r netns $S type veth peer name r-s netns $R
ip -n $R link set r-s mtu 1280
for pair in "$C c-r" "$R r-c" "$R r-s" "$S s-r"; do
  set -- $pair
  ip netns exec $1 ethtool -K $2 tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
done
ip netns exec $R sysctl -qw net.ipv6.conf.all.forwarding=1
# The client's side is up (without carrier until its peer is) before the capture starts, so that the capture
# sees the first frames the client sends.
ip -n $C link set c-r up
mkdir -p "$OUT/www" && printf 'hello over IPv6\n' > "$OUT/www/small"
ip netns exec $C tcpdump -Z root -n -U -s 0 -i c-r -w "$OUT/client.pcap" 2>"$OUT/tcpdump.log" & T1=$!
sleep 1
for pair in "$C c-r" "$R r-c" "$R r-s" "$S s-r"; do
  set -- $pair
  ip -n $1 link set $2 up
done
ip -n $C addr add 2001:2::1/64 dev c-r nodad
ip -n $R addr add 2001:2::fe/64 dev r-c nodad
ip -n $R addr add 2001:2:0:1::fe/64 dev r-s nodad
ip -n $S addr add 2001:2:0:1::1/64 dev s-r nodad
ip -n $C route add default via 2001:2::fe
ip -n $S route add default via 2001:2:0:1::fe
sleep 2
# DAD: a tentative address's Neighbor Solicitation from the unspecified address.
ip -n $C addr add 2001:2::2/64 dev c-r
sleep 2
ip netns exec $C python3 -c "import socket; socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).sendto(b'u' * 3000, ('2001:2::fe', 9))"
sleep 1
( cd "$OUT/www" && exec ip netns exec $S python3 -m http.server 80 --bind 2001:2:0:1::1 >/dev/null 2>&1 ) & SRV=$!
sleep 2
ip netns exec $C curl -s -g -o /dev/null 'http://[2001:2:0:1::1]/small'
head -c 6000 /dev/zero > "$OUT/upload"
ip netns exec $C curl -s -g -o /dev/null -H 'Expect:' --data-binary @"$OUT/upload" 'http://[2001:2:0:1::1]/small' || true
sleep 1
