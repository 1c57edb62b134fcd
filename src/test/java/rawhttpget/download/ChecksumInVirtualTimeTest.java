package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * --checksum on whole downloads in virtual time: checked before the rename, a mismatch exits 7 and leaves no file
 * that looks complete, a resumed file is hashed whole, and a file -c finds complete is hashed before its rename.
 */
class ChecksumInVirtualTimeTest extends VirtualTimeDownloads {
    private static final String CONTENT = letters(7000);

    ChecksumInVirtualTimeTest() {
        super("--progress=none", "-nv");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static Reply whole() {
        return Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 7000\r\n\r\n" + CONTENT);
    }

    @Test
    void theRightChecksumSavesTheFile() throws Exception {
        run(new VirtualNetwork(List.of(whole())), "--checksum=sha-256=" + sha256(CONTENT), SERVER + "/f.bin");

        assertThat(files()).containsExactly("f.bin");
        assertThat(Files.readString(dir.resolve("f.bin"), StandardCharsets.ISO_8859_1)).isEqualTo(CONTENT);
    }

    @Test
    void theWrongChecksumExits7AndDeletesThePartialFile() throws Exception {
        String wrong = sha256("something else");
        VirtualNetwork network = new VirtualNetwork(List.of(whole()));

        assertThatThrownBy(() -> run(network, "--checksum=SHA-256=" + wrong.toUpperCase(), SERVER + "/f.bin"))
                .isInstanceOf(DownloadException.class)
                .hasMessage("sha-256 checksum mismatch: expected " + wrong + ", got " + sha256(CONTENT) + "; '"
                        + dir.resolve("f.bin.part") + "' deleted")
                .extracting(e -> ((DownloadException) e).exitCode()).isEqualTo(ExitCode.PROTOCOL);
        assertThat(files()).isEmpty();
    }

    @Test
    void aResumedFileIsHashedWholeItsKeptBytesFirst() throws Exception {
        Files.writeString(dir.resolve("f.bin.part"), CONTENT.substring(0, 2500), StandardCharsets.ISO_8859_1);
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond("HTTP/1.1 206 Partial Content\r\n"
                + "Content-Range: bytes 2500-6999/7000\r\nContent-Length: 4500\r\n\r\n" + CONTENT.substring(2500))));

        run(network, "-c", "--checksum=md5=" + md5(CONTENT), SERVER + "/f.bin");

        assertThat(network.server.requests().get(0)).contains("\r\nRange: bytes=2500-\r\n");
        assertThat(files()).containsExactly("f.bin");
        assertThat(Files.readString(dir.resolve("f.bin"), StandardCharsets.ISO_8859_1)).isEqualTo(CONTENT);
    }

    @Test
    void aResumedFileWhoseKeptBytesAreWrongFailsTheCheck() throws Exception {
        Files.writeString(dir.resolve("f.bin.part"), "X" + CONTENT.substring(1, 2500), StandardCharsets.ISO_8859_1);
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond("HTTP/1.1 206 Partial Content\r\n"
                + "Content-Range: bytes 2500-6999/7000\r\nContent-Length: 4500\r\n\r\n" + CONTENT.substring(2500))));

        assertThatThrownBy(() -> run(network, "-c", "--checksum=md5=" + md5(CONTENT), SERVER + "/f.bin"))
                .hasMessageStartingWith("md5 checksum mismatch: expected " + md5(CONTENT) + ", got "
                        + md5("X" + CONTENT.substring(1)));
        assertThat(files()).isEmpty();
    }

    @Test
    void aPartialFileFoundCompleteIsCheckedBeforeItsRename() throws Exception {
        Files.writeString(dir.resolve("f.bin.part"), CONTENT, StandardCharsets.ISO_8859_1);
        run(new VirtualNetwork(List.of(rangeNotSatisfiable())), "-c", "--checksum=sha-256=" + sha256(CONTENT),
                SERVER + "/f.bin");
        assertThat(files()).containsExactly("f.bin");

        Files.move(dir.resolve("f.bin"), dir.resolve("f.bin.part"));
        assertThatThrownBy(() -> run(new VirtualNetwork(List.of(rangeNotSatisfiable())), "-c",
                "--checksum=sha-256=" + sha256("other"), SERVER + "/f.bin"))
                .hasMessageEndingWith("; '" + dir.resolve("f.bin.part") + "' deleted");
        assertThat(files()).isEmpty();
    }

    @Test
    void aCompleteFileContinuedInPlaceIsLeftAsItWasWhenItsChecksumIsWrong() throws Exception {
        Files.writeString(dir.resolve("f.bin"), CONTENT, StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> run(new VirtualNetwork(List.of(rangeNotSatisfiable())), "-c",
                "--checksum=sha-256=" + sha256("other"), SERVER + "/f.bin"))
                .hasMessage("sha-256 checksum mismatch: expected " + sha256("other") + ", got " + sha256(CONTENT));
        assertThat(files()).containsExactly("f.bin");
    }

    @Test
    void aChecksumForSeveralUrlsIsAUsageError() {
        assertThatThrownBy(() -> run(new VirtualNetwork(List.of()), "--checksum=md5=" + "0".repeat(32),
                SERVER + "/a", SERVER + "/b"))
                .hasMessage("--checksum takes one URL; 2 were given")
                .extracting(e -> ((DownloadException) e).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    private static Reply rangeNotSatisfiable() {
        return Reply.respond("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */7000\r\n"
                + "Content-Length: 0\r\n\r\n");
    }
}
