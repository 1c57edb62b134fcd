package rawhttpget.download;

import rawhttpget.inet.IpAddress;

/** Which addresses a run connects to: wget's {@code -4}/{@code --inet4-only} and {@code -6}/{@code --inet6-only}. */
public enum AddressFamily {
    ANY, IPV4_ONLY, IPV6_ONLY;

    boolean allows(IpAddress address) {
        return this == ANY || address.isIpv6() == (this == IPV6_ONLY);
    }
}
