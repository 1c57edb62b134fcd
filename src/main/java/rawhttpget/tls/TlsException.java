package rawhttpget.tls;

/**
 * TLS could not be set up or broke down: an untrusted or mismatched certificate, a failed handshake, a record
 * that does not decrypt. The message is one line for the person running the download (the CLI maps this to
 * exit code 5); the JDK exception it came from, if any, is the cause.
 */
public final class TlsException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
