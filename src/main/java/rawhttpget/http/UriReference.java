package rawhttpget.http;

/**
 * A URI reference split into its parts by the rule of RFC 3986 Appendix B, before any validation: the same split
 * serves absolute URLs from the command line and the relative ones servers put in Location. The fragment is
 * dropped, since it never goes to the server. A null part was absent; an empty one was present but empty.
 */
record UriReference(String scheme, String authority, String path, String query) {

    static UriReference split(String text) {
        int i = 0;
        String scheme = null;
        int colon = text.indexOf(':');
        int firstDelimiter = indexOfAny(text, "/?#", 0);
        if (colon > 0 && colon < firstDelimiter && isScheme(text, colon)) {
            scheme = text.substring(0, colon);
            i = colon + 1;
        }
        String authority = null;
        if (text.startsWith("//", i)) {
            int end = indexOfAny(text, "/?#", i + 2);
            authority = text.substring(i + 2, end);
            i = end;
        }
        int pathEnd = indexOfAny(text, "?#", i);
        String path = text.substring(i, pathEnd);
        String query = null;
        if (pathEnd < text.length() && text.charAt(pathEnd) == '?') {
            query = text.substring(pathEnd + 1, indexOfAny(text, "#", pathEnd));
        }
        return new UriReference(scheme, authority, path, query);
    }

    UriReference withScheme(String newScheme) {
        return new UriReference(newScheme, authority, path, query);
    }

    /**
     * {@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}. Anything else before a colon is read as part of a
     * relative path, which is what a lenient client does with a Location like {@code "my file:1.txt"}.
     */
    private static boolean isScheme(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            boolean other = c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
            if (!(letter || i > 0 && other)) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first of {@code chars} at or after {@code from}, or the length when there is none. */
    private static int indexOfAny(String text, String chars, int from) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
