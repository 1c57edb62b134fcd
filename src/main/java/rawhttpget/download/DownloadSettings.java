package rawhttpget.download;

import rawhttpget.runtime.HostSettings;

import java.util.List;

/**
 * What the command line asks of a run: the URLs, tries and redirects, where the bodies go, the progress display,
 * TLS trust, and the host and stack settings.
 *
 * @param reportFile --report FILE.html, or null
 * @param eventsFile --events FILE, or null
 * @param version this build's version, for the User-Agent header
 * @param request  what each request carries: headers, method and body, credentials
 * @param retrieval input file, names and dates, -S, and which failures are tried again
 */
public record DownloadSettings(List<String> urls, boolean quiet, int tries, long waitRetrySeconds,
                               String outputDocument, String directoryPrefix, boolean noClobber,
                               boolean continueDownload, String progress, int maxRedirect, boolean contentOnError,
                               String caCertificate, boolean noCheckCertificate, int localPort, boolean stats,
                               String reportFile, String eventsFile, String version, HostSettings host,
                               RequestSettings request, RetrievalSettings retrieval) {
}
