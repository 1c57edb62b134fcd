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

    /**
     * The name wget 1.21 saves a URL as: the last path component (or {@code defaultPage} for none) followed by the
     * query as sent, "?" included, so {@code dl.php?id=1} and {@code dl.php?id=2} are different files. In the
     * query, escapes are decoded except those of '/' and control characters, which stay %XX, as wget keeps them.
     *
     * @param rawQuery the still percent-encoded query, null when the URL had no '?'
     */
    public static String fromUrl(String rawLastSegment, String rawQuery, String defaultPage) {
        String name = rawLastSegment == null || rawLastSegment.isEmpty() ? defaultPage : fromLastSegment(rawLastSegment);
        if (rawQuery == null) {
            return name;
        }
        StringBuilder query = new StringBuilder(rawQuery.length());
        for (char ch : percentDecode(rawQuery).toCharArray()) {
            if (ch == '/' || ch == '\\' || ch < 0x20 || ch == 0x7F) {
                query.append(String.format("%%%02X", (int) ch));
            } else {
                query.append(ch);
            }
        }
        return name + "?" + query;
    }

    /**
     * A name a server proposed (Content-Disposition) made safe to create in the download directory: only what
     * follows its last '/' or '\\', without leading dots (no hidden file, no "..") and without control characters;
     * null when nothing usable is left.
     */
    public static String fromServer(String proposed) {
        String name = proposed.substring(Math.max(proposed.lastIndexOf('/'), proposed.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || ch == 0x7F) {
                safe.append('_');
            } else if (ch != '.' || safe.length() > 0) {
                safe.append(ch);
            }
        }
        return safe.toString().isBlank() ? null : safe.toString();
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
