package rawhttpget.exchange;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import rawhttpget.http.ConnectRequest;
import rawhttpget.http.HttpUrl;
import rawhttpget.tls.TlsException;
import rawhttpget.tls.TlsSettings;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Chooses the layer between TCP and HTTP by the URL's scheme: plain for http, TLS for https. The TLS settings
 * (trust anchors, or none with --no-check-certificate) are built once per run, on first need, and shared by
 * every https connection, so a redirect from http to https finds them as a first https URL does.
 */
public final class Transports {
    private final String caCertificate;
    private final boolean noCheckCertificate;
    private final Consumer<String> warn;
    private TlsSettings settings;

    /**
     * @param caCertificate --ca-certificate's PEM file, or null
     * @param warn          where the --no-check-certificate warning goes (once per run)
     */
    public Transports(String caCertificate, boolean noCheckCertificate, Consumer<String> warn) {
        this.caCertificate = caCertificate;
        this.noCheckCertificate = noCheckCertificate;
        this.warn = warn;
    }

    public Transport.Factory forUrl(HttpUrl url) throws DownloadException {
        if (url.scheme().equals("https")) {
            return TlsTransport.factory(url.host(), url.port(), tlsSettings());
        }
        return PlainTransport.FACTORY;
    }

    /**
     * The layer for {@code url} over a connection to a proxy: as {@link #forUrl} for http (the proxy relays the
     * request), and for https TLS with the origin inside the tunnel that {@code connect} asks for.
     */
    public Transport.Factory throughProxy(HttpUrl url, ConnectRequest connect) throws DownloadException {
        Transport.Factory direct = forUrl(url);
        return url.scheme().equals("https") ? ProxyTunnel.factory(connect, direct) : direct;
    }

    /** Builds the TLS settings now, so a bad --ca-certificate fails before anything is set up on the host. */
    public void prepareTls() throws DownloadException {
        tlsSettings();
    }

    private TlsSettings tlsSettings() throws DownloadException {
        if (settings != null) {
            return settings;
        }
        try {
            if (noCheckCertificate) {
                settings = TlsSettings.insecure();
                warn.accept("WARNING: --no-check-certificate: servers' certificates and host names are not checked;"
                        + " anyone on the path can read and change what is downloaded.");
            } else if (caCertificate != null) {
                settings = TlsSettings.withCaCertificates(Path.of(caCertificate));
            } else {
                settings = TlsSettings.defaults();
            }
        } catch (TlsException e) {
            throw new DownloadException(ExitCode.TLS, e.getMessage(), e);
        }
        return settings;
    }
}
