package rawhttpget.host;

/**
 * The interface cannot carry a connection: it does not exist, is down, has no carrier, is not Ethernet or
 * has no IPv4 address, or none was named and there is no default route to choose one by. A network
 * problem the user fixes on the host or with {@code -i}, unlike missing privileges or a missing library.
 */
public final class UnusableInterfaceException extends HostException {
    private static final long serialVersionUID = 1L;

    public UnusableInterfaceException(String message) {
        super(message);
    }
}
