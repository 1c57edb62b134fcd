package rawhttpget.cli;

import rawhttpget.logging.LogLevels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every spelling getopt_long accepts for wget, and every command line it refuses, with the exact message. */
class CommandLineParserTest {

    /** A spelling and the fields it must set, written as "field=value" over the defaults. */
    static Stream<String[]> spellings() {
        return Stream.of(
            row("-O f u", "outputDocument=f urls=[u]"),
            row("-nv u", "noVerbose=true urls=[u]"),
            row("--no-verbose u", "noVerbose=true urls=[u]"),
            row("-o log u", "outputFile=log urls=[u]"),
            row("--output-file=log u", "outputFile=log urls=[u]"),
            row("-a log u", "appendOutput=log urls=[u]"),
            row("--append-output log u", "appendOutput=log urls=[u]"),
            row("-Of u", "outputDocument=f urls=[u]"),
            row("--output-document=f u", "outputDocument=f urls=[u]"),
            row("--output-document f u", "outputDocument=f urls=[u]"),
            row("--output-doc=f u", "outputDocument=f urls=[u]"),
            row("--output-doc f u", "outputDocument=f urls=[u]"),
            row("-O -q u", "outputDocument=-q urls=[u]"),
            row("--output-document= u", "outputDocument= urls=[u]"),
            row("-qc u", "quiet=true continueDownload=true urls=[u]"),
            row("-qO f u", "quiet=true outputDocument=f urls=[u]"),
            row("-qOf u", "quiet=true outputDocument=f urls=[u]"),
            row("-nc u", "noClobber=true urls=[u]"),
            row("-n v u", "noVerbose=true urls=[u]"),
            row("-nvc u", "noVerbose=true noClobber=true urls=[u]"),
            row("-qnc u", "quiet=true noClobber=true urls=[u]"),
            row("--no-clobber u", "noClobber=true urls=[u]"),
            row("--no-cl u", "noClobber=true urls=[u]"),
            row("u -q v", "quiet=true urls=[u, v]"),
            row("-- -q u", "urls=[-q, u]"),
            row("u -- --tries=3", "urls=[u, --tries=3]"),
            row("- u", "urls=[-, u]"),
            row("-t 3 --tries=5 u", "tries=5 urls=[u]"),
            row("-t3 u", "tries=3 urls=[u]"),
            row("--tri 0 u", "tries=0 urls=[u]"),
            row("-T 2.5 --waitretry=4 u", "timeoutSeconds=2.5 connectTimeoutSeconds=2.5 readTimeoutSeconds=2.5 "
                    + "dnsTimeoutSeconds=2.5 waitRetrySeconds=4 urls=[u]"),
            row("--connect-timeout=1.5 --read-timeout 2m --dns-timeout=3s u",
                    "connectTimeoutSeconds=1.5 readTimeoutSeconds=120.0 dnsTimeoutSeconds=3.0 urls=[u]"),
            row("-T 1h --read-timeout=.5 u", "timeoutSeconds=3600.0 connectTimeoutSeconds=3600.0 "
                    + "readTimeoutSeconds=0.5 dnsTimeoutSeconds=3600.0 urls=[u]"),
            row("--read-timeout=5 -T 1W u", "timeoutSeconds=604800.0 connectTimeoutSeconds=604800.0 "
                    + "readTimeoutSeconds=604800.0 dnsTimeoutSeconds=604800.0 urls=[u]"),
            row("-T 0 u", "timeoutSeconds=3.1536E8 connectTimeoutSeconds=3.1536E8 readTimeoutSeconds=3.1536E8 "
                    + "dnsTimeoutSeconds=3.1536E8 urls=[u]"),
            row("--connect-timeout=0 --read-timeout=0s u",
                    "connectTimeoutSeconds=3.1536E8 readTimeoutSeconds=3.1536E8 urls=[u]"),
            row("--connect-timeout=2s --read-timeout=+1d u",
                    "connectTimeoutSeconds=2.0 readTimeoutSeconds=86400.0 urls=[u]"),
            row("--max-redirect 0 --rcvbuf=65536 u", "maxRedirect=0 receiveBuffer=65536 urls=[u]"),
            row("--time-wait=0 u", "timeWaitSeconds=0 urls=[u]"),
            row("--time-w 2.5 u", "timeWaitSeconds=2.5 urls=[u]"),
            row("--no-realtime u", "noRealtime=true urls=[u]"),
            row("--local-port 40123 u", "localPort=40123 urls=[u]"),
            row("--local-port=65535 u", "localPort=65535 urls=[u]"),
            row("--ip=198.18.1.50/24 --mac 02:00:00:00:00:01 u", "ownAddress=198.18.1.50/24 ownMac=02:00:00:00:00:01 urls=[u]"),
            row("--ip 198.18.1.50/24 u", "ownAddress=198.18.1.50/24 urls=[u]"),
            row("-i eth0 -P d --progress=dot u", "interfaceName=eth0 directoryPrefix=d progress=dot urls=[u]"),
            row("--log tcp=debug --log=arp=trace u", "logLevels=2 urls=[u]"),
            row("--log-c x.xml --log-f l.txt u", "logConfig=x.xml logFile=l.txt urls=[u]"),
            row("--pcap p --stats -vd u", "pcapFile=p stats=true verbose=true debug=true urls=[u]"),
            row("--ca-certificate c --no-check-certificate --content-on-error --no-host-setup u",
                    "caCertificate=c noCheckCertificate=true contentOnError=true noHostSetup=true urls=[u]"),
            row("--limit-rate=1.5k u", "limitRate=1536 urls=[u]"),
            row("--no-cache u", "noCache=true urls=[u]"),
            row("--trust-server-names --save-headers u", "trustServerNames=true saveHeaders=true urls=[u]"),
            row("--trust u", "trustServerNames=true urls=[u]"),
            row("--https-only u", "httpsOnly=true urls=[u]"),
            row("-w 1m --random-wait u", "waitSeconds=60.0 randomWait=true urls=[u]"),
            row("--wait=0.5 u", "waitSeconds=0.5 urls=[u]"),
            row("-w2 -w 3s u", "waitSeconds=3.0 urls=[u]"),
            row("--limit-r 2m u", "limitRate=2097152 urls=[u]"),
            row("--help", "help=true urls=[]"),
            row("-h x --no-such", null),
            row("-V", "version=true urls=[]"));
    }

