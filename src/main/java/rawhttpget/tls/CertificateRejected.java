package rawhttpget.tls;

import java.security.cert.CertificateException;

/**
 * Thrown by our trust manager with the final one-line reason already worded. JSSE carries it as the cause of
 * the handshake exception, where {@link TlsClient} finds it again: the trust manager is shared by every
 * connection of an SSLContext, so the reason travels with the exception rather than in a field.
 */
final class CertificateRejected extends CertificateException {
    private static final long serialVersionUID = 1L;

    CertificateRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
