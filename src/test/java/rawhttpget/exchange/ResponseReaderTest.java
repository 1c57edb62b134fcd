package rawhttpget.exchange;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.output.FileSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The response side of an exchange, fed bytes as a transport would, with no connection underneath. */
class ResponseReaderTest {
    @TempDir
    Path dir;

    private void feed(ResponseReader reader, String text) throws DownloadException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reader.accept(bytes, 0, bytes.length)).isEqualTo(bytes.length);
        reader.check();
    }

    private ResponseReader toFile(Path target) {
        return new ResponseReader(head -> {
            try {
                return FileSink.fresh(target, head.contentLength().orElse(-1));
            } catch (java.io.IOException e) {
                throw new DownloadException(ExitCode.FILE_IO, e.getMessage(), e);
            }
        });
    }

    @Test
    void aCompleteBodyIsCommittedUnderItsName() throws Exception {
        Path target = dir.resolve("f.bin");
        ResponseReader reader = toFile(target);

        feed(reader, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(reader.isDone()).isTrue();
        reader.commit();

        assertThat(target).hasContent("hello");
    }

    @Test
    void aBodyShorterThanItsContentLengthIsExitSevenWithThePartFileKept() throws Exception {
        Path target = dir.resolve("f.bin");
        ResponseReader reader = toFile(target);
        feed(reader, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhel");

        assertThatThrownBy(reader::endOfStream)
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.PROTOCOL);
                    assertThat(e.isRetryable()).as("a body cut short may come whole on another try").isTrue();
                })
                .hasMessage("connection closed after 3 of 10 body bytes");
        reader.abandon();

        assertThat(target).doesNotExist();
        assertThat(dir.resolve("f.bin.part")).hasContent("hel");
    }

    @Test
    void aBodyUntilCloseEndedWithoutCloseNotifyIsExitSevenNotAFinishedFile() throws Exception {
        Path target = dir.resolve("f.bin");
        ResponseReader reader = toFile(target);
        feed(reader, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello");

        assertThatThrownBy(() -> reader.endOfStream(true))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PROTOCOL))
                .hasMessage("the server closed the connection without a TLS close_notify after 5 body bytes:"
                        + " the body may be cut short");
        reader.abandon();

        assertThat(target).doesNotExist();
    }

    @Test
    void aBodyUntilCloseEndedCleanlyIsComplete() throws Exception {
        Path target = dir.resolve("f.bin");
        ResponseReader reader = toFile(target);
        feed(reader, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello");

        reader.endOfStream(false);
        reader.commit();

        assertThat(target).hasContent("hello");
    }

    @Test
    void aLengthDelimitedBodyIsWholeWhateverTlsSaysAboutTheClose() throws Exception {
        Path target = dir.resolve("f.bin");
        ResponseReader reader = toFile(target);
        feed(reader, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");

        reader.endOfStream(true);
        reader.commit();

        assertThat(target).hasContent("hello");
    }

    @Test
    void aMalformedResponseIsExitSevenAndNotRetried() throws Exception {
        ResponseReader reader = toFile(dir.resolve("f.bin"));
        byte[] bytes = "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        reader.accept(bytes, 0, bytes.length);

        assertThatThrownBy(reader::check)
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.PROTOCOL);
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessage("malformed response: invalid Content-Length '-1' (digits only)");
        assertThat(dir.resolve("f.bin")).doesNotExist();
    }

    @Test
    void aHeadTheHandlerRefusesEndsTheExchangeWithItsFailure() {
        ResponseReader reader = new ResponseReader(head -> {
            throw new DownloadException(ExitCode.FILE_IO, "cannot open 'x.part' for writing: permission denied");
        });
        byte[] bytes = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII);
        reader.accept(bytes, 0, bytes.length);

        assertThatThrownBy(reader::check)
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FILE_IO))
                .hasMessage("cannot open 'x.part' for writing: permission denied");
    }

    @Test
    void aHeadWithNoSinkEndsTheExchangeAtTheHeadWithoutReadingTheBody() throws Exception {
        ResponseReader reader = new ResponseReader(head -> null);

        feed(reader, "HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 1000000\r\n\r\nsome");

        assertThat(reader.isDone()).isTrue();
        assertThat(reader.stoppedAtHead()).isTrue();
        assertThat(reader.head().statusCode()).isEqualTo(302);
        reader.endOfStream(); // a close now is no truncation: the body was never wanted
        reader.commit();
    }

    @Test
    void interimResponsesNeverReachTheHandler() throws Exception {
        Path target = dir.resolve("f.bin");
        ResponseReader reader = toFile(target);

        feed(reader, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        reader.commit();

        assertThat(reader.head().statusCode()).isEqualTo(200);
        assertThat(target).hasContent("ok");
    }
}
