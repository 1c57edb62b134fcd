package rawhttpget.testing;

import rawhttpget.output.BodySink;

import java.io.ByteArrayOutputStream;

/** A body sink that keeps the bytes in memory, for tests that check the body as it arrived. */
public record MemorySink(ByteArrayOutputStream out) implements BodySink {
    @Override
    public void write(byte[] b, int off, int len) {
        out.write(b, off, len);
    }

    @Override
    public void commit() {
    }

    @Override
    public void abandon() {
    }

    @Override
    public long written() {
        return out.size();
    }

    @Override
    public void close() {
    }
}
