package rawhttpget.ndp;

import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.NetworkBytes;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;

/**
 * A view over a Neighbor Discovery message (RFC 4861 §4): Router Solicitation and Advertisement, Neighbor
 * Solicitation and Advertisement, Redirect. {@link #wrap} applies the validity checks of §6.1 and §7.1 that do
 * not need state (hop limit 255, so the sender is on the link; code 0; the fixed part present; every option of
 * non-zero length inside the message; a unicast target; the rules for an unspecified source and a multicast
 * destination), and records where the options we use are. Options of other types are skipped (§4.6), as are
 * later copies of one we already found.
 */
public final class NdpMessage {
    public static final int OPTION_SOURCE_LINK_LAYER_ADDRESS = 1;
    public static final int OPTION_TARGET_LINK_LAYER_ADDRESS = 2;
    public static final int OPTION_PREFIX_INFORMATION = 3;
    public static final int OPTION_REDIRECTED_HEADER = 4;
    public static final int OPTION_MTU = 5;
    /** What {@link #linkLayerAddress} and friends return when the option is absent. */
    public static final long ABSENT = -1;

    public static final int FLAG_ROUTER = 0x80;
    public static final int FLAG_SOLICITED = 0x40;
    public static final int FLAG_OVERRIDE = 0x20;

    private byte[] buf;
    private int off;
    private int len;
    private int sllaAt;
    private int tllaAt;
    private int mtuAt;
    private int prefixCount;
    private int optionsAt;

    /** Wraps the ICMPv6 message (checksum already verified) of {@code ip}; returns null, or why it is dropped. */
    public String wrap(Ipv6Packet ip, Icmpv6Message icmp) {
        int type = icmp.type();
        int fixed = fixedLength(type);
        if (fixed < 0) {
            return "ndp: icmp6 type " + type + " is not neighbor discovery";
        }
        if (ip.hopLimit() != 255) {
            return "ndp: hop limit " + ip.hopLimit() + ", not 255: not from a neighbour";
        }
        if (icmp.code() != 0) {
            return "ndp: code " + icmp.code();
        }
        if (icmp.length() < fixed) {
            return "ndp: " + icmp.length() + " bytes, shorter than type " + type + "'s " + fixed;
        }
        byte[] b = icmp.buffer();
        int o = icmp.offset();
        String options = walkOptions(b, o + fixed, o + icmp.length());
        if (options != null) {
            return options;
        }
        boolean unspecifiedSource = ip.source().isUnspecified();
        Ipv6Address destination = ip.destination();
        switch (type) {
            case Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION -> {
                if (Ipv6Address.read(b, o + 8).isMulticast()) {
                    return "ndp: solicitation for a multicast target";
                }
                if (unspecifiedSource && !isSolicitedNode(destination)) {
                    return "ndp: solicitation from the unspecified address not to a solicited-node group";
                }
                if (unspecifiedSource && sllaAt >= 0) {
                    return "ndp: solicitation from the unspecified address with a source link-layer address";
                }
            }
            case Icmpv6Message.TYPE_NEIGHBOR_ADVERTISEMENT -> {
                if (Ipv6Address.read(b, o + 8).isMulticast()) {
                    return "ndp: advertisement for a multicast target";
                }
                if (destination.isMulticast() && (b[o + 4] & FLAG_SOLICITED) != 0) {
                    return "ndp: solicited advertisement to a multicast address";
                }
            }
            case Icmpv6Message.TYPE_ROUTER_SOLICITATION -> {
                if (unspecifiedSource && sllaAt >= 0) {
                    return "ndp: router solicitation from the unspecified address with a source link-layer address";
                }
            }
            case Icmpv6Message.TYPE_ROUTER_ADVERTISEMENT, Icmpv6Message.TYPE_REDIRECT -> {
                if (!ip.source().isLinkLocal()) {
                    return "ndp: type " + type + " from " + ip.source() + ", not a link-local address";
                }
            }
            default -> throw new AssertionError(type);
        }
        this.buf = b;
        this.off = o;
        this.len = icmp.length();
        return null;
    }

    private String walkOptions(byte[] b, int at, int end) {
        sllaAt = -1;
        tllaAt = -1;
        mtuAt = -1;
        prefixCount = 0;
        optionsAt = at;
        while (at < end) {
            if (end - at < 2) {
                return "ndp: option cut short";
            }
            int type = b[at] & 0xFF;
            int length = (b[at + 1] & 0xFF) * 8;
            if (length == 0) {
                return "ndp: option " + type + " of length zero"; // §4.6: nodes MUST silently discard the packet
            }
            if (end - at < length) {
                return "ndp: option " + type + " of " + length + " bytes overruns the message";
            }
            switch (type) {
                case OPTION_SOURCE_LINK_LAYER_ADDRESS -> sllaAt = sllaAt < 0 ? at : sllaAt;
                case OPTION_TARGET_LINK_LAYER_ADDRESS -> tllaAt = tllaAt < 0 ? at : tllaAt;
                case OPTION_MTU -> mtuAt = mtuAt < 0 ? at : mtuAt;
                case OPTION_PREFIX_INFORMATION -> {
                    if (length != 32) {
                        return "ndp: prefix information option of " + length + " bytes, not 32";
                    }
                    prefixCount++;
                }
                default -> {
                    // Unknown options are skipped (§4.6); so are Redirected Header and others we never act on.
                }
            }
            at += length;
        }
        return null;
    }

