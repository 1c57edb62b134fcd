package rawhttpget.tcp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rawhttpget.tcp.ScriptedPeer.PeerSyn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.bytes;

/**
 * Our sender against a receiver that behaves like Linux's (cumulative ACK, up to four SACK blocks, the newest
 * first, an ACK for every segment) across a path that drops a seeded 5 % of our segments and delays
 * everything 10 ms each way. Every seed must deliver the whole body intact, in bounded virtual time, and SACK
 * recovery must never resend a byte the peer had SACKed, except after a timeout (which forgets the
 * scoreboard, RFC 6675 §5.1).
 */
class SackRecoveryUnderLossTest {
    private static final int BODY = 400 * 1460;
    private static final long ONE_WAY = 10 * MS;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void bodyArrivesWholeAndSackedBytesAreNotResentBeforeATimeout(int seed) {
        Random random = new Random(seed);
        byte[] body = bytes(BODY, seed);
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig(),
                new PeerSyn(1460, -1, true, false, 65535));
        peer.at(20 * MS);
        peer.write(body);

        byte[] received = new byte[BODY];
        TreeMap<Integer, Integer> held = new TreeMap<>(); // relative start -> end of what the peer holds
        List<long[]> inFlight = new ArrayList<>(); // {arrivesAt, seq, length}
        List<long[]> acks = new ArrayList<>(); // {arrivesAt, ack, newest start}
        int cumulative = 1;
        int sackedResends = 0;
        TreeMap<Integer, Integer> reported = new TreeMap<>(); // what SACKs that reached us said

        while (cumulative < 1 + BODY) {
            assertThat(peer.now).as("finished within 60 s of virtual time").isLessThan(60_000 * MS);
            long next = peer.conn.pollAt();
            for (long[] e : inFlight) {
                next = Math.min(next, e[0]);
            }
            for (long[] e : acks) {
                next = Math.min(next, e[0]);
            }
            peer.at(Math.max(peer.now, next));
            for (int i = 0; i < acks.size(); i++) {
                long[] a = acks.get(i);
                if (a[0] <= peer.now) {
                    acks.remove(i--);
                    ScriptedPeer.In in = peer.seg().ack((int) a[1]).sack(blocks((int) a[1], held, (int) a[2], reported));
                    peer.receive(in);
                }
            }
            for (int i = 0; i < inFlight.size(); i++) {
                long[] s = inFlight.get(i);
                if (s[0] <= peer.now) {
                    inFlight.remove(i--);
                    int start = (int) s[1];
                    int end = start + (int) s[2];
                    add(held, start, end);
                    Integer first = held.firstKey();
                    cumulative = first == 1 ? held.get(first) : 1;
                    acks.add(new long[] {peer.now + ONE_WAY, cumulative, start});
                }
            }
            peer.poll();
            for (Seg s : peer.take()) {
                if (s.payload().length == 0) {
                    continue;
                }
                System.arraycopy(s.payload(), 0, received, s.seq() - 1, s.payload().length);
                if (covered(reported, s.seq(), s.seq() + s.payload().length) && peer.conn.stats().timeouts == 0) {
                    sackedResends++;
                }
                if (random.nextInt(100) >= 5) {
                    inFlight.add(new long[] {peer.now + ONE_WAY, s.seq(), s.payload().length});
                }
            }
        }
        assertThat(received).isEqualTo(body);
        assertThat(sackedResends).as("resends of SACKed bytes before any timeout").isZero();
        assertThat(peer.conn.stats().fastRetransmits).as("losses found by SACK").isPositive();
    }

    /** Up to four SACK blocks above the cumulative ACK: the one holding the newest segment first (RFC 2018). */
    private static Seg.Block[] blocks(int cumulative, TreeMap<Integer, Integer> held, int newest,
                                      TreeMap<Integer, Integer> reported) {
        List<Seg.Block> out = new ArrayList<>();
        Integer newestStart = held.floorKey(newest);
        if (newestStart != null && newestStart > cumulative) {
            out.add(Seg.block(newestStart, held.get(newestStart)));
        }
        for (Integer start : held.descendingKeySet()) {
            if (out.size() == 4) {
                break;
            }
            if (start > cumulative && !start.equals(newestStart)) {
                out.add(Seg.block(start, held.get(start)));
            }
        }
        for (Seg.Block b : out) {
            add(reported, b.left(), b.right());
        }
        return out.toArray(new Seg.Block[0]);
    }

    private static void add(TreeMap<Integer, Integer> ranges, int start, int end) {
        Integer before = ranges.floorKey(start);
        if (before != null && ranges.get(before) >= start) {
            start = before;
            end = Math.max(end, ranges.get(before));
        }
        Integer next;
        while ((next = ranges.ceilingKey(start)) != null && next <= end) {
            end = Math.max(end, ranges.remove(next));
        }
        ranges.put(start, end);
    }

    private static boolean covered(TreeMap<Integer, Integer> ranges, int start, int end) {
        Integer at = ranges.floorKey(start);
        return at != null && ranges.get(at) >= end;
    }
}
