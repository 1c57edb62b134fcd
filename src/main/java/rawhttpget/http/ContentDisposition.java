package rawhttpget.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The file name a Content-Disposition field proposes (RFC 6266 §4): {@code filename*} in RFC 8187's encoding
 * ({@code UTF-8''caf%C3%A9.txt}, or ISO-8859-1) wins over {@code filename}, whichever comes first, as RFC 6266
 * §4.3 asks. The name is returned as the server wrote it, decoded: making it safe to use as a file name is the
 * caller's business. A parameter that does not parse ends the reading; what was read before it still counts.
 */
public final class ContentDisposition {
    private final String text;
    private int pos;

    private ContentDisposition(String text) {
        this.text = text;
    }

    /** The proposed file name, or empty when the field proposes none that can be read. */
    public static Optional<String> filename(String fieldValue) {
        return new ContentDisposition(fieldValue).read();
    }

    private Optional<String> read() {
        String plain = null;
        String extended = null;
        int semicolon = text.indexOf(';');
        if (semicolon < 0) {
            return Optional.empty();
        }
        pos = semicolon;
        while (pos < text.length()) {
            if (text.charAt(pos) != ';') {
                break;
            }
            pos++;
            skipWhitespace();
            int nameStart = pos;
            while (pos < text.length() && text.charAt(pos) != '=' && text.charAt(pos) != ';') {
                pos++;
            }
            if (pos >= text.length() || text.charAt(pos) != '=') {
                continue; // a parameter without a value, e.g. a stray ';'
            }
            String name = text.substring(nameStart, pos).trim().toLowerCase(Locale.ROOT);
            pos++;
            skipWhitespace();
            String value = pos < text.length() && text.charAt(pos) == '"' ? quotedString() : token();
            if (value == null) {
                break;
            }
            skipWhitespace();
            if (name.equals("filename") && plain == null) {
                plain = value;
            } else if (name.equals("filename*") && extended == null) {
                extended = extendedValue(value);
            }
        }
        String chosen = extended != null ? extended : plain;
        return chosen == null || chosen.isEmpty() ? Optional.empty() : Optional.of(chosen);
    }

    private void skipWhitespace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ';') {
            pos++;
        }
        return text.substring(start, pos).trim();
    }

    /** A quoted-string with its quoted-pairs undone; null when it has no closing quote. */
    private String quotedString() {
        StringBuilder value = new StringBuilder();
        for (pos++; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return value.toString();
            }
            if (c == '\\' && pos + 1 < text.length()) {
                c = text.charAt(++pos);
            }
            value.append(c);
        }
        return null;
    }

    /** RFC 8187 ext-value {@code charset'[language]'pct-encoded}; null when malformed or of another charset. */
    private static String extendedValue(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        Charset charset = switch (value.substring(0, first).toUpperCase(Locale.ROOT)) {
            case "UTF-8" -> StandardCharsets.UTF_8;
            case "ISO-8859-1" -> StandardCharsets.ISO_8859_1;
            default -> null;
        };
        if (charset == null) {
            return null;
        }
        String encoded = value.substring(second + 1);
        byte[] bytes = new byte[encoded.length()];
        int length = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes[length++] = (byte) (high * 16 + low);
                i += 2;
            } else if (c > 0x20 && c < 0x7F) {
                bytes[length++] = (byte) c;
            } else {
                return null;
            }
        }
        byte[] raw = Arrays.copyOf(bytes, length);
        String decoded = new String(raw, charset);
        // Malformed UTF-8 decodes to U+FFFD, which encodes back to other bytes: such a name is refused.
        return Arrays.equals(decoded.getBytes(charset), raw) ? decoded : null;
    }
}
