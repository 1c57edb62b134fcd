package rawhttpget.download;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ~/.netrc file read as wget 1.21 reads it: whitespace-separated tokens across lines; a token starting with
 * {@code #} comments out the rest of its line ({@code #} inside a token is data); {@code "..."} quotes a token,
 * with {@code \} escaping the next character; {@code machine NAME} starts an entry that {@code login} and
 * {@code password} fill in ({@code account} is read and ignored); {@code macdef NAME} makes the following lines,
 * up to a blank one, a macro to skip. wget warns about unknown tokens and about login or password before any
 * machine, and goes on; so do we. A {@code default} entry is read but, as in wget, never used for HTTP.
 */
public final class Netrc {
    /** A file this long is not a .netrc; refusing the rest bounds the work. */
    static final int MAX_CHARS = 1 << 20;

    /** @param machine the host name, null for {@code default} */
    public record Entry(String machine, String login, String password) {
    }

    private final List<Entry> entries;
    private final List<String> warnings;

    private Netrc(List<Entry> entries, List<String> warnings) {
        this.entries = List.copyOf(entries);
        this.warnings = List.copyOf(warnings);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** One line each, "LINE: reason", for the user. */
    public List<String> warnings() {
        return warnings;
    }

    /** The first entry naming {@code host} (ignoring case), as wget looks it up. */
    public Optional<Entry> forHost(String host) {
        return entries.stream().filter(e -> e.machine() != null && e.machine().equalsIgnoreCase(host)).findFirst();
    }

    public static Netrc parse(String text) {
        return new Parser().parse(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
    }

    private static final class Parser {
        private final List<Entry> entries = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        /** The keyword whose value the next token is, or null. */
        private String pending;
        private boolean inEntry;
        private String machine;
        private String login;
        private String password;
        private boolean inMacro;
        private int lineNumber;

        Netrc parse(String text) {
            String[] lines = text.split("\n", -1);
            for (String line : lines) {
                lineNumber++;
                if (inMacro) {
                    inMacro = !line.isBlank();
                    continue;
                }
                readLine(line);
            }
            finishEntry();
            return new Netrc(entries, warnings);
        }

        private void readLine(String line) {
            int pos = 0;
            while (true) {
                while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                    pos++;
                }
                if (pos >= line.length() || line.charAt(pos) == '#') {
                    return;
                }
                StringBuilder token = new StringBuilder();
                if (line.charAt(pos) == '"') {
                    pos++;
                    while (pos < line.length() && line.charAt(pos) != '"') {
                        if (line.charAt(pos) == '\\' && pos + 1 < line.length()) {
                            pos++;
                        }
                        token.append(line.charAt(pos++));
                    }
                    pos++; // the closing quote, or past the end of an unterminated token
                } else {
                    while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
                        token.append(line.charAt(pos++));
                    }
                }
                take(token.toString());
                if (inMacro) {
                    return; // the macro's body starts on the next line
                }
            }
        }

        private void take(String token) {
            if (pending != null) {
                String keyword = pending;
                pending = null;
                switch (keyword) {
                    case "machine" -> {
                        finishEntry();
                        inEntry = true;
                        machine = token;
                    }
                    case "login" -> login = token;
                    case "password" -> password = token;
                    case "macdef" -> inMacro = true;
                    default -> { } // account: read, not used
                }
                return;
            }
            switch (token) {
                case "machine", "account", "macdef" -> pending = token;
                case "login", "password" -> {
                    if (inEntry) {
                        pending = token;
                    } else {
                        warnings.add(lineNumber + ": '" + token + "' before any machine name");
                        pending = "ignored";
                    }
                }
                case "default" -> {
                    finishEntry();
                    inEntry = true;
                }
                default -> warnings.add(lineNumber + ": unknown token \"" + clean(token) + "\"");
            }
        }

        private void finishEntry() {
            if (inEntry) {
                entries.add(new Entry(machine, login, password));
            }
            inEntry = false;
            machine = null;
            login = null;
            password = null;
        }

        private static String clean(String token) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < token.length() && i < 40; i++) {
                char c = token.charAt(i);
                out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c & 0xFF));
            }
            return token.length() > 40 ? out + "..." : out.toString();
        }
    }
}
