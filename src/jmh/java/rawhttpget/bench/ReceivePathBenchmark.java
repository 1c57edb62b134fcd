package rawhttpget.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.ipv4.InternetChecksum;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.tcp.ReceiveBuffer;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;

/**
 * The receive path one full-sized frame at a time, in the stack's own order: wrap the three headers and
 * parse the options (the IPv4 header checksum is checked in its wrap), verify the TCP checksum, store the
 * payload in reassembly. Scores are nanoseconds per frame; 1 GiB is ~741 500 such frames.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReceivePathBenchmark {
    /** Frames cycled through so the data is not always in the same cache lines. */
    private static final int FRAMES = 64;
    /** Out-of-order pattern: each group of four segments arrives as 2, 3, 4, then 1 (three holes filled). */
    private static final int[] OUT_OF_ORDER = {1, 2, 3, 0};

    private final byte[][] frames = new byte[FRAMES][];
    private final EthernetFrame ethernet = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final TcpSegment tcp = new TcpSegment();
    private final TcpOptions options = new TcpOptions();
    private ReceiveBuffer buffer;
    private int next;
    private long offset;
    private final ReceiveBuffer.Consumer discard = (b, off, len) -> len;

    @Setup
    public void setUp() {
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = DataFrames.frame(1 + i * DataFrames.PAYLOAD, i);
        }
        buffer = new ReceiveBuffer(4 << 20);
    }

    private byte[] nextFrame() {
        byte[] f = frames[next];
        next = (next + 1) & (FRAMES - 1);
        return f;
    }

    /** Ethernet, IPv4 (with its header checksum) and TCP header views, plus the options. */
    @Benchmark
    public int parseFrame() {
        byte[] f = nextFrame();
        ethernet.wrap(f, 0, f.length);
        ip.wrap(f, ethernet.payloadOffset(), ethernet.payloadLength());
        tcp.wrap(f, ip.payloadOffset(), ip.payloadLength());
        tcp.parseOptions(options);
        return tcp.payloadLength() + options.tsVal;
    }

    /** The TCP checksum over the pseudo-header and 1 480 bytes of segment. */
    @Benchmark
    public boolean verifyTcpChecksum() {
        byte[] f = nextFrame();
        return InternetChecksum.fold(InternetChecksum.add(
                InternetChecksum.pseudoHeader(DataFrames.SERVER, DataFrames.CLIENT, 6, f.length - DataFrames.TCP_AT),
                f, DataFrames.TCP_AT, f.length - DataFrames.TCP_AT)) == 0xFFFF;
    }

    /** In-order reassembly: append the payload, then hand it on as the application would. */
    @Benchmark
    public long reassembleInOrder() {
        byte[] f = nextFrame();
        buffer.write(offset, f, f.length - DataFrames.PAYLOAD, DataFrames.PAYLOAD);
        offset += DataFrames.PAYLOAD;
        return buffer.drainTo(discard);
    }

    /** Out-of-order reassembly: three segments past a hole, then the one that fills it (per segment). */
    @Benchmark
    public long reassembleOutOfOrder(Blackhole hole) {
        byte[] f = nextFrame();
        long base = offset & ~3L;
        int slot = OUT_OF_ORDER[(int) (offset & 3)];
        buffer.write(base * DataFrames.PAYLOAD + (long) slot * DataFrames.PAYLOAD, f, f.length - DataFrames.PAYLOAD,
                DataFrames.PAYLOAD);
        offset++;
        hole.consume(buffer.hasHoles());
        return buffer.drainTo(discard);
    }

    /** All of the above for one frame, as NetworkStack and TcpConnection do it. */
    @Benchmark
    public long wholeFrameInOrder() {
        byte[] f = nextFrame();
        ethernet.wrap(f, 0, f.length);
        ip.wrap(f, ethernet.payloadOffset(), ethernet.payloadLength());
        tcp.wrap(f, ip.payloadOffset(), ip.payloadLength());
        if (!tcp.checksumValid(ip.source(), ip.destination())) {
            throw new AssertionError("bad checksum");
        }
        tcp.parseOptions(options);
        buffer.write(offset, f, tcp.payloadOffset(), tcp.payloadLength());
        offset += tcp.payloadLength();
        return buffer.drainTo(discard);
    }
}
