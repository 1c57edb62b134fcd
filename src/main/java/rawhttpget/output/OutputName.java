package rawhttpget.output;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The file name wget would choose for a URL path: its last component, decoded and made safe. */
public final class OutputName {
    static final String DEFAULT = "index.html";

    private OutputName() {
    }

    /** {@code rawLastSegment}: the still percent-encoded last path component, "" for an empty path or trailing '/'. */
    public static String fromLastSegment(String rawLastSegment) {
        if (rawLastSegment == null || rawLastSegment.isEmpty()) {
            return DEFAULT;
        }
        String decoded = percentDecode(rawLastSegment);
        StringBuilder safe = new StringBuilder(decoded.length());
        for (int i = 0; i < decoded.length(); i++) {
            char ch = decoded.charAt(i);
            // A decoded '/' or '\' would escape the directory; control characters would garble terminals.
            if (ch == '/' || ch == '\\' || ch < 0x20 || ch == 0x7F) {
                safe.append('_');
            } else {
                safe.append(ch);
            }
        }
        String name = safe.toString();
        if (name.equals(".") || name.equals("..") || name.isBlank()) {
            return DEFAULT;
        }
        return name;
    }

    /** Decodes %XX as UTF-8 bytes; malformed escapes are kept as written. */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                out.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The value of a hex digit, or -1 when {@code b} is not one. */
    private static int hex(byte b) {
        // Of the chars 0 to 255 (Latin-1) only 0-9, a-f and A-F are hex digits to Character.digit.
        return Character.digit((char) (b & 0xFF), 16);
    }
}
