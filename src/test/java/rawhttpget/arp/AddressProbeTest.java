package rawhttpget.arp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;

class AddressProbeTest {
    private static final long MS = 1_000_000L;
    private static final long OUR_MAC = 0x02_AA_00_00_00_01L;
    private static final long OTHER_MAC = 0x02_BB_00_00_00_02L;
    private static final int ADDRESS = 0xC6120132; // 198.18.1.50
    private static final int NEIGHBOUR = 0xC6120101; // 198.18.1.1

    private final List<byte[]> sent = new ArrayList<>();
    private final AddressProbe.Output out = (frame, offset, length) -> sent.add(Arrays.copyOfRange(frame, offset, offset + length));

    private AddressProbe probe() {
        return new AddressProbe(OUR_MAC, ADDRESS, 3, 200 * MS, 400 * MS, 0);
    }

    @Test
    void sendsThreeProbesFromTheUnspecifiedAddressThenWaitsQuietly() {
        AddressProbe probe = probe();
        long[] times = {0, 199 * MS, 200 * MS, 399 * MS, 400 * MS, 799 * MS, 800 * MS};
        int[] sentAfter = {1, 1, 2, 2, 3, 3, 3};
        boolean[] finishedAfter = {false, false, false, false, false, false, true};
        for (int i = 0; i < times.length; i++) {
            probe.poll(times[i], out);
            assertThat(sent).as("probes sent by %d ms", times[i] / MS).hasSize(sentAfter[i]);
            assertThat(probe.finished(times[i])).as("finished at %d ms", times[i] / MS).isEqualTo(finishedAfter[i]);
        }
        assertThat(probe.pollAt()).isEqualTo(800 * MS);
        byte[] expected = new byte[60];
        int at = EthernetFrame.emitHeader(expected, 0, MacAddress.BROADCAST.bits(), OUR_MAC, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(expected, at, ArpPacket.OP_REQUEST, OUR_MAC, 0, 0, ADDRESS);
        assertThat(sent).allSatisfy(frame -> assertThat(frame).isEqualTo(expected));
        // Sender IP 0.0.0.0 (RFC 5227 2.1.1): bytes 28..31 of the frame.
        assertThat(Arrays.copyOfRange(sent.get(0), 28, 32)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void aReplyFromTheAddressOwnerIsAConflictAndStopsTheProbing() {
        AddressProbe probe = probe();
        probe.poll(0, out);

        probe.onFrame(arp(ArpPacket.OP_REPLY, OTHER_MAC, ADDRESS, OUR_MAC, 0), 0, 60);
        probe.poll(200 * MS, out);

        assertThat(probe.conflict()).isTrue();
        assertThat(probe.conflictMac()).isEqualTo(OTHER_MAC);
        assertThat(probe.describeConflict()).isEqualTo("198.18.1.50 is already in use by 02:bb:00:00:00:02");
        assertThat(probe.finished(10_000 * MS)).isFalse();
        assertThat(sent).hasSize(1);
    }

    @Test
    void anotherHostProbingForTheSameAddressIsAConflict() {
        AddressProbe probe = probe();
        probe.onFrame(arp(ArpPacket.OP_REQUEST, OTHER_MAC, 0, 0, ADDRESS), 0, 60);
        assertThat(probe.conflict()).isTrue();
    }

    @Test
    void aGratuitousAnnouncementOfTheAddressIsAConflict() {
        AddressProbe probe = probe();
        probe.onFrame(arp(ArpPacket.OP_REQUEST, OTHER_MAC, ADDRESS, 0, ADDRESS), 0, 60);
        assertThat(probe.conflict()).isTrue();
    }

    @Test
    void ourOwnProbesAndOtherHostsArpAreNoConflict() {
        AddressProbe probe = probe();
        probe.onFrame(arp(ArpPacket.OP_REQUEST, OUR_MAC, 0, 0, ADDRESS), 0, 60);
        probe.onFrame(arp(ArpPacket.OP_REQUEST, OTHER_MAC, NEIGHBOUR, 0, 0xC6120102), 0, 60);
        probe.onFrame(arp(ArpPacket.OP_REPLY, OTHER_MAC, NEIGHBOUR, OUR_MAC, ADDRESS), 0, 60);
        for (long t = 0; t <= 800 * MS; t += 100 * MS) {
            probe.poll(t, out);
        }
        assertThat(probe.conflict()).isFalse();
        assertThat(probe.finished(800 * MS)).isTrue();
    }

    private static byte[] arp(int op, long senderMac, int senderIp, long targetMac, int targetIp) {
        byte[] frame = new byte[60];
        long destination = op == ArpPacket.OP_REQUEST ? MacAddress.BROADCAST.bits() : targetMac;
        int at = EthernetFrame.emitHeader(frame, 0, destination, senderMac, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(frame, at, op, senderMac, senderIp, targetMac, targetIp);
        return frame;
    }
}
