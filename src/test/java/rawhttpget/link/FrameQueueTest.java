package rawhttpget.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class FrameQueueTest {
    private static final long ONE_MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void deliversFramesInOrder() {
        FrameQueue queue = new FrameQueue(4);
        byte[] a = {1};
        byte[] b = {2};
        queue.offer(a);
        queue.offer(b);
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.poll()).isSameAs(a);
        assertThat(queue.poll()).isSameAs(b);
        assertThat(queue.poll()).isNull();
    }

    @Test
    void refusesFramesWhenFullAndKeepsWhatItHolds() {
        FrameQueue queue = new FrameQueue(2);
        assertThat(queue.offer(new byte[] {1})).isTrue();
        assertThat(queue.offer(new byte[] {2})).isTrue();
        assertThat(queue.offer(new byte[] {3})).isFalse();
        assertThat(queue.poll()).containsExactly(1);
        assertThat(queue.offer(new byte[] {4})).isTrue();
        assertThat(queue.poll()).containsExactly(2);
        assertThat(queue.poll()).containsExactly(4);
    }

    @Test
    void roundsCapacityUpToAPowerOfTwo() {
        assertThat(new FrameQueue(1).capacity()).isEqualTo(1);
        assertThat(new FrameQueue(1000).capacity()).isEqualTo(1024);
        assertThat(new FrameQueue(1024).capacity()).isEqualTo(1024);
    }

    @Test
    void awaitReturnsAtOnceWhenAFrameIsWaiting() {
        FrameQueue queue = new FrameQueue(4);
        queue.offer(new byte[1]);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> queue.await(ONE_MINUTE));
    }

    @Test
    void awaitReturnsAtOnceAfterTheProducerStopped() {
        FrameQueue queue = new FrameQueue(4);
        queue.producerStopped();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> queue.await(ONE_MINUTE));
    }

    @Test
    void awaitReturnsWhenTheTimeoutPasses() {
        FrameQueue queue = new FrameQueue(4);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> queue.await(TimeUnit.MILLISECONDS.toNanos(1)));
    }

    @Test
    void aParkedConsumerWakesWhenAFrameArrives() throws InterruptedException {
        FrameQueue queue = new FrameQueue(4);
        Thread consumer = startParkedConsumer(queue);
        queue.offer(new byte[1]);
        consumer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(consumer.isAlive()).as("consumer still parked").isFalse();
    }

    @Test
    void aParkedConsumerWakesWhenTheProducerStops() throws InterruptedException {
        FrameQueue queue = new FrameQueue(4);
        Thread consumer = startParkedConsumer(queue);
        queue.producerStopped();
        consumer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(consumer.isAlive()).as("consumer still parked").isFalse();
    }

    @Test
    void passesEveryFrameInOrderBetweenTwoThreads() throws InterruptedException {
        FrameQueue queue = new FrameQueue(64);
        int frames = 50_000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < frames; i++) {
                byte[] frame = {(byte) i, (byte) (i >> 8), (byte) (i >> 16)};
                while (!queue.offer(frame)) {
                    Thread.onSpinWait();
                }
            }
        });
        producer.start();
        int expected = 0;
        while (expected < frames) {
            queue.await(ONE_MINUTE);
            byte[] frame;
            while ((frame = queue.poll()) != null) {
                int seen = (frame[0] & 0xff) | (frame[1] & 0xff) << 8 | (frame[2] & 0xff) << 16;
                if (seen != expected) {
                    assertThat(seen).as("frame number").isEqualTo(expected);
                }
                expected++;
            }
        }
        producer.join();
        assertThat(queue.poll()).isNull();
    }

    /** A consumer thread that is parked in await (not merely spinning) when this returns. */
    private static Thread startParkedConsumer(FrameQueue queue) {
        Thread consumer = new Thread(() -> queue.await(ONE_MINUTE));
        consumer.setDaemon(true);
        consumer.start();
        while (LockSupport.getBlocker(consumer) != queue && consumer.isAlive()) {
            Thread.onSpinWait();
        }
        return consumer;
    }
}
