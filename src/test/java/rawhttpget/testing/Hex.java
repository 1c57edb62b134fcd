package rawhttpget.testing;

import java.util.HexFormat;

/** Hex fixtures as they come out of a capture: pairs of digits, any whitespace between them. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String of(byte[] b, int off, int len) {
        return HexFormat.ofDelimiter(" ").formatHex(b, off, off + len);
    }

    public static String of(byte[] b) {
        return of(b, 0, b.length);
    }
}
