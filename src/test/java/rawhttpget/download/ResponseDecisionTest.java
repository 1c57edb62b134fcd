package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.testing.Heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rawhttpget.download.ResponseDecision.Action;

class ResponseDecisionTest {

    @Test
    void a200IsSavedAndCheckedAgainstItsContentLength() throws Exception {
        assertThat(ResponseDecision.of(Heads.of("HTTP/1.1 200 OK", "Content-Length: 1000"), 0, false))
                .isEqualTo(new ResponseDecision(Action.SAVE, 1000));
    }

    @Test
    void aChunked200HasNoSizeToCheck() throws Exception {
        assertThat(ResponseDecision.of(Heads.of("HTTP/1.1 200 OK", "Transfer-Encoding: chunked"), 0, false))
                .isEqualTo(new ResponseDecision(Action.SAVE, -1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void redirectsAreFollowedEvenWhileResuming(int status) throws Exception {
        assertThat(ResponseDecision.of(Heads.of("HTTP/1.1 " + status + " X", "Location: /x", "Content-Length: 5"),
                100, false).action()).isEqualTo(Action.FOLLOW);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {300, 304, 400, 403, 404, 416, 500, 503})
    void otherStatusesAreErrors(int status) throws Exception {
        assertThat(ResponseDecision.of(Heads.of("HTTP/1.1 " + status + " X", "Content-Length: 5"), 0, false))
                .isEqualTo(new ResponseDecision(Action.ERROR, 5));
    }

    @Test
    void contentOnErrorSavesTheErrorBody() throws Exception {
        assertThat(ResponseDecision.of(Heads.of("HTTP/1.1 404 Not Found", "Content-Length: 153"), 0, true))
                .isEqualTo(new ResponseDecision(Action.SAVE_ERROR, 153));
    }

    @Test
    void a206ToOurRangeAppendsAndTheFileMustEndAtTheCompleteLength() throws Exception {
        assertThat(ResponseDecision.of(Heads.of("HTTP/1.1 206 Partial Content", "Content-Length: 900",
                "Content-Range: bytes 100-999/1000"), 100, false))
                .isEqualTo(new ResponseDecision(Action.APPEND, 1000));
    }

    @Test
    void a200ToOurRangeStartsOver() throws Exception {
        assertThat(ResponseDecision.of(Heads.of("HTTP/1.1 200 OK", "Content-Length: 1000"), 100, false))
                .isEqualTo(new ResponseDecision(Action.SAVE, 1000));
    }

    @Test
    void a416ToOurRangeMeansTheFileIsComplete() throws Exception {
        assertThat(ResponseDecision.of(Heads.of("HTTP/1.1 416 Range Not Satisfiable", "Content-Length: 0",
                "Content-Range: bytes */1000"), 1000, false))
                .isEqualTo(new ResponseDecision(Action.ALREADY_COMPLETE, 1000));
        assertThat(ResponseDecision.of(Heads.of("HTTP/1.1 416 Range Not Satisfiable", "Content-Length: 0"), 1000,
                false).action()).isEqualTo(Action.ALREADY_COMPLETE);
    }

    @Test
    void a416ForAFileOfAnotherSizeIsRefused() {
        assertProtocolError(Heads.of("HTTP/1.1 416 Range Not Satisfiable", "Content-Length: 0",
                        "Content-Range: bytes */999"), 1000,
                "the local file has 1000 bytes but the server's has 999: it is not a part of this download");
    }

    @Test
    void a206StartingElsewhereIsRefused() {
        assertProtocolError(Heads.of("HTTP/1.1 206 Partial Content", "Content-Length: 900",
                        "Content-Range: bytes 0-899/1000"), 100,
                "asked for bytes from 100 but the server sent 'Content-Range: bytes 0-899/1000'");
    }

    @Test
    void a206EndingBeforeTheEndIsRefused() {
        assertProtocolError(Heads.of("HTTP/1.1 206 Partial Content", "Content-Length: 100",
                        "Content-Range: bytes 100-199/1000"), 100,
                "asked for bytes from 100 to the end but the server sent 'Content-Range: bytes 100-199/1000'");
    }

    @Test
    void a206WhoseLengthContradictsItsRangeIsRefused() {
        assertProtocolError(Heads.of("HTTP/1.1 206 Partial Content", "Content-Length: 5",
                        "Content-Range: bytes 100-999/1000"), 100,
                "Content-Length 5 does not match 'Content-Range: bytes 100-999/1000'");
    }

    @Test
    void a206WithoutContentRangeIsRefused() {
        assertProtocolError(Heads.of("HTTP/1.1 206 Partial Content", "Content-Length: 5"), 100,
                "206 Partial Content without Content-Range");
    }

    @Test
    void a206WithAnUnreadableContentRangeIsRefused() {
        assertProtocolError(Heads.of("HTTP/1.1 206 Partial Content", "Content-Length: 5", "Content-Range: 100-"), 100,
                "invalid Content-Range '100-': not in bytes");
    }

    @Test
    void a206WeDidNotAskForIsRefused() {
        assertProtocolError(Heads.of("HTTP/1.1 206 Partial Content", "Content-Length: 5",
                "Content-Range: bytes 0-4/10"), 0, "206 Partial Content to a request without Range");
    }

    private static void assertProtocolError(rawhttpget.http.ResponseHead head, long offset, String message) {
        assertThatThrownBy(() -> ResponseDecision.of(head, offset, false))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PROTOCOL))
                .hasMessage(message);
    }
}
