#!/usr/bin/env bash
# testnet.sh — the test network for rawhttpget's demo and end-to-end tests.
#
#   scripts/testnet.sh up    PREFIX [DOCROOT]   build the network, start nginx, verify it with curl
#   scripts/testnet.sh down  PREFIX             remove everything PREFIX owns (idempotent, safe after a partial up)
#   scripts/testnet.sh check PREFIX             re-run the curl checks that `up` ends with
#   scripts/testnet.sh env   PREFIX             print the names and addresses as shell assignments (for eval)
#   TESTNET_TLS_DIR=DIR scripts/testnet.sh up ...  also serve HTTPS on port 443 (see HTTPS below)
#
# PREFIX is unique per run (e.g. rhg$$) so that concurrent runs never collide. It is at most 12 characters of
# [a-z0-9] starting with a letter, because interface names are "${PREFIX}c1" etc. and Linux allows 15.
# Must run as root. Every address is in 198.18.0.0/15, and no namespace has a route out of the network:
# traffic can only reach the hosts below.
#
# Layout: three namespaces, four hosts' worth of addresses, three veth links.
#
#   ${P}-cli  (client, two interfaces)                        ${P}-srv  (server: nginx on :80 and :8080)
#   +-------------------------------+    198.18.1.0/24        +------------------------------+
#   | ${P}c1  198.18.1.2/24 ========|==== on-link ============|== ${P}s1  198.18.1.1/24      |
#   |                               |                         |                              |
#   | ${P}c2  198.18.2.2/24 ===+    |                         |   ${P}s3  198.18.3.1/24 ==+  |
#   | default via 198.18.2.1   |    |                         | 198.18.2.0/24 via 198.18.3.2 |
#   +--------------------------|----+                         +---------------------------|--+
#                              |   198.18.2.0/24   ${P}-rtr (forwards)   198.18.3.0/24    |
#                              |        +-------------------------------------------+     |
#                              +========|== ${P}r2 198.18.2.1/24   ${P}r3 198.18.3.2/24 ==|=====+
#                                       +-------------------------------------------+
#
# - On-link path: client ${P}c1 -> server 198.18.1.1, same Ethernet segment.
# - Routed path:  client ${P}c2 -> router 198.18.2.1 -> server 198.18.3.1; the client must ARP for its
#   gateway, not for the server. The client's default route points at the router; the router has no default
#   route, so anything addressed elsewhere dies there (ICMP unreachable) instead of leaving the machine.
# - Free addresses for own-address mode (--ip): 198.18.1.50/24 on ${P}c1, 198.18.2.50/24 on ${P}c2.
# - Names in ${P}-cli (ip netns exec bind-mounts /etc/netns/${P}-cli/hosts over /etc/hosts):
#   files.test = 198.18.1.1 (on-link), routed.files.test = 198.18.3.1 (through the router).
#   resolv.conf there names 198.18.1.1, where nothing listens on port 53: an unknown name fails at once
#   instead of sending a query to the host's resolver.
# - Every veth has MTU 1500 and tso/gso/gro/tx/rx offloads off, so frames look like a real NIC's wire.
#   IPv6 is off in the namespaces: the address plan is IPv4 only and captures stay free of ND/MLD noise.
#
# nginx (Debian's, any flavour with the sub module) runs in ${P}-srv from a generated config; its config,
# pid, logs and temp paths all live in the state directory /tmp/rawhttpget-testnet-${P}/, never /etc/nginx.
#   /PATH                    DOCROOT/PATH with Content-Length (sendfile on); directories get an autoindex
#                            listing (nginx sends those with Transfer-Encoding: chunked)
#   /chunked/PATH            the same file, but with Transfer-Encoding: chunked (see CHUNKED below)
#   /slow/PATH               DOCROOT/PATH sent at 200 KB/s (nginx limit_rate): a download lasts long enough to
#                            be interrupted mid-way (1 MB takes about 5 s)
#   /_testnet/probe.bin      a 64 KiB random file the checks use; also under /chunked/_testnet/
#   port 8080                serves the same as port 80 (a second listener for later tests)
#   /norange/PATH            the same file, Range ignored (max_ranges 0): a 200 where a 206 was asked for
#   /keepalive2/PATH         DOCROOT/PATH; nginx closes a connection after its second request (keepalive_requests 2)
#   /forbidden/ANY           403 Forbidden
#   /redirect/relative/PATH  302 to "/PATH" (absolute_redirect off: the Location is relative as sent)
#   /redirect/dotdot/PATH    302 to "../../PATH", a relative reference that resolves to /PATH
#   /redirect/absolute/PATH  301 to http://HOST/PATH;  /redirect/port8080/PATH: 307 to http://HOST:8080/PATH
#   /redirect/see-other/PATH 303 to /PATH;  /redirect/permanent/PATH: 308 to /PATH
#   /redirect/hops/N/PATH    N = 3, 2, 1: a chain of N redirects ending at /PATH
#   /redirect/ping           302 to /redirect/pong, which redirects back: a loop
#   /redirect/to-https/PATH  302 to https://HOST/PATH;  /redirect/to-http/PATH: 302 to http://HOST/PATH
#   /echo/request            200, text/plain: the request's method and the User-Agent, X-Token, Referer,
#                            Accept-Encoding, Authorization, Content-Type and Content-Length it carried, one per line
#   /upload/NAME             PUT stores the body as STATE/upload/NAME (nginx's dav module); GET reads it back
#   /post/NAME               POST (any method) stores its body the same way: nginx passes it on to /upload/NAME
#   /auth/PATH               DOCROOT/PATH behind Basic authentication (realm "rawhttpget test"): user
#                            "tester", password "pa@ss word" (in a URL: tester:pa%40ss%20word@), from an
#                            htpasswd file made with openssl passwd -apr1
#   /disposition/plain/PATH  DOCROOT/PATH with Content-Disposition: attachment; filename="named-by-server.txt"
#   /disposition/encoded/PATH  the same with filename="fallback.txt" and filename*=UTF-8''caf%C3%A9%20menu.txt
#   /disposition/escape/PATH the same with filename="../../.hidden/evil.txt" (a name that must be sanitised)
#   /unavailable/ANY         503 with Retry-After: 1;  /too-many/ANY: 429 with Retry-After: 1
#
# CHUNKED: nginx sends a static file with Content-Length. Debian's nginx is built with the sub module
# (sub_filter), which rewrites bodies on the fly and therefore has to drop Content-Length; nginx then
# answers HTTP/1.1 requests with Transfer-Encoding: chunked (HTTP/1.0 requests get a body ended by close).
# The substitution pattern is a long ASCII string that no test file contains, so the body is byte-for-byte
# the file. This needs no extra package and no server of our own.
#
# HTTPS (optional): with TESTNET_TLS_DIR=DIR in the environment of `up`, nginx also listens on port 443 with
# TLS 1.2/1.3, serving the same as port 80, with the certificate DIR/server.pem and key DIR/server.key, which
# `scripts/make-test-cert.sh DIR` makes together with the CA that signed them, DIR/ca.pem (for files.test and
# 198.18.1.1; routed.files.test and 198.18.3.1 reach the same server under names the certificate lacks).
# `up` and `check` then also fetch https://files.test/ and https://198.18.1.1/ with curl --cacert DIR/ca.pem,
# and make sure curl without it refuses the certificate. DIR belongs to the caller; `down` leaves it alone.
# Without the variable nothing changes.
set -euo pipefail

