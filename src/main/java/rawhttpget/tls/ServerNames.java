package rawhttpget.tls;

import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/** What the client tells the server it wants (SNI) and checks the certificate against. */
final class ServerNames {
    private ServerNames() {
    }

    /** "files.test." and "files.test" are the same host; SNI forbids the dot and certificates never carry it. */
    static String checkedName(String host) {
        return host.length() > 1 && host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /**
     * SNI carries host names only (RFC 6066 section 3): none for an IPv4 literal, and none for a name that is
     * not a valid DNS host name (SNIHostName refuses it; such a server can only be reached by its default).
     */
    static List<SNIServerName> sni(String checkedName) {
        if (isIpv4Literal(checkedName)) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(checkedName));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Four dotted decimal numbers 0..255, the only IPv4 form URLs use. */
    static boolean isIpv4Literal(String s) {
        int parts = 0;
        int i = 0;
        while (i <= s.length()) {
            int start = i;
            int value = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || value > 255) {
                return false;
            }
            parts++;
            if (i == s.length()) {
                return parts == 4;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
        return false;
    }
}
