package rawhttpget.link;

import java.util.concurrent.locks.LockSupport;

/**
 * Frames on their way out, from the stack thread to a transmit thread that hands them to the kernel.
 *
 * <p>Why a thread: on a veth (and on any path where the peer's reaction runs in softirq on the sending CPU),
 * one {@code send()} of our ACK makes the kernel run the server's TCP on that ACK, transmit its next burst
 * and deliver it to our capture ring, all before the call returns, so most of the stack thread's time would be
 * spent below {@code sendto} (docs/PERFORMANCE.md). Sent from here, that work runs beside the stack instead of in
 * its way, as the kernel's own ACKs run in softirq beside curl.
 *
 * <p>Single producer (the stack thread), single consumer (the transmit thread); frames are copied into
 * fixed slots, so the producer may reuse its buffer at once and nothing is allocated per frame. A frame
 * larger than a slot waits until the queue is empty and is then sent by the producer itself, so the order
 * of frames on the wire is always the order of {@link #send} calls.
 */
final class TransmitQueue {
    /** What actually writes a frame to the device. */
    interface Sender {
        void send(byte[] frame, int length);
    }

    /** Holds any frame our stack sends (MTU 1500 plus headers); bigger ones go the slow way. */
    static final int SLOT_BYTES = 2048;

    private final Runnable threadSetup;
    private final Sender sender;
    private final byte[][] slots;
    private final int[] lengths;
    private final int mask;
    private final Thread thread;

    // head: written by the consumer only; tail: by the producer only.
    private volatile long head;
    private volatile long tail;
    private volatile boolean consumerParked;
    /** The producer while it waits for room, else null. */
    private volatile Thread waitingProducer;
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    /** {@code threadSetup} runs first on the transmit thread (e.g. to set its scheduling); it must not throw. */
    TransmitQueue(String name, int capacity, Runnable threadSetup, Sender sender) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.threadSetup = threadSetup;
        this.sender = sender;
        this.slots = new byte[size][SLOT_BYTES];
        this.lengths = new int[size];
        this.mask = size - 1;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    int capacity() {
        return slots.length;
    }

    /** Producer side: copies the frame and returns; it leaves after every frame queued before it. */
    void send(byte[] frame, int offset, int length) {
        throwIfFailed();
        if (length > SLOT_BYTES) {
            awaitEmpty();
            sender.send(copyOf(frame, offset, length), length);
            return;
        }
        long t = tail;
        while (t - head >= slots.length) {
            awaitRoom();
        }
        int i = (int) t & mask;
        System.arraycopy(frame, offset, slots[i], 0, length);
        lengths[i] = length;
        tail = t + 1;
        if (consumerParked) {
            LockSupport.unpark(thread);
        }
    }

    /** Sends what is queued, then stops the thread; waits at most {@code millis}. Returns true if it stopped. */
    boolean stop(long millis) throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join(millis);
        return !thread.isAlive();
    }

    private void awaitRoom() {
        throwIfFailed();
        waitingProducer = Thread.currentThread();
        LockSupport.unpark(thread);
        LockSupport.parkNanos(this, 100_000);
        waitingProducer = null;
    }

    private void awaitEmpty() {
        while (head != tail) {
            awaitRoom();
        }
    }

    private void throwIfFailed() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        if (!thread.isAlive() && thread.getState() != Thread.State.NEW) {
            throw new LinkException("the transmit thread has stopped");
        }
    }

    private static byte[] copyOf(byte[] frame, int offset, int length) {
        return offset == 0 ? frame : java.util.Arrays.copyOfRange(frame, offset, offset + length);
    }

    private void run() {
        // No spinning before it parks: on 2 shared cores a spin takes the CPU the stack or the server needs,
        // and a frame queued while this thread runs is sent without a wake-up anyway.
        try {
            threadSetup.run();
            while (true) {
                long h = head;
                if (h != tail) {
                    int i = (int) h & mask;
                    sender.send(slots[i], lengths[i]);
                    head = h + 1;
                    Thread waiting = waitingProducer;
                    if (waiting != null) {
                        LockSupport.unpark(waiting);
                    }
                    continue;
                }
                if (stopping) {
                    return;
                }
                consumerParked = true;
                // Re-check after announcing: the producer either sees us parked or we see its frame.
                if (head == tail && !stopping) {
                    LockSupport.park(this);
                }
                consumerParked = false;
            }
        } catch (RuntimeException e) {
            failure = e;
            Thread waiting = waitingProducer;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }
}
