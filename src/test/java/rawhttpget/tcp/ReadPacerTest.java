package rawhttpget.tcp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.S;
import static rawhttpget.tcp.ScriptedPeer.bytes;
import static rawhttpget.tcp.TcpFlags.ACK;

/** The token bucket of --limit-rate, alone and between a connection's receive buffer and the application. */
class ReadPacerTest {
    private static final long T0 = 7 * S;

    @Test
    void theBucketStartsEmptyFillsAtTheRateAndStopsAtItsSize() {
        ReadPacer pacer = new ReadPacer(1000, 3000, 500, T0);
        assertThat(pacer.allowance()).isZero();

        pacer.refill(T0 + 999 * MS);
        assertThat(pacer.allowance()).isEqualTo(999);
        pacer.refill(T0 + S);
        assertThat(pacer.allowance()).isEqualTo(1000);
        pacer.refill(T0 + 60 * S);
        assertThat(pacer.allowance()).as("full at its size").isEqualTo(3000);
    }

    @Test
    void creditIsKeptBelowOneByteSoNothingIsLostToRounding() {
        // 3 bytes a second, refilled every 100 ms: 0.3 bytes each time, which whole-byte arithmetic would lose.
        ReadPacer pacer = new ReadPacer(3, 100, 1, T0);
        for (int i = 1; i <= 100; i++) {
            pacer.refill(T0 + i * 100 * MS);
        }
        assertThat(pacer.allowance()).isEqualTo(30);
        pacer.take(30);
        assertThat(pacer.allowance()).isZero();
        pacer.refill(T0 + 10 * S + 333_333_334L);
        assertThat(pacer.allowance()).isEqualTo(1);
    }

