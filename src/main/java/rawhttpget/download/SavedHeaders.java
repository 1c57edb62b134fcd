package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.HeaderField;
import rawhttpget.http.ResponseHead;
import rawhttpget.output.BodySink;
import rawhttpget.output.IoMessages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * wget's --save-headers: the response head, its status line and header lines each ending in CRLF and then the empty
 * line, goes into the file before the body, as wget 1.21.3 writes it (checked byte for byte against a server here).
 * Only into a body that starts the file: a resumed one (-c) gets none, nor does a 200 that answers a Range, as in
 * wget. The head is counted in the size the file must reach, not in the body's bytes the saved line shows.
 * The head is written as parsed, "Name: value" with one space, which is what a usual server sends.
 */
final class SavedHeaders implements BodySink {
    private final BodySink file;
    private final long headLength;

    private SavedHeaders(BodySink file, long headLength) {
        this.file = file;
        this.headLength = headLength;
    }

    /** The sink for a fresh body: {@code plan}'s, with {@code head} first when {@code save}. */
    static BodySink openFresh(OutputPlan plan, long expectedSize, ResponseHead head, boolean save)
            throws DownloadException {
        if (!save) {
            return plan.openFresh(expectedSize);
        }
        byte[] bytes = bytes(head);
        BodySink file = plan.openFresh(expectedSize < 0 ? -1 : expectedSize + bytes.length);
        try {
            file.write(bytes, 0, bytes.length);
        } catch (IOException e) {
            file.abandon();
            throw new DownloadException(ExitCode.FILE_IO, "cannot write the file: " + IoMessages.describe(e), e);
        }
        return new SavedHeaders(file, bytes.length);
    }

    static byte[] bytes(ResponseHead head) {
        StringBuilder text = new StringBuilder(head.version()).append(' ').append(head.statusCode());
        if (!head.reason().isEmpty()) {
            text.append(' ').append(head.reason());
        }
        text.append("\r\n");
        for (HeaderField field : head.headers()) {
            text.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        file.write(b, off, len);
    }

    @Override
    public void commit() throws IOException, DownloadException {
        file.commit();
    }

    @Override
    public void abandon() {
        file.abandon();
    }

    @Override
    public String discard() {
        return file.discard();
    }

    @Override
    public long written() {
        return file.written() - headLength;
    }

    @Override
    public void close() {
        file.close();
    }
}
