package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawhttpget.testing.Heads;

/** RFC 9112 §9.3: which responses leave their connection open for the next request. */
class ConnectionPersistenceTest {

    /** The head of {@code version 200 OK} with the given header lines (separated by '|'), as the parser reads it. */
    static ResponseHead head(String version, String fields) throws HttpProtocolException {
        return Heads.parse(version + " 200 OK\r\n" + (fields.isEmpty() ? "" : fields.replace("|", "\r\n") + "\r\n")
                + "Content-Length: 0\r\n\r\n");
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
