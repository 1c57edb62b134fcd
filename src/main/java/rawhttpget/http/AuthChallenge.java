package rawhttpget.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a WWW-Authenticate field (RFC 9110 §11.6.1): a scheme, and either a token68 or parameters.
 * One field may hold several challenges, and their commas are the same as those between parameters: a bare
 * token starts the next challenge, {@code name=value} continues the current one.
 *
 * @param scheme     as the server spelled it (compare ignoring case)
 * @param token68    null unless the challenge carries one
 * @param parameters names lower-cased, quoted values unquoted; the first of a repeated name wins
 */
public record AuthChallenge(String scheme, String token68, Map<String, String> parameters) {
    /** A server sending more would be hostile; refusing bounds the work on one header. */
    private static final int MAX_CHALLENGES = 64;

    public AuthChallenge {
        parameters = Map.copyOf(parameters);
    }

    public boolean isScheme(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Every challenge in the values of the WWW-Authenticate fields, in order.
     *
     * @throws HttpProtocolException with a one-line reason when a value does not follow the grammar
     */
    public static List<AuthChallenge> parseAll(List<String> fieldValues) throws HttpProtocolException {
        List<AuthChallenge> all = new ArrayList<>();
        for (String value : fieldValues) {
            new Reader(value).readInto(all);
        }
        return all;
    }

    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        void readInto(List<AuthChallenge> out) throws HttpProtocolException {
            while (true) {
                skipCommasAndWhitespace();
                if (pos == text.length()) {
                    return;
                }
                if (out.size() == MAX_CHALLENGES) {
                    throw fail("more than " + MAX_CHALLENGES + " challenges");
                }
                out.add(challenge());
            }
        }

        private AuthChallenge challenge() throws HttpProtocolException {
            String scheme = token();
            if (scheme.isEmpty()) {
                throw fail("no authentication scheme");
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            if (pos < text.length() && text.charAt(pos) != ' ' && text.charAt(pos) != ',') {
                throw fail("no space after the scheme " + Printable.clean(scheme));
            }
            skipWhitespace();
            String token68 = token68();
            if (token68 != null) {
                return new AuthChallenge(scheme, token68, parameters);
            }
            while (true) {
                int start = pos;
                skipCommasAndWhitespace();
                String name = token();
                skipWhitespace();
                if (name.isEmpty() || pos == text.length() || text.charAt(pos) != '=') {
                    pos = start; // a bare token: the next challenge's scheme
                    return new AuthChallenge(scheme, null, parameters);
                }
                pos++;
                skipWhitespace();
                String value;
                if (pos < text.length() && text.charAt(pos) == '"') {
                    value = quotedString();
                } else {
                    value = token();
                    if (value.isEmpty()) {
                        throw fail("no value for parameter " + Printable.clean(name));
                    }
                }
                parameters.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
                skipWhitespace();
                if (pos < text.length() && text.charAt(pos) != ',') {
                    throw fail("unexpected " + Printable.clean(text.substring(pos, pos + 1)) + " after parameter "
                            + Printable.clean(name));
                }
            }
        }

        /** A token68 that is the whole rest of the challenge, or null (position unchanged). */
        private String token68() {
            int start = pos;
            int end = pos;
            while (end < text.length() && isToken68Char(text.charAt(end))) {
                end++;
            }
            if (end == start) {
                return null;
            }
            while (end < text.length() && text.charAt(end) == '=') {
                end++;
            }
            int after = end;
            while (after < text.length() && FieldSyntax.isWhitespace(text.charAt(after))) {
                after++;
            }
            if (after < text.length() && text.charAt(after) != ',') {
                return null;
            }
            pos = after;
            return text.substring(start, end);
        }

        private static boolean isToken68Char(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~+/".indexOf(c) >= 0;
        }

        private String token() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) < 0x80 && FieldSyntax.isTokenChar(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String quotedString() throws HttpProtocolException {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (pos == text.length()) {
                        break;
                    }
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            throw fail("unterminated quoted string");
        }

        private void skipWhitespace() {
            while (pos < text.length() && FieldSyntax.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private void skipCommasAndWhitespace() {
            while (pos < text.length() && (text.charAt(pos) == ',' || FieldSyntax.isWhitespace(text.charAt(pos)))) {
                pos++;
            }
        }

        private HttpProtocolException fail(String reason) {
            return new HttpProtocolException("malformed WWW-Authenticate (" + reason + "): " + Printable.clean(text));
        }
    }
}
