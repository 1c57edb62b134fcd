package rawhttpget.stack;

import org.junit.jupiter.api.Test;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.InternetChecksum;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.IsnGenerator;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each refused frame is counted under its own reason, and only there; the total is their sum. */
class DropReasonCountTest {
    private static final int OUR_IP = Ipv4Address.parseBits("198.18.0.1");
    private static final int PEER_IP = Ipv4Address.parseBits("198.18.0.2");
    private static final MacAddress OUR_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:02");

    private final MemoryLink[] cable = MemoryLink.pair();
    private final NetworkStack stack = new NetworkStack(cable[0], OUR_MAC, new Route(OUR_IP, 24, 0), false,
            new IsnGenerator(new byte[16]));

    @Test
    void countsEachRefusalUnderItsReason() {
        byte[] badIpChecksum = ipFrame(Ipv4Packet.PROTOCOL_TCP, new byte[20]);
        badIpChecksum[14 + 10] ^= 1;
        byte[] badIcmpChecksum = ipFrame(Ipv4Packet.PROTOCOL_ICMP, new byte[] {3, 3, 0, 0, 0, 0, 0, 0});
        byte[] badTotalLength = ipFrame(Ipv4Packet.PROTOCOL_TCP, new byte[20]);
        badTotalLength[14 + 2] = 0x7F;
        fixIpChecksum(badTotalLength);
        byte[] udp = ipFrame(17, new byte[8]);
        byte[] notForUs = ipFrame(Ipv4Packet.PROTOCOL_TCP, new byte[20]);
        EthernetFrame.emitHeader(notForUs, 0, 0x02_00_00_00_00_99L, PEER_MAC.bits(), EthernetFrame.TYPE_IPV4);

        for (byte[] f : new byte[][] {badIpChecksum, badIcmpChecksum, badTotalLength, udp, notForUs, udp}) {
            cable[1].send(f, 0, f.length);
        }
        stack.poll(0);

        Map<DropReason, Long> counted = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            if (stack.stats().dropped(r) != 0) {
                counted.put(r, stack.stats().dropped(r));
            }
        }
        assertThat(counted).containsExactlyInAnyOrderEntriesOf(Map.of(
                DropReason.IP_CHECKSUM, 1L,
                DropReason.ICMP_CHECKSUM, 1L,
                DropReason.MALFORMED_IP, 1L,
                DropReason.UNKNOWN_IP_PROTOCOL, 2L,
                DropReason.ETHERNET_NOT_FOR_US, 1L));
        assertThat(stack.stats().framesDropped).isEqualTo(6);
    }

    @Test
    void mapsOnlyTheChecksumRefusalsToChecksumReasons() {
        assertThat(DropReason.ofIpv4(Ipv4Packet.BAD_HEADER_CHECKSUM)).isEqualTo(DropReason.IP_CHECKSUM);
        assertThat(DropReason.ofIpv4("ip: version 6")).isEqualTo(DropReason.MALFORMED_IP);
        assertThat(DropReason.ofIcmp(rawhttpget.ipv4.IcmpMessage.BAD_CHECKSUM)).isEqualTo(DropReason.ICMP_CHECKSUM);
        assertThat(DropReason.ofIcmp("icmp: 3 bytes, shorter than a header")).isEqualTo(DropReason.MALFORMED_ICMP);
    }

    private static byte[] ipFrame(int protocol, byte[] payload) {
        byte[] f = new byte[Math.max(60, 34 + payload.length)];
        EthernetFrame.emitHeader(f, 0, OUR_MAC.bits(), PEER_MAC.bits(), EthernetFrame.TYPE_IPV4);
        Ipv4Packet.emitHeader(f, 14, PEER_IP, OUR_IP, protocol, payload.length, 1, 64);
        System.arraycopy(payload, 0, f, 34, payload.length);
        return f;
    }

    private static void fixIpChecksum(byte[] f) {
        f[24] = 0;
        f[25] = 0;
        int sum = InternetChecksum.of(f, 14, 20);
        f[24] = (byte) (sum >>> 8);
        f[25] = (byte) sum;
    }
}
