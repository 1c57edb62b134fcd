package rawhttpget.cli;

import rawhttpget.download.DownloadSettings;

/** The settings a command line gives Downloader, parsed as Main parses them, for tests outside this package. */
public final class CommandLines {
    private CommandLines() {
    }

    public static DownloadSettings downloadSettings(String... args) {
        try {
            return CommandLineParser.parse(args).downloadSettings();
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
