package rawhttpget.testing;

import rawhttpget.http.HttpProtocolException;
import rawhttpget.http.ResponseHead;
import rawhttpget.http.ResponseListener;
import rawhttpget.http.ResponseParser;

import java.nio.charset.StandardCharsets;

/** Response heads for tests, made the only way the program makes them: by parsing their bytes. */
public final class Heads {
    private Heads() {
    }

    /** {@code lines}: the status line and header fields, without line ends. */
    public static ResponseHead of(String... lines) {
        String text = String.join("\r\n", lines) + "\r\n\r\n";
        try {
            return parse(text);
        } catch (HttpProtocolException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The final head in {@code text} (its bytes as ISO-8859-1), as the parser reads it; its refusal as it is. */
    public static ResponseHead parse(String text) throws HttpProtocolException {
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
        if (head[0] == null) {
            throw new IllegalArgumentException("no final head in " + text);
        }
        return head[0];
    }
}
