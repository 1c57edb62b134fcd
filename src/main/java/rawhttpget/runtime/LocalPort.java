package rawhttpget.runtime;

/** The local port of one connection, with whatever the host set up for it; closed when the connection is over. */
public interface LocalPort extends AutoCloseable {
    int port();

    @Override
    void close();

    /** A port the host set nothing up for: closing it undoes nothing. */
    static LocalPort plain(int port) {
        return new LocalPort() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
            }
        };
    }
}
