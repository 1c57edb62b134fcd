package rawhttpget.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the classic libpcap file format that tcpdump, tshark and Wireshark read: a 24-byte global header
 * (magic 0xa1b23c4d, which means nanosecond timestamps; version 2.4; link type 1, Ethernet), then for each frame
 * a 16-byte record header (seconds, nanoseconds, captured length, original length) and the frame's bytes. All
 * fields are little-endian; readers learn the byte order from the magic. Records are gathered in a buffer and
 * reach the channel in large writes, so recording costs the stack thread a copy per frame, not a system call.
 */
public final class PcapWriter implements AutoCloseable {
    static final int MAGIC_NANOSECONDS = 0xA1B23C4D;
    static final int VERSION_MAJOR = 2;
    static final int VERSION_MINOR = 4;
    /** tcpdump's default snapshot length; longer frames are cut to it, and the record says how long they were. */
    static final int SNAPLEN = 262_144;
    static final int LINKTYPE_ETHERNET = 1;
    static final int GLOBAL_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    static final int DEFAULT_BUFFER = 1 << 20;

    private final WritableByteChannel channel;
    private final ByteBuffer buffer;
    private long records;
    private boolean closed;

    /** An Ethernet recording; see {@link #PcapWriter(WritableByteChannel, int, LinkLayer)}. */
    public PcapWriter(WritableByteChannel channel, int bufferBytes) {
        this(channel, bufferBytes, LinkLayer.ETHERNET);
    }

    /** Writes the global header, naming {@code layer}, into the buffer; it reaches the channel with the first flush. */
    public PcapWriter(WritableByteChannel channel, int bufferBytes, LinkLayer layer) {
        if (bufferBytes < GLOBAL_HEADER_LENGTH + RECORD_HEADER_LENGTH) {
            throw new IllegalArgumentException("pcap buffer too small: " + bufferBytes);
        }
        this.channel = channel;
        this.buffer = ByteBuffer.allocate(bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC_NANOSECONDS)
                .putShort((short) VERSION_MAJOR)
                .putShort((short) VERSION_MINOR)
                .putInt(0) // thiszone: timestamps are UTC
                .putInt(0) // sigfigs: always 0
                .putInt(SNAPLEN)
                .putInt(layer.pcapLinkType());
    }

    /** Creates (or truncates) {@code file}. */
    public static PcapWriter create(Path file, LinkLayer layer) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new PcapWriter(channel, DEFAULT_BUFFER, layer);
    }

    /** Appends one frame seen at {@code epochNanos} (nanoseconds since 1970-01-01 UTC). */
    public void write(long epochNanos, byte[] frame, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("pcap writer is closed");
        }
        int captured = Math.min(length, SNAPLEN);
        if (buffer.remaining() < RECORD_HEADER_LENGTH + captured) {
            flush();
        }
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        buffer.putInt((int) seconds).putInt(nanos).putInt(captured).putInt(length);
        if (buffer.remaining() >= captured) {
            buffer.put(frame, offset, captured);
        } else {
            // A frame larger than the whole buffer: the header is queued, the bytes go straight out after it.
            flush();
            write(ByteBuffer.wrap(frame, offset, captured));
        }
        records++;
    }

    public long records() {
        return records;
    }

    /** Everything written so far reaches the channel. */
    public void flush() throws IOException {
        buffer.flip();
        write(buffer);
        buffer.clear();
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