    /** The fixed part of each type before its options (§4.1 to §4.5), or -1 for other ICMPv6 types. */
    static int fixedLength(int type) {
        return switch (type) {
            case Icmpv6Message.TYPE_ROUTER_SOLICITATION -> 8;
            case Icmpv6Message.TYPE_ROUTER_ADVERTISEMENT -> 16;
            case Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION, Icmpv6Message.TYPE_NEIGHBOR_ADVERTISEMENT -> 24;
            case Icmpv6Message.TYPE_REDIRECT -> 40;
            default -> -1;
        };
    }

    private static boolean isSolicitedNode(Ipv6Address a) {
        return a.high() == (0xff02L << 48) && (a.low() >>> 24) == 0x1ff;
    }

    public int type() {
        return buf[off] & 0xFF;
    }

    /** The target of a Neighbor Solicitation, Advertisement or Redirect. */
    public Ipv6Address target() {
        return Ipv6Address.read(buf, off + 8);
    }

    /** A Redirect's destination: the address whose traffic should go to {@link #target} instead. */
    public Ipv6Address redirectDestination() {
        return Ipv6Address.read(buf, off + 24);
    }

    /** A Neighbor Advertisement's R, S and O flags ({@link #FLAG_ROUTER} and the others). */
    public int advertisementFlags() {
        return buf[off + 4] & 0xE0;
    }

    public boolean router() {
        return (buf[off + 4] & FLAG_ROUTER) != 0;
    }

    public boolean solicited() {
        return (buf[off + 4] & FLAG_SOLICITED) != 0;
    }

    public boolean override() {
        return (buf[off + 4] & FLAG_OVERRIDE) != 0;
    }

    /** A Router Advertisement's Cur Hop Limit (0: unspecified). */
    public int currentHopLimit() {
        return buf[off + 4] & 0xFF;
    }

    /** A Router Advertisement's M (addresses by DHCPv6) flag. */
    public boolean managedAddressConfiguration() {
        return (buf[off + 5] & 0x80) != 0;
    }

    /** A Router Advertisement's O (other configuration by DHCPv6) flag. */
    public boolean otherConfiguration() {
        return (buf[off + 5] & 0x40) != 0;
    }

    /** Seconds; 0: not a default router. */
    public int routerLifetime() {
        return NetworkBytes.u16(buf, off + 6);
    }

    /** A Router Advertisement's, in milliseconds; 0: unspecified, or not a Router Advertisement. */
    public long reachableTime() {
        return isRouterAdvertisement() ? NetworkBytes.i32(buf, off + 8) & 0xFFFF_FFFFL : 0;
    }

    /** A Router Advertisement's, in milliseconds; 0: unspecified, or not a Router Advertisement. */
    public long retransTimer() {
        return isRouterAdvertisement() ? NetworkBytes.i32(buf, off + 12) & 0xFFFF_FFFFL : 0;
    }

    /** Only a Router Advertisement's fixed part reaches its timers: a Router Solicitation's ends 8 bytes in. */
    private boolean isRouterAdvertisement() {
        return type() == Icmpv6Message.TYPE_ROUTER_ADVERTISEMENT;
    }

    /** The Source Link-Layer Address option's MAC, or {@link #ABSENT}. */
    public long sourceLinkLayerAddress() {
        return linkLayerAddress(sllaAt);
    }

    /** The Target Link-Layer Address option's MAC, or {@link #ABSENT}. */
    public long targetLinkLayerAddress() {
        return linkLayerAddress(tllaAt);
    }

    /** An option's first six bytes after type and length: an Ethernet MAC (RFC 2464 §8); longer ones are not. */
    private long linkLayerAddress(int at) {
        return at < 0 || (buf[at + 1] & 0xFF) != 1 ? ABSENT : MacAddress.readBits(buf, at + 2);
    }

    /** The MTU option's value (a Router Advertisement's link MTU), or {@link #ABSENT}. */
    public long mtuOption() {
        return mtuAt < 0 ? ABSENT : NetworkBytes.i32(buf, mtuAt + 4) & 0xFFFF_FFFFL;
    }

    public int prefixCount() {
        return prefixCount;
    }

    /** The {@code index}th Prefix Information option, 0 to {@link #prefixCount} - 1. */
    public PrefixInformation prefix(int index) {
        int at = optionsAt;
        for (int seen = 0; ; at += (buf[at + 1] & 0xFF) * 8) {
            if ((buf[at] & 0xFF) == OPTION_PREFIX_INFORMATION && seen++ == index) {
                return PrefixInformation.read(buf, at);
            }
        }
    }

    public int length() {
        return len;
    }
}