# A pattern sub_filter never finds: the rewrite exists only to make nginx drop Content-Length.
readonly NEVER_MATCHES='rawhttpget-testnet-pattern-that-no-test-file-contains-7f3a9c'
# The one account behind /auth/; the '@' in the password must be percent-encoded in a URL, which tests exercise.
readonly AUTH_USER=tester AUTH_PASSWORD='pa@ss word'

die() { echo "testnet: $*" >&2; exit 1; }
log() { echo "testnet: $*" >&2; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/netns.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/nginx.sh"

usage() {
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[ $# -ge 2 ] || usage
readonly CMD=$1 P=$2
check_prefix "$P"

readonly CLI_NS="${P}-cli" RTR_NS="${P}-rtr" SRV_NS="${P}-srv"
readonly ALL_NS=("$CLI_NS" "$RTR_NS" "$SRV_NS")
# One flat directory per network (no shared parent that concurrent runs would race to create and remove).
readonly STATE="/tmp/rawhttpget-testnet-$P"
# Where `up` records TESTNET_TLS_DIR, so that `check` and `env` know HTTPS is on.
readonly TLS_DIR_FILE="$STATE/tls-dir"

# The address plan drawn above; `env` prints it for scripts, TestNetwork.java repeats it (TestNetworkTest checks).
readonly CLIENT_ONLINK_IP=198.18.1.2 CLIENT_ROUTED_IP=198.18.2.2
readonly ROUTER_IP=198.18.2.1 ROUTER_SERVER_SIDE_IP=198.18.3.2
readonly SERVER_ONLINK_IP=198.18.1.1 SERVER_ROUTED_IP=198.18.3.1
readonly ROUTED_CLIENT_NET=198.18.2.0/24
readonly SERVER_NAME=files.test SERVER_ROUTED_NAME=routed.files.test
readonly OWN_ONLINK_CIDR=198.18.1.50/24 OWN_ROUTED_CIDR=198.18.2.50/24
readonly ONLINK_IF="${P}c1" ROUTED_IF="${P}c2"

print_env() {
    local var
    for var in P STATE CLI_NS RTR_NS SRV_NS ONLINK_IF ROUTED_IF CLIENT_ONLINK_IP CLIENT_ROUTED_IP ROUTER_IP \
               SERVER_ONLINK_IP SERVER_ROUTED_IP SERVER_NAME SERVER_ROUTED_NAME OWN_ONLINK_CIDR OWN_ROUTED_CIDR; do
        printf 'TESTNET_%s=%q\n' "${var/#P/PREFIX}" "${!var}"
    done
    printf 'TESTNET_TLS_DIR=%q\n' "$(tls_dir)"
}

# tls_dir: the certificate directory HTTPS was set up with, or nothing when the network serves no HTTPS.
tls_dir() { cat "$TLS_DIR_FILE" 2>/dev/null || true; }

write_testnet_nginx_conf() {
    local docroot=$1 tls_dir=$2 chunked tls=""
    chunked="sub_filter_types *; sub_filter '$NEVER_MATCHES' '';"
    if [ -n "$tls_dir" ]; then
        tls="listen 443 ssl; ssl_protocols TLSv1.2 TLSv1.3;
        ssl_certificate $tls_dir/server.pem; ssl_certificate_key $tls_dir/server.key;"
    fi
    write_nginx_conf testnet.sh <<EOF
    types { text/html html; text/plain txt; }
    default_type application/octet-stream;
    sendfile on;
    server {
        listen 80;
        listen 8080;
        $tls
        server_name _;
        root $docroot;
        autoindex on;
        location /chunked/ { alias $docroot/; $chunked }
        location /slow/ { alias $docroot/; limit_rate 200k; }
        location /_testnet/ { alias $STATE/probe/; }
        location /chunked/_testnet/ { alias $STATE/probe/; $chunked }
        location /norange/ { alias $docroot/; max_ranges 0; }
        location /keepalive2/ { alias $docroot/; keepalive_requests 2; }
        location /forbidden/ { return 403; }
        location ~ ^/redirect/relative/(.*)\$ { absolute_redirect off; return 302 /\$1; }
        location ~ ^/redirect/dotdot/(.*)\$ { absolute_redirect off; return 302 ../../\$1; }
        location ~ ^/redirect/absolute/(.*)\$ { return 301 http://\$host/\$1; }
        location ~ ^/redirect/port8080/(.*)\$ { return 307 http://\$host:8080/\$1; }
        location ~ ^/redirect/see-other/(.*)\$ { return 303 /\$1; }
        location ~ ^/redirect/permanent/(.*)\$ { return 308 /\$1; }
        location ~ ^/redirect/hops/3/(.*)\$ { return 302 /redirect/hops/2/\$1; }
        location ~ ^/redirect/hops/2/(.*)\$ { return 302 /redirect/hops/1/\$1; }
        location ~ ^/redirect/hops/1/(.*)\$ { return 302 /\$1; }
        location ~ ^/redirect/to-https/(.*)\$ { return 302 https://\$host/\$1; }
        location ~ ^/redirect/to-http/(.*)\$ { return 302 http://\$host/\$1; }
        location = /redirect/ping { return 302 /redirect/pong; }
        location = /redirect/pong { return 302 /redirect/ping; }
        location = /echo/request {
            default_type text/plain;
            return 200 "method=\$request_method\nuser-agent=\$http_user_agent\nx-token=\$http_x_token\nreferer=\$http_referer\naccept-encoding=\$http_accept_encoding\nauthorization=\$http_authorization\ncontent-type=\$content_type\ncontent-length=\$content_length\n";
        }
        location /upload/ { alias $STATE/upload/; dav_methods PUT; client_max_body_size 64m; }
        location ~ ^/post/([a-z0-9._-]+)\$ {
            client_max_body_size 64m;
            proxy_method PUT;
            proxy_pass http://127.0.0.1:80/upload/\$1;
        }
        location /auth/ {
            alias $docroot/;
            auth_basic "rawhttpget test";
            auth_basic_user_file $STATE/htpasswd;
        }
        location /disposition/plain/ { alias $docroot/; add_header Content-Disposition 'attachment; filename="named-by-server.txt"'; }
        location /disposition/encoded/ { alias $docroot/; add_header Content-Disposition "attachment; filename=\\"fallback.txt\\"; filename*=UTF-8''caf%C3%A9%20menu.txt"; }
        location /disposition/escape/ { alias $docroot/; add_header Content-Disposition 'attachment; filename="../../.hidden/evil.txt"'; }
        location /unavailable/ { add_header Retry-After 1 always; return 503; }
        location /too-many/ { add_header Retry-After 1 always; return 429; }
    }
EOF
}

# fetch URL OUT [curl options...]: the kernel's TCP from the client namespace; never through a proxy.
fetch() {
    local url=$1 out=$2; shift 2
    nsx "$CLI_NS" curl -sS --noproxy '*' --max-time 20 --retry 3 --retry-connrefused --retry-delay 1 \
        -o "$out" "$@" "$url"
}

check() {
    [ -f "$STATE/probe/probe.bin" ] || die "$P is not up (no $STATE/probe/probe.bin)"
    local want got url tmp="$STATE/check.tmp" headers="$STATE/check.headers"
    want=$(sha256sum <"$STATE/probe/probe.bin" | cut -d' ' -f1)
    for url in "http://$SERVER_ONLINK_IP/_testnet/probe.bin" "http://$SERVER_NAME/_testnet/probe.bin" \
               "http://$SERVER_ONLINK_IP:8080/_testnet/probe.bin" "http://$SERVER_ROUTED_IP/_testnet/probe.bin" \
               "http://$SERVER_ROUTED_NAME/_testnet/probe.bin" "http://$SERVER_ROUTED_IP:8080/_testnet/probe.bin" \
               "http://$SERVER_ONLINK_IP/chunked/_testnet/probe.bin" "http://$SERVER_ROUTED_IP/chunked/_testnet/probe.bin"; do
        fetch "$url" "$tmp" -D "$headers" || die "curl $url failed"
        got=$(sha256sum <"$tmp" | cut -d' ' -f1)
        [ "$got" = "$want" ] || die "curl $url: sha256 $got, want $want"
        case "$url" in
            */chunked/*) grep -qi '^transfer-encoding: *chunked' "$headers" \
                || die "curl $url: response is not chunked" ;;
            *) grep -qi '^content-length: *65536' "$headers" \
                || die "curl $url: response has no Content-Length: 65536" ;;
        esac
    done
    local tls_dir rc
    tls_dir=$(tls_dir)
    if [ -n "$tls_dir" ]; then
        for url in "https://$SERVER_NAME/_testnet/probe.bin" "https://$SERVER_ONLINK_IP/_testnet/probe.bin"; do
            fetch "$url" "$tmp" --cacert "$tls_dir/ca.pem" || die "curl --cacert $tls_dir/ca.pem $url failed"
            got=$(sha256sum <"$tmp" | cut -d' ' -f1)
            [ "$got" = "$want" ] || die "curl $url: sha256 $got, want $want"
        done
        # Without the test CA the certificate must be refused (curl: 60), or the check above proved nothing.
        rc=0
        nsx "$CLI_NS" curl -sS --noproxy '*' --max-time 20 -o /dev/null "https://$SERVER_NAME/_testnet/probe.bin" \
            2>/dev/null || rc=$?
        [ "$rc" -eq 60 ] || die "curl https://$SERVER_NAME/ without --cacert: exit $rc, want 60 (certificate refused)"
    fi
    # The routed checks above prove nothing unless the kernel really sends them via the router.
    [[ "$(ip -n "$CLI_NS" route get "$SERVER_ROUTED_IP")" == *"via $ROUTER_IP dev $ROUTED_IF "* ]] \
        || die "$SERVER_ROUTED_IP is not routed via $ROUTER_IP in $CLI_NS"
    rm -f "$tmp" "$headers"
    log "$P: on-link, routed, by name, port 8080, chunked${tls_dir:+ and HTTPS} all verified with curl"
}

up() {
    local docroot=${1:-}
    require_fresh "${ALL_NS[@]}"
    # From here on a failure must not leave half a network behind.
    trap 'rc=$?; if [ "$rc" -ne 0 ]; then log "up failed, removing what was made"; down; fi' EXIT

    mkdir -p "$STATE"/{probe,tmp}
    if [ -z "$docroot" ]; then
        docroot="$STATE/docroot"
        mkdir -p "$docroot"
        echo "hello from the rawhttpget test network" >"$docroot/hello.txt"
    fi
    [ -d "$docroot" ] || die "docroot $docroot is not a directory"
    docroot=$(realpath "$docroot")
    local tls_dir=${TESTNET_TLS_DIR:-}
    if [ -n "$tls_dir" ]; then
        local f
        for f in ca.pem server.pem server.key; do
            [ -f "$tls_dir/$f" ] || die "TESTNET_TLS_DIR: no $tls_dir/$f (make them with scripts/make-test-cert.sh $tls_dir)"
        done
        tls_dir=$(realpath "$tls_dir")
        echo "$tls_dir" >"$TLS_DIR_FILE"
    fi
    head -c 65536 /dev/urandom >"$STATE/probe/probe.bin"
    mkdir -p "$STATE/upload"
    printf '%s:%s\n' "$AUTH_USER" "$(openssl passwd -apr1 "$AUTH_PASSWORD")" >"$STATE/htpasswd"

    make_namespaces "${ALL_NS[@]}"
    veth "$CLI_NS" "$ONLINK_IF" "$CLIENT_ONLINK_IP/24" "$SRV_NS" "${P}s1" "$SERVER_ONLINK_IP/24"
    veth "$CLI_NS" "$ROUTED_IF" "$CLIENT_ROUTED_IP/24" "$RTR_NS" "${P}r2" "$ROUTER_IP/24"
    veth "$RTR_NS" "${P}r3" "$ROUTER_SERVER_SIDE_IP/24" "$SRV_NS" "${P}s3" "$SERVER_ROUTED_IP/24"
    ip -n "$CLI_NS" route add default via "$ROUTER_IP" dev "$ROUTED_IF"
    ip -n "$SRV_NS" route add "$ROUTED_CLIENT_NET" via "$ROUTER_SERVER_SIDE_IP" dev "${P}s3"
    nsx "$RTR_NS" sysctl -qw net.ipv4.ip_forward=1

    mkdir -p "/etc/netns/$CLI_NS"
    printf '%s %s\n' "$SERVER_ONLINK_IP" "$SERVER_NAME" "$SERVER_ROUTED_IP" "$SERVER_ROUTED_NAME" \
        >"/etc/netns/$CLI_NS/hosts"
    printf '# rawhttpget test network %s: nothing answers DNS here, so unknown names fail fast\nnameserver %s\n' \
        "$P" "$SERVER_ONLINK_IP" >"/etc/netns/$CLI_NS/resolv.conf"

    write_testnet_nginx_conf "$docroot" "$tls_dir"
    start_nginx "$SRV_NS"
    [ -s "$STATE/nginx.pid" ] || die "nginx wrote no pid file"

    check
    trap - EXIT
    log "$P is up (docroot $docroot, state $STATE)"
}

# Best effort: one step failing must not stop the others, but the caller hears about it.
down() {
    local ns dev failed=0
    stop_nginx
    delete_namespaces "${ALL_NS[@]}" || failed=1
    # Veths are made inside the namespaces and vanish with them; this only catches a half-made pair.
    for dev in c1 c2 r2 r3 s1 s3; do
        ip link del "${P}${dev}" 2>/dev/null || true
    done
    for ns in "${ALL_NS[@]}"; do
        rm -rf "/etc/netns/${ns:?}"
    done
    rm -rf "${STATE:?}"
    return "$failed"
}

case "$CMD" in
    up) up "${3:-}" ;;
    down) down; log "$P is down" ;;
    check) check ;;
    env) print_env ;;
    *) usage ;;
esac
