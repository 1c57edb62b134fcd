package rawhttpget.tls;

/**
 * What was negotiated, for logs: protocol ({@code TLSv1.3}), cipher suite, and the server certificate's subject
 * and issuer as RFC 2253 names. {@code verified} is false when the certificate was not checked at all.
 */
public record TlsSessionInfo(String protocol, String cipherSuite, String peerSubject, String peerIssuer,
                             boolean verified) {

    @Override
    public String toString() {
        return protocol + " " + cipherSuite + ", server certificate " + peerSubject + " issued by " + peerIssuer
                + (verified ? "" : " (NOT verified)");
    }
}
