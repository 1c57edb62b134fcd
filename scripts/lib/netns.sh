# lib/netns.sh — namespace plumbing shared by testnet.sh and wannet.sh (sourced, never run).
#
# The sourcing script defines die MESSAGE and log MESSAGE (each with its own "name: " tag), and sets P (the prefix,
# checked with check_prefix) and STATE before it calls anything here. Everything here runs as root.

# check_prefix P: a prefix is at most 12 characters of [a-z0-9] starting with a letter, because interface names are
# "${P}c1" etc. and Linux allows 15.
check_prefix() {
    [[ "$1" =~ ^[a-z][a-z0-9]{0,11}$ ]] || die "PREFIX must match ^[a-z][a-z0-9]{0,11}\$ (got '$1')"
}

# Commands' output is captured before it is searched, never piped into grep -q: with pipefail, grep exiting at
# the first match can kill the writer with SIGPIPE and make the pipeline fail at random.
ns_exists() { [[ " $(ip netns list | awk '{print $1}' | tr '\n' ' ') " == *" $1 "* ]]; }

# nsx NS CMD...: run a command inside a namespace.
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# require_fresh NS...: root, and nothing left of an earlier network with this prefix.
require_fresh() {
    [ "$(id -u)" -eq 0 ] || die "must run as root"
    local ns
    for ns in "$@"; do
        ! ns_exists "$ns" || die "namespace $ns already exists: run '$0 down $P' first"
    done
    [ ! -e "$STATE" ] || die "$STATE already exists: run '$0 down $P' first"
}

# make_namespaces NS...: empty namespaces with loopback up and IPv6 off. IPv6 is set off before any veth exists so
# the veths are created without it too: the address plans are IPv4 only and captures stay free of ND/MLD noise.
make_namespaces() {
    local ns
    for ns in "$@"; do
        ip netns add "$ns"
        ip -n "$ns" link set lo up
        nsx "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    done
}

# veth NS_A DEV_A CIDR_A NS_B DEV_B CIDR_B: one link between two namespaces; an empty CIDR leaves that end without
# an address. Both ends are created directly inside their namespaces, so a failure half way never leaves an
# interface in the host's namespace.
veth() {
    ip link add "$2" netns "$1" type veth peer name "$5" netns "$4"
    veth_end "$1" "$2" "$3"
    veth_end "$4" "$5" "$6"
}

# veth_end NS DEV CIDR: MTU 1500, offloads off, the address (if any), up.
veth_end() {
    local ns=$1 dev=$2 cidr=$3
    ip -n "$ns" link set "$dev" mtu 1500
    # Without this veth passes 64 KB TSO/GRO "super-frames" with partial checksums: not what a real NIC's wire
    # looks like, and more than wanem's 2048-byte frames.
    nsx "$ns" ethtool -K "$dev" tso off gso off gro off tx off rx off >/dev/null
    [ -z "$cidr" ] || ip -n "$ns" addr add "$cidr" dev "$dev"
    ip -n "$ns" link set "$dev" up
}

# running PID: the process exists and is not a zombie. nginx is re-parented to PID 1 when it daemonizes, and
# some PID 1s (sandboxes, containers) reap late: a zombie answers kill -0 for seconds after it has exited.
running() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }  # the state follows the command name, which may itself contain spaces or parentheses
    [ "${stat%% *}" != Z ]
}

# stop_pid PID: TERM, up to 5 s of grace, then KILL.
stop_pid() {
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 50); do
        running "$pid" || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# delete_namespaces NS...: stop what still runs inside each (nginx workers, a timed-out download, a capture: all
# started by us, and they would keep the namespace alive after `ip netns del`), then delete it. Best effort: one
# namespace failing does not stop the others, but the status says so.
delete_namespaces() {
    local ns pid failed=0
    for ns in "$@"; do
        ns_exists "$ns" || continue
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            stop_pid "$pid"
        done
        ip netns del "$ns" || { log "could not delete namespace $ns"; failed=1; }
    done
    return "$failed"
}
