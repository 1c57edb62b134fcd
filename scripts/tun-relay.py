#!/usr/bin/env python3
"""tun-relay.py NS_A DEV_A NS_B DEV_B: an L3 link between two namespaces, for the end-to-end tests.

Attaches to the tun device DEV_A in network namespace NS_A and to DEV_B in NS_B (both made beforehand with
`ip tuntap add dev DEV mode tun`), prints "ready" once both are attached, then copies every IP packet that one side
sends to the other until it is stopped (SIGTERM) or its standard input closes. A tun device is looked up by name in
the namespace of the process that attaches, hence the setns before each.
"""
import ctypes
import fcntl
import os
import select
import struct
import sys

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000

libc = ctypes.CDLL(None, use_errno=True)


def attach(namespace, device):
    with open("/var/run/netns/" + namespace) as ns:
        if libc.setns(ns.fileno(), CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "setns into " + namespace + ": " + os.strerror(err))
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", device.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: tun-relay.py NS_A DEV_A NS_B DEV_B")
    a = attach(sys.argv[1], sys.argv[2])
    b = attach(sys.argv[3], sys.argv[4])
    peer = {a: b, b: a}
    print("ready", flush=True)
    stdin = sys.stdin.fileno()
    while True:
        readable, _, _ = select.select([a, b, stdin], [], [])
        for fd in readable:
            if fd == stdin:
                if not os.read(stdin, 4096):
                    return
                continue
            packet = os.read(fd, 65536)
            try:
                os.write(peer[fd], packet)
            except OSError:
                pass  # the other side is down for a moment: a lost packet, as on any link


if __name__ == "__main__":
    main()
