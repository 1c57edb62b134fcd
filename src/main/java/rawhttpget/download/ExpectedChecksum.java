package rawhttpget.download;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * --checksum=TYPE=DIGEST, as aria2c spells it: TYPE one of aria2's hash names ({@code sha-1}, {@code sha-224},
 * {@code sha-256}, {@code sha-384}, {@code sha-512}, {@code md5}; either case), DIGEST the hash in hexadecimal
 * (either case), exactly as long as TYPE's hash.
 *
 * @param type      aria2's name of the hash, in lower case
 * @param algorithm the JDK's MessageDigest name for it
 * @param digest    the bytes the body's hash must be
 */
public record ExpectedChecksum(String type, String algorithm, byte[] digest) {
    private record Kind(String type, String algorithm, int bytes) {
    }

    private static final List<Kind> KINDS = List.of(new Kind("sha-1", "SHA-1", 20), new Kind("sha-224", "SHA-224", 28),
            new Kind("sha-256", "SHA-256", 32), new Kind("sha-384", "SHA-384", 48), new Kind("sha-512", "SHA-512", 64),
            new Kind("md5", "MD5", 16));

    /** The most of the user's text a message echoes. */
    private static final int MAX_SHOWN = 140;

    public ExpectedChecksum {
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** The digest as lower-case hex, as the user would compare it with sha256sum's. */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    /** Reads TYPE=DIGEST; an IllegalArgumentException with one line says what is wrong with it. */
    public static ExpectedChecksum parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not TYPE=DIGEST, e.g. sha-256=HEX");
        }
        String type = text.substring(0, eq).toLowerCase(Locale.ROOT);
        String hex = text.substring(eq + 1);
        Kind kind = KINDS.stream().filter(k -> k.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown checksum type '" + shown(text.substring(0, eq))
                        + "' (sha-1, sha-224, sha-256, sha-384, sha-512 or md5)"));
        if (hex.length() != 2 * kind.bytes()) {
            throw new IllegalArgumentException("a " + kind.type() + " digest is " + 2 * kind.bytes()
                    + " hexadecimal digits, not " + hex.length());
        }
        if (!hex.chars().allMatch(ExpectedChecksum::isHexDigit)) {
            throw new IllegalArgumentException("a " + kind.type() + " digest is hexadecimal digits only: '"
                    + shown(hex) + "'");
        }
        return new ExpectedChecksum(kind.type(), kind.algorithm(), HexFormat.of().parseHex(hex));
    }

    /** The user's text for a one-line message: control characters as '?', and cut short when long. */
    private static String shown(String text) {
        StringBuilder s = new StringBuilder();
        text.codePoints().limit(MAX_SHOWN).forEach(c -> s.appendCodePoint(c < 0x20 || c == 0x7F ? '?' : c));
        return text.codePointCount(0, text.length()) > MAX_SHOWN ? s + "..." : s.toString();
    }

    private static boolean isHexDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpectedChecksum other && type.equals(other.type)
                && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return type + "=" + hex();
    }
}
