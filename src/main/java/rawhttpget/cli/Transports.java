package rawhttpget.cli;

import rawhttpget.http.HttpUrl;

/** Chooses the layer between TCP and HTTP by the URL's scheme. */
final class Transports {
    private Transports() {
    }

    static Transport.Factory forUrl(HttpUrl url) throws DownloadException {
        if (url.scheme().equals("https")) {
            // The TLS layer slots in here (a Transport over the connection); until then, say so plainly.
            throw new DownloadException(ExitCode.GENERIC, "https is not supported yet: " + url);
        }
        return PlainTransport.FACTORY;
    }
}
