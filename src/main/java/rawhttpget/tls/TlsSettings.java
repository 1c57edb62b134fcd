package rawhttpget.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How servers are trusted, built once per run and shared by every connection (an SSLContext is costly to set
 * up, and sharing it lets a second connection to the same server resume the session). Three choices, as in
 * wget: the JDK's trust store; the JDK's trust store plus the certificates of a {@code --ca-certificate} PEM
 * file; or {@code --no-check-certificate}, which checks nothing (the caller prints the warning).
 */
public final class TlsSettings {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.tls");
    private final SSLContext context;
    private final boolean insecure;
    private final List<X509Certificate> extraAnchors;
    private final int anchorCount;

    private TlsSettings(SSLContext context, boolean insecure, List<X509Certificate> extraAnchors, int anchorCount) {
        this.context = context;
        this.insecure = insecure;
        this.extraAnchors = extraAnchors;
        this.anchorCount = anchorCount;
    }

    /** Certificates are checked against the JDK's default trust store (cacerts, or javax.net.ssl.trustStore). */
    public static TlsSettings defaults() throws TlsException {
        X509ExtendedTrustManager jdk = jdkTrustManager(null);
        return new TlsSettings(context(new CheckingTrustManager(jdk)), false, List.of(), jdk.getAcceptedIssuers().length);
    }

    /**
     * The JDK's default trust store plus every certificate in {@code pemFile} as a trust anchor. A server whose
     * chain ends at either is trusted; the host name is still checked.
     */
    public static TlsSettings withCaCertificates(Path pemFile) throws TlsException {
        List<X509Certificate> extra = PemCertificates.read(pemFile);
        KeyStore anchors;
        int n = 0;
        try {
            anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (X509Certificate c : jdkTrustManager(null).getAcceptedIssuers()) {
                anchors.setCertificateEntry("jdk-" + n++, c);
            }
            for (X509Certificate c : extra) {
                anchors.setCertificateEntry("ca-certificate-" + n++, c);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("cannot build the trust store: " + FailureText.oneLine(e), e);
        }
        log.debug("trusting the JDK's {} certificates and {} from {}", n - extra.size(), extra.size(), pemFile);
        return new TlsSettings(context(new CheckingTrustManager(jdkTrustManager(anchors))), false, extra, n);
    }

    /** {@code --no-check-certificate}: neither the certificate chain nor the host name is checked. */
    public static TlsSettings insecure() throws TlsException {
        return new TlsSettings(context(new InsecureTrustManager()), true, List.of(), 0);
    }

    public boolean isInsecure() {
        return insecure;
    }

    /** The certificates read from the PEM file, empty unless made by {@link #withCaCertificates}. */
    public List<X509Certificate> extraAnchors() {
        return extraAnchors;
    }

    /** How many certificates are trusted as anchors (0 when nothing is checked). */
    int anchorCount() {
        return anchorCount;
    }

    SSLContext context() {
        return context;
    }

    /** The JDK's PKIX trust manager over {@code anchors}, or over its default trust store when null. */
    private static X509ExtendedTrustManager jdkTrustManager(KeyStore anchors) throws TlsException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new TlsException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot load the trust store: " + FailureText.oneLine(e), e);
        }
    }

    private static SSLContext context(X509ExtendedTrustManager trustManager) throws TlsException {
        try {
            Optional<Provider> provider = NativeTls.provider();
            SSLContext context = provider.isPresent() ? SSLContext.getInstance("TLS", provider.get())
                    : SSLContext.getInstance("TLS");
            log.debug("TLS engine: {}", context.getProvider().getName());
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot set up TLS: " + FailureText.oneLine(e), e);
        }
    }
}
