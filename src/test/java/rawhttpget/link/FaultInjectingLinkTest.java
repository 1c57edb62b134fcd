package rawhttpget.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawhttpget.time.ManualClock;

class FaultInjectingLinkTest {
    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock(0);
    private final MemoryLink[] ends = MemoryLink.pair();

    private FaultInjectingLink wrap(LinkFaults inbound, LinkFaults outbound, long seed) {
        return new FaultInjectingLink(ends[0], inbound, outbound, seed, clock);
    }

    private static byte[] frame(int id, int length) {
        byte[] f = new byte[length];
        f[14] = (byte) (id >> 8);
        f[15] = (byte) id;
        return f;
    }

    private static int id(byte[] f) {
        return ((f[14] & 0xFF) << 8) | (f[15] & 0xFF);
    }

    private static List<byte[]> received(Link link) {
        List<byte[]> got = new ArrayList<>();
        link.receive((b, off, len) -> got.add(java.util.Arrays.copyOfRange(b, off, off + len)));
        return got;
    }

    @Test
    void aDelayedFrameArrivesAtItsTimeAndNotBefore() {
        FaultInjectingLink link = wrap(LinkFaults.NONE.withDelay(10 * MS, 0), LinkFaults.NONE, 1);
        ends[1].send(frame(7, 60), 0, 60);
        assertThat(received(link)).isEmpty();
        assertThat(link.nextDueAt()).isEqualTo(10 * MS);
        clock.set(10 * MS - 1);
        assertThat(received(link)).isEmpty();
        clock.set(10 * MS);
        assertThat(received(link)).singleElement().satisfies(f -> assertThat(id(f)).isEqualTo(7));
        assertThat(link.nextDueAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void outboundFramesLeaveWhenTheLinkIsNextUsedAfterTheirTime() {
        FaultInjectingLink link = wrap(LinkFaults.NONE, LinkFaults.NONE.withDelay(5 * MS, 0), 1);
        link.send(frame(1, 60), 0, 60);
        assertThat(ends[1].pending()).isZero();
        clock.set(5 * MS);
        link.receive((b, o, l) -> { });
        assertThat(ends[1].pending()).isEqualTo(1);
    }

    @Test
    void theRateSerialisesFramesOneAfterAnother() {
        // 1000 bytes at 8 Mbit/s take 1 ms on the wire.
        FaultInjectingLink link = wrap(LinkFaults.NONE.withRate(8_000_000), LinkFaults.NONE, 1);
        for (int i = 0; i < 3; i++) {
            ends[1].send(frame(i, 1000), 0, 1000);
        }
        List<Long> arrivals = new ArrayList<>();
        received(link);
        for (long t = 0; t <= 4 * MS; t += MS / 4) {
            clock.set(t);
            for (byte[] ignored : received(link)) {
                arrivals.add(t);
            }
        }
        assertThat(arrivals).containsExactly(MS, 2 * MS, 3 * MS);
    }

    @Test
    void aFrameThatWouldQueueTooLongIsTailDropped() {
        FaultInjectingLink link = wrap(LinkFaults.NONE.withRate(8_000_000).withMaxQueue(2 * MS), LinkFaults.NONE, 1);
        for (int i = 0; i < 3; i++) {
            ends[1].send(frame(i, 1000), 0, 1000);
        }
        assertThat(received(link)).isEmpty(); // taken in at 0: due at 1 and 2 ms; the third would wait 3 ms
        clock.set(10 * MS);
        assertThat(received(link)).extracting(FaultInjectingLinkTest::id).containsExactly(0, 1);
    }

    @Test
    void corruptionFlipsExactlyOneBitAndNeverInTheEthernetHeader() {
        FaultInjectingLink link = wrap(LinkFaults.NONE.withCorrupt(1), LinkFaults.NONE, 3);
        for (int i = 0; i < 200; i++) {
            byte[] f = new byte[100];
            ends[1].send(f, 0, f.length);
            byte[] got = received(link).get(0);
            int bits = 0;
            for (int j = 0; j < got.length; j++) {
                bits += Integer.bitCount(got[j] & 0xFF);
                if (j < 14) {
                    assertThat(got[j]).isZero();
                }
            }
            assertThat(bits).isEqualTo(1);
        }
    }

    @Test
    void dropAndDuplicateHappenAtAboutTheirProbability() {
        FaultInjectingLink link = wrap(LinkFaults.NONE.withDrop(0.1).withDuplicate(0.2), LinkFaults.NONE, 5);
        int got = 0;
        for (int i = 0; i < 10_000; i++) {
            ends[1].send(frame(i, 60), 0, 60);
            got += received(link).size();
        }
        // Of 10 000 frames ~1 000 dropped; of the 9 000 left ~1 800 doubled: ~10 800 arrive.
        assertThat(got).isBetween(10_500, 11_100);
    }

    @Test
    void jitterReordersFramesWithinTheirDelayBounds() {
        FaultInjectingLink link = wrap(LinkFaults.NONE.withDelay(10 * MS, 5 * MS), LinkFaults.NONE, 9);
        List<Integer> order = new ArrayList<>();
        for (long t = 0; t <= 30 * MS; t += MS / 10) {
            clock.set(t);
            int sending = (int) (t / (MS / 10));
            if (sending < 100) {
                ends[1].send(frame(sending, 60), 0, 60);
            }
            for (byte[] f : received(link)) {
                int i = id(f);
                assertThat(t - i * MS / 10).isBetween(5 * MS, 15 * MS);
                order.add(i);
            }
        }
        assertThat(order).hasSize(100).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 100).boxed().toList());
        assertThat(order).isNotEqualTo(order.stream().sorted().toList());
    }

    @Test
    void theSameSeedGivesTheSameFaultsAndAnotherSeedOthers() {
        assertThat(survivors(42)).isEqualTo(survivors(42)).isNotEqualTo(survivors(43));
    }

    private static List<Integer> survivors(long seed) {
        ManualClock clock = new ManualClock(0);
        MemoryLink[] ends = MemoryLink.pair();
        FaultInjectingLink link = new FaultInjectingLink(ends[0], LinkFaults.NONE.withDrop(0.3).withDelay(MS, MS),
                LinkFaults.NONE, seed, clock);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            clock.set(i * MS);
            ends[1].send(frame(i, 60), 0, 60);
            for (byte[] f : received(link)) {
                ids.add(id(f));
            }
        }
        return ids;
    }
}
