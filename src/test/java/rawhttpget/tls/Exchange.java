package rawhttpget.tls;

import java.io.ByteArrayOutputStream;

/**
 * Carries bytes by hand between a TlsClient and a ServerEnd, standing in for TCP: whatever one side has to
 * send is given to the other, until neither has anything left. Server-to-client bytes can be cut into pieces
 * of a chosen size, as TCP segments would cut them.
 */
final class Exchange {
    final TlsClient client;
    final ServerEnd server;
    private final int fragment;
    private final ByteArrayOutputStream clientPlaintext = new ByteArrayOutputStream();
    private long toServer;
    private long toClient;

    Exchange(TlsClient client, ServerEnd server, int fragment) {
        this.client = client;
        this.server = server;
        this.fragment = fragment;
    }

    Exchange(TlsClient client, ServerEnd server) {
        this(client, server, Integer.MAX_VALUE);
    }

    /** Runs until both sides are quiet. */
    Exchange settle() throws Exception {
        for (int round = 0; round < 100_000; round++) {
            byte[] up = clientCiphertext();
            if (up.length > 0) {
                server.receive(up);
            }
            byte[] down = server.takeCiphertext();
            deliver(down);
            if (up.length == 0 && down.length == 0) {
                return this;
            }
        }
        throw new AssertionError("the two sides never stopped talking");
    }

    /** Gives {@code bytes} to the client in the exchange's fragment size. */
    void deliver(byte[] bytes) throws TlsException {
        toClient += bytes.length;
        for (int off = 0; off < bytes.length; off += fragment) {
            client.receive(bytes, off, Math.min(fragment, bytes.length - off));
            client.drainPlaintext(clientPlaintext::write);
        }
    }

    byte[] clientCiphertext() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.drainCiphertext(out::write);
        toServer += out.size();
        return out.toByteArray();
    }

    /** Plaintext the client has decrypted since the last call. */
    byte[] takeClientPlaintext() {
        client.drainPlaintext(clientPlaintext::write);
        byte[] b = clientPlaintext.toByteArray();
        clientPlaintext.reset();
        return b;
    }

    long bytesToServer() {
        return toServer;
    }

    long bytesToClient() {
        return toClient;
    }
}
