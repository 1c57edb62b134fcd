package rawhttpget.download;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.HeaderField;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.RequestMethod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The messages and exit statuses are wget 1.21.3's for the same command lines. */
class RequestPlanTest {

    private static RequestSettings settings(String method, String bodyData, String bodyFile, String postData,
                                            String postFile) {
        return new RequestSettings(null, null, List.of(), method, bodyData, bodyFile, postData, postFile, null, null,
                null, null, false, false, null);
    }

    private static String head(RequestPlan plan) throws Exception {
        return new String(plan.request(HttpUrl.parse("http://h/p"), 0, null, false).toBytes(), US_ASCII);
    }

    @ParameterizedTest(name = "{5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "-   | x | - | - | -        | You must specify a method through --method=HTTPMethod to use with --body-data or --body-file.",
        "-   | y | - | x | -        | You must specify a method through --method=HTTPMethod to use with --body-data or --body-file.",
        "-   | - | - | x | /etc/hostname | You cannot specify both --post-data and --post-file.",
        "PUT | - | - | x | -        | You cannot use --post-data or --post-file along with --method. --method expects data through --body-data and --body-file options"})
    void refusesWhatWgetRefusesWithExitOne(String method, String bodyData, String bodyFile, String postData,
                                          String postFile, String message) {
        assertThatThrownBy(() -> RequestPlan.prepare(settings(method, bodyData, bodyFile, postData, postFile), "1"))
                .isInstanceOf(DownloadException.class).hasMessage(message)
                .extracting(e -> ((DownloadException) e).exitCode()).isEqualTo(ExitCode.GENERIC);
    }

    @Test
    void aMissingBodyFileIsExitThreeAsInWget(@TempDir Path dir) {
        Path missing = dir.resolve("nonexist");

        assertThatThrownBy(() -> RequestPlan.prepare(settings("PUT", null, missing.toString(), null, null), "1"))
                .isInstanceOf(DownloadException.class)
                .hasMessage("BODY data file '" + missing + "' missing: no such file or directory")
                .extracting(e -> ((DownloadException) e).exitCode()).isEqualTo(ExitCode.FILE_IO);
    }

    @Test
    void postDataIsAPostWithTheFormType() throws Exception {
        RequestPlan plan = RequestPlan.prepare(settings(null, null, null, "a=1", null), "9");

        assertThat(head(plan)).isEqualTo("POST /p HTTP/1.1\r\nHost: h\r\nUser-Agent: rawhttpget/9\r\nAccept: */*\r\n"
                + "Accept-Encoding: identity\r\nConnection: Keep-Alive\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=1");
    }

    @Test
    void aBodyFileIsSentAsItsBytes(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("b"), new byte[] {0, 1, (byte) 0xFF});

        RequestPlan plan = RequestPlan.prepare(settings("PATCH", null, file.toString(), null, null), "9");

        byte[] bytes = plan.request(HttpUrl.parse("http://h/p"), 0, null, false).toBytes();
        assertThat(new String(bytes, US_ASCII)).startsWith("PATCH /p HTTP/1.1\r\n").contains("Content-Length: 3\r\n");
        assertThat(java.util.Arrays.copyOfRange(bytes, bytes.length - 3, bytes.length))
                .containsExactly(0, 1, (byte) 0xFF);
    }

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource(delimiter = '|', value = {
        "POST | 301 | GET", "POST | 302 | GET", "POST | 303 | GET", "POST | 307 | POST", "POST | 308 | POST",
        "PUT  | 302 | PUT"})
    void aRedirectTurnsAPostIntoAGetExceptFor307And308AsWgetDoes(String method, int status, String after)
            throws Exception {
        RequestPlan plan = RequestPlan.prepare(method.equals("POST") ? settings(null, null, null, "x", null)
                : settings(method, "x", null, null, null), "9");

        String redirected = head(plan.afterRedirect(status));

        assertThat(redirected).startsWith(after + " /p HTTP/1.1\r\n");
        assertThat(redirected.endsWith("\r\n\r\nx")).isEqualTo(!after.equals("GET"));
    }

    @Test
    void headIsParsedAsHeadAndUserHeadersAndRefererAreSent() throws Exception {
        RequestSettings s = new RequestSettings("", "http://r/", List.of(new HeaderField("X-T", "1")), "HEAD", null,
                null, null, null, null, null, null, null, false, false, null);

        RequestPlan plan = RequestPlan.prepare(s, "9");

        assertThat(plan.parserMethod()).isEqualTo(RequestMethod.HEAD);
        assertThat(head(plan)).isEqualTo("HEAD /p HTTP/1.1\r\nHost: h\r\nReferer: http://r/\r\nAccept: */*\r\n"
                + "Accept-Encoding: identity\r\nConnection: Keep-Alive\r\nX-T: 1\r\n\r\n");
    }
}
