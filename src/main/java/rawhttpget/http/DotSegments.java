package rawhttpget.http;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 3986 §5.2.4 remove_dot_segments, for the absolute paths of http URLs. Written over a list of segments
 * rather than the RFC's string-rewriting loop, whose repeated copies a server could make quadratic with a long
 * Location; the results are the same for every path that starts with "/".
 */
final class DotSegments {

    private DotSegments() {
    }

    /** Takes "" or a path starting with "/"; "." and ".." never climb above the root. */
    static String remove(String path) {
        if (path.isEmpty()) {
            return path;
        }
        String[] segments = path.substring(path.charAt(0) == '/' ? 1 : 0).split("/", -1);
        List<String> kept = new ArrayList<>(segments.length);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
            } else if (!segment.equals(".")) {
                kept.add(segment);
                continue;
            }
            // A path ending in "." or ".." names a directory, so it keeps its trailing slash.
            if (last) {
                kept.add("");
            }
        }
        return "/" + String.join("/", kept);
    }
}
