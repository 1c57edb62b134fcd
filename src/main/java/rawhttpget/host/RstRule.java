package rawhttpget.host;

import rawhttpget.inet.IpAddress;
import rawhttpget.inet.Ipv4Address;

/**
 * The firewall rule that keeps the kernel from resetting one of our userspace connections, between
 * {@code localAddress:localPort} and {@code peerAddress:peerPort} on the capture interface {@code device}:
 * either the server's segments are dropped at the device's ingress before the kernel's IP layer sees them
 * ({@link NftIngressCommands}), or the kernel's RSTs to the server are dropped on output. Tagged with the
 * owning process ({@link RuleOwner}), so a later run can tell a rule left by a killed process from one still in use.
 * Both addresses are of one family; an IPv6 rule matches with nft's {@code ip6} words, or ip6tables.
 */
public record RstRule(String device, IpAddress localAddress, int localPort, IpAddress peerAddress, int peerPort,
                      RuleOwner owner) {

    public RstRule {
        // Linux interface names: 1 to 15 bytes, no '/', ':' or white space; a quote would break nft's syntax.
        if (device == null || !device.matches("[^\\s/:\"']{1,15}")) {
            throw new IllegalArgumentException("not an interface name: " + device);
        }
        if (localAddress.isIpv6() != peerAddress.isIpv6()) {
            throw new IllegalArgumentException("addresses of two families: " + localAddress + ", " + peerAddress);
        }
        checkPort(localPort);
        checkPort(peerPort);
        if (owner == null) {
            throw new IllegalArgumentException("a rule needs an owner");
        }
    }

    public RstRule(String device, int localAddress, int localPort, int peerAddress, int peerPort, RuleOwner owner) {
        this(device, new Ipv4Address(localAddress), localPort, new Ipv4Address(peerAddress), peerPort, owner);
    }

    /** A rule whose owner is known by its PID only. */
    public RstRule(String device, int localAddress, int localPort, int peerAddress, int peerPort, long pid) {
        this(device, localAddress, localPort, peerAddress, peerPort, RuleOwner.pidOnly(pid));
    }

    /** A rule owned by the running process. */
    public static RstRule forThisProcess(String device, int localAddress, int localPort, int peerAddress,
                                         int peerPort) {
        return new RstRule(device, localAddress, localPort, peerAddress, peerPort, RuleOwner.thisProcess());
    }

    /** The same for addresses of either family. */
    public static RstRule forThisProcess(String device, IpAddress localAddress, int localPort, IpAddress peerAddress,
                                         int peerPort) {
        return new RstRule(device, localAddress, localPort, peerAddress, peerPort, RuleOwner.thisProcess());
    }

    public boolean isIpv6() {
        return localAddress.isIpv6();
    }

    /** nft's word for the addresses' protocol: {@code ip} or {@code ip6}. */
    String nftAddressFamily() {
        return isIpv6() ? "ip6" : "ip";
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public long pid() {
        return owner.pid();
    }

    /** The comment that marks the rule as ours: {@code rawhttpget pid=1234 start=56789}. */
    public String comment() {
        return owner.comment();
    }

    String localAddressText() {
        return localAddress.toString();
    }

    String peerAddressText() {
        return peerAddress.toString();
    }

    @Override
    public String toString() {
        return localAddressText() + ":" + localPort + " <> " + peerAddressText() + ":" + peerPort + " on " + device
                + " (" + comment() + ")";
    }
}
