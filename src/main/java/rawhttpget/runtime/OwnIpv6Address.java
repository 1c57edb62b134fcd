package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.inet.Ipv6Address;

import static rawhttpget.runtime.OwnAddress.typed;

/** --ip with an IPv6 ADDR/PREFIX: own-address mode for IPv6 alone (IPv4 stays the interface's); no --mac. */
record OwnIpv6Address(Ipv6Address address, int prefixLength) {
    static OwnIpv6Address parse(String ipText, String macText) throws DownloadException {
        if (ipText == null || ipText.indexOf(':') < 0) {
            return null;
        }
        if (macText != null) {
            throw new DownloadException(ExitCode.USAGE, "--mac goes with an IPv4 --ip; an IPv6 --ip uses the"
                    + " interface's MAC");
        }
        int slash = ipText.indexOf('/');
        try {
            int prefix = slash < 0 ? -1 : Integer.parseInt(ipText.substring(slash + 1));
            if (prefix < 1 || prefix > 128) {
                throw new DownloadException(ExitCode.USAGE, "--ip needs ADDR/PREFIX with a prefix length of"
                        + " 1..128, e.g. 2001:db8::77/64: " + typed(ipText));
            }
            return new OwnIpv6Address(Ipv6Address.parse(ipText.substring(0, slash)), prefix);
        } catch (NumberFormatException e) {
            throw new DownloadException(ExitCode.USAGE, "--ip prefix length is not a number: " + typed(ipText));
        } catch (IllegalArgumentException e) {
            throw new DownloadException(ExitCode.USAGE, typed(e.getMessage()));
        }
    }
}
