package rawhttpget.ndp;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IcmpV6NeighborAdvertisementPacket;
import org.pcap4j.packet.IcmpV6NeighborSolicitationPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpV6NeighborDiscoverySourceLinkLayerAddressOption;
import org.pcap4j.packet.IpV6NeighborDiscoveryTargetLinkLayerAddressOption;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.namednumber.IcmpV6Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.util.MacAddress;
import rawhttpget.inet.Ipv6Address;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** Pcap4J, an independent reader, parses what NdpEmit builds as we mean it. */
class NdpEmitPcap4jTest {
    private static final long OUR_MAC = 0x0200_0000_0001L;
    private static final Ipv6Address US = Ipv6Address.parse("2001:2::2");
    private static final Ipv6Address ROUTER = Ipv6Address.parse("2001:2::fe");

    @Test
    void aSolicitationReadsAsOneFromUsForTheTarget() throws Exception {
        byte[] packet = new byte[NdpEmit.WITH_LINK_LAYER_ADDRESS];
        NdpEmit.neighborSolicitation(packet, 0, US, ROUTER.solicitedNodeMulticast(), ROUTER, OUR_MAC);
        IpV6Packet ip = parse(packet);
        assertThat(ip.getHeader().getHopLimitAsInt()).isEqualTo(255);
        assertThat(ip.getHeader().getNextHeader()).isEqualTo(IpNumber.ICMPV6);
        assertThat(ip.getHeader().getDstAddr()).isEqualTo(inet("ff02::1:ff00:fe"));
        IcmpV6CommonPacket icmp = ip.get(IcmpV6CommonPacket.class);
        assertThat(icmp.getHeader().getType()).isEqualTo(IcmpV6Type.NEIGHBOR_SOLICITATION);
        assertThat(icmp.hasValidChecksum(inet("2001:2::2"), inet("ff02::1:ff00:fe"), false)).isTrue();
        IcmpV6NeighborSolicitationPacket ns = ip.get(IcmpV6NeighborSolicitationPacket.class);
        assertThat(ns.getHeader().getTargetAddress()).isEqualTo(inet("2001:2::fe"));
        var option = (IpV6NeighborDiscoverySourceLinkLayerAddressOption) ns.getHeader().getOptions().get(0);
        assertThat(option.getLinkLayerAddressAsMacAddress()).isEqualTo(MacAddress.getByName("02:00:00:00:00:01"));
    }

    @Test
    void anAdvertisementReadsAsSolicitedAndOverridingWithOurMac() throws Exception {
        byte[] packet = new byte[NdpEmit.WITH_LINK_LAYER_ADDRESS];
        NdpEmit.neighborAdvertisement(packet, 0, US, ROUTER, OUR_MAC);
        IpV6Packet ip = parse(packet);
        IcmpV6CommonPacket icmp = ip.get(IcmpV6CommonPacket.class);
        assertThat(icmp.hasValidChecksum(inet("2001:2::2"), inet("2001:2::fe"), false)).isTrue();
        IcmpV6NeighborAdvertisementPacket na = ip.get(IcmpV6NeighborAdvertisementPacket.class);
        assertThat(na.getHeader().getRouterFlag()).isFalse();
        assertThat(na.getHeader().getSolicitedFlag()).isTrue();
        assertThat(na.getHeader().getOverrideFlag()).isTrue();
        assertThat(na.getHeader().getTargetAddress()).isEqualTo(inet("2001:2::2"));
        var option = (IpV6NeighborDiscoveryTargetLinkLayerAddressOption) na.getHeader().getOptions().get(0);
        assertThat(option.getLinkLayerAddressAsMacAddress()).isEqualTo(MacAddress.getByName("02:00:00:00:00:01"));
    }

    @Test
    void theDuplicateAddressFormHasNoOptionsAndAValidChecksum() throws Exception {
        byte[] packet = new byte[NdpEmit.WITHOUT_OPTIONS];
        NdpEmit.duplicateAddressSolicitation(packet, 0, US);
        IpV6Packet ip = parse(packet);
        assertThat(ip.getHeader().getSrcAddr()).isEqualTo(inet("::"));
        assertThat(ip.get(IcmpV6CommonPacket.class).hasValidChecksum(inet("::"), inet("ff02::1:ff00:2"), false)).isTrue();
        assertThat(ip.get(IcmpV6NeighborSolicitationPacket.class).getHeader().getOptions()).isEmpty();
    }

    private static IpV6Packet parse(byte[] packet) throws IllegalRawDataException {
        byte[] frame = new byte[14 + packet.length];
        frame[12] = (byte) 0x86;
        frame[13] = (byte) 0xdd;
        System.arraycopy(packet, 0, frame, 14, packet.length);
        return EthernetPacket.newPacket(frame, 0, frame.length).get(IpV6Packet.class);
    }

    private static Inet6Address inet(String text) throws Exception {
        return (Inet6Address) InetAddress.getByAddress(Ipv6Address.parse(text).toBytes());
    }
}
