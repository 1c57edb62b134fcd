package rawhttpget.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The names a server certificate is for, as a person would want them listed in "does not match" messages:
 * the DNS and IP subject alternative names, or the subject when there are none. For display only; whether a
 * name matches is decided by the JDK's HTTPS endpoint identification.
 */
final class CertificateNames {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    static final int MAX_LISTED = 6;

    private CertificateNames() {
    }

    static String describe(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    Object type = entry.get(0);
                    Object value = entry.get(1);
                    if ((Integer.valueOf(DNS_NAME).equals(type) || Integer.valueOf(IP_ADDRESS).equals(type))
                            && value instanceof String s) {
                        names.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // Unreadable alternative names: fall back to the subject below.
        }
        if (names.isEmpty()) {
            return certificate.getSubjectX500Principal().getName();
        }
        if (names.size() > MAX_LISTED) {
            int more = names.size() - MAX_LISTED;
            names = new ArrayList<>(names.subList(0, MAX_LISTED));
            names.add("and " + more + " more");
        }
        return String.join(", ", names);
    }
}
