package rawhttpget.download;

import java.util.Set;

/**
 * The wget options about what to fetch and how to treat what comes back: where the URLs come from, how files
 * are named and dated, what the server's answer is shown as, and which failures earn another try.
 *
 * @param inputFile          --input-file: read URLs from this file ("-": standard input), or null
 * @param base               -B: resolve the input file's relative URLs against this URL, or null
 * @param useServerTimestamps give a saved file the server's Last-Modified as its modification time
 * @param timestamping       -N: ask with If-Modified-Since and keep a local file that is not older
 * @param contentDisposition name the file as the server's Content-Disposition proposes
 * @param defaultPage        the name for a URL that ends in '/'
 * @param serverResponse     -S: print each response head
 * @param spider             --spider: check that each URL answers 2xx, save nothing
 * @param retryOnHttpError   statuses after which another try is made (--retry-on-http-error)
 * @param retryConnRefused   a refused connection earns another try
 * @param addressFamily      the addresses connected to: -4, -6, or either
 * @param waitSeconds        -w: the pause before each retrieval but the first ({@link RetrievalWait})
 * @param randomWait         --random-wait: that pause between 0.5 and 1.5 times waitSeconds
 * @param trustServerNames   --trust-server-names: name the file after the last URL of its redirects
 * @param saveHeaders        --save-headers: the response head goes into the file before the body
 */
public record RetrievalSettings(String inputFile, String base, boolean useServerTimestamps, boolean timestamping,
                                boolean contentDisposition, String defaultPage, boolean serverResponse,
                                boolean spider, Set<Integer> retryOnHttpError, boolean retryConnRefused,
                                AddressFamily addressFamily, double waitSeconds, boolean randomWait,
                                boolean trustServerNames, boolean saveHeaders) {

    /** What a run without any of these options does. */
    public static RetrievalSettings defaults() {
        return new RetrievalSettings(null, null, true, false, false, "index.html", false, false, Set.of(), false,
                AddressFamily.ANY, 0, false, false, false);
    }
}
