package rawhttpget.inet;

/** The text forms of an IPv6 address: RFC 4291 §2.2 to read, RFC 5952 to write. */
final class Ipv6Text {
    private Ipv6Text() {
    }

    /** The eight 16-bit fields of {@code text}; throws IllegalArgumentException naming the text. */
    static int[] parseFields(String text) {
        String s = text.trim();
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            throw invalid(text, "'::' appears twice");
        }
        int[] head = gap < 0 ? fields(s, text, true) : fields(s.substring(0, gap), text, false);
        int[] tail = gap < 0 ? new int[0] : fields(s.substring(gap + 2), text, true);
        int given = head.length + tail.length;
        if (gap < 0 ? given != 8 : given > 7) {
            // "::" stands for one or more zero fields (RFC 4291 §2.2), so with it at most seven are written.
            throw invalid(text, given + " fields");
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        return all;
    }

    /** Colon-separated fields; the last may be a dotted quad (two fields) when {@code mayEndInIpv4}. */
    private static int[] fields(String part, String text, boolean mayEndInIpv4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] words = part.split(":", -1);
        String last = words[words.length - 1];
        boolean ipv4 = mayEndInIpv4 && last.indexOf('.') >= 0;
        int[] out = new int[words.length + (ipv4 ? 1 : 0)];
        for (int i = 0; i < words.length - (ipv4 ? 1 : 0); i++) {
            out[i] = hexField(words[i], text);
        }
        if (ipv4) {
            int v4;
            try {
                v4 = Ipv4Address.parseBits(last);
            } catch (IllegalArgumentException e) {
                throw invalid(text, "bad embedded IPv4 address '" + last + "'");
            }
            out[out.length - 2] = v4 >>> 16;
            out[out.length - 1] = v4 & 0xFFFF;
        }
        return out;
    }

    private static int hexField(String word, String text) {
        if (word.isEmpty() || word.length() > 4) {
            throw invalid(text, "field '" + word + "'");
        }
        int v = 0;
        for (int i = 0; i < word.length(); i++) {
            int d = Character.digit(word.charAt(i), 16);
            // Character.digit also takes other scripts' digits: ASCII only.
            if (d < 0 || word.charAt(i) > 'f') {
                throw invalid(text, "field '" + word + "'");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("not an IPv6 address: '" + text + "' (" + why + ")");
    }

    static String format(Ipv6Address a) {
        if (a.isIpv4Mapped()) {
            return "::ffff:" + Ipv4Address.format((int) a.low());
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero field is never compressed (RFC 5952 §4.2.2)
        for (int i = 0; i < 8; ) {
            if (a.field(i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && a.field(j) == 0) {
                j++;
            }
            if (j - i > bestLength) { // strictly longer: the first of equal runs wins (§4.2.3)
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(a.field(i)));
        }
        return s.toString();
    }
}
