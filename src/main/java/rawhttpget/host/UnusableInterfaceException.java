package rawhttpget.host;

/**
 * The interface cannot carry a connection: it does not exist, is down, has no carrier, is not Ethernet or
 * has no IPv4 address, or none was named and nothing routes the server's address. A network
 * problem the user fixes on the host or with {@code -i}, unlike missing privileges or a missing library.
 */
public final class UnusableInterfaceException extends HostException {
    private static final long serialVersionUID = 1L;

    public UnusableInterfaceException(String message) {
        super(message);
    }
}
