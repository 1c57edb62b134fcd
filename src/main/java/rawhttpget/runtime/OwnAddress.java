package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.MacAddress;

import java.security.SecureRandom;

/** --ip ADDR/PREFIX and --mac, validated. */
record OwnAddress(int address, int prefixLength, MacAddress mac) {
    static OwnAddress parse(String ipText, String macText) throws DownloadException {
        if (ipText == null) {
            if (macText != null) {
                throw new DownloadException(ExitCode.USAGE, "--mac goes with --ip ADDR/PREFIX");
            }
            return null;
        }
        int slash = ipText.indexOf('/');
        if (slash < 0) {
            throw new DownloadException(ExitCode.USAGE, "--ip needs ADDR/PREFIX, e.g. 198.18.1.50/24");
        }
        try {
            int address = Ipv4Address.parseBits(ipText.substring(0, slash));
            int prefix = Integer.parseInt(ipText.substring(slash + 1));
            if (prefix < 1 || prefix > 32) {
                throw new DownloadException(ExitCode.USAGE, "--ip prefix length must be 1..32: " + typed(ipText));
            }
            MacAddress mac = macText != null ? MacAddress.parse(macText) : MacAddress.randomLocal(new SecureRandom());
            if (mac.isMulticast()) {
                throw new DownloadException(ExitCode.USAGE, "--mac must be a unicast address: " + typed(macText));
            }
            return new OwnAddress(address, prefix, mac);
        } catch (NumberFormatException e) {
            throw new DownloadException(ExitCode.USAGE, "--ip prefix length is not a number: " + typed(ipText));
        } catch (IllegalArgumentException e) {
            throw new DownloadException(ExitCode.USAGE, typed(e.getMessage()));
        }
    }

    /** What the user typed, as an error line shows it: control characters (a CR, a newline) as '?'. */
    static String typed(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
