package rawhttpget.tls;

/**
 * Takes a run of bytes, all of them. The array is the sender's own buffer, valid only during the call, so a
 * sink that keeps bytes must copy them. Generic in its exception so that {@code parser::feed} (which throws
 * the HTTP parser's checked exception) and {@code connection::write} both fit without wrapping.
 */
@FunctionalInterface
public interface ByteSink<E extends Exception> {
    void accept(byte[] buf, int off, int len) throws E;
}
