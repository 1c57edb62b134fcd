package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
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
 * @param noVerbose  {@code -nv}: wget's one line per file instead of its status lines and the progress
 * @param logToFile  {@code -o}/{@code -a}: what goes to stderr goes to a file, so the bar is not the default
 * @param body       --limit-rate and --checksum
 * @param proxies    the proxies from the environment, or none with --no-proxy
 * @param maxConcurrent -j: how many URLs run at once (1: one after another)
 */
public record DownloadSettings(List<String> urls, boolean quiet, int tries, long waitRetrySeconds,
                               String outputDocument, String directoryPrefix, boolean noClobber,
                               boolean continueDownload, String progress, int maxRedirect, boolean contentOnError,
                               String caCertificate, boolean noCheckCertificate, int localPort, boolean stats,
                               String reportFile, String eventsFile, String version, HostSettings host,
                               RequestSettings request, RetrievalSettings retrieval, boolean noVerbose,
                               boolean logToFile, BodySettings body, ProxySettings proxies, int maxConcurrent) {
    /** Refuses what the command line cannot mean, with exit status 2, before anything touches the network. */
    void check(int urlCount) throws DownloadException {
        if (outputDocument() != null && urlCount > 1 && !outputDocument().equals("-")) {
            throw new DownloadException(ExitCode.USAGE, "-O FILE takes one URL (use -O - to concatenate to stdout)");
        }
        if (!(host().timeoutSeconds() > 0)) {
            throw new DownloadException(ExitCode.USAGE, "--timeout must be positive: " + host().timeoutSeconds());
        }
        // 0, wget's "no timeout", arrives as ten years (cli.Options); these catch what the parser cannot mean.
        if (!(host().connectTimeoutSeconds() > 0)) {
            throw new DownloadException(ExitCode.USAGE, "--connect-timeout must be positive: "
                    + host().connectTimeoutSeconds());
        }
        if (!(host().readTimeoutSeconds() > 0)) {
            throw new DownloadException(ExitCode.USAGE, "--read-timeout must be positive: "
                    + host().readTimeoutSeconds());
        }
        if (!(host().timeWaitSeconds() >= 0) || Double.isInfinite(host().timeWaitSeconds())) {
            throw new DownloadException(ExitCode.USAGE, "--time-wait must be 0 or more seconds: " + host().timeWaitSeconds());
        }
        if (tries() < 0) {
            throw new DownloadException(ExitCode.USAGE, "--tries must be 0 (no limit) or more: " + tries());
        }
        if (maxRedirect() < 0) {
            throw new DownloadException(ExitCode.USAGE, "--max-redirect must be 0 or more: " + maxRedirect());
        }
        if (waitRetrySeconds() < 0) {
            throw new DownloadException(ExitCode.USAGE, "--waitretry must be 0 or more: " + waitRetrySeconds());
        }
        if (body().split() > 1 && "-".equals(outputDocument())) {
            throw new DownloadException(ExitCode.USAGE, "--split writes segments at their offsets: it cannot write to"
                    + " standard output (-O -)");
        }
        ChecksumCheck.checkUrlCount(body().checksum(), urlCount);
    }
}
