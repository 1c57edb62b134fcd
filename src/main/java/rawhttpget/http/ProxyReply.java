package rawhttpget.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A proxy's answer to CONNECT (RFC 9110 §9.3.6): a status line and header fields up to the blank line, read as
 * it arrives. It takes no byte past the blank line: after a 200 those belong to the tunnel (the origin's TLS).
 * The head is held to {@link #MAX_HEAD_BYTES}, so a proxy cannot make us buffer without end. Lines may end in
 * CRLF or a bare LF, as in responses (RFC 9112 §2.2).
 */
public final class ProxyReply {
    /** The most a reply's head may take, status line and blank line included. */
    public static final int MAX_HEAD_BYTES = 16 * 1024;

    private byte[] head = new byte[256];
    private int length;
    private int lineStart;
    private StatusLine status;
    private final List<HeaderField> headers = new ArrayList<>();
    private boolean complete;

    /**
     * Takes bytes of the reply, up to and including the blank line that ends its head.
     *
     * @return how many of the {@code len} bytes were taken; fewer than {@code len} only once the head is complete
     * @throws HttpProtocolException if the head is malformed or longer than {@link #MAX_HEAD_BYTES}
     */
    public int accept(byte[] bytes, int off, int len) throws HttpProtocolException {
        int taken = 0;
        while (taken < len && !complete) {
            byte b = bytes[off + taken++];
            if (length == MAX_HEAD_BYTES) {
                throw new HttpProtocolException("the proxy's reply head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (length == head.length) {
                head = Arrays.copyOf(head, Math.min(head.length * 2, MAX_HEAD_BYTES));
            }
            head[length++] = b;
            if (b == '\n') {
                endOfLine();
            }
        }
        return taken;
    }

    private void endOfLine() throws HttpProtocolException {
        int end = length - 1;
        if (end > lineStart && head[end - 1] == '\r') {
            end--;
        }
        byte[] line = Arrays.copyOfRange(head, lineStart, end);
        lineStart = length;
        if (status == null) {
            status = StatusLine.parse(line, line.length);
        } else if (line.length == 0) {
            complete = true;
        } else {
            headers.add(HeaderFieldParser.parse(line, line.length, "header"));
        }
    }

    /** The blank line has arrived. */
    public boolean isComplete() {
        return complete;
    }

    /**
     * Whether the proxy opened the tunnel; only once {@link #isComplete()}. As wget 1.21.3, only a 200 does: RFC 9110
     * lets any 2xx open it, but wget ends at a 204 or a 201 with "Proxy tunneling failed", and so do we.
     */
    public boolean opensTunnel() {
        return status().code() == 200;
    }

    public int statusCode() {
        return status().code();
    }

    /** The reason phrase, possibly empty. */
    public String reason() {
        return status().reason();
    }

    public List<HeaderField> headers() {
        return List.copyOf(headers);
    }

    private StatusLine status() {
        if (!complete) {
            throw new IllegalStateException("the reply's head is not complete");
        }
        return status;
    }
}
