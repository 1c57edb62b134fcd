package rawhttpget.ipv6;

import rawhttpget.inet.Ipv6Address;

/**
 * tcpdump's line for an ICMPv6 message, as tcpdump 4.99 {@code -n} prints it (without the addresses before it),
 * so that our DEBUG log reads like a capture of the same traffic. A message too short for what tcpdump would
 * print ends in {@code [|icmp6]}, tcpdump's mark for a truncated packet. Multicast Listener Discovery is named
 * but not detailed (tcpdump prints a query's fields, which we never act on).
 */
final class Icmpv6Notation {
    private static final String TRUNCATED = " [|icmp6]";

    private Icmpv6Notation() {
    }

    static String of(Icmpv6Message m) {
        String text = switch (m.type()) {
            case Icmpv6Message.TYPE_DESTINATION_UNREACHABLE -> unreachable(m);
            case Icmpv6Message.TYPE_PACKET_TOO_BIG -> "packet too big, mtu " + m.mtu();
            case Icmpv6Message.TYPE_TIME_EXCEEDED -> timeExceeded(m);
            case Icmpv6Message.TYPE_PARAMETER_PROBLEM -> parameterProblem(m);
            case Icmpv6Message.TYPE_ECHO_REQUEST, Icmpv6Message.TYPE_ECHO_REPLY ->
                    (m.type() == Icmpv6Message.TYPE_ECHO_REQUEST ? "echo request" : "echo reply")
                            + ", id " + m.echoIdentifier() + ", seq " + m.echoSequence();
            case 130 -> "multicast listener query";
            case 131 -> "multicast listener report";
            case 132 -> "multicast listener done";
            case 143 -> "multicast listener report v2, " + m.echoSequence() + " group record(s)";
            case Icmpv6Message.TYPE_ROUTER_SOLICITATION -> "router solicitation";
            case Icmpv6Message.TYPE_ROUTER_ADVERTISEMENT -> "router advertisement";
            case Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION -> m.bodyLength() < 16 ? "neighbor solicitation" + TRUNCATED
                    : "neighbor solicitation, who has " + address(m, m.bodyOffset());
            case Icmpv6Message.TYPE_NEIGHBOR_ADVERTISEMENT -> m.bodyLength() < 16 ? "neighbor advertisement" + TRUNCATED
                    : "neighbor advertisement, tgt is " + address(m, m.bodyOffset());
            case Icmpv6Message.TYPE_REDIRECT -> m.bodyLength() < 32 ? "redirect" + TRUNCATED
                    : "redirect, " + address(m, m.bodyOffset() + 16) + " to " + address(m, m.bodyOffset());
            default -> "unknown icmp6 type (" + m.type() + ")";
        };
        // tcpdump gives no length after a truncated message, nor after an unknown code's hex dump.
        boolean bare = text.endsWith(TRUNCATED) || text.contains("unknown unreach code");
        return "ICMP6, " + text + (bare ? "" : ", length " + m.length());
    }

    private static String unreachable(Icmpv6Message m) {
        String name = switch (m.code()) {
            case Icmpv6Message.CODE_NO_ROUTE -> "unreachable route";
            // tcpdump prints two spaces before this code's name; a reader comparing lines expects them.
            case Icmpv6Message.CODE_ADMINISTRATIVELY_PROHIBITED -> " unreachable prohibited";
            case Icmpv6Message.CODE_BEYOND_SCOPE -> "beyond scope";
            case Icmpv6Message.CODE_ADDRESS_UNREACHABLE -> "unreachable address";
            case Icmpv6Message.CODE_PORT_UNREACHABLE -> "unreachable port";
            default -> null;
        };
        String head = "destination unreachable, ";
        if (name == null) {
            return head + "unknown unreach code (" + m.code() + ")";
        }
        if (!quotesHeader(m)) {
            return head + name + TRUNCATED;
        }
        int q = m.bodyOffset();
        String dst = address(m, q + 24);
        return switch (m.code()) {
            case Icmpv6Message.CODE_BEYOND_SCOPE -> head + name + " " + dst + ", source address " + address(m, q + 8);
            case Icmpv6Message.CODE_PORT_UNREACHABLE -> portUnreachable(m, head + name, dst);
            default -> head + name + " " + dst;
        };
    }

    private static String portUnreachable(Icmpv6Message m, String head, String dst) {
        QuotedIpv6Packet quoted = new QuotedIpv6Packet();
        if (m.quoted(quoted) != null) {
            return head + TRUNCATED;
        }
        int protocol = quoted.protocol();
        int port = quoted.destinationPort();
        return switch (protocol) {
            case Ipv6Packet.NEXT_HEADER_TCP -> head + ", " + dst + " tcp port " + port;
            case Ipv6Packet.NEXT_HEADER_UDP -> head + ", " + dst + " udp port " + port;
            default -> head + ", " + dst + " protocol " + protocol + " port " + port + " unreachable";
        };
    }

    private static String timeExceeded(Icmpv6Message m) {
        return switch (m.code()) {
            case 0 -> quotesHeader(m) ? "time exceeded in-transit for " + address(m, m.bodyOffset() + 24)
                    : "time exceeded in-transit" + TRUNCATED;
            case 1 -> "time exceeded in-transit (reassembly)";
            default -> "time exceeded in-transit, unknown code (" + m.code() + ")";
        };
    }

    private static String parameterProblem(Icmpv6Message m) {
        if (!quotesHeader(m)) {
            return "parameter problem" + TRUNCATED;
        }
        String what = switch (m.code()) {
            case 0 -> "erroneous";
            case 1 -> "next header";
            case 2 -> "option";
            case 3 -> "incomplete header chain";
            default -> null;
        };
        return "parameter problem, " + (what == null ? "code-#" + m.code() : what + " - octet " + m.pointer());
    }

    /** tcpdump reads the quoted header's addresses only when all 40 bytes of it are there. */
    private static boolean quotesHeader(Icmpv6Message m) {
        return m.bodyLength() >= Ipv6Packet.HEADER_LENGTH;
    }

    private static String address(Icmpv6Message m, int at) {
        return Ipv6Address.read(m.buffer(), at).toString();
    }
}
