package rawhttpget.stack;

import org.junit.jupiter.api.Test;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.IpAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv4.Route;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;
import rawhttpget.ipv6.Ipv6Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.ndp.NdpMessage;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFailure;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpState;
import rawhttpget.testing.ScriptedHttpServer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack over IPv6 in virtual time, against {@link ScriptedHttpServer} speaking IPv6 on the far end of a
 * {@link MemoryLink}: Neighbor Discovery holds the SYN until the server's advertisement, the MSS is the MTU less
 * 60, every segment's checksum covers the IPv6 pseudo-header (the server drops any other), a Packet Too Big
 * shrinks the segments to the reported MTU, and a neighbour that never answers fails the connection naming it.
 */
class Ipv6StackTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final Ipv6Address OURS = Ipv6Address.parse("2001:2::1");
    private static final Ipv6Address SERVER = Ipv6Address.parse("2001:2::2");
    private static final Ipv6Address ROUTER = Ipv6Address.parse("2001:2::fe");
    private static final long OUR_MAC = 0x02_00_00_00_00_01L;
    private static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    private static final byte[] BODY = StackTestBytes.pattern(300_000);
    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length + "\r\n\r\n";

    private final MemoryLink[] cable = MemoryLink.pair();
    private final MemoryLink[] serverCable = MemoryLink.pair();
    private final NetworkStack stack = new NetworkStack(cable[0], new MacAddress(OUR_MAC),
            new Route(Ipv4Address.parseBits("198.18.0.1"), 24, 0), true, new IsnGenerator(new byte[16]));
    private final ScriptedHttpServer server = new ScriptedHttpServer(serverCable[0], SERVER_MAC, 0, 80,
            List.of(new ScriptedHttpServer.Reply(concat(HEAD.getBytes(StandardCharsets.ISO_8859_1), BODY), false,
                    false))).speakIpv6(SERVER);
    /** Every frame between the cables, as it passed: what our stack sent, then what it received. */
    private final List<byte[]> fromUs = new ArrayList<>();
    private int routerMtu = Integer.MAX_VALUE;
    /** What the router's Packet Too Big says; 0: the router's MTU, as an honest router says. */
    private int reportedMtu;
    private final List<Integer> tooBigSent = new ArrayList<>();
    private long now = S;

    Ipv6StackTest() {
        stack.enableIpv6(new Ipv6Route(OURS, 64, null), true);
    }

    @Test
    void aWholeDownloadOverIpv6DeliversTheExactBytes() {
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, SERVER, 80, now);
        assertThat(stack.awaitingNeighbour(c)).as("held until NDP resolves the server").isTrue();
        byte[] request = "GET /f HTTP/1.1\r\nHost: [2001:2::2]\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        c.write(request, 0, request.length);
        c.close();
        byte[] got = run(c);

        assertThat(server.requests()).containsExactly(new String(request, StandardCharsets.US_ASCII));
        assertThat(got).isEqualTo(concat(HEAD.getBytes(StandardCharsets.ISO_8859_1), BODY));
        assertThat(c.state()).isIn(TcpState.TIME_WAIT, TcpState.CLOSED);
        assertThat(c.failure()).isNull();

        // The first frame is a multicast solicitation for the server; the SYN follows the advertisement.
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(fromUs.get(0), 0, fromUs.get(0).length)).isNull();
        assertThat(eth.destination()).isEqualTo(SERVER.solicitedNodeMulticast().multicastMacBits());
        Ipv6Packet ip = new Ipv6Packet();
        assertThat(ip.wrap(fromUs.get(0), EthernetFrame.HEADER_LENGTH, fromUs.get(0).length - 14)).isNull();
        Icmpv6Message icmp = new Icmpv6Message();
        assertThat(icmp.wrap(ip)).isNull();
        NdpMessage ns = new NdpMessage();
        assertThat(ns.wrap(ip, icmp)).isNull();
        assertThat(ns.type()).isEqualTo(Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION);
        assertThat(ns.target()).isEqualTo(SERVER);
        assertThat(ns.sourceLinkLayerAddress()).isEqualTo(OUR_MAC);

        TcpSegment syn = tcpOf(fromUs.get(1));
        assertThat(syn.flags()).isEqualTo(TcpFlags.SYN);
        TcpOptions options = new TcpOptions();
        assertThat(syn.parseOptions(options)).isNull();
        assertThat(options.mss).as("MSS: the MTU 1500 less 60").isEqualTo(1440);
        assertThat(syn.checksumValid(Ipv6Packet.pseudoHeaderSum(OURS, SERVER, 6, syn.headerLength())))
                .as("checksum over the IPv6 pseudo-header").isTrue();
        assertThat(rawhttpget.tcp.TcpdumpNotation.segment(OURS, SERVER, syn, false, 0, 0)).as("tcpdump -n's line")
                .isEqualTo("IP6 2001:2::1.40000 > 2001:2::2.80: Flags [S], seq " + Integer.toUnsignedString(syn.seq())
                        + ", win 65535, options [mss 1440,sackOK,TS val " + Integer.toUnsignedString(options.tsVal)
                        + " ecr 0,nop,wscale 7], length 0");
        assertThat(stack.stats().framesIn).isGreaterThan(200);
        assertThat(stack.stats().ipv6FramesIn).as("every frame was IPv6").isEqualTo(stack.stats().framesIn);
        assertThat(stack.stats().ipv6FramesOut).isEqualTo(stack.stats().framesOut);
    }

    @Test
    void aPacketTooBigShrinksTheSegmentsToTheReportedMtuButNotBelow1280() {
        routerMtu = 1280;
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, SERVER, 80, now);
        byte[] request = ("GET /f?" + "q".repeat(3500) + " HTTP/1.1\r\nHost: [2001:2::2]\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        c.write(request, 0, request.length);
        c.close();
        byte[] got = run(c);

        assertThat(server.requests()).containsExactly(new String(request, StandardCharsets.US_ASCII));
        assertThat(got).hasSize(HEAD.length() + BODY.length);
        assertThat(tooBigSent).as("the first flight's two full segments were refused").containsExactly(1500, 1500);
        assertThat(fromUs.stream().filter(f -> f.length > 14 + 1280).count()).isEqualTo(2);
        assertThat(fromUs.stream().mapToInt(f -> f.length - 14).filter(n -> n > 200 && n <= 1280).max().getAsInt())
                .as("full segments after the Packet Too Big fill the 1280 bytes").isEqualTo(1280);
        assertThat(now).as("resent at once, not after a retransmission timeout").isLessThan(S + 200 * MS);
    }

    @Test
    void aPacketTooBigBelow1280IsTakenAs1280() {
        routerMtu = 1280;
        reportedMtu = 1000;
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, SERVER, 80, now);
        byte[] request = ("GET /f?" + "q".repeat(3500) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        c.write(request, 0, request.length);
        c.close();
        run(c);
        assertThat(tooBigSent).containsExactly(1500, 1500);
        assertThat(fromUs.stream().mapToInt(f -> f.length - 14).filter(n -> n > 200 && n <= 1280).max().getAsInt())
                .isEqualTo(1280);
    }

    @Test
    void aServerThatNeverAnswersSolicitationsFailsTheConnectionNamingIt() {
        server.answerSolicitations(false);
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, SERVER, 80, now);
        run(c);
        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
        assertThat(c.failure()).isEqualTo(TcpFailure.UNREACHABLE);
        assertThat(stack.connectionError(c)).isEqualTo("no neighbour advertisement from the server 2001:2::2");
        assertThat(fromUs).as("three solicitations, no SYN").hasSize(3);
        assertThat(now).isEqualTo(S + 3 * S);
    }

    @Test
    void anOffLinkServerIsReachedThroughTheRouter() {
        NetworkStack routed = new NetworkStack(cable[0], new MacAddress(OUR_MAC),
                new Route(Ipv4Address.parseBits("198.18.0.1"), 24, 0), true, new IsnGenerator(new byte[16]));
        routed.enableIpv6(new Ipv6Route(OURS, 64, Ipv6Address.parse("fe80::1")), true);
        assertThat(routed.hasRouteTo(IpAddress.parse("2001:3::5"))).isTrue();
        TcpConnection c = routed.connect(TcpConfig.defaults(1460), 40000, Ipv6Address.parse("2001:3::5"), 80, now);
        routed.poll(now);
        byte[] ns = cable[1].poll();
        assertThat(ns).isNotNull();
        Ipv6Packet ip = new Ipv6Packet();
        assertThat(ip.wrap(ns, 14, ns.length - 14)).isNull();
        Icmpv6Message icmp = new Icmpv6Message();
        assertThat(icmp.wrap(ip)).isNull();
        NdpMessage m = new NdpMessage();
        assertThat(m.wrap(ip, icmp)).isNull();
        assertThat(m.target()).as("the router is solicited, not the server").isEqualTo(Ipv6Address.parse("fe80::1"));
        assertThat(routed.awaitingNeighbour(c)).isTrue();
        NetworkStack v4only = new NetworkStack(cable[0], new MacAddress(OUR_MAC),
                new Route(Ipv4Address.parseBits("198.18.0.1"), 24, 0), true, new IsnGenerator(new byte[16]));
        assertThat(v4only.hasRouteTo(SERVER)).isFalse();
    }

    @Test
    void aSolicitationForOurAddressIsAnsweredWithOurMac() {
        byte[] ns = new byte[14 + rawhttpget.ndp.NdpEmit.WITH_LINK_LAYER_ADDRESS];
        EthernetFrame.emitHeader(ns, 0, OURS.solicitedNodeMulticast().multicastMacBits(), SERVER_MAC,
                EthernetFrame.TYPE_IPV6);
        rawhttpget.ndp.NdpEmit.neighborSolicitation(ns, 14, SERVER, OURS.solicitedNodeMulticast(), OURS, SERVER_MAC);
        cable[1].send(ns, 0, ns.length);
        stack.poll(now);
        byte[] na = cable[1].poll();
        assertThat(na).as("an advertisement").isNotNull();
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(na, 0, na.length)).isNull();
        assertThat(eth.destination()).isEqualTo(SERVER_MAC);
        Ipv6Packet ip = new Ipv6Packet();
        assertThat(ip.wrap(na, 14, na.length - 14)).isNull();
        assertThat(ip.source()).isEqualTo(OURS);
        assertThat(ip.destination()).isEqualTo(SERVER);
        Icmpv6Message icmp = new Icmpv6Message();
        assertThat(icmp.wrap(ip)).isNull();
        NdpMessage m = new NdpMessage();
        assertThat(m.wrap(ip, icmp)).isNull();
        assertThat(m.type()).isEqualTo(Icmpv6Message.TYPE_NEIGHBOR_ADVERTISEMENT);
        assertThat(m.target()).isEqualTo(OURS);
        assertThat(m.solicited()).isTrue();
        assertThat(m.targetLinkLayerAddress()).isEqualTo(OUR_MAC);
        assertThat(cable[1].poll()).isNull();

        // A solicitation for someone else's address is not ours to answer.
        rawhttpget.ndp.NdpEmit.neighborSolicitation(ns, 14, SERVER, OURS.solicitedNodeMulticast(),
                Ipv6Address.parse("2001:2::9"), SERVER_MAC);
        cable[1].send(ns, 0, ns.length);
        stack.poll(now);
        assertThat(cable[1].poll()).isNull();
    }

    @Test
    void duplicateAddressDetectionClearsAfterASilentSecondAndFailsOnAnAdvertisement() {
        stack.probeOwnIpv6Address(now);
        stack.poll(now);
        byte[] ns = cable[1].poll();
        Ipv6Packet ip = new Ipv6Packet();
        assertThat(ip.wrap(ns, 14, ns.length - 14)).isNull();
        assertThat(ip.source().isUnspecified()).as("DAD's solicitation comes from ::").isTrue();
        assertThat(ip.destination()).isEqualTo(OURS.solicitedNodeMulticast());
        assertThat(stack.ownAddressState()).isEqualTo(OwnAddressState.PROBING);
        assertThat(stack.pollAt()).isEqualTo(now + S);
        stack.poll(now + S);
        assertThat(stack.ownAddressState()).isEqualTo(OwnAddressState.CLEAR);

        NetworkStack other = new NetworkStack(cable[0], new MacAddress(OUR_MAC),
                new Route(Ipv4Address.parseBits("198.18.0.1"), 24, 0), true, new IsnGenerator(new byte[16]));
        other.enableIpv6(new Ipv6Route(SERVER, 64, null), true);
        other.probeOwnIpv6Address(now);
        other.poll(now);
        cable[1].poll();
        byte[] na = new byte[14 + rawhttpget.ndp.NdpEmit.WITH_LINK_LAYER_ADDRESS];
        EthernetFrame.emitHeader(na, 0, Ipv6Address.ALL_NODES.multicastMacBits(), SERVER_MAC, EthernetFrame.TYPE_IPV6);
        rawhttpget.ndp.NdpEmit.neighborAdvertisement(na, 14, SERVER, Ipv6Address.ALL_NODES, SERVER_MAC);
        na[58] = (byte) NdpMessage.FLAG_OVERRIDE; // to all nodes: not solicited (RFC 4861 §7.2.4)
        Icmpv6Message.writeChecksum(na, 54, na.length - 54,
                Ipv6Packet.pseudoHeaderSum(SERVER, Ipv6Address.ALL_NODES, Ipv6Packet.NEXT_HEADER_ICMPV6, na.length - 54));
        cable[1].send(na, 0, na.length);
        other.poll(now + 10 * MS);
        assertThat(other.ownAddressState()).isEqualTo(OwnAddressState.CONFLICT);
        assertThat(other.ownAddressConflict()).isEqualTo("2001:2::2 is already in use by 02:00:00:00:00:02");
    }

    @Test
    void aDestinationUnreachableEndsTheConnectionItQuotes() {
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, SERVER, 80, now);
        server.serve();
        carryBack();
        stack.poll(now);
        carry();
        server.serve();
        carryBack();
        stack.poll(now);
        byte[] syn = cable[1].poll(); // the router refuses the SYN: it reaches nobody
        assertThat(tcpOf(syn).flags()).isEqualTo(TcpFlags.SYN);
        byte[] unreachable = packetTooBig(padded(syn), 0);
        unreachable[54] = (byte) Icmpv6Message.TYPE_DESTINATION_UNREACHABLE;
        unreachable[55] = (byte) Icmpv6Message.CODE_ADDRESS_UNREACHABLE;
        unreachable[56] = 0;
        unreachable[57] = 0;
        Icmpv6Message.writeChecksum(unreachable, 54, unreachable.length - 54,
                Ipv6Packet.pseudoHeaderSum(ROUTER, OURS, Ipv6Packet.NEXT_HEADER_ICMPV6, unreachable.length - 54));
        cable[1].send(unreachable, 0, unreachable.length);
        stack.poll(now);
        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
        assertThat(c.failure()).isEqualTo(TcpFailure.UNREACHABLE);
    }

    private static byte[] padded(byte[] frame) {
        return java.util.Arrays.copyOf(frame, Math.max(frame.length, 14 + 1232));
    }

    /** Runs the stack, the cable (with its router MTU) and the server until the connection is done. */
    private byte[] run(TcpConnection c) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            stack.poll(now);
            c.drainTo((b, off, len) -> {
                got.write(b, off, len);
                return len;
            });
            boolean moved = carry();
            server.serve();
            moved |= carryBack();
            if (c.state() == TcpState.CLOSED || c.state() == TcpState.TIME_WAIT && c.isReceiveFinished()) {
                return got.toByteArray();
            }
            if (!moved) {
                long at = stack.pollAt();
                assertThat(at).as("something is due").isNotEqualTo(Long.MAX_VALUE);
                now = Math.max(now, at);
            }
        }
        throw new AssertionError("never finished");
    }

    /** Our frames to the server, unless the router refuses one as too big (answering with a Packet Too Big). */
    private boolean carry() {
        boolean moved = false;
        byte[] f;
        while ((f = cable[1].poll()) != null) {
            moved = true;
            fromUs.add(f);
            int ipLength = f.length - EthernetFrame.HEADER_LENGTH;
            if (ipLength > routerMtu) {
                tooBigSent.add(ipLength);
                cable[1].send(packetTooBig(f, reportedMtu != 0 ? reportedMtu : routerMtu), 0, 14 + 40 + 8 + 1232);
                continue;
            }
            serverCable[1].send(f, 0, f.length);
        }
        return moved;
    }

    private boolean carryBack() {
        boolean moved = false;
        byte[] f;
        while ((f = serverCable[1].poll()) != null) {
            moved = true;
            cable[1].send(f, 0, f.length);
        }
        return moved;
    }

    /** A router's Packet Too Big quoting as much of {@code frame}'s packet as fits in 1280 bytes. */
    private static byte[] packetTooBig(byte[] frame, int mtu) {
        int quoted = 1232;
        byte[] out = new byte[14 + 40 + 8 + quoted];
        EthernetFrame.emitHeader(out, 0, OUR_MAC, 0x02_00_00_00_00_fEL, EthernetFrame.TYPE_IPV6);
        Ipv6Packet.emitHeader(out, 14, 0, 8 + quoted, Ipv6Packet.NEXT_HEADER_ICMPV6, 64, ROUTER, OURS);
        out[54] = (byte) Icmpv6Message.TYPE_PACKET_TOO_BIG;
        out[58] = (byte) (mtu >>> 24);
        out[59] = (byte) (mtu >>> 16);
        out[60] = (byte) (mtu >>> 8);
        out[61] = (byte) mtu;
        System.arraycopy(frame, 14, out, 62, quoted);
        Icmpv6Message.writeChecksum(out, 54, 8 + quoted,
                Ipv6Packet.pseudoHeaderSum(ROUTER, OURS, Ipv6Packet.NEXT_HEADER_ICMPV6, 8 + quoted));
        return out;
    }

    private static TcpSegment tcpOf(byte[] frame) {
        Ipv6Packet ip = new Ipv6Packet();
        assertThat(ip.wrap(frame, 14, frame.length - 14)).isNull();
        TcpSegment tcp = new TcpSegment();
        assertThat(tcp.wrap(frame, ip.upperLayerOffset(), ip.upperLayerLength())).isNull();
        return tcp;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
