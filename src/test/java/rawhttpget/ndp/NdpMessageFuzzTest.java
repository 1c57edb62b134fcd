package rawhttpget.ndp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;

import java.util.ArrayList;
import java.util.List;

/**
 * Any bytes as an IPv6 packet (as they came, and with the ICMPv6 checksum made right): {@link NdpMessage#wrap}
 * names why it refuses them, or every field and option reads inside the message; what it reads then goes through
 * a {@link NeighbourCache} and a {@link DuplicateAddressDetection}, which must take it without failing and only
 * ever solicit addresses they were asked about or were told of.
 */
class NdpMessageFuzzTest {
    private static final long S = 1_000_000_000L;

    @FuzzTest(maxDuration = "10m")
    void arbitraryBytesAreRefusedWithAReasonOrReadWithinTheMessage(byte[] input) {
        check(input);
        Ipv6Packet ip = new Ipv6Packet();
        if (ip.wrap(input, 0, input.length) == null && ip.upperLayerProtocol() == Ipv6Packet.NEXT_HEADER_ICMPV6
                && ip.upperLayerLength() >= Icmpv6Message.HEADER_LENGTH) {
            byte[] fixed = input.clone();
            ip.wrap(fixed, 0, fixed.length);
            Icmpv6Message.writeChecksum(fixed, ip.upperLayerOffset(), ip.upperLayerLength(),
                    ip.pseudoHeaderSum(Ipv6Packet.NEXT_HEADER_ICMPV6, ip.upperLayerLength()));
            check(fixed);
        }
    }

    private static void check(byte[] packet) {
        Ipv6Packet ip = new Ipv6Packet();
        Icmpv6Message icmp = new Icmpv6Message();
        NdpMessage ndp = new NdpMessage();
        if (ip.wrap(packet, 0, packet.length) != null || ip.upperLayerProtocol() != Ipv6Packet.NEXT_HEADER_ICMPV6
                || icmp.wrap(ip) != null) {
            return;
        }
        String refused = ndp.wrap(ip, icmp);
        if (refused != null) {
            assertThat(refused).startsWith("ndp: ").doesNotContain("\n");
            return;
        }
        assertThat(ndp.length()).isEqualTo(icmp.length());
        assertThat(ndp.prefixCount()).isBetween(0, icmp.length() / 32);
        for (int i = 0; i < ndp.prefixCount(); i++) {
            assertThat(ndp.prefix(i).prefixLength()).isBetween(0, 255);
        }
        assertThat(ndp.sourceLinkLayerAddress()).isBetween(NdpMessage.ABSENT, 0xFFFF_FFFF_FFFFL);
        assertThat(ndp.targetLinkLayerAddress()).isBetween(NdpMessage.ABSENT, 0xFFFF_FFFF_FFFFL);
        ndp.mtuOption();
        ndp.currentHopLimit();
        ndp.routerLifetime();
        ndp.reachableTime();
        ndp.retransTimer();
        ndp.managedAddressConfiguration();
        ndp.otherConfiguration();
        if (ndp.type() == Icmpv6Message.TYPE_REDIRECT) {
            ndp.redirectDestination();
        }
        feedCache(ip, ndp);
        DuplicateAddressDetection dad = new DuplicateAddressDetection(0x0200_0000_0001L, ip.source(), 0);
        byte[] frame = new byte[14 + packet.length];
        frame[12] = (byte) 0x86;
        frame[13] = (byte) 0xdd;
        System.arraycopy(packet, 0, frame, 14, packet.length);
        dad.onFrame(frame, 0, frame.length);
        dad.finished(S);
    }

    private static void feedCache(Ipv6Packet ip, NdpMessage ndp) {
        NeighbourCache cache = new NeighbourCache();
        List<Ipv6Address> solicited = new ArrayList<>();
        NeighbourCache.Output out = (target, mac) -> solicited.add(target);
        boolean hasTarget = ndp.type() >= Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION;
        Ipv6Address target = hasTarget ? ndp.target() : ip.source();
        cache.resolve(target, 0, out);
        cache.onSourceLinkLayerAddress(ip.source(), ndp.sourceLinkLayerAddress(), 1);
        if (ndp.type() == Icmpv6Message.TYPE_NEIGHBOR_ADVERTISEMENT) {
            cache.onAdvertisement(target, ndp.targetLinkLayerAddress(), ndp.solicited(), ndp.override(), 2);
        }
        for (long t = 0; t < 60 * S && cache.pollAt() != Long.MAX_VALUE; t = Math.max(t + 1, cache.pollAt())) {
            cache.resolve(target, t, out);
            cache.poll(t, out);
        }
        assertThat(solicited).allMatch(a -> a.equals(target) || a.equals(ip.source()));
    }
}
