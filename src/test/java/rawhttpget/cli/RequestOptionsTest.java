package rawhttpget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import rawhttpget.download.RequestSettings;
import rawhttpget.http.HeaderField;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** wget's request and authentication options, as they reach the run. */
class RequestOptionsTest {

    private static RequestSettings parse(String... args) throws UsageException {
        return CommandLineParser.parse(args).requestSettings();
    }

    @Test
    void headersAccumulateInOrderAndAnEmptyOneClearsThem() throws UsageException {
        assertThat(parse("--header", "X-A: 1", "--header=X-B:2", "u").headers())
                .containsExactly(new HeaderField("X-A", "1"), new HeaderField("X-B", "2"));
        assertThat(parse("--header", "X-A: 1", "--header=", "--header", "X-C:  3 ", "u").headers())
                .containsExactly(new HeaderField("X-C", "3"));
        assertThat(parse("--header", "X-Empty:", "u").headers()).containsExactly(new HeaderField("X-Empty", ""));
    }

    @Test
    void noHttpKeepAliveSendsWgetsConnectionCloseWhichALaterHeaderMayReplace() throws UsageException {
        assertThat(parse("--no-http-keep-alive", "--header", "X-A: 1", "u").headers())
                .containsExactly(new HeaderField("Connection", "Close"), new HeaderField("X-A", "1"));
        assertThat(parse("--header=X-A: 1", "--no-http-keep-alive", "--header=", "u").headers())
                .containsExactly(new HeaderField("Connection", "Close"));
    }

    @Test
    void readsEveryRequestOption() throws UsageException {
        RequestSettings s = parse("-U", "Agent X", "--referer=http://r/", "--method", "put", "--body-data", "b",
                "--body-file", "f", "--post-data", "p", "--post-file", "pf", "--user", "u", "--password", "pw",
                "--http-user=hu", "--http-password=hp", "--no-netrc", "--auth-no-challenge", "url");

        assertThat(s).isEqualTo(new RequestSettings("Agent X", "http://r/", List.of(), "PUT", "b", "f", "p", "pf",
                "u", "pw", "hu", "hp", true, true, s.netrcFile(), false));
    }

    @Test
    void theUserAgentMayBeEmptyAndTheDefaultsSendNothingExtra() throws UsageException {
        assertThat(parse("-U", "", "u").userAgent()).isEmpty();
        RequestSettings defaults = parse("u");
        assertThat(defaults).isEqualTo(RequestSettings.defaults(defaults.netrcFile()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--header=NoColon u        | Invalid value for option '--header' (STRING): Invalid header 'NoColon'",
        "--header=:x u             | Invalid value for option '--header' (STRING): Invalid header ':x'",
        "--header=Bad\\sName:x u   | Invalid value for option '--header' (STRING): invalid header name: Bad Name",
        "--method=GET\\s/x u       | Invalid value for option '--method' (HTTPMethod): invalid method: GET /x"})
    void refusesAHeaderOrMethodThatCouldNotBeSentWithExitStatus2(String args, String message) {
        StringWriter err = new StringWriter();
        String[] argv = args.replace("\\s", "\u0000").split(" ");
        for (int i = 0; i < argv.length; i++) {
            argv[i] = argv[i].replace('\u0000', ' ');
        }

        int code = Main.run(argv, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("rawhttpget: " + message + System.lineSeparator());
    }
}