    private static String[] row(String args, String expected) {
        return new String[] {args, expected};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void parsesEachSpellingGetoptLongAccepts(String args, String expected) throws UsageException {
        if (expected == null) {
            assertThatThrownBy(() -> CommandLineParser.parse(args.split(" "))).isInstanceOf(UsageException.class);
            return;
        }
        Options parsed = CommandLineParser.parse(args.split(" "));

        assertThat(describe(parsed)).isEqualTo(describe(withDefaults(expected)));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
        "--local-port 0 u          | Invalid value for option '--local-port' (PORT): '0' is not a port number (1-65535)",
        "--local-port=65536 u      | Invalid value for option '--local-port' (PORT): '65536' is not a port number (1-65535)",
        "-t abc u                  | Invalid value for option '--tries' (N): 'abc' is not a whole number",
        "--tries=2.5 u             | Invalid value for option '--tries' (N): '2.5' is not a whole number",
        "-t=3 u                    | Invalid value for option '--tries' (N): '=3' is not a whole number",
        "--rcvbuf=99999999999 u    | Invalid value for option '--rcvbuf' (BYTES): '99999999999' is not a whole number",
        "--waitretry x u           | Invalid value for option '--waitretry' (SECONDS): 'x' is not a whole number",
        "--max-redirect= u         | Invalid value for option '--max-redirect' (N): '' is not a whole number",
        "--log=tcp=loud u          | Invalid value for option '--log' (LAYER=LEVEL[,...]): unknown level 'loud' for tcp (levels: off, error, warn, info, debug, trace)",
        "--log tcp u               | Invalid value for option '--log' (LAYER=LEVEL[,...]): 'tcp' is not LAYER=LEVEL, e.g. --log tcp=debug,arp=trace",
        "--min-split-size=2mb u    | Invalid value for option '--min-split-size' (SIZE): Invalid byte value '2mb'",
        "--checksum=sha-256 u      | Invalid value for option '--checksum' (TYPE=DIGEST): 'sha-256' is not TYPE=DIGEST, e.g. sha-256=HEX",
        "--checksum=crc32=00 u     | Invalid value for option '--checksum' (TYPE=DIGEST): unknown checksum type 'crc32' (sha-1, sha-224, sha-256, sha-384, sha-512 or md5)",
        "--checksum=md5=abc u      | Invalid value for option '--checksum' (TYPE=DIGEST): a md5 digest is 32 hexadecimal digits, not 3",
        "--checksum=md5=0123456789abcdef0123456789abcdeg u | Invalid value for option '--checksum' (TYPE=DIGEST): a md5 digest is hexadecimal digits only: '0123456789abcdef0123456789abcdeg'"})
    void refusesABadCommandLineWithOneLineAndExitStatus2(String args, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] argv = args.isEmpty() ? new String[0] : args.split(" ");

        int code = Main.run(argv, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("rawhttpget: " + message + System.lineSeparator()
                + "Try 'rawhttpget --help' for more options." + System.lineSeparator());
    }

