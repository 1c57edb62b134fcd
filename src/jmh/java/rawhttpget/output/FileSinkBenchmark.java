package rawhttpget.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Handing one segment's payload (1 448 bytes) to the body sink. "tmpfs": FileSink into NAME.part in /dev/shm,
 * a copy into its 1 MiB direct block and, one call in ~724, the write(2) of a full block; started afresh every
 * 256 MiB so the benchmark does not fill memory. "null": -O /dev/null, which goes to StreamSink (a 64 KiB
 * buffered stream, one write(2) per ~45 calls).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FileSinkBenchmark {
    private static final int PAYLOAD = 1448;
    private static final long REWIND = 256L << 20;

    @Param({"null", "tmpfs"})
    public String target;

    private final byte[] payload = new byte[PAYLOAD];
    private Path file;
    private BodySink sink;

    @Setup
    public void open() throws IOException {
        new java.util.Random(1).nextBytes(payload);
        if (target.equals("null")) {
            sink = StreamSink.open(Path.of("/dev/null"));
        } else {
            file = Files.createTempFile(Path.of("/dev/shm"), "rhg-bench", ".bin");
            sink = FileSink.fresh(file, -1);
        }
    }

    @Benchmark
    public long writeSegment() throws IOException {
        sink.write(payload, 0, PAYLOAD);
        if (file != null && sink.written() >= REWIND) {
            sink.close();
            sink = FileSink.fresh(file, -1);
        }
        return sink.written();
    }

    @TearDown
    public void close() throws IOException {
        sink.close();
        if (file != null) {
            Files.deleteIfExists(FileSink.partOf(file));
            Files.deleteIfExists(file);
        }
    }
}
