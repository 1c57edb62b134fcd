package rawhttpget.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * The server side of the in-memory tests: a plain SSLEngine driven the textbook way, with growable buffers,
 * written separately from TlsClient so that the client is tested against an independent peer.
 */
final class ServerEnd {
    private final SSLEngine engine;
    private ByteBuffer in = ByteBuffer.allocate(64);
    private ByteBuffer appOut = ByteBuffer.allocate(64);
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteBuffer wrapBuffer;
    private ByteBuffer unwrapBuffer;
    private List<SNIServerName> requestedServerNames;
    private SSLException failure;

    /** A server context presenting {@code identity} with its issuer's certificate as the chain. */
    static SSLContext context(TestPki.Issued identity, X509Certificate issuer) throws GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try {
            keys.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        char[] password = "test".toCharArray();
        keys.setKeyEntry("server", identity.key(), password, new X509Certificate[] {identity.certificate(), issuer});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    ServerEnd(SSLContext context, String... protocols) {
        engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        if (protocols.length > 0) {
            engine.setEnabledProtocols(protocols);
        }
        SSLSession session = engine.getSession();
        wrapBuffer = ByteBuffer.allocate(session.getPacketBufferSize());
        unwrapBuffer = ByteBuffer.allocate(session.getApplicationBufferSize());
    }

    SSLEngine engine() {
        return engine;
    }

    /** Ciphertext from the client. */
    void receive(byte[] b) throws SSLException {
        in = ensure(in, b.length);
        in.put(b);
        run();
    }

    /** Application data to the client. */
    void send(byte[] data) throws SSLException {
        appOut = ensure(appOut, data.length);
        appOut.put(data);
        run();
    }

    void closeOutbound() throws SSLException {
        engine.closeOutbound();
        run();
    }

    /** Ciphertext for the client, taken out. */
    byte[] takeCiphertext() {
        byte[] b = out.toByteArray();
        out.reset();
        return b;
    }

    /** Plaintext from the client, taken out. */
    byte[] takePlaintext() {
        byte[] b = received.toByteArray();
        received.reset();
        return b;
    }

    /** SNI as the server saw it, or null before the ClientHello arrived. */
    List<SNIServerName> requestedServerNames() {
        return requestedServerNames;
    }

    /** Why the server gave up, or null: like a real server, it records the failure and sends its alert. */
    SSLException failure() {
        return failure;
    }

    private void run() throws SSLException {
        if (failure != null) {
            return;
        }
        try {
            exchange();
        } catch (SSLException e) {
            failure = e;
            try {
                wrapBuffer.clear();
                engine.wrap(ByteBuffer.allocate(0), wrapBuffer);
                out.write(wrapBuffer.array(), 0, wrapBuffer.position());
            } catch (SSLException ignored) {
                // No alert then; the client sees the connection go quiet.
            }
        }
    }

    private void exchange() throws SSLException {
        boolean progress = true;
        while (progress) {
            progress = false;
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
                progress = true;
            }
            if (requestedServerNames == null && engine.getHandshakeSession() instanceof ExtendedSSLSession s) {
                requestedServerNames = s.getRequestedServerNames();
            }
            appOut.flip();
            wrapBuffer.clear();
            SSLEngineResult w = engine.wrap(appOut, wrapBuffer);
            appOut.compact();
            out.write(wrapBuffer.array(), 0, wrapBuffer.position());
            progress |= w.bytesConsumed() > 0 || w.bytesProduced() > 0;

            in.flip();
            SSLEngineResult u = engine.unwrap(in, unwrapBuffer);
            in.compact();
            if (u.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                unwrapBuffer = ByteBuffer.allocate(unwrapBuffer.capacity() * 2);
                progress = true;
            }
            received.write(unwrapBuffer.array(), 0, unwrapBuffer.position());
            unwrapBuffer.clear();
            progress |= u.bytesConsumed() > 0 || u.bytesProduced() > 0;
        }
    }

    private static ByteBuffer ensure(ByteBuffer b, int more) {
        if (b.remaining() >= more) {
            return b;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + more));
        b.flip();
        bigger.put(b);
        return bigger;
    }
}
