package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --save-headers, as wget 1.21.3 saves them (run here: {@code wget --save-headers URL} wrote "HTTP/1.0 200 OK\r\n",
 * each header line with its CRLF, repeated names kept, "\r\n", then the body, and said "saved [5/5]"; a redirect's
 * head is not saved; {@code -c} over 2 kept bytes answered by a 200 wrote the body alone).
 */
class SaveHeadersInVirtualTimeTest extends VirtualTimeDownloads {
    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Dup: a\r\nX-Dup: b\r\n\r\n";

    SaveHeadersInVirtualTimeTest() {
        super("-nv", "--save-headers");
    }

    @Test
    void theHeadGoesIntoTheFileBeforeTheBody() throws Exception {
        run(new VirtualNetwork(List.of(Reply.respond(HEAD + "hello"))), SERVER + "/f.bin");

        assertThat(file("f.bin")).isEqualTo(HEAD + "hello");
        assertThat(said()).isEqualTo("DATE URL:" + SERVER + "/f.bin [5/5] -> \"" + dir.resolve("f.bin") + "\" [1]\n");
    }

    @Test
    void onlyTheLastResponseOfRedirectsIsSaved() throws Exception {
        run(new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: /f.bin\r\nContent-Length: 0\r\n\r\n"),
                Reply.respond(HEAD + "hello"))), SERVER + "/start");

        assertThat(file("start")).isEqualTo(HEAD + "hello");
    }

    @Test
    void aResumedBodyGetsNoHead() throws Exception {
        Files.writeString(dir.resolve("f.bin"), "he", StandardCharsets.ISO_8859_1);

        run(new VirtualNetwork(List.of(Reply.respond("HTTP/1.1 206 Partial Content\r\n"
                + "Content-Range: bytes 2-4/5\r\nContent-Length: 3\r\n\r\nllo"))), "-c", SERVER + "/f.bin");

        assertThat(file("f.bin")).isEqualTo("hello");
    }

    @Test
    void aWholeBodyAnsweringARangeGetsNoHeadEither() throws Exception {
        Files.writeString(dir.resolve("f.bin"), "he", StandardCharsets.ISO_8859_1);

        run(new VirtualNetwork(List.of(Reply.respond(HEAD + "hello"))), "-c", SERVER + "/f.bin");

        assertThat(file("f.bin")).isEqualTo("hello");
    }
}
