package rawhttpget.stack;

import org.junit.jupiter.api.Test;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.IsnGenerator;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Own-address mode's start-up step, driven through the stack's own poll/pollAt in virtual time: three RFC 5227
 * probes 200 ms apart, then 400 ms of listening; any sign that another host holds the address ends it as a
 * conflict. While it runs the stack answers nothing, not even ARP for the address it is probing for.
 */
class OwnAddressProbeStartupTest {
    private static final long MS = 1_000_000L;
    private static final int OUR_IP = Ipv4Address.parseBits("198.18.1.50");
    private static final int PEER_IP = Ipv4Address.parseBits("198.18.1.1");
    private static final MacAddress OUR_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress OTHER_MAC = MacAddress.parse("02:bb:00:00:00:02");

    private final MemoryLink[] cable = MemoryLink.pair();
    private final MemoryLink wire = cable[1];
    private final NetworkStack stack = new NetworkStack(cable[0], OUR_MAC, new Route(OUR_IP, 24, 0), true,
            new IsnGenerator(new byte[16]));

    @Test
    void threeProbesTwoHundredMillisecondsApartThenTheAddressIsClearAt800() {
        long start = 5_000 * MS;
        assertThat(stack.ownAddressState()).isEqualTo(OwnAddressState.UNCHECKED);
        stack.probeOwnAddress(start);
        assertThat(stack.ownAddressState()).isEqualTo(OwnAddressState.PROBING);

        List<Long> probes = new ArrayList<>();
        long now = start;
        for (int turns = 0; turns < 20 && stack.ownAddressState() == OwnAddressState.PROBING; turns++) {
            stack.poll(now);
            for (byte[] f; (f = wire.poll()) != null; ) {
                assertProbe(f);
                probes.add((now - start) / MS);
            }
            if (stack.ownAddressState() == OwnAddressState.PROBING) {
                now = stack.pollAt();
            }
        }

        assertThat(probes).containsExactly(0L, 200L, 400L);
        assertThat(stack.ownAddressState()).isEqualTo(OwnAddressState.CLEAR);
        assertThat(now - start).isEqualTo(800 * MS);
        assertThat(stack.pollAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void stillProbingOneNanosecondBeforeTheQuietTimeEnds() {
        stack.probeOwnAddress(0);
        stack.poll(0);
        stack.poll(200 * MS);
        stack.poll(400 * MS);
        stack.poll(800 * MS - 1);
        assertThat(stack.ownAddressState()).isEqualTo(OwnAddressState.PROBING);
        stack.poll(800 * MS);
        assertThat(stack.ownAddressState()).isEqualTo(OwnAddressState.CLEAR);
    }

    @Test
    void aReplyFromAnotherHostForTheAddressIsAConflict() {
        stack.probeOwnAddress(0);
        stack.poll(0);
        assertProbe(wire.poll());

        wire.send(arp(ArpPacket.OP_REPLY, OTHER_MAC, OUR_IP, OUR_MAC.bits(), 0, OUR_MAC), 0, 60);
        stack.poll(3 * MS);

        assertThat(stack.ownAddressState()).isEqualTo(OwnAddressState.CONFLICT);
        assertThat(stack.ownAddressConflict()).isEqualTo("198.18.1.50 is already in use by 02:bb:00:00:00:02");
        assertThat(stack.pollAt()).isEqualTo(Long.MAX_VALUE);
        stack.poll(200 * MS);
        assertThat(wire.poll()).as("no more probes after a conflict").isNull();
    }

    @Test
    void answersNoArpForTheAddressWhileProbing() {
        stack.probeOwnAddress(0);
        stack.poll(0);
        assertProbe(wire.poll());

        wire.send(arp(ArpPacket.OP_REQUEST, OTHER_MAC, PEER_IP, 0, OUR_IP, MacAddress.BROADCAST), 0, 60);
        stack.poll(1 * MS);
        assertThat(wire.poll()).isNull();
        assertThat(stack.stats().framesIn).as("probe traffic is not the stack's").isZero();
        assertThat(stack.stats().framesOut).isZero();
    }

    private static byte[] arp(int op, MacAddress from, int fromIp, long targetMac, int targetIp, MacAddress to) {
        byte[] f = new byte[60];
        EthernetFrame.emitHeader(f, 0, to.bits(), from.bits(), EthernetFrame.TYPE_ARP);
        ArpPacket.emit(f, 14, op, from.bits(), fromIp, targetMac, targetIp);
        return f;
    }

    /** RFC 5227 §2.1.1: a broadcast request from our MAC, sender IP 0.0.0.0, target IP the address. */
    private static void assertProbe(byte[] frame) {
        assertThat(frame).isNotNull().hasSize(60);
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(frame, 0, frame.length)).isNull();
        assertThat(eth.destination()).isEqualTo(MacAddress.BROADCAST.bits());
        assertThat(eth.source()).isEqualTo(OUR_MAC.bits());
        ArpPacket arp = new ArpPacket();
        assertThat(arp.wrap(frame, 14, frame.length - 14)).isNull();
        assertThat(arp.operation()).isEqualTo(ArpPacket.OP_REQUEST);
        assertThat(arp.senderMac()).isEqualTo(OUR_MAC.bits());
        assertThat(arp.senderIp()).isZero();
        assertThat(arp.targetMac()).isZero();
        assertThat(arp.targetIp()).isEqualTo(OUR_IP);
    }
}
