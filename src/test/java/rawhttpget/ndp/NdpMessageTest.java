package rawhttpget.ndp;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;
import rawhttpget.testing.Buffers;
import rawhttpget.testing.CapturedIpv6Frames;
import rawhttpget.testing.Hex;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.testing.CapturedIpv6Frames.CLIENT_MAC;
import static rawhttpget.testing.CapturedIpv6Frames.ROUTER_MAC;

class NdpMessageTest {
    private static final Ipv6Address CLIENT = Ipv6Address.parse("2001:2::2");
    private static final Ipv6Address ROUTER = Ipv6Address.parse("2001:2::fe");
    private static final Ipv6Address ROUTER_LINK_LOCAL = Ipv6Address.parse("fe80::2c49:33ff:fe8e:b85a");
    private final Ipv6Packet ip = new Ipv6Packet();
    private final Icmpv6Message icmp = new Icmpv6Message();
    private final NdpMessage ndp = new NdpMessage();

    private String wrap(byte[] packet) {
        assertThat(ip.wrap(packet, 0, packet.length)).isNull();
        assertThat(icmp.wrap(ip)).isNull();
        return ndp.wrap(ip, icmp);
    }

    @Test
    void readsTheCapturedNeighborSolicitation() {
        assertThat(wrap(CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.NEIGHBOR_SOLICITATION))).isNull();
        assertThat(ndp.type()).isEqualTo(Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION);
        assertThat(ndp.target()).isEqualTo(ROUTER);
        assertThat(ndp.sourceLinkLayerAddress()).isEqualTo(CLIENT_MAC);
        assertThat(ndp.targetLinkLayerAddress()).isEqualTo(NdpMessage.ABSENT);
        assertThat(ndp.length()).isEqualTo(32);
    }

    @Test
    void readsTheCapturedNeighborAdvertisement() {
        assertThat(wrap(CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.NEIGHBOR_ADVERTISEMENT))).isNull();
        assertThat(ndp.type()).isEqualTo(Icmpv6Message.TYPE_NEIGHBOR_ADVERTISEMENT);
        assertThat(ndp.target()).isEqualTo(ROUTER);
        assertThat(ndp.router()).isTrue();
        assertThat(ndp.solicited()).isTrue();
        assertThat(ndp.override()).isTrue();
        assertThat(ndp.advertisementFlags()).isEqualTo(0xE0);
        assertThat(ndp.targetLinkLayerAddress()).isEqualTo(ROUTER_MAC);
        assertThat(ndp.sourceLinkLayerAddress()).isEqualTo(NdpMessage.ABSENT);
    }

    @Test
    void readsTheCapturedDuplicateAddressSolicitationSkippingItsNonce() {
        assertThat(wrap(CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.DAD_NEIGHBOR_SOLICITATION))).isNull();
        assertThat(ip.source().isUnspecified()).isTrue();
        assertThat(ndp.target()).isEqualTo(CLIENT);
        assertThat(ndp.sourceLinkLayerAddress()).isEqualTo(NdpMessage.ABSENT);
    }

    @Test
    void readsTheCapturedRouterSolicitation() {
        assertThat(wrap(CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.ROUTER_SOLICITATION))).isNull();
        assertThat(ndp.type()).isEqualTo(Icmpv6Message.TYPE_ROUTER_SOLICITATION);
        assertThat(ndp.sourceLinkLayerAddress()).isEqualTo(CLIENT_MAC);
    }

    @Test
    void readsARouterAdvertisementsFieldsAndOptions() {
        byte[] ra = NdpPackets.routerAdvertisement(ROUTER_LINK_LOCAL);
        assertThat(wrap(ra)).isNull();
        assertThat(ndp.type()).isEqualTo(Icmpv6Message.TYPE_ROUTER_ADVERTISEMENT);
        assertThat(ndp.currentHopLimit()).isEqualTo(64);
        assertThat(ndp.managedAddressConfiguration()).isFalse();
        assertThat(ndp.otherConfiguration()).isTrue();
        assertThat(ndp.routerLifetime()).isEqualTo(1800);
        assertThat(ndp.reachableTime()).isEqualTo(30_000);
        assertThat(ndp.retransTimer()).isEqualTo(1_000);
        assertThat(ndp.sourceLinkLayerAddress()).isEqualTo(ROUTER_MAC);
        assertThat(ndp.mtuOption()).isEqualTo(1500);
        assertThat(ndp.prefixCount()).isEqualTo(2);
        assertThat(ndp.prefix(0)).isEqualTo(new PrefixInformation(64, true, true, 86_400, 14_400,
                Ipv6Address.parse("2001:2::")));
        assertThat(ndp.prefix(1)).isEqualTo(new PrefixInformation(48, true, false, PrefixInformation.INFINITE,
                PrefixInformation.INFINITE, Ipv6Address.parse("2001:2:1::")));
    }

    @Test
    void readsARedirect() {
        byte[] redirect = NdpPackets.packet(ROUTER_LINK_LOCAL, CLIENT, 255, Icmpv6Message.TYPE_REDIRECT, 0, 0,
                Ipv6Address.parse("fe80::1").toBytes(), Ipv6Address.parse("2001:2:0:1::1").toBytes(),
                new byte[] {2, 1, 0x2e, 0x49, 0x33, (byte) 0x8e, (byte) 0xb8, 0x5b});
        assertThat(wrap(redirect)).isNull();
        assertThat(ndp.target().toString()).isEqualTo("fe80::1");
        assertThat(ndp.redirectDestination().toString()).isEqualTo("2001:2:0:1::1");
        assertThat(ndp.targetLinkLayerAddress()).isEqualTo(0x2e49338eb85bL);
    }

    @Test
    void refusesWhatSection7Refuses() {
        byte[] target = ROUTER.toBytes();
        byte[] slla = {1, 1, 0x76, (byte) 0xc9, 0x4f, 0x64, 0x1b, (byte) 0xb0};
        assertThat(wrap(NdpPackets.packet(CLIENT, ROUTER, 64, 135, 0, 0, target, slla)))
                .isEqualTo("ndp: hop limit 64, not 255: not from a neighbour");
        assertThat(wrap(NdpPackets.packet(CLIENT, ROUTER, 255, 135, 1, 0, target, slla))).isEqualTo("ndp: code 1");
        assertThat(wrap(NdpPackets.packet(CLIENT, ROUTER, 255, 135, 0, 0, new byte[8])))
                .isEqualTo("ndp: 16 bytes, shorter than type 135's 24");
        assertThat(wrap(NdpPackets.packet(CLIENT, ROUTER, 255, 135, 0, 0, target, new byte[] {1, 0, 0, 0, 0, 0, 0, 0})))
                .isEqualTo("ndp: option 1 of length zero");
        assertThat(wrap(NdpPackets.packet(CLIENT, ROUTER, 255, 135, 0, 0, target, new byte[] {9, 2, 0, 0, 0, 0, 0, 0})))
                .isEqualTo("ndp: option 9 of 16 bytes overruns the message");
        assertThat(wrap(NdpPackets.packet(CLIENT, ROUTER, 255, 135, 0, 0, target, new byte[] {1})))
                .isEqualTo("ndp: option cut short");
        assertThat(wrap(NdpPackets.packet(CLIENT, ROUTER, 255, 135, 0, 0, Ipv6Address.ALL_NODES.toBytes())))
                .isEqualTo("ndp: solicitation for a multicast target");
        assertThat(wrap(NdpPackets.packet(Ipv6Address.UNSPECIFIED, ROUTER, 255, 135, 0, 0, target)))
                .isEqualTo("ndp: solicitation from the unspecified address not to a solicited-node group");
        assertThat(wrap(NdpPackets.packet(Ipv6Address.UNSPECIFIED, ROUTER.solicitedNodeMulticast(), 255, 135, 0, 0,
                target, slla))).isEqualTo("ndp: solicitation from the unspecified address with a source link-layer address");
        assertThat(wrap(NdpPackets.packet(ROUTER, Ipv6Address.ALL_NODES, 255, 136, 0, 0x4000_0000, target)))
                .isEqualTo("ndp: solicited advertisement to a multicast address");
        assertThat(wrap(NdpPackets.packet(ROUTER, CLIENT, 255, 136, 0, 0, Ipv6Address.ALL_NODES.toBytes())))
                .isEqualTo("ndp: advertisement for a multicast target");
        assertThat(wrap(NdpPackets.routerAdvertisement(ROUTER)))
                .isEqualTo("ndp: type 134 from 2001:2::fe, not a link-local address");
        assertThat(wrap(NdpPackets.packet(Ipv6Address.UNSPECIFIED, Ipv6Address.ALL_ROUTERS, 255, 133, 0, 0, slla)))
                .isEqualTo("ndp: router solicitation from the unspecified address with a source link-layer address");
        assertThat(wrap(NdpPackets.packet(ROUTER_LINK_LOCAL, CLIENT, 255, 134, 0, 0, new byte[8],
                new byte[] {3, 2, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))).isEqualTo(
                "ndp: prefix information option of 16 bytes, not 32");
        assertThat(wrap(CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.MLD_REPORT_WITH_HOP_BY_HOP)))
                .isEqualTo("ndp: icmp6 type 143 is not neighbor discovery");
    }

    /** Our solicitation for the router is the one Linux sent, byte for byte. */
    @Test
    void emitsTheCapturedNeighborSolicitation() {
        byte[] packet = Buffers.emitChecked(NdpEmit.WITH_LINK_LAYER_ADDRESS, (out, at) ->
                assertThat(NdpEmit.neighborSolicitation(out, at, CLIENT, ROUTER.solicitedNodeMulticast(), ROUTER,
                        CLIENT_MAC)).isEqualTo(72));
        assertThat(Hex.of(packet)).isEqualTo(Hex.of(CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.NEIGHBOR_SOLICITATION)));
    }

    /** Linux's advertisement with the Router flag cleared (we are a host) and its checksum made right. */
    @Test
    void emitsTheCapturedAdvertisementAsAHostSendsIt() {
        byte[] packet = Buffers.emitChecked(NdpEmit.WITH_LINK_LAYER_ADDRESS, (out, at) ->
                assertThat(NdpEmit.neighborAdvertisement(out, at, ROUTER, CLIENT, ROUTER_MAC)).isEqualTo(72));
        byte[] expected = CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.NEIGHBOR_ADVERTISEMENT);
        expected[44] = (byte) (NdpMessage.FLAG_SOLICITED | NdpMessage.FLAG_OVERRIDE);
        Icmpv6Message.writeChecksum(expected, 40, 32,
                Ipv6Packet.pseudoHeaderSum(ROUTER, CLIENT, Ipv6Packet.NEXT_HEADER_ICMPV6, 32));
        assertThat(Hex.of(packet)).isEqualTo(Hex.of(expected));
        assertThat(wrap(packet)).isNull();
        assertThat(ndp.router()).isFalse();
        assertThat(ndp.solicited()).isTrue();
        assertThat(ndp.override()).isTrue();
    }

    /** The captured DAD solicitation without Linux's Nonce option. */
    @Test
    void emitsTheDuplicateAddressDetectionForm() {
        byte[] packet = Buffers.emitChecked(NdpEmit.WITHOUT_OPTIONS, (out, at) ->
                assertThat(NdpEmit.duplicateAddressSolicitation(out, at, CLIENT)).isEqualTo(64));
        assertThat(Hex.of(packet)).isEqualTo("""
                60 00 00 00 00 18 3a ff 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ff 02 00 00 00 00 00 00 \
                00 00 00 01 ff 00 00 02 87 00 %s 00 00 00 00 20 01 00 02 00 00 00 00 00 00 00 00 00 00 00 02"""
                .formatted(Hex.of(packet, 42, 2)));
        assertThat(wrap(packet)).isNull();
        assertThat(ip.source().isUnspecified()).isTrue();
        assertThat(ndp.target()).isEqualTo(CLIENT);
        assertThat(ndp.sourceLinkLayerAddress()).isEqualTo(NdpMessage.ABSENT);
    }
}
