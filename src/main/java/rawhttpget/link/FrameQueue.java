package rawhttpget.link;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded single-producer/single-consumer queue of frames between the capture thread and the stack
 * thread. The producer never blocks: when the queue is full, {@link #offer} refuses and the caller counts
 * a drop (TCP recovers a lost segment; a stalled capture thread would lose frames in the kernel instead).
 *
 * <p>The consumer may park in {@link #await} until a frame arrives. The producer unparks it only when it is
 * actually parked, so a busy consumer costs the producer one volatile read per frame and no system call.
 */
final class FrameQueue {
    private final byte[][] slots;
    private final int mask;

    // Written only by the consumer; read by the producer when its cached copy says "full".
    private volatile long head;
    // Written only by the producer. A volatile store followed by the volatile read of parkedConsumer
    // is what makes the wake-up safe: either the consumer sees the new tail or we see it parked.
    private volatile long tail;
    private long producerCachedHead;

    /**
     * How long the consumer polls before it parks (8 000 spin hints took ~80 µs on the test machine). At a
     * few hundred thousand frames per second the next frame is microseconds away; parking at once makes
     * the producer pay a futex wake-up for nearly every frame. Measured on a veth, curl pulling ~500 MB/s
     * past the capture for 3 s (~1 M frames): frames lost in the kernel ring when parking at once 190-240 k,
     * after ~20 µs of spinning 190-210 k, after ~80 µs 0-4 k.
     */
    static final int SPINS_BEFORE_PARK = 8_000;

    private final AtomicReference<Thread> parkedConsumer = new AtomicReference<>();
    private volatile boolean producerStopped;

    FrameQueue(int capacity) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("queue capacity out of range: " + capacity);
        }
        int size = Integer.highestOneBit(capacity);
        if (size < capacity) {
            size <<= 1;
        }
        slots = new byte[size][];
        mask = size - 1;
    }

    int capacity() {
        return slots.length;
    }

    /** Producer side. Returns false, leaving the queue unchanged, when it is full. */
    boolean offer(byte[] frame) {
        long t = tail;
        if (t - producerCachedHead >= slots.length) {
            producerCachedHead = head;
            if (t - producerCachedHead >= slots.length) {
                return false;
            }
        }
        slots[(int) t & mask] = frame;
        tail = t + 1;
        wakeConsumer();
        return true;
    }

    /** Producer side: no frame will follow; a parked consumer wakes and later waits return at once. */
    void producerStopped() {
        producerStopped = true;
        wakeConsumer();
    }

    boolean isProducerStopped() {
        return producerStopped;
    }

    private void wakeConsumer() {
        Thread parked = parkedConsumer.get();
        if (parked != null && parkedConsumer.compareAndSet(parked, null)) {
            LockSupport.unpark(parked);
        }
    }

    /** Consumer side: the oldest frame, or null when empty. */
    byte[] poll() {
        long h = head;
        if (h == tail) {
            return null;
        }
        int i = (int) h & mask;
        byte[] frame = slots[i];
        slots[i] = null;
        head = h + 1;
        return frame;
    }

    /** Consumer side: frames waiting now (more may arrive at any time). */
    int size() {
        return (int) (tail - head);
    }

    boolean isEmpty() {
        return head == tail;
    }

    /**
     * Consumer side: parks until the producer offers a frame or stops, the timeout passes, or the thread
     * is interrupted. May return early; callers re-check what they wait for.
     */
    void await(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return;
        }
        for (int i = 0; i < SPINS_BEFORE_PARK; i++) {
            if (!isEmpty() || producerStopped) {
                return;
            }
            Thread.onSpinWait();
        }
        parkedConsumer.set(Thread.currentThread());
        try {
            if (isEmpty() && !producerStopped) {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        } finally {
            parkedConsumer.set(null);
        }
    }
}
