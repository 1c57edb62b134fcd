package rawhttpget.inet;

/**
 * An address of either family, where the family matters only at the edges: a connection's endpoints, a URL's
 * host, a resolver's answers. The data path of IPv4 keeps its addresses in ints ({@link Ipv4Address#bits}) and
 * never builds one of these per packet.
 */
public sealed interface IpAddress permits Ipv4Address, Ipv6Address {

    boolean isIpv6();

    /**
     * The one's-complement running sum of the address's 16-bit words, as a checksum's pseudo-header adds it
     * (RFC 9293 §3.1, RFC 8200 §8.1): two words for IPv4, eight for IPv6.
     */
    long checksumWords();

    /** An IPv4 dotted quad or an IPv6 address (no brackets, no zone); IllegalArgumentException otherwise. */
    static IpAddress parse(String text) {
        return text.indexOf(':') >= 0 ? Ipv6Address.parse(text) : Ipv4Address.parse(text);
    }

    /** True for an IPv4 dotted quad or an IPv6 address in text, without throwing. */
    static boolean isLiteral(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
