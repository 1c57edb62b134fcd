package rawhttpget.http;

/**
 * The server's response broke HTTP/1.1 framing or one of the limits we hold hostile servers to. The message is
 * one line meant for the person running the download, so anything echoed from the wire is escaped and shortened.
 */
public final class HttpProtocolException extends Exception {

    public HttpProtocolException(String message) {
        super(message);
    }
}
