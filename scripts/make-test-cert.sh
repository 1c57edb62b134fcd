#!/usr/bin/env bash
# make-test-cert.sh — a throwaway CA and a server certificate it signed, for HTTPS tests against nginx.
#
#   scripts/make-test-cert.sh DIR [NAME...]
#
# Writes into DIR (created if missing; files already there are replaced):
#   ca.pem       the CA certificate: what a client trusts with --ca-certificate DIR/ca.pem (curl: --cacert)
#   ca.key       its private key (kept so a test can sign more certificates)
#   server.pem   the server certificate, signed by the CA (nginx: ssl_certificate)
#   server.key   its private key (nginx: ssl_certificate_key)
# NAMEs go into the server certificate's subjectAltName: an IPv4 literal as an IP address, anything else as a
# DNS name; the first is also the subject's CN. Without NAMEs: files.test and 198.18.1.1, the on-link server
# of scripts/testnet.sh. routed.files.test and 198.18.3.1 are then deliberately NOT in the certificate, so
# that a test can ask for a name the certificate does not match.
#
# EC P-256 keys and SHA-256 signatures; valid from now for 30 days. Needs only openssl (1.1.1 or 3.x).
set -euo pipefail

die() { echo "make-test-cert: $*" >&2; exit 1; }

[ $# -ge 1 ] || { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
readonly DIR=$1; shift
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(files.test 198.18.1.1)
command -v openssl >/dev/null || die "openssl not found (Debian: apt-get install openssl)"

san=""
for name in "${names[@]}"; do
    if [[ "$name" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]]; then
        san+="${san:+,}IP:$name"
    elif [[ "$name" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]]; then
        san+="${san:+,}DNS:$name"
    else
        die "not a host name or IPv4 address: '$name'"
    fi
done

mkdir -p "$DIR"
work=$(mktemp -d "$DIR/.make-test-cert.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Private keys readable by their owner only; nginx's master process reads them as root.
umask 077

openssl ecparam -name prime256v1 -genkey -noout -out "$work/ca.key" 2>"$work/log" || die "CA key: $(cat "$work/log")"
openssl req -x509 -new -key "$work/ca.key" -sha256 -days 30 -subj "/CN=rawhttpget test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$work/ca.pem" 2>"$work/log" || die "CA certificate: $(cat "$work/log")"

openssl ecparam -name prime256v1 -genkey -noout -out "$work/server.key" 2>"$work/log" || die "server key: $(cat "$work/log")"
openssl req -new -key "$work/server.key" -subj "/CN=${names[0]}" -out "$work/server.csr" 2>"$work/log" \
    || die "server request: $(cat "$work/log")"
cat >"$work/server.ext" <<EOF
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $san
EOF
# A random serial rather than a serial file: nothing is left behind next to the CA.
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 30 -sha256 -extfile "$work/server.ext" \
    -out "$work/server.pem" 2>"$work/log" || die "server certificate: $(cat "$work/log")"

# The result must verify as a TLS server certificate for every name before anyone relies on it.
for name in "${names[@]}"; do
    if [[ "$name" =~ ^[0-9.]+$ ]]; then check=(-verify_ip "$name"); else check=(-verify_hostname "$name"); fi
    openssl verify -CAfile "$work/ca.pem" -purpose sslserver "${check[@]}" "$work/server.pem" >"$work/log" 2>&1 \
        || die "the new certificate does not verify for $name: $(cat "$work/log")"
done

chmod 644 "$work/ca.pem" "$work/server.pem"
mv -f "$work/ca.key" "$work/ca.pem" "$work/server.key" "$work/server.pem" "$DIR/"
echo "make-test-cert: $DIR/server.pem for ${names[*]}, signed by $DIR/ca.pem" >&2
