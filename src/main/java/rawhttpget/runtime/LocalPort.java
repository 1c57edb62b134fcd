package rawhttpget.runtime;

/** The local port of one connection, with whatever the host set up for it; closed when the connection is over. */
public interface LocalPort extends AutoCloseable {
    int port();

    @Override
    void close();
}
