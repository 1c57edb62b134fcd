package rawhttpget.host;

import rawhttpget.inet.Ipv4Address;

/**
 * One IPv4 route of the kernel's main table.
 *
 * @param gateway the next hop's address, or 0 when the destination is on the link itself
 */
public record Route(String interfaceName, int destination, int prefixLength, int gateway, int metric) {

    public boolean matches(int address) {
        int mask = Ipv4Address.mask(prefixLength);
        return (address & mask) == (destination & mask);
    }

    public boolean isDefault() {
        return prefixLength == 0;
    }

    public boolean isOnLink() {
        return gateway == 0;
    }

    @Override
    public String toString() {
        return Ipv4Address.format(destination) + "/" + prefixLength
                + (isOnLink() ? "" : " via " + Ipv4Address.format(gateway))
                + " dev " + interfaceName + " metric " + metric;
    }
}