    @Test
    void takingMoreThanTheAllowanceIsABug() {
        ReadPacer pacer = new ReadPacer(1000, 3000, 500, T0);
        pacer.refill(T0 + S);
        assertThatThrownBy(() -> pacer.take(1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadPacer(0, 1, 1, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNextReadIsWhenAQuantumOrEverythingWaitingIsAllowed() {
        ReadPacer pacer = new ReadPacer(1000, 3000, 500, T0);
        assertThat(pacer.readAt(0)).as("nothing waits: an arrival wakes the reader").isEqualTo(Long.MAX_VALUE);
        assertThat(pacer.readAt(10_000)).as("a quantum, 500 bytes, at 1000 bytes/s").isEqualTo(T0 + 500 * MS);
        assertThat(pacer.readAt(100)).as("only 100 bytes wait").isEqualTo(T0 + 100 * MS);

        pacer.refill(T0 + 200 * MS);
        assertThat(pacer.readAt(10_000)).isEqualTo(T0 + 500 * MS);
        pacer.refill(T0 + 700 * MS);
        assertThat(pacer.readAt(10_000)).as("already allowed: now").isEqualTo(T0 + 700 * MS);
    }

    @Test
    void theNextReadTimeRoundsUpSoTheReaderNeverWakesOneNanosecondEarly() {
        ReadPacer pacer = new ReadPacer(3, 100, 1, T0);
        long at = pacer.readAt(1);
        assertThat(at).isEqualTo(T0 + 333_333_334L);
        pacer.refill(at - 1);
        assertThat(pacer.allowance()).isZero();
        pacer.refill(at);
        assertThat(pacer.allowance()).isEqualTo(1);
    }

    @Test
    void aDrainHandsOverTheAllowanceAndNoMoreAndCountsTheBytesLeftWaiting() {
        ReceiveBuffer buffer = new ReceiveBuffer(10_000);
        byte[] data = bytes(8000, 3);
        // Across the ring's end: 6000 read and 6000 more written wrap around.
        buffer.write(0, data, 0, 6000);
        assertThat(buffer.drainTo((b, o, l) -> l)).isEqualTo(6000);
        buffer.write(6000, data, 0, 8000);

        ReadPacer pacer = new ReadPacer(5000, 10_000, 1000, T0);
        pacer.refill(T0 + S);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        assertThat(pacer.drain(buffer, (b, o, l) -> {
            read.write(b, o, l);
            return l;
        })).isEqualTo(5000);
        assertThat(read.toByteArray()).isEqualTo(ScriptedPeer.slice(data, 0, 5000));
        assertThat(buffer.readable()).isEqualTo(3000);
        assertThat(pacer.allowance()).isZero();
        assertThat(pacer.pauses()).isEqualTo(1);

        assertThat(pacer.drain(buffer, (b, o, l) -> l)).as("no credit: nothing").isZero();
        pacer.refill(T0 + 2 * S);
        assertThat(pacer.drain(buffer, (b, o, l) -> l)).isEqualTo(3000);
        assertThat(pacer.allowance()).as("the rest stays credit").isEqualTo(2000);
        assertThat(pacer.pauses()).isEqualTo(1);
    }

    @Test
    void lessThanAQuantumIsNotReadUnlessItIsAllThatWaits() {
        ReceiveBuffer buffer = new ReceiveBuffer(10_000);
        buffer.write(0, bytes(4000, 1), 0, 4000);
        ReadPacer pacer = new ReadPacer(1000, 10_000, 1000, T0);
        pacer.refill(T0 + 999 * MS);
        assertThat(pacer.drain(buffer, (b, o, l) -> l)).as("999 bytes allowed, a quantum is 1000").isZero();
        pacer.refill(T0 + S);
        assertThat(pacer.drain(buffer, (b, o, l) -> l)).isEqualTo(1000);

        ReceiveBuffer little = new ReceiveBuffer(10_000);
        little.write(0, bytes(300, 2), 0, 300);
        pacer.refill(T0 + S + 300 * MS);
        assertThat(pacer.drain(little, (b, o, l) -> l)).as("all that waits").isEqualTo(300);
    }

    @Test
    void aConsumerThatTakesLessKeepsTheRestOfTheCredit() {
        ReceiveBuffer buffer = new ReceiveBuffer(10_000);
        buffer.write(0, bytes(4000, 1), 0, 4000);
        ReadPacer pacer = new ReadPacer(5000, 10_000, 1000, T0);
        pacer.refill(T0 + S);
        assertThat(pacer.drain(buffer, (b, o, l) -> Math.min(l, 1200))).isEqualTo(1200);
        assertThat(pacer.allowance()).isEqualTo(3800);
    }

    @Test
    void sizesFollowTheRate() {
        // A quarter second of the rate, between four segments and the buffer without a limit.
        assertThat(ReadPacer.receiveBufferFor(2 << 20, 1460, 4 << 20)).isEqualTo(512 << 10);
        assertThat(ReadPacer.receiveBufferFor(1000, 1460, 4 << 20)).isEqualTo(4 * 1460);
        assertThat(ReadPacer.receiveBufferFor(1L << 40, 1460, 4 << 20)).isEqualTo(4 << 20);
        assertThat(ReadPacer.receiveBufferFor(1000, 1460, 2000)).isEqualTo(2000);
        // The bucket: a quarter second (at least two segments); the quantum a fiftieth (at least a segment).
        ReadPacer fast = ReadPacer.forRate(2 << 20, 512 << 10, 1460, T0);
        assertThat(fast.readAt(1 << 30)).as("41943 bytes at 2 MiB/s").isEqualTo(T0 + 19_999_981L);
        ReadPacer slow = ReadPacer.forRate(1460, 4 * 1460, 1460, T0);
        assertThat(slow.readAt(1 << 30)).isEqualTo(T0 + S);
        slow.refill(T0 + 100 * S);
        assertThat(slow.allowance()).isEqualTo(2 * 1460);
    }

    @Test
    void aHugeRateAndALongPauseStayWithinALong() {
        ReadPacer pacer = new ReadPacer(Long.MAX_VALUE / 2, Long.MAX_VALUE, Long.MAX_VALUE, T0);
        pacer.refill(T0 + 1000 * S);
        assertThat(pacer.allowance()).isEqualTo(1L << 30);
        pacer.refill(Long.MAX_VALUE);
        assertThat(pacer.allowance()).isEqualTo(1L << 30);
    }

    /** The point of it all: bytes the pacer holds back keep the window shut; each paced read opens it again. */
    @Test
    void pacedReadsOpenTheWindowOnlyAsFastAsTheRate() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        ReadPacer pacer = new ReadPacer(14_600, 14_600, 730, 20 * MS);
        peer.conn.paceReads(pacer);
        for (int i = 0; i < 41; i++) {
            peer.receive(peer.data(bytes(1460, i)));
            peer.poll();
        }
        peer.receive(peer.data(bytes(140, 41)));
        peer.poll();
        assertThat(peer.drain()).as("no credit yet").isEmpty();
        peer.runUntil(100 * MS);
        assertThat(peer.take()).last().isEqualTo(Seg.ack(1, 60001).window(0));

        // A quantum is 730 bytes: 50 ms. Later, 100 ms at 14600 bytes/s is 1460 bytes, one segment's room, and
        // the window update says so.
        assertThat(pacer.readAt(peer.conn.readable())).isEqualTo(70 * MS);
        peer.at(120 * MS);
        pacer.refill(peer.now);
        assertThat(peer.drain()).hasSize(1460);
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(1, 60001).window(1460));

        // Half a segment later: the bytes are read, but less than a segment of room is not announced (SWS).
        peer.at(170 * MS);
        pacer.refill(peer.now);
        assertThat(peer.drain()).hasSize(730);
        peer.poll();
        assertThat(peer.take()).isEmpty();
        assertThat(peer.conn.stats().readRateLimit).isEqualTo(14_600);
        assertThat(peer.conn.stats().pacedReads).isEqualTo(2);
        assertThat(peer.conn.stats().smallestWindowAdvertised).isZero();

        // The segment the update let in fills the window again; the 730 bytes of room stay unannounced.
        peer.receive(peer.seg().flags(ACK).seq(60001).payload(bytes(1460, 42)));
        peer.runUntil(250 * MS);
        assertThat(peer.take()).containsExactly(Seg.ack(1, 61461).window(0));
    }
}
