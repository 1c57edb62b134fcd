package rawhttpget.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpFlags;

/** Linux's lo as the stack sees it: zero MACs, no ARP, and our own frames handed back as received ones. */
class LoopbackLinkTest {
    private static final int LOCALHOST = 0x7F000001;
    private static final int LOCAL_PORT = 40000;
    private static final int TCP_AT = EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH;

    private final MemoryLink[] cable = MemoryLink.pair();
    private final NetworkStack stack = new NetworkStack(cable[0], LinkKind.LOOPBACK, MacAddress.ZERO,
            new Route(LOCALHOST, 8, 0), false, new IsnGenerator(new byte[32]), ReceiveCoalescing.OFF);

    @Test
    void sendsTheSynAtOnceToTheZeroMacWithoutArp() {
        stack.connect(TcpConfig.defaults(65495), LOCAL_PORT, LOCALHOST, 8000, 0);
        stack.poll(0);

        byte[] syn = cable[1].poll();
        assertThat(syn).as("the SYN, not an ARP request").isNotNull();
        assertThat(Arrays.copyOfRange(syn, 0, 14)).isEqualTo(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0});
        assertThat(syn[TCP_AT + 13] & 0xFF).isEqualTo(TcpFlags.SYN);
        assertThat(cable[1].poll()).isNull();
    }

    @Test
    void answersNoArp() {
        byte[] request = new byte[60];
        int at = EthernetFrame.emitHeader(request, 0, MacAddress.BROADCAST.bits(), 0x020000000001L,
                EthernetFrame.TYPE_ARP);
        ArpPacket.emit(request, at, 1, 0x020000000001L, 0x7F000002, 0, LOCALHOST);
        cable[1].send(request, 0, request.length);
        stack.poll(0);

        assertThat(cable[1].poll()).isNull();
    }

    @Test
    void countsOurOwnSegmentComingBackAsLoopedNotAsAStray() {
        stack.connect(TcpConfig.defaults(65495), LOCAL_PORT, LOCALHOST, 8000, 0);
        stack.poll(0);
        byte[] syn = cable[1].poll();

        cable[1].send(syn, 0, syn.length); // what lo hands the capture: the same frame, as received
        stack.poll(1);

        assertThat(stack.stats().dropped(DropReason.OWN_SEGMENT_LOOPED_BACK)).isEqualTo(1);
        assertThat(stack.stats().dropped(DropReason.NO_CONNECTION)).isZero();
    }
}
