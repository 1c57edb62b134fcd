package rawhttpget.link;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import rawhttpget.time.Clock;

/**
 * Wraps a link and impairs its frames, in each direction by its own {@link LinkFaults}: drop, duplicate,
 * flip one bit, delay with jitter (which reorders) and a rate limit. Seeded: the same seed, the same frames
 * and the same clock readings give the same faults, so a failure found with one seed replays exactly.
 *
 * <p>Time comes from the {@link Clock} given, read when a frame is sent or received: a ManualClock in unit
 * tests (where the driver also asks {@link #nextDueAt} so it can advance virtual time to the next
 * delivery), the system clock under the command line. Delayed frames leave when {@link #receive} or
 * {@link #send} runs after their time; {@link #awaitFrames} waits no longer than until the next one.
 */
public final class FaultInjectingLink implements Link {
    /** The Ethernet header is never flipped: on a real wire a flip there ends in the frame check sequence. */
    private static final int HEADER = 14;

    private final Link inner;
    private final Clock clock;
    private final Direction inbound;
    private final Direction outbound;
    private final SplittableRandom random;
    private final FrameHandler enqueueInbound;

    public FaultInjectingLink(Link inner, LinkFaults inboundFaults, LinkFaults outboundFaults, long seed, Clock clock) {
        this.inner = inner;
        this.clock = clock;
        this.inbound = new Direction(inboundFaults);
        this.outbound = new Direction(outboundFaults);
        this.random = new SplittableRandom(seed);
        this.enqueueInbound = (frame, offset, length) -> inbound.offer(frame, offset, length, clock.nanos());
    }

    @Override
    public int receive(FrameHandler handler) {
        long now = clock.nanos();
        outbound.release(now, inner::send);
        inner.receive(enqueueInbound);
        return inbound.release(now, handler);
    }

    @Override
    public void send(byte[] frame, int offset, int length) {
        long now = clock.nanos();
        outbound.offer(frame, offset, length, now);
        outbound.release(now, inner::send);
    }

    @Override
    public void awaitFrames(long timeoutNanos) throws InterruptedException {
        long due = nextDueAt();
        long wait = timeoutNanos;
        if (due != Long.MAX_VALUE) {
            wait = Math.min(wait, Math.max(0, due - clock.nanos()));
        }
        if (wait > 0) {
            inner.awaitFrames(wait);
        }
    }

    /** When the earliest held frame, in either direction, is due; Long.MAX_VALUE when none is held. */
    public long nextDueAt() {
        return Math.min(inbound.nextDueAt(), outbound.nextDueAt());
    }

    @Override
    public long droppedFrames() {
        return inner.droppedFrames();
    }

    /** What the faults have done so far, inbound then outbound, for logs and tests. */
    public String describeCounts() {
        return "in: " + inbound.counts() + "; out: " + outbound.counts();
    }

    @Override
    public void close() {
        inner.close();
    }

    private record Held(long due, long order, byte[] frame) {
    }

    /** One direction's faults, its wire (for the rate) and the frames it holds until they are due. */
    private final class Direction {
        private final LinkFaults faults;
        private final PriorityQueue<Held> held = new PriorityQueue<>(
                (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
        private long order;
        private long wireFreeAt = Long.MIN_VALUE;
        long passed;
        long dropped;
        long duplicated;
        long corrupted;
        long queueDrops;

        Direction(LinkFaults faults) {
            this.faults = faults;
        }

        void offer(byte[] frame, int offset, int length, long now) {
            if (faults.isNone()) {
                hold(now, Arrays.copyOfRange(frame, offset, offset + length));
                return;
            }
            if (faults.dropProbability() > 0 && random.nextDouble() < faults.dropProbability()) {
                dropped++;
                return;
            }
            int copies = faults.duplicateProbability() > 0 && random.nextDouble() < faults.duplicateProbability() ? 2 : 1;
            if (copies == 2) {
                duplicated++;
            }
            for (int i = 0; i < copies; i++) {
                byte[] copy = Arrays.copyOfRange(frame, offset, offset + length);
                if (faults.corruptProbability() > 0 && random.nextDouble() < faults.corruptProbability()
                        && length > HEADER) {
                    int bit = HEADER * 8 + random.nextInt((length - HEADER) * 8);
                    copy[bit >>> 3] ^= (byte) (1 << (bit & 7));
                    corrupted++;
                }
                long due = now + faults.delayNanos();
                if (faults.jitterNanos() > 0) {
                    due += random.nextLong(-faults.jitterNanos(), faults.jitterNanos() + 1);
                }
                if (faults.bitsPerSecond() > 0) {
                    long start = Math.max(wireFreeAt, now);
                    long onWire = length * 8L * 1_000_000_000L / faults.bitsPerSecond();
                    if (start + onWire - now > faults.maxQueueNanos()) {
                        queueDrops++;
                        continue;
                    }
                    wireFreeAt = start + onWire;
                    due += wireFreeAt - now;
                }
                hold(Math.max(due, now), copy);
            }
        }

        private void hold(long due, byte[] frame) {
            held.add(new Held(due, order++, frame));
        }

        int release(long now, FrameHandler to) {
            int n = 0;
            Held h;
            while ((h = held.peek()) != null && h.due - now <= 0) {
                held.poll();
                passed++;
                n++;
                to.onFrame(h.frame, 0, h.frame.length);
            }
            return n;
        }

        long nextDueAt() {
            Held h = held.peek();
            return h == null ? Long.MAX_VALUE : h.due;
        }

        String counts() {
            return "passed " + passed + ", dropped " + dropped + ", duplicated " + duplicated + ", corrupted " + corrupted
                    + ", queue drops " + queueDrops;
        }
    }
}
