package rawhttpget.stack;

import org.junit.jupiter.api.Test;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFailure;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpState;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection opened toward a next hop whose MAC is unknown, in virtual time over an in-memory cable: the stack
 * holds its SYN while it asks by ARP, lets it go on the reply, and fails the connection, naming the address, when
 * the resolver's three requests a second apart all go unanswered.
 */
class NeighbourHoldTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final int OUR_IP = Ipv4Address.parseBits("198.18.0.1");
    private static final int PEER_IP = Ipv4Address.parseBits("198.18.0.2");
    private static final int GATEWAY_IP = Ipv4Address.parseBits("198.18.0.254");
    private static final int FAR_IP = Ipv4Address.parseBits("198.19.5.5");
    private static final MacAddress OUR_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:02");

    private final MemoryLink[] cable = MemoryLink.pair();
    private final MemoryLink wire = cable[1];
    private final IsnGenerator isns = new IsnGenerator(new byte[16]);
    private final NetworkStack stack = new NetworkStack(cable[0], OUR_MAC, new Route(OUR_IP, 24, GATEWAY_IP), false,
            isns);

    @Test
    void holdsTheSynWhileResolvingThenSendsItToTheMacOfTheReply() {
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, PEER_IP, 80, 0);
        assertArpRequest(wire.poll(), PEER_IP);
        assertThat(wire.poll()).as("no SYN without a MAC").isNull();
        assertThat(stack.awaitingNeighbour(c)).isTrue();
        assertThat(c.state()).isEqualTo(TcpState.SYN_SENT);

        stack.poll(0);
        stack.poll(5 * MS);
        assertThat(wire.poll()).as("still held, nothing sent").isNull();
        assertThat(stack.pollAt()).as("only the ARP retry is due, not the held SYN").isEqualTo(SECOND);

        wire.send(arpReply(PEER_MAC, PEER_IP), 0, 60);
        stack.poll(7 * MS);
        byte[] syn = wire.poll();
        assertThat(wire.poll()).isNull();
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(syn, 0, syn.length)).isNull();
        assertThat(eth.destination()).isEqualTo(PEER_MAC.bits());
        assertThat(eth.source()).isEqualTo(OUR_MAC.bits());
        TcpSegment tcp = tcpOf(syn);
        assertThat(tcp.flags()).isEqualTo(TcpFlags.SYN);
        assertThat(tcp.seq()).isEqualTo(isns.isn(OUR_IP, 40000, PEER_IP, 80, 0));
        assertThat(tcp.destinationPort()).isEqualTo(80);
        assertThat(stack.awaitingNeighbour(c)).isFalse();
        assertThat(stack.connectionError(c)).isNull();
    }

    @Test
    void aNextHopThatNeverAnswersFailsTheConnectionNamingTheServerAfterThreeRequests() {
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, PEER_IP, 80, 0);
        List<Long> requests = runUntilSettled(c);

        assertThat(requests).containsExactly(0L, SECOND, 2 * SECOND);
        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
        assertThat(c.failure()).isEqualTo(TcpFailure.UNREACHABLE);
        assertThat(stack.connectionError(c)).isEqualTo("no ARP reply from the server 198.18.0.2");
        assertThat(stack.awaitingNeighbour(c)).isFalse();
        assertThat(stack.pollAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void givesUpExactlyWhenTheResolverDoes() {
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, PEER_IP, 80, 0);
        stack.poll(SECOND);
        stack.poll(2 * SECOND);
        stack.poll(3 * SECOND - 1);
        assertThat(c.failure()).isNull();
        assertThat(stack.awaitingNeighbour(c)).isTrue();
        stack.poll(3 * SECOND);
        assertThat(c.failure()).isEqualTo(TcpFailure.UNREACHABLE);
    }

    @Test
    void aConnectTimeoutShorterThanTheRequestsEndsTheHoldAsATimeout() {
        // wget's --connect-timeout bounds connect(), whose ARP wait the kernel counts too.
        TcpConnection c = stack.connect(TcpConfig.defaults(1460).withConnectTimeout(1500 * MS), 40000, PEER_IP, 80, 0);
        assertThat(stack.pollAt()).as("the ARP retry first").isEqualTo(SECOND);
        stack.poll(SECOND);
        assertThat(stack.pollAt()).as("then the connect deadline, before the third request").isEqualTo(1500 * MS);
        stack.poll(1500 * MS - 1);
        assertThat(c.failure()).isNull();
        stack.poll(1500 * MS);

        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
        assertThat(c.failure()).isEqualTo(TcpFailure.TIMED_OUT);
        assertThat(stack.awaitingNeighbour(c)).isFalse();
        assertThat(stack.connectionError(c)).isNull();
        List<byte[]> sent = new ArrayList<>();
        for (byte[] f = wire.poll(); f != null; f = wire.poll()) {
            sent.add(f);
        }
        assertThat(sent).as("two ARP requests, no SYN").hasSize(2);
    }

    @Test
    void anUnansweredGatewayIsNamedAsTheGateway() {
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, FAR_IP, 80, 0);
        List<Long> requests = runUntilSettled(c);

        assertThat(requests).containsExactly(0L, SECOND, 2 * SECOND);
        assertThat(stack.connectionError(c)).isEqualTo("no ARP reply from the gateway 198.18.0.254");
    }

    @Test
    void aNewConnectionAsksAgainAfterAFailure() {
        TcpConnection first = stack.connect(TcpConfig.defaults(1460), 40000, PEER_IP, 80, 0);
        runUntilSettled(first);

        TcpConnection second = stack.connect(TcpConfig.defaults(1460), 40001, PEER_IP, 80, 10 * SECOND);
        assertArpRequest(wire.poll(), PEER_IP);
        assertThat(stack.awaitingNeighbour(second)).isTrue();
        assertThat(stack.connectionError(second)).isNull();
    }

    @Test
    void aConnectionAbortedWhileHeldSendsNothingEvenWhenTheReplyComes() {
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, PEER_IP, 80, 0);
        assertArpRequest(wire.poll(), PEER_IP);
        c.abort();
        wire.send(arpReply(PEER_MAC, PEER_IP), 0, 60);
        stack.poll(3 * MS);
        assertThat(wire.poll()).as("no SYN, no RST").isNull();
        assertThat(stack.awaitingNeighbour(c)).isFalse();
        assertThat(stack.pollAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aKnownNextHopIsNotHeld() {
        stack.connect(TcpConfig.defaults(1460), 40000, PEER_IP, 80, 0);
        assertArpRequest(wire.poll(), PEER_IP);
        wire.send(arpReply(PEER_MAC, PEER_IP), 0, 60);
        stack.poll(1 * MS);
        wire.poll();

        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40001, PEER_IP, 80, 2 * MS);
        assertThat(stack.awaitingNeighbour(c)).isFalse();
        stack.poll(2 * MS);
        assertThat(tcpOf(wire.poll()).sourcePort()).isEqualTo(40001);
        assertThat(wire.poll()).isNull();
    }

    @Test
    void knowsWhatItHasARouteTo() {
        NetworkStack noGateway = new NetworkStack(cable[0], OUR_MAC, new Route(OUR_IP, 24, 0), false, isns);
        assertThat(noGateway.hasRouteTo(PEER_IP)).isTrue();
        assertThat(noGateway.hasRouteTo(FAR_IP)).isFalse();
        assertThat(stack.hasRouteTo(FAR_IP)).isTrue();
    }

    /** Runs the stack in virtual time until the connection is no longer held; the times ARP requests left. */
    private List<Long> runUntilSettled(TcpConnection c) {
        List<Long> requests = new ArrayList<>();
        long now = 0;
        for (int turns = 0; turns < 100 && stack.awaitingNeighbour(c); turns++) {
            stack.poll(now);
            for (byte[] f; (f = wire.poll()) != null; ) {
                assertArpRequest(f, new Route(OUR_IP, 24, GATEWAY_IP).nextHop(c.remoteIp()));
                requests.add(now);
            }
            now = stack.pollAt();
        }
        return requests;
    }

    private static TcpSegment tcpOf(byte[] frame) {
        assertThat(frame).isNotNull();
        Ipv4Packet ip = new Ipv4Packet();
        assertThat(ip.wrap(frame, 14, frame.length - 14)).isNull();
        assertThat(ip.destination()).isEqualTo(PEER_IP);
        TcpSegment tcp = new TcpSegment();
        assertThat(tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength())).isNull();
        return tcp;
    }

    private static byte[] arpReply(MacAddress from, int fromIp) {
        byte[] f = new byte[60];
        EthernetFrame.emitHeader(f, 0, OUR_MAC.bits(), from.bits(), EthernetFrame.TYPE_ARP);
        ArpPacket.emit(f, 14, ArpPacket.OP_REPLY, from.bits(), fromIp, OUR_MAC.bits(), OUR_IP);
        return f;
    }

    private static void assertArpRequest(byte[] frame, int targetIp) {
        assertThat(frame).isNotNull().hasSize(60);
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(frame, 0, frame.length)).isNull();
        assertThat(eth.destination()).isEqualTo(MacAddress.BROADCAST.bits());
        assertThat(eth.etherType()).isEqualTo(EthernetFrame.TYPE_ARP);
        ArpPacket arp = new ArpPacket();
        assertThat(arp.wrap(frame, 14, frame.length - 14)).isNull();
        assertThat(arp.operation()).isEqualTo(ArpPacket.OP_REQUEST);
        assertThat(arp.senderMac()).isEqualTo(OUR_MAC.bits());
        assertThat(arp.senderIp()).isEqualTo(OUR_IP);
        assertThat(arp.targetIp()).isEqualTo(targetIp);
    }
}
