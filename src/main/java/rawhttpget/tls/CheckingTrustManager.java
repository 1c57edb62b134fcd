package rawhttpget.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager, asked twice so that a rejection can say which check failed. First the chain
 * alone (no engine: path building against the trust anchors, validity, constraints): a failure means the
 * certificate is not trusted. Then the full check with the engine, which adds the session's algorithm
 * constraints and, because the engine has endpoint identification "HTTPS", the host name. The decision is
 * always the JDK's; we only choose the words. The JDK signals a name mismatch with a plain
 * CertificateException, its validator failures with subclasses, and that is how the two are told apart.
 */
final class CheckingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;

    CheckingTrustManager(X509ExtendedTrustManager pkix) {
        this.pkix = pkix;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        String host = engine.getPeerHost();
        authType = jdkAuthType(authType);
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new CertificateRejected(notTrusted(host, e), e);
        }
        try {
            pkix.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            if (e.getClass() == CertificateException.class && chain.length > 0) {
                throw new CertificateRejected("host name " + host + " does not match the certificate ("
                        + CertificateNames.describe(chain[0]) + ")", e);
            }
            throw new CertificateRejected(notTrusted(host, e), e);
        }
    }

    /**
     * TLS 1.3's suites name no key exchange: the JDK's engine then says "UNKNOWN", Conscrypt's "GENERIC", and the
     * JDK's validator knows only the former (for which it checks the key usage that any TLS 1.3 server needs).
     */
    private static String jdkAuthType(String authType) {
        return "GENERIC".equals(authType) ? "UNKNOWN" : authType;
    }

    private static String notTrusted(String host, CertificateException e) {
        return "certificate for " + host + " is not trusted: " + FailureText.oneLine(e);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("rawhttpget runs TLS over SSLEngine only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("rawhttpget checks certificates with the engine's host name only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("rawhttpget is a client and accepts no client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("rawhttpget is a client and accepts no client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("rawhttpget is a client and accepts no client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
