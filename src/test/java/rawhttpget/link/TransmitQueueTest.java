package rawhttpget.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TransmitQueueTest {
    private final List<byte[]> sent = Collections.synchronizedList(new ArrayList<>());

    private TransmitQueue queue(int capacity, TransmitQueue.Sender sender) {
        TransmitQueue q = new TransmitQueue("test-transmit", capacity, () -> { }, sender);
        q.start();
        return q;
    }

    private void record(byte[] frame, int length) {
        sent.add(Arrays.copyOf(frame, length));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] frame(int n, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (n * 7 + i);
        }
        return b;
    }

    @Test
    void framesLeaveInOrderByteForByteThroughAFullWrappingQueue() throws InterruptedException {
        TransmitQueue q = queue(4, this::record);
        byte[] buffer = new byte[3000];
        List<byte[]> expected = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            byte[] f = frame(n, 60 + n % 1455);
            expected.add(f);
            // Sent from an offset of a buffer the caller overwrites at once, as the stack does.
            System.arraycopy(f, 0, buffer, 5, f.length);
            q.send(buffer, 5, f.length);
            Arrays.fill(buffer, (byte) 0xA5);
        }
        assertThat(q.stop(10_000)).isTrue();
        assertThat(sent).hasSize(expected.size());
        for (int n = 0; n < expected.size(); n++) {
            assertThat(sent.get(n)).as("frame %d", n).isEqualTo(expected.get(n));
        }
    }

    @Test
    void theSetupRunsOnTheTransmitThreadBeforeItSendsAnything() throws InterruptedException {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        TransmitQueue q = new TransmitQueue("test-transmit-setup", 4,
                () -> events.add("setup on " + Thread.currentThread().getName()),
                (frame, length) -> events.add("send " + length + " on " + Thread.currentThread().getName()));
        q.send(frame(1, 60), 0, 60); // queued before the thread runs: the setup still comes first
        q.start();
        q.send(frame(2, 61), 0, 61);
        assertThat(q.stop(10_000)).isTrue();
        assertThat(events).containsExactly("setup on test-transmit-setup", "send 60 on test-transmit-setup",
                "send 61 on test-transmit-setup");
    }

    @Test
    void aFrameLargerThanASlotLeavesAfterEverythingQueuedBeforeIt() throws InterruptedException {
        TransmitQueue q = queue(8, this::record);
        byte[] big = frame(99, TransmitQueue.SLOT_BYTES + 1);
        for (int n = 0; n < 5; n++) {
            q.send(frame(n, 64), 0, 64);
        }
        q.send(big, 0, big.length);
        q.send(frame(5, 64), 0, 64);
        assertThat(q.stop(10_000)).isTrue();
        assertThat(sent).hasSize(7);
        assertThat(sent.get(5)).isEqualTo(big);
        assertThat(sent.get(6)).isEqualTo(frame(5, 64));
    }

    @Test
    void stopSendsWhatIsStillQueued() throws InterruptedException {
        TransmitQueue q = queue(256, this::record);
        for (int n = 0; n < 200; n++) {
            q.send(frame(n, 70), 0, 70);
        }
        assertThat(q.stop(10_000)).isTrue();
        assertThat(sent).hasSize(200);
    }

    @Test
    void aFailedSendIsReportedToTheNextSend() throws InterruptedException {
        CountDownLatch allQueued = new CountDownLatch(1);
        TransmitQueue q = queue(16, (f, len) -> {
            if (f[0] == frame(2, 1)[0]) {
                awaitQuietly(allQueued); // fail only once the producer is done, so its sends all succeed
                throw new LinkException("cannot send on x0: device gone");
            }
            record(f, len);
        });
        for (int n = 0; n < 4; n++) {
            q.send(frame(n, 64), 0, 64);
        }
        allQueued.countDown();
        assertThat(q.stop(10_000)).isTrue();
        assertThat(sent).hasSize(2);
        assertThatThrownBy(() -> q.send(frame(9, 64), 0, 64)).isInstanceOf(LinkException.class)
                .hasMessage("cannot send on x0: device gone");
    }
}