    /**
     * What getopt_long says for wget 1.21.3 (run here as {@code wget ARGS}: "wget: unrecognized option '--foo'",
     * "wget: invalid option -- 'Z'", "wget: option requires an argument -- 'O'", "wget: option '--tim=5' is
     * ambiguous; possibilities: '--timeout' '--timestamping'", "wget: option '--help' doesn't allow an argument"),
     * status 2, and what wget itself says in the same form with status 1 ("wget: missing URL", "wget: illegal
     * option -- `-nZ'"): the line, wget's usage line, an empty line and its hint, with the backquote.
     */
    @ParameterizedTest(name = "[{0}] {2}")
    @CsvSource(delimiter = '|', value = {
        "''                        | 1 | missing URL",
        "-q                        | 1 | missing URL",
        "--no-such-option u        | 2 | unrecognized option '--no-such-option'",
        "--no-such=3 u             | 2 | unrecognized option '--no-such=3'",
        "-x u                      | 2 | invalid option -- 'x'",
        "-qx u                     | 2 | invalid option -- 'x'",
        "-n                        | 2 | option requires an argument -- 'n'",
        "-n u                      | 1 | illegal option -- `-nu'",
        "-nz u                     | 1 | illegal option -- `-nz'",
        "-nvz u                    | 1 | illegal option -- `-nz'",
        "--no u                    | 2 | option '--no' is ambiguous; possibilities: '--no-verbose' '--no-use-server-timestamps' '--no-clobber' '--no-netrc' '--no-proxy' '--no-http-keep-alive' '--no-cache' '--no-check-certificate' '--no-host-setup' '--no-realtime'",
        "--lo=x u                  | 2 | option '--lo=x' is ambiguous; possibilities: '--local-port' '--log' '--log-config' '--log-file'",
        "--m u                     | 2 | option '--m' is ambiguous; possibilities: '--max-concurrent-downloads' '--min-split-size' '--max-redirect' '--method' '--mac'",
        "-t                        | 2 | option requires an argument -- 't'",
        "-qO                       | 2 | option requires an argument -- 'O'",
        "u --output-document       | 2 | option '--output-document' requires an argument",
        "u --output-doc            | 2 | option '--output-document' requires an argument",
        "--quiet=yes u             | 2 | option '--quiet' doesn't allow an argument",
        "--help=3                  | 2 | option '--help' doesn't allow an argument",
        "--no-cache=off u          | 2 | option '--no-cache' doesn't allow an argument"})
    void refusesWhatGetoptRefusesInItsWordsWithWgetsUsageLines(String args, int status, String line) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] argv = args.isEmpty() ? new String[0] : args.split(" ");

        int code = Main.run(argv, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(status);
        assertThat(out.toString()).isEmpty();
        String n = System.lineSeparator();
        assertThat(err.toString()).isEqualTo("rawhttpget: " + line + n + "Usage: rawhttpget [OPTION]... [URL]..." + n
                + n + "Try `rawhttpget --help' for more options." + n);
    }

    /**
     * A --limit-rate wget refuses, in wget 1.21.3's words and status, as run here ({@code wget --limit-rate=VALUE
     * URL}): "wget: --limit-rate: Invalid byte value ‘VALUE’" and exit 2, with no hint after it, before any URL is
     * looked at. The quotes are the locale's, as wget's.
     */
    @ParameterizedTest(name = "{0} (UTF-8 quotes: {1})")
    @CsvSource(delimiter = '|', value = {
        "--limit-rate=abc u     | true  | rawhttpget: --limit-rate: Invalid byte value ‘abc’",
        "--limit-rate=abc u     | false | rawhttpget: --limit-rate: Invalid byte value 'abc'",
        "--limit-rate= u        | true  | rawhttpget: --limit-rate: Invalid byte value ‘’",
        "--limit-rate=-1 u      | true  | rawhttpget: --limit-rate: Invalid byte value ‘-1’",
        "--limit-rate=1x u      | true  | rawhttpget: --limit-rate: Invalid byte value ‘1x’",
        "--limit-rate=1x u      | false | rawhttpget: --limit-rate: Invalid byte value '1x'",
        "--limit-rate=1.5.5 u   | true  | rawhttpget: --limit-rate: Invalid byte value ‘1.5.5’",
        "--limit-rate 2mb u     | true  | rawhttpget: --limit-rate: Invalid byte value ‘2mb’",
        "--limit-r=1e3 u        | true  | rawhttpget: --limit-rate: Invalid byte value ‘1e3’",
        "--limit-rate=abc       | true  | rawhttpget: --limit-rate: Invalid byte value ‘abc’"})
    void refusesABadLimitRateInWgetsWordsWithExitStatus2(String args, boolean unicodeQuotes, String line) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(args.split(" "), new PrintWriter(out, true), new PrintWriter(err, true), unicodeQuotes);

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo(line + System.lineSeparator());
    }

    /**
     * A time period wget 1.21.3 refuses, in its words and status (run here as {@code wget --OPTION=VALUE URL}):
     * "wget: --read-timeout: Invalid time period ‘abc’", "wget: --timeout: Negative time period ‘-1’", exit 2,
     * nothing after the line; the value is quoted from its first non-space, as wget quotes it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTimePeriods")
    void refusesATimePeriodInWgetsWordsWithExitStatus2(String[] args, String line) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), true);

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("rawhttpget: " + line + System.lineSeparator());
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> refusedTimePeriods() {
        return Stream.of(
            refused("--read-timeout=abc", "--read-timeout: Invalid time period ‘abc’"),
            refused("--connect-timeout=abc", "--connect-timeout: Invalid time period ‘abc’"),
            refused("--dns-timeout=abc", "--dns-timeout: Invalid time period ‘abc’"),
            refused("--timeout=abc", "--timeout: Invalid time period ‘abc’"),
            refused("-Tsoon", "--timeout: Invalid time period ‘soon’"),
            refused("--read-timeout=", "--read-timeout: Invalid time period ‘’"),
            refused("--read-timeout=1e3", "--read-timeout: Invalid time period ‘1e3’"),
            refused("--read-timeout=1.2.3", "--read-timeout: Invalid time period ‘1.2.3’"),
            refused("--read-timeout=.", "--read-timeout: Invalid time period ‘.’"),
            refused("--read-timeout=s", "--read-timeout: Invalid time period ‘s’"),
            refused("--read-timeout=inf", "--read-timeout: Invalid time period ‘inf’"),
            refused("--read-timeout=0x10", "--read-timeout: Invalid time period ‘0x10’"),
            refused("--read-timeout= x ", "--read-timeout: Invalid time period ‘x ’"),
            refused("--timeout=-1", "--timeout: Negative time period ‘-1’"),
            refused("--wait=abc", "--wait: Invalid time period ‘abc’"),
            refused("-w1x", "--wait: Invalid time period ‘1x’"),
            refused("--wait=-1", "--wait: Negative time period ‘-1’"),
            refused("--connect-timeout= -1 ", "--connect-timeout: Negative time period ‘-1 ’"));
    }

    private static org.junit.jupiter.params.provider.Arguments refused(String option, String line) {
        return org.junit.jupiter.params.provider.Arguments.of(new String[] {option, "u"}, line);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tries,1", "waitRetrySeconds,10", "timeoutSeconds,60.0", "connectTimeoutSeconds,60.0",
            "readTimeoutSeconds,60.0", "dnsTimeoutSeconds,60.0", "maxRedirect,20", "receiveBuffer,4194304",
            "timeWaitSeconds,1.0"})
    void aNewOptionsHoldsTheDefaultsHelpShows(String field, String value) {
        assertThat(describe(new Options())).contains(" " + field + "=" + value + " ");
    }

    /** Every field as "name=value", in declaration order (--log as its count). */
    private static String describe(Options options) {
        StringBuilder text = new StringBuilder(" ");
        for (var field : Options.class.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            try {
                Object value = field.get(options);
                text.append(field.getName()).append('=')
                        .append(value instanceof List<?> list && field.getName().equals("logLevels") ? list.size() : value)
                        .append(' ');
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return text.toString();
    }

    /** The defaults with the given "field=value" pairs set. */
    private static Options withDefaults(String expected) {
        Options options = new Options();
        for (String pair : expected.split(" (?=\\w+=)")) {
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            try {
                var field = Options.class.getDeclaredField(name);
                Class<?> type = field.getType();
                if (name.equals("urls")) {
                    String inner = value.substring(1, value.length() - 1);
                    options.urls = inner.isEmpty() ? new java.util.ArrayList<>() : new java.util.ArrayList<>(
                            List.of(inner.split(", ")));
                } else if (name.equals("logLevels")) {
                    for (int i = 0; i < Integer.parseInt(value); i++) {
                        options.logLevels.add(LogLevels.Spec.parse("tcp=debug"));
                    }
                } else if (type == boolean.class) {
                    field.setBoolean(options, Boolean.parseBoolean(value));
                } else if (type == int.class) {
                    field.setInt(options, Integer.parseInt(value));
                } else if (type == long.class) {
                    field.setLong(options, Long.parseLong(value));
                } else if (type == double.class) {
                    field.setDouble(options, Double.parseDouble(value));
                } else {
                    field.set(options, value);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("no field " + name, e);
            }
        }
        return options;
    }
}
