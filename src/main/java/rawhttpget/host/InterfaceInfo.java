package rawhttpget.host;

import rawhttpget.inet.Ipv4Address;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What the kernel knows about one network interface, read from {@code /sys/class/net/IF} and, for the
 * IPv4 address, from {@link NetworkInterface} (which the JDK asks the kernel for). Never from the output
 * of {@code ip} or {@code ifconfig}.
 *
 * @param mac           the hardware address in the low 48 bits
 * @param ipv4Address   the first IPv4 address, or 0 when the interface has none
 * @param prefixLength  its prefix length, 0 when there is no address
 * @param adminUp       IFF_UP: someone brought it up ({@code ip link set IF up})
 * @param operState     the kernel's operstate: "up", "down", "lowerlayerdown", "unknown" (loopback, tun), ...
 * @param arpHardwareType ARPHRD_* from {@code /sys/class/net/IF/type}: 1 for Ethernet
 * @param carrier       {@code /sys/class/net/IF/carrier}: whether the link is up at the physical layer
 */
public record InterfaceInfo(
        String name,
        long mac,
        int ipv4Address,
        int prefixLength,
        int mtu,
        boolean adminUp,
        String operState,
        int arpHardwareType,
        LinkReadiness.Carrier carrier) {

    static final Path SYS_CLASS_NET = Path.of("/sys/class/net");
    private static final int IFF_UP = 0x1;
    private static final int ARPHRD_ETHER = 1;

    /** An interface whose carrier was not read. */
    public InterfaceInfo(String name, long mac, int ipv4Address, int prefixLength, int mtu, boolean adminUp,
                         String operState, int arpHardwareType) {
        this(name, mac, ipv4Address, prefixLength, mtu, adminUp, operState, arpHardwareType,
                LinkReadiness.Carrier.UNKNOWN);
    }

    /** Reads the interface; throws when it does not exist. See {@link #requireUsable()}. */
    public static InterfaceInfo read(String name) {
        return read(name, 0);
    }

    /**
     * Reads the interface, taking {@code preferredAddress} (the kernel's preferred source for a destination) as
     * its IPv4 address where the interface has it, else its first.
     */
    public static InterfaceInfo read(String name, int preferredAddress) {
        InterfaceInfo fromSysfs = readSysfs(SYS_CLASS_NET, name);
        NetworkInterface jdk;
        try {
            jdk = NetworkInterface.getByName(name);
        } catch (SocketException e) {
            throw new HostException("cannot read interface " + name + ": " + e.getMessage(), e);
        }
        // The JDK only lists interfaces that have an address (it enumerates IPv4 with SIOCGIFCONF and
        // IPv6 from /proc/net/if_inet6), so "not found" here means "no address", not "no interface".
        if (jdk == null) {
            return fromSysfs;
        }
        InterfaceInfo first = fromSysfs;
        for (InterfaceAddress address : jdk.getInterfaceAddresses()) {
            if (address.getAddress() instanceof Inet4Address ipv4) {
                InterfaceInfo with = fromSysfs.withIpv4(toInt(ipv4), address.getNetworkPrefixLength());
                if (with.ipv4Address() == preferredAddress) {
                    return with;
                }
                if (first == fromSysfs) {
                    first = with;
                }
            }
        }
        return first;
    }

    /** Reads everything but the IPv4 address from a sysfs-like directory tree. */
    static InterfaceInfo readSysfs(Path sysClassNet, String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new UnusableInterfaceException("no such interface: " + name);
        }
        Path dir = sysClassNet.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new UnusableInterfaceException("no such interface: " + name);
        }
        long mac = parseMac(attribute(dir, "address"));
        int mtu = Integer.parseInt(attribute(dir, "mtu"));
        int flags = Integer.decode(attribute(dir, "flags"));
        String operState = attribute(dir, "operstate");
        int type = Integer.parseInt(attribute(dir, "type"));
        return new InterfaceInfo(name, mac, 0, 0, mtu, (flags & IFF_UP) != 0, operState, type, carrier(dir));
    }

    /** Reading it fails with EINVAL while the interface is down; a fake sysfs may not have it at all. */
    private static LinkReadiness.Carrier carrier(Path dir) {
        try {
            return switch (Files.readString(dir.resolve("carrier")).strip()) {
                case "1" -> LinkReadiness.Carrier.ON;
                case "0" -> LinkReadiness.Carrier.OFF;
                default -> LinkReadiness.Carrier.UNKNOWN;
            };
        } catch (IOException e) {
            return LinkReadiness.Carrier.UNKNOWN;
        }
    }

    private static String attribute(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file)).strip();
        } catch (NoSuchFileException e) {
            throw new UnusableInterfaceException("no such interface: " + dir.getFileName());
        } catch (IOException e) {
            throw new HostException("cannot read " + dir.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    /** "02:00:5e:10:00:01" to its 48-bit value; an empty address (e.g. a tun device) is 0. */
    static long parseMac(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        String[] octets = text.split(":");
        if (octets.length != 6) {
            throw new HostException("unexpected hardware address: " + text);
        }
        long mac = 0;
        for (String octet : octets) {
            mac = mac << 8 | Integer.parseInt(octet, 16);
        }
        return mac;
    }

    private static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    InterfaceInfo withIpv4(int address, int prefix) {
        return new InterfaceInfo(name, mac, address, prefix, mtu, adminUp, operState, arpHardwareType, carrier);
    }

    /**
     * Checks that we can run a TCP connection over it: Ethernet (or lo, Ethernet-framed without ARP, or an L3 link
     * such as tun), up, carrier present, an IPv4 address.
     * Returns this for chaining; throws a one-line {@link HostException} saying what is wrong.
     */
    public InterfaceInfo requireUsable() {
        return requireUsable(true);
    }

    /**
     * As {@link #requireUsable()}; own-address mode brings its own address, so it may pass false and use an
     * interface that has none.
     */
    public InterfaceInfo requireUsable(boolean needsIpv4) {
        LinkReadiness readiness = readiness();
        if (readiness == LinkReadiness.ADMIN_DOWN) {
            throw new UnusableInterfaceException("interface " + name + " is down (bring it up: ip link set " + name + " up)");
        }
        if (readiness == LinkReadiness.NO_LINK) {
            throw new UnusableInterfaceException("interface " + name + " has no link (operstate " + operState + ")");
        }
        if (!isEthernet() && !isLoopback() && !isL3()) {
            throw new UnusableInterfaceException("interface " + name + " is not an Ethernet interface (ARP hardware type "
                    + arpHardwareType + ")");
        }
        if (needsIpv4 && !hasIpv4()) {
            throw new UnusableInterfaceException("interface " + name + " has no IPv4 address");
        }
        return this;
    }

    /** Administratively up with a carrier, or where carrier is unknown an operstate that is not down. */
    public boolean isUp() {
        return readiness() == LinkReadiness.USABLE;
    }

    public LinkReadiness readiness() {
        return LinkReadiness.of(adminUp, carrier, operState);
    }

    /** For a log line: "operstate down, no carrier". */
    String linkState() {
        return (adminUp ? "" : "administratively down, ") + "operstate " + operState
                + (carrier == LinkReadiness.Carrier.ON ? ", carrier" : carrier == LinkReadiness.Carrier.OFF
                ? ", no carrier" : "");
    }

    public boolean isEthernet() {
        return arpHardwareType == ARPHRD_ETHER && mac != 0;
    }

    /** An L3 link (tun, WireGuard): bare IP packets, no hardware address, no ARP. */
    public boolean isL3() {
        return arpHardwareType == InterfaceKind.ARPHRD_NONE || arpHardwareType == InterfaceKind.ARPHRD_RAWIP;
    }

    /** Linux's lo: Ethernet frames with all-zero MACs, and no ARP. */
    public boolean isLoopback() {
        return arpHardwareType == InterfaceKind.ARPHRD_LOOPBACK;
    }

    public boolean hasIpv4() {
        return ipv4Address != 0;
    }

    public int netmask() {
        return Ipv4Address.mask(prefixLength);
    }

    /** Whether the address is on this interface's subnet, so reached without a gateway. */
    public boolean isOnSubnet(int address) {
        return hasIpv4() && (address & netmask()) == (ipv4Address & netmask());
    }

    /** The MAC as 6 bytes, first octet first. */
    public byte[] macBytes() {
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (mac >>> (40 - 8 * i));
        }
        return bytes;
    }

    public String macText() {
        StringBuilder text = new StringBuilder(17);
        for (byte b : macBytes()) {
            if (text.length() > 0) {
                text.append(':');
            }
            text.append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return name + " " + macText() + " " + (hasIpv4() ? Ipv4Address.format(ipv4Address) + "/" + prefixLength
                : "no-ipv4") + " mtu " + mtu + (isUp() ? " up" : " down (" + operState + ")");
    }
}
