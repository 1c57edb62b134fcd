package rawhttpget.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Entry point: parses the command line, runs the downloads, and turns every failure into one line on
 * stderr and wget's exit status. Stack traces appear only with --debug.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        Options options = new Options();
        CommandLine cli = new CommandLine(options)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpWidth(100);
        HelpSections.install(cli);
        cli.getCommandSpec().version("rawhttpget " + Version.get(), "libpcap: " + LibpcapVersion.describe());
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("rawhttpget: " + e.getMessage());
            err.println("Try 'rawhttpget --help' for more options.");
            return ExitCode.USAGE.code();
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            return ExitCode.SUCCESS.code();
        }
        if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(out);
            return ExitCode.SUCCESS.code();
        }
        try {
            LogSetup.apply(options);
        } catch (DownloadException e) {
            err.println("rawhttpget: " + e.getMessage());
            return e.exitCode().code();
        }
        try {
            new Downloader(options, err).run();
            return ExitCode.SUCCESS.code();
        } catch (DownloadException e) {
            err.println("rawhttpget: " + e.getMessage());
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
