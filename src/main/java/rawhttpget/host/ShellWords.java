package rawhttpget.host;

import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Joins arguments into a line a POSIX shell splits back into the same arguments, for commands we print. */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    private ShellWords() {
    }

    static String join(List<String> words) {
        StringJoiner line = new StringJoiner(" ");
        for (String word : words) {
            line.add(PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
