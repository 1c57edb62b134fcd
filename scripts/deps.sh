#!/usr/bin/env bash
# deps.sh — install the Debian/Ubuntu packages that rawhttpget's build, demo and tests need.
# Checks first and touches neither apt nor the network when everything is there, so a second run is quick
# and works offline. Needs root only when something is missing.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
# Non-login root shells (CI, sudo) do not always have the sbin directories where nginx and iptables live.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

# Output is captured, never piped into grep -q: with pipefail, grep exiting at the first match kills the writer
# with SIGPIPE and the test fails at random (68 times in 100 for apt-cache policy).
installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == *'install ok installed'* ]]; }
# has_candidate PKG: the archive offers PKG (only meaningful after apt-get update).
has_candidate() { [[ "$(apt-cache policy "$1" 2>/dev/null)" =~ Candidate:\ [^\(] ]]; }
java_major() { javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'; }

# Packages wanted by name:
#   (libpcap)     the runtime library only, as users have it: rawhttpget finds libpcap.so.0.8 itself, and Pcap4J
#                 needs no headers. libpcap0.8, renamed libpcap0.8t64 on Debian 13 / Ubuntu 24.04; handled below.
#   nftables      host-address mode drops the server's segments at the capture interface's ingress (nft netdev);
#                 the tests compare nft list ruleset.
#   iptables      the fallback rule (the kernel's RSTs dropped on output); the tests compare iptables-save.
#   ethtool       testnet.sh turns veth offloads off.
#   iproute2      ip netns / ip link for the test network.
#   procps        sysctl, for forwarding and IPv6 in the namespaces.
#   curl          the kernel-TCP reference download in testnet.sh, the demo and the e2e tests.
#   tshark        the e2e tests check --pcap traces with it (checksums, stream reassembly, counts).
#   tcpdump       the e2e tests compare the DEBUG segment lines with tcpdump's reading of the same trace.
#   openssl       scripts/make-test-cert.sh makes the CA and server certificate of the HTTPS tests.
#   libcap2-bin   capsh: the e2e tests run the CLI without CAP_NET_RAW and CAP_NET_ADMIN.
#   gcc, libc6-dev  build ../shared/tools/wanem.c, the WAN emulator of the WAN tests and `make bench`
#                 (libc6-dev has the headers; --no-install-recommends would leave it out).
#   time          GNU time: peak RSS and CPU seconds in make bench-lan.
#   chromium      headless, the e2e tests open a --report HTML file as a user would: console errors, a screenshot.
#   wget          the e2e tests draw wget's progress bar in a pseudo-terminal beside ours (TerminalOutputEndToEndTest).
#   bsdutils      script(1), the pseudo-terminal of known width those tests run both programs in.
#   python3       scripts/tun-relay.py (the L3 link test) and a loopback HTTP server (LinkKindsEndToEndTest).
#   tinyproxy     the proxy of ProxyEndToEndTest (absolute-form http and CONNECT), beside wget through it.
#   aria2         aria2c, the segmented downloader make bench-split measures --split against (benchmark only).
wanted=(nftables iptables ethtool iproute2 procps curl tshark tcpdump openssl libcap2-bin gcc libc6-dev time chromium
        wget bsdutils python3 tinyproxy aria2)
missing=()
for pkg in "${wanted[@]}"; do
    installed "$pkg" || missing+=("$pkg")
done
# Alternatives are checked by what they provide, so an installed nginx-full or a newer JDK is left alone.
need_nginx=0 need_jdk=0 need_libpcap=0
installed libpcap0.8 || installed libpcap0.8t64 || need_libpcap=1
command -v nginx >/dev/null || need_nginx=1
{ command -v javac >/dev/null && [ "$(java_major)" -ge 17 ] 2>/dev/null; } || need_jdk=1
command -v mvn >/dev/null || missing+=(maven)

if [ "${#missing[@]}" -eq 0 ] && [ "$need_nginx" -eq 0 ] && [ "$need_jdk" -eq 0 ] && [ "$need_libpcap" -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing ${missing[*]} $([ "$need_libpcap" -eq 1 ] && echo libpcap0.8) $([ "$need_nginx" -eq 1 ] && echo nginx)" \
         "$([ "$need_jdk" -eq 1 ] && echo 'JDK 17+');" \
         "run 'make deps' as root" >&2
    exit 1
fi

apt-get update -q
# nginx-light is the smallest build with the sub module testnet.sh uses; releases without it have "nginx".
if [ "$need_nginx" -eq 1 ]; then
    if has_candidate nginx-light; then missing+=(nginx-light); else missing+=(nginx); fi
fi
if [ "$need_libpcap" -eq 1 ]; then
    if has_candidate libpcap0.8t64; then missing+=(libpcap0.8t64); else missing+=(libpcap0.8); fi
fi
if [ "$need_jdk" -eq 1 ]; then
    if has_candidate openjdk-17-jdk-headless; then missing+=(openjdk-17-jdk-headless); else missing+=(default-jdk-headless); fi
fi
echo "deps: installing ${missing[*]}" >&2
apt-get install -y -q --no-install-recommends "${missing[@]}"
