package rawhttpget.host;

import rawhttpget.inet.Ipv4Address;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The firewall rule that keeps the kernel from resetting one of our userspace connections, between
 * {@code localAddress:localPort} and {@code peerAddress:peerPort} on the capture interface {@code device}:
 * either the server's segments are dropped at the device's ingress before the kernel's IP layer sees them
 * ({@link NftIngressCommands}), or the kernel's RSTs to the server are dropped on output. Tagged with the
 * owning process, so a later run can tell a rule left by a killed process from one still in use.
 */
public record RstRule(String device, int localAddress, int localPort, int peerAddress, int peerPort, long pid) {

    private static final Pattern COMMENT = Pattern.compile("rawhttpget pid=(\\d{1,19})");

    public RstRule {
        // Linux interface names: 1 to 15 bytes, no '/', ':' or white space; a quote would break nft's syntax.
        if (device == null || !device.matches("[^\\s/:\"']{1,15}")) {
            throw new IllegalArgumentException("not an interface name: " + device);
        }
        checkPort(localPort);
        checkPort(peerPort);
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
    }

    /** A rule owned by the running process. */
    public static RstRule forThisProcess(String device, int localAddress, int localPort, int peerAddress,
                                         int peerPort) {
        return new RstRule(device, localAddress, localPort, peerAddress, peerPort, ProcessHandle.current().pid());
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The comment that marks the rule as ours: {@code rawhttpget pid=1234}. */
    public String comment() {
        return "rawhttpget pid=" + pid;
    }

    /** The owner's PID if the text is exactly one of our comments. */
    static OptionalLong ownerOf(String comment) {
        Matcher m = COMMENT.matcher(comment);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    String localAddressText() {
        return Ipv4Address.format(localAddress);
    }

    String peerAddressText() {
        return Ipv4Address.format(peerAddress);
    }

    @Override
    public String toString() {
        return localAddressText() + ":" + localPort + " <> " + peerAddressText() + ":" + peerPort + " on " + device
                + " (" + comment() + ")";
    }
}
