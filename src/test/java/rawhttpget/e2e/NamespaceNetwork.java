package rawhttpget.e2e;

import java.io.IOException;

/** A test network of namespaces named PREFIX-*, removed by close: what {@link NetworkFixture} starts and checks. */
interface NamespaceNetwork extends AutoCloseable {
    /** The prefix of every namespace, interface and state directory the network owns. */
    String prefix();

    @Override
    void close() throws IOException;
}
