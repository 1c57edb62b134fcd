package rawhttpget.report;

/** The few pieces of JSON the report writes by hand: strings, and times as seconds with microseconds. */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /**
     * {@code text} as a JSON string. Besides what JSON requires, '<' and '>' are escaped, so the data can sit
     * inside an HTML script element without ending it early.
     */
    static StringBuilder string(StringBuilder s, String text) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                case '\r' -> s.append("\\r");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        s.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"');
    }

    /** Nanoseconds as seconds with six decimals ("1.000250"), without String.format's cost per segment. */
    static StringBuilder seconds(StringBuilder s, long nanos) {
        long micros = Math.floorDiv(nanos, 1000);
        if (micros < 0) {
            s.append('-');
            micros = -micros;
        }
        s.append(micros / 1_000_000).append('.');
        long fraction = micros % 1_000_000;
        for (long d = 100_000; d > fraction && d > 1; d /= 10) {
            s.append('0');
        }
        return s.append(fraction);
    }

    /** Nanoseconds as milliseconds with three decimals ("20.125"). */
    static StringBuilder millis(StringBuilder s, long nanos) {
        long micros = Math.max(0, nanos / 1000);
        s.append(micros / 1000).append('.');
        long fraction = micros % 1000;
        if (fraction < 100) {
            s.append('0');
        }
        if (fraction < 10) {
            s.append('0');
        }
        return s.append(fraction);
    }
}
