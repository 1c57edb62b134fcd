package rawhttpget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the command line answers before it touches the host: help, version, and every usage error. */
class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--tries=-1 http://h/f          | 2 | rawhttpget: --tries must be 0 (no limit) or more: -1",
        "--max-redirect=-1 http://h/f   | 2 | rawhttpget: --max-redirect must be 0 or more: -1",
        "--waitretry=-5 http://h/f      | 2 | rawhttpget: --waitretry must be 0 or more: -5",
        "--time-wait=-1 http://h/f      | 2 | rawhttpget: --time-wait must be 0 or more seconds: -1.0",
        "--time-wait=Infinity http://h/f | 2 | rawhttpget: --time-wait must be 0 or more seconds: Infinity",
        "--time-wait=NaN http://h/f     | 2 | rawhttpget: --time-wait must be 0 or more seconds: NaN",
        "--progress=spinner http://h/f  | 2 | rawhttpget: --progress: unknown style 'spinner' (bar, bar:force, dot or none)",
        "-O x http://h/a http://h/b     | 2 | rawhttpget: -O FILE takes one URL (use -O - to concatenate to stdout)",
        "--ca-certificate /no/such.pem https://h/f | 5 | rawhttpget: CA certificate file /no/such.pem: no such file",
        "--ca-certificate /no/such.pem http://h/f  | 5 | rawhttpget: CA certificate file /no/such.pem: no such file",
        "ftp://h/f                      | 1 | rawhttpget: unsupported scheme 'ftp' in ftp://h/f"})
    void refusesBadInputWithOneLineAndItsExitCode(String args, int code, String message) {
        assertThat(run(args.split(" "))).isEqualTo(code);
        assertThat(err.toString()).isEqualTo(message + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownOptionIsAParseError() {
        assertThat(run("--no-such-option", "http://h/f")).isEqualTo(2);
        assertThat(err.toString()).startsWith("rawhttpget: unrecognized option '--no-such-option'");
    }

    @Test
    void helpListsTheOptionsUnderWgetsHeadingsAndTheExitCodes() {
        assertThat(run("--help")).isZero();

        String help = out.toString();
        assertThat(help).containsSubsequence("Startup:", "--version", "Logging:", "--quiet", "Download:", "--tries",
                "--no-clobber", "--continue", "--progress", "--timeout", "Directories:", "--directory-prefix",
                "HTTP options:", "--max-redirect", "--content-on-error", "HTTPS (SSL/TLS) options:", "--ca-certificate",
                "--no-check-certificate", "Userspace stack", "--interface",
                "Exit status", " 8 ", "server issued an error response", "130", "143");
        assertThat(help).doesNotContain("Other:");
    }

    @Test
    void versionNamesTheVersionAndLibpcap() {
        assertThat(run("--version")).isZero();

        assertThat(out.toString()).startsWith("rawhttpget ").contains(System.lineSeparator() + "libpcap: ");
    }

    @Test
    void inet4OnlyWithInet6OnlyIsRefusedAsWgetRefusesIt() {
        // wget 1.21.3: "Cannot specify both --inet4-only and --inet6-only." and exit 1.
        assertThat(run("-4", "--inet6-only", "http://h/f")).isEqualTo(1);
        assertThat(err.toString()).startsWith("rawhttpget: Cannot specify both --inet4-only and --inet6-only.");
    }

    @Test
    void helpListsTheAddressFamilyOptionsUnderDownload() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).containsSubsequence("Download:", "-4, --inet4-only", "-6, --inet6-only");
    }
}
