package rawhttpget.ndp;

import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.NetworkBytes;

/**
 * A Prefix Information option (RFC 4861 §4.6.2): a prefix on the link, and whether addresses may be formed in it
 * (RFC 4862). Lifetimes in seconds; 0xffffffff is infinity.
 */
public record PrefixInformation(int prefixLength, boolean onLink, boolean autonomous, long validLifetime,
                                long preferredLifetime, Ipv6Address prefix) {
    public static final long INFINITE = 0xFFFF_FFFFL;

    static PrefixInformation read(byte[] b, int at) {
        return new PrefixInformation(b[at + 2] & 0xFF, (b[at + 3] & 0x80) != 0, (b[at + 3] & 0x40) != 0,
                NetworkBytes.i32(b, at + 4) & 0xFFFF_FFFFL, NetworkBytes.i32(b, at + 8) & 0xFFFF_FFFFL,
                Ipv6Address.read(b, at + 16));
    }
}
