package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9112 §9.3: which responses leave their connection open for the next request. */
class ConnectionPersistenceTest {

    /** The head of {@code version 200 OK} with the given header lines (separated by '|'), as the parser reads it. */
    static ResponseHead head(String version, String fields) throws HttpProtocolException {
        String text = version + " 200 OK\r\n" + (fields.isEmpty() ? "" : fields.replace("|", "\r\n") + "\r\n")
                + "Content-Length: 0\r\n\r\n";
        ResponseHead[] head = new ResponseHead[1];
        new ResponseParser(new ResponseListener() {
            @Override
            public void onHead(ResponseHead h) {
                head[0] = h;
            }

            @Override
            public void onBody(byte[] buf, int off, int len) {
            }

            @Override
            public void onComplete() {
            }
        }).feed(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
        return head[0];
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = ';', value = {
        "HTTP/1.1; ;                                     true",
        "HTTP/1.1; Connection: close;                    false",
        "HTTP/1.1; Connection: Close;                    false",
        "HTTP/1.1; Connection: keep-alive, CLOSE;        false",
        "HTTP/1.1; Connection: x|Connection: close ;     false",
        "HTTP/1.1; Connection: closed;                   true",
        "HTTP/1.1; Connection: upgrade;                  true",
        "HTTP/1.0; ;                                     false",
        "HTTP/1.0; Connection: Keep-Alive;               true",
        "HTTP/1.0; Connection: keep-alive , x;           true",
        "HTTP/1.0; Connection: keep-alive, close;        false",
        "HTTP/1.0; Keep-Alive: timeout=5;                false"})
    void persistsUnlessCloseOrAnHttp10WithoutKeepAlive(String version, String fields, boolean persists)
            throws HttpProtocolException {
        assertThat(ConnectionPersistence.persists(head(version, fields == null ? "" : fields.strip())))
                .isEqualTo(persists);
    }
}
