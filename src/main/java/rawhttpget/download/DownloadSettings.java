package rawhttpget.download;

import rawhttpget.runtime.HostSettings;

import java.util.List;

/**
 * What the command line asks of a run: the URLs, tries and redirects, where the bodies go, the progress display,
 * TLS trust, and the host and stack settings.
 *
 * @param version this build's version, for the User-Agent header
 * @param noVerbose  {@code -nv}: wget's one line per file instead of its status lines and the progress
 * @param logToFile  {@code -o}/{@code -a}: what goes to stderr goes to a file, so the bar is not the default
 */
public record DownloadSettings(List<String> urls, boolean quiet, int tries, long waitRetrySeconds,
                               String outputDocument, String directoryPrefix, boolean noClobber,
                               boolean continueDownload, String progress, int maxRedirect, boolean contentOnError,
                               String caCertificate, boolean noCheckCertificate, int localPort, boolean stats,
                               String version, HostSettings host, boolean noVerbose,
                               boolean logToFile) {
}
