package rawhttpget.cli;

import rawhttpget.download.Downloader;
import rawhttpget.runtime.HostContext;
import rawhttpget.runtime.StartupWarmUp;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.failure.WgetQuotes;
import rawhttpget.logging.LogSetup;
import rawhttpget.logging.LogbackProvider;

import org.slf4j.LoggerFactory;

import java.io.PrintWriter;

/**
 * Entry point: parses the command line, runs the downloads, and turns every failure into one line on
 * stderr and wget's exit status. Stack traces appear only with --debug.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Names' addresses in the resolver's order (RFC 6724's, IPv6 first on a dual-stack host), as wget lists
        // them in its "Resolving" line; the JDK's default puts IPv4 first. A -D on the command line wins.
        System.getProperties().putIfAbsent("java.net.preferIPv6Addresses", "system");
        // Start-up work that logging and parsing the command line do not need (the JIT's directives, JNA, libc and
        // Pcap4J's libpcap bindings) runs beside them, on the second core. A download then finds it done; a failure
        // is met again, and reported, where the run needs the library.
        StartupWarmUp warmUp = StartupWarmUp.begin();
        // Logging starts here, on this thread: while SLF4J initialises, it hands every other thread a stand-in
        // factory, and LogSetup would then find no logback to apply -v or --log to. So the warm-up touches
        // nothing that logs until this is done. SLF4J is told which provider to use, so it neither scans for one
        // nor runs logback's initializer (see LogbackProvider).
        LogbackProvider.select(System.getProperties());
        LoggerFactory.getILoggerFactory();
        warmUp.loggingStarted();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, WgetQuotes.utf8Locale(System.getenv()));
    }

    /** {@code unicodeQuotes}: whether wget would quote ‘so’ in this locale (else 'so'). */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean unicodeQuotes) {
        Options options;
        try {
            options = CommandLineParser.parse(args);
        } catch (UsageException e) {
            err.println("rawhttpget: " + e.message(unicodeQuotes));
            switch (e.tail()) {
                case HELP_HINT -> err.println("Try 'rawhttpget --help' for more options.");
                case WGET_USAGE -> {
                    // wget 1.21.3's print_usage and hint, after getopt's line; the quote opens with a backquote.
                    err.println("Usage: rawhttpget [OPTION]... [URL]...");
                    err.println();
                    err.println("Try `rawhttpget --help' for more options.");
                }
                case NONE -> { }
            }
            return e.exitCode().code();
        }
        if (options.inet4Only && options.inet6Only) {
            // wget's words, and its status: 1, not a parse error's 2.
            err.println("rawhttpget: Cannot specify both --inet4-only and --inet6-only.");
            err.println("Try 'rawhttpget --help' for more options.");
            return ExitCode.GENERIC.code();
        }
        if (options.help) {
            out.print(HelpText.render(Options.TABLE));
            out.flush();
            return ExitCode.SUCCESS.code();
        }
        if (options.version) {
            // libpcap is looked up only here: a download does not wait for it to load.
            out.println("rawhttpget " + Version.get());
            out.println("libpcap: " + LibpcapVersion.describe());
            return ExitCode.SUCCESS.code();
        }
        if (options.outputFile != null || options.appendOutput != null) {
            try {
                err = OutputFile.redirectStderr(options.appendOutput != null ? options.appendOutput : options.outputFile,
                        options.appendOutput != null);
            } catch (DownloadException e) {
                err.println("rawhttpget: " + e.getMessage());
                return e.exitCode().code();
            }
        }
        try {
            LogSetup.apply(options.logSettings());
        } catch (DownloadException e) {
            err.println("rawhttpget: " + e.getMessage());
            return e.exitCode().code();
        }
        try {
            new Downloader(options.downloadSettings(), err, HostContext::open).run();
            return ExitCode.SUCCESS.code();
        } catch (DownloadException e) {
            if (!e.isReported()) {
                err.println("rawhttpget: " + e.getMessage());
            }
            if (options.debug && e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return e.exitCode().code();
        } catch (RuntimeException e) {
            // A bug of ours: say so plainly, and keep the trace for --debug.
            err.println("rawhttpget: internal error: " + e);
            if (options.debug) {
                e.printStackTrace(err);
            }
            return ExitCode.GENERIC.code();
        }
    }
}
