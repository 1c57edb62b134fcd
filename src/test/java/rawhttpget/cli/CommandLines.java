package rawhttpget.cli;

import rawhttpget.download.DownloadSettings;

import java.util.Map;

/** The settings a command line gives Downloader, parsed as Main parses them, for tests outside this package. */
public final class CommandLines {
    private CommandLines() {
    }

    /** Without proxies, whatever the test's own environment says. */
    public static DownloadSettings downloadSettings(String... args) {
        return downloadSettings(Map.of(), args);
    }

    /** {@code environment}: the variables the run reads (http_proxy, https_proxy, no_proxy). */
    public static DownloadSettings downloadSettings(Map<String, String> environment, String... args) {
        try {
            return CommandLineParser.parse(args).downloadSettings(environment);
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
