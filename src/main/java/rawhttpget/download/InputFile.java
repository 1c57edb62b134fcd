package rawhttpget.download;

import java.util.ArrayList;
import java.util.List;

/**
 * The URLs of an --input-file: one per line, with the whitespace around it (CR of a CRLF line end included)
 * dropped, as wget drops it. Blank lines are skipped, and so are lines that start with '#': wget 1.21 tries
 * those as URLs and reports each as invalid, which only ever makes noise, since no URL starts with '#'.
 * Whitespace inside a line stays: it is part of the URL (wget then asks for {@code two%20words.txt}).
 */
final class InputFile {
    private InputFile() {
    }

    static List<String> urls(String text) {
        List<String> urls = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String url = trim(line);
            if (!url.isEmpty() && url.charAt(0) != '#') {
                urls.add(url);
            }
        }
        return urls;
    }

    /** Strips C's isspace() characters, which are what wget strips: space, \t, \n, \v, \f and \r. */
    private static String trim(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
