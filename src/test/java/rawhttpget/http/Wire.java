package rawhttpget.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

/** Test helpers for writing responses as text and feeding them in pieces. */
final class Wire {

    private Wire() {
    }

    /** Every char becomes the byte of the same value, so "\u00ff" or "\0" can be written inline. */
    static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
    }

    static String text(byte[] bytes) {
        return new String(bytes, ISO_8859_1);
    }

    /**
     * Feeds {@code wire} in fragments of {@code size} bytes, at an offset inside one reused buffer that is
     * overwritten with 0xA5 after every feed, as a receive buffer would be: a parser that kept a reference into an
     * earlier fragment instead of copying a partial line would then read garbage.
     */
    static void feedInFragments(ResponseParser parser, byte[] wire, int size) throws HttpProtocolException {
        byte[] buffer = new byte[size + 2];
        for (int off = 0; off < wire.length; off += size) {
            int len = Math.min(size, wire.length - off);
            System.arraycopy(wire, off, buffer, 1, len);
            parser.feed(buffer, 1, len);
            java.util.Arrays.fill(buffer, (byte) 0xA5);
        }
    }
}
