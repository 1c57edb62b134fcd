package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The body path allocates nothing per feed: a download moves millions of segments through it. Measured with the
 * JVM's per-thread allocation counter, which counts every object however short-lived. The JIT occasionally
 * allocates a little on the thread when it switches tiers, so the test takes the smallest of a few passes: an
 * allocation per segment would show in every one. (Run with -DargLine=-Xint, every pass is exactly zero.)
 */
class ResponseParserAllocationTest {
    private static final int SEGMENTS = 10_000;
    private static final int PASSES = 5;

    private static final ResponseListener DISCARDING = new ResponseListener() {
        @Override
        public void onHead(ResponseHead head) {
        }

        @Override
        public void onBody(byte[] buf, int off, int len) {
        }

        @Override
        public void onComplete() {
        }
    };

    @Test
    void contentLengthBodyAllocatesNothingPerSegment() throws Exception {
        ResponseParser parser = new ResponseParser(DISCARDING);
        feed(parser, Wire.bytes("HTTP/1.1 200 OK\r\nContent-Length: 100000000000\r\n\r\n"));
        byte[] segment = new byte[1460];

        long allocated = allocatedBytesWhile(() -> {
            for (int i = 0; i < SEGMENTS; i++) {
                parser.feed(segment, 0, segment.length);
            }
        });

        assertThat(allocated).isZero();
    }

    @Test
    void chunkedBodyAllocatesNothingPerChunk() throws Exception {
        ResponseParser parser = new ResponseParser(DISCARDING);
        feed(parser, Wire.bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
        // One chunk split over two segments, so partial chunk-size lines are carried over too.
        byte[] first = Wire.bytes("10;ext=\"v\"\r\n0123456789");
        byte[] second = Wire.bytes("abcdef\r\n");

        long allocated = allocatedBytesWhile(() -> {
            for (int i = 0; i < SEGMENTS; i++) {
                parser.feed(first, 0, first.length);
                parser.feed(second, 0, second.length);
            }
        });

        assertThat(allocated).isZero();
        assertThat(parser.bodyBytes()).isEqualTo(PASSES * 16L * SEGMENTS);
    }

    @Test
    void untilCloseBodyAllocatesNothingPerSegment() throws Exception {
        ResponseParser parser = new ResponseParser(DISCARDING);
        feed(parser, Wire.bytes("HTTP/1.1 200 OK\r\n\r\n"));
        byte[] segment = new byte[1460];

        long allocated = allocatedBytesWhile(() -> {
            for (int i = 0; i < SEGMENTS; i++) {
                parser.feed(segment, 0, segment.length);
            }
        });

        assertThat(allocated).isZero();
    }

    private interface Feeding {
        void run() throws HttpProtocolException;
    }

    /** The fewest bytes the thread allocated in any one of the passes. */
    private static long allocatedBytesWhile(Feeding feeding) throws HttpProtocolException {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        long fewest = Long.MAX_VALUE;
        for (int pass = 0; pass < PASSES; pass++) {
            long before = threads.getThreadAllocatedBytes(threadId);
            feeding.run();
            fewest = Math.min(fewest, threads.getThreadAllocatedBytes(threadId) - before);
        }
        return fewest;
    }

    private static void feed(ResponseParser parser, byte[] bytes) throws HttpProtocolException {
        parser.feed(bytes, 0, bytes.length);
    }
}
