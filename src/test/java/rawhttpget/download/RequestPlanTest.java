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
                null, null, false, false, null, false);
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
                null, null, null, null, null, null, null, false, false, null, false);

        RequestPlan plan = RequestPlan.prepare(s, "9");

        assertThat(plan.parserMethod()).isEqualTo(RequestMethod.HEAD);
        assertThat(head(plan)).isEqualTo("HEAD /p HTTP/1.1\r\nHost: h\r\nReferer: http://r/\r\nAccept: */*\r\n"
                + "Accept-Encoding: identity\r\nConnection: Keep-Alive\r\nX-T: 1\r\n\r\n");
    }

    /**
     * --no-cache, byte for byte as wget 1.21.3 sent it to a listening socket here ({@code wget --no-cache
     * [--referer http://r/] [--header 'Pragma: foo' --header 'X-A: 1'] [-c, 3 bytes kept] [--post-data=a=b]
     * http://127.0.0.1:18082/x}), with wget's User-Agent given so the heads compare whole.
     */
    @Test
    void noCacheSendsWgetsTwoHeadersAfterTheReferer() throws Exception {
        HttpUrl url = HttpUrl.parse("http://127.0.0.1:18082/x");

        assertThat(bytes(noCache(null, List.of(), null), url, 0)).isEqualTo("GET /x HTTP/1.1\r\n"
                + "Host: 127.0.0.1:18082\r\nCache-Control: no-cache\r\nPragma: no-cache\r\n"
                + "User-Agent: Wget/1.21.3\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: Keep-Alive\r\n\r\n");
        assertThat(bytes(noCache("http://r/", List.of(new HeaderField("Pragma", "foo"), new HeaderField("X-A", "1")),
                null), url, 3)).isEqualTo("GET /x HTTP/1.1\r\nHost: 127.0.0.1:18082\r\nReferer: http://r/\r\n"
                + "Cache-Control: no-cache\r\nPragma: foo\r\nRange: bytes=3-\r\nUser-Agent: Wget/1.21.3\r\n"
                + "Accept: */*\r\nAccept-Encoding: identity\r\nConnection: Keep-Alive\r\nX-A: 1\r\n\r\n");
        assertThat(bytes(noCache(null, List.of(), "a=b"), url, 0)).isEqualTo("POST /x HTTP/1.1\r\n"
                + "Host: 127.0.0.1:18082\r\nCache-Control: no-cache\r\nPragma: no-cache\r\n"
                + "User-Agent: Wget/1.21.3\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: Keep-Alive\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b");
    }

    private static RequestSettings noCache(String referer, List<HeaderField> headers, String postData) {
        return new RequestSettings("Wget/1.21.3", referer, headers, null, null, null, postData, null, null, null,
                null, null, true, false, null, true);
    }

    private static String bytes(RequestSettings settings, HttpUrl url, long rangeFrom) throws Exception {
        return new String(RequestPlan.prepare(settings, "9").request(url, rangeFrom, null, false).toBytes(), US_ASCII);
    }
}
