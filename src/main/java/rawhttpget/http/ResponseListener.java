package rawhttpget.http;

/**
 * Receives a response as the parser decodes it: one head, the body in order, then completion. Interim 1xx
 * responses never reach it. On a protocol error the parser throws instead, and the listener hears nothing more.
 */
public interface ResponseListener {

    /** The final response's status line and headers, before any body byte. */
    void onHead(ResponseHead head);

    /**
     * Some body bytes, after transfer-decoding. To avoid a copy per segment the array is the caller's own buffer
     * (the one given to {@link ResponseParser#feed}), so its contents are only valid during this call.
     */
    void onBody(byte[] buf, int off, int len);

    /** The body ended as its framing said it would. Called once; nothing follows it. */
    void onComplete();
}
