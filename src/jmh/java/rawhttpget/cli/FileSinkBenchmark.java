package rawhttpget.cli;

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
 * Handing one segment's payload (1 448 bytes) to the file writer: a copy into the 1 MiB direct block and, one
 * call in ~724, the write(2) of a full block. "null" writes to /dev/null (the copy alone); "tmpfs" to a file
 * in /dev/shm, rewound every 256 MiB so the benchmark does not fill memory.
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
    private FileSink sink;

    @Setup
    public void open() throws IOException {
        new java.util.Random(1).nextBytes(payload);
        file = target.equals("null") ? Path.of("/dev/null") : Files.createTempFile(Path.of("/dev/shm"), "rhg-bench", ".bin");
        sink = new FileSink(file);
    }

    @Benchmark
    public long writeSegment() throws IOException {
        sink.write(payload, 0, PAYLOAD);
        if (sink.written() >= REWIND && !target.equals("null")) {
            sink.discard();
            sink = new FileSink(file);
        }
        return sink.written();
    }

    @TearDown
    public void close() throws IOException {
        sink.discard();
        if (!target.equals("null")) {
            Files.deleteIfExists(file);
        }
    }
}
