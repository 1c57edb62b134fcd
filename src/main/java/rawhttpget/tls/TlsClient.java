package rawhttpget.tls;

import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one TLS connection, as a pure byte transformer around {@link SSLEngine}: ciphertext from
 * TCP goes in through {@link #receive}, plaintext for HTTP comes out of {@link #drainPlaintext}; plaintext from
 * HTTP goes in through {@link #write}, ciphertext for TCP comes out of {@link #drainCiphertext}. It knows no
 * socket, clock or thread: the engine's delegated tasks (certificate checks, key agreement) run inline, on the
 * caller's thread, during the call that needed them.
 *
 * <p>After any call that can make the engine speak ({@link #create}, {@link #receive}, {@link #write},
 * {@link #close}, {@link #endOfStream}) the caller drains the ciphertext into TCP. The request may be written
 * before the handshake is done; it is held and sent encrypted once the keys exist.
 *
 * <p>The peer's end is exposed, not judged: a close_notify ({@link #isCloseNotifyReceived}) is a clean end, a
 * TCP FIN without one ({@link #isTruncated}) may have cut the data short. For a body framed by Content-Length
 * that is harmless (the length says whether it is whole); for a body that runs until close it is an error.
 *
 * <p>Every failure is a {@link TlsException} with a one-line message, whatever the peer sends. After one, every
 * further call throws the same exception; the ciphertext still queued may hold the alert that tells the server
 * why, which the caller may send before resetting TCP.
 */
public final class TlsClient {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.tls");
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    // TLS record layer (RFC 8446 section 5.1): type, legacy version (3, x), 16-bit length.
    private static final int RECORD_HEADER_BYTES = 5;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int APPLICATION_DATA = 23;

    private final SSLEngine engine;
    private final String host;
    private final int port;
    private final boolean insecure;

    // All four are kept in write mode: bytes held are [0, position).
    /** Ciphertext received and not yet decrypted: at most a partial record between calls. */
    private ByteBuffer netIn;
    /** Decrypted plaintext waiting for {@link #drainPlaintext}. */
    private ByteBuffer appIn;
    /** Plaintext written and not yet encrypted (before the handshake, or beyond one record). */
    private ByteBuffer appOut;
    /** Ciphertext waiting for {@link #drainCiphertext}. */
    private ByteBuffer netOut;

    private boolean handshakeComplete;
    /** The session's largest record plaintext, asked once the handshake is over (asking costs, per record). */
    private int plaintextRoom;
    private TlsSessionInfo sessionInfo;
    private boolean closeRequested;
    private boolean closeOutboundCalled;
    private boolean closeNotifyReceived;
    private boolean endOfStream;
    private boolean truncated;
    private TlsException failure;

    private TlsClient(SSLEngine engine, String host, int port, boolean insecure) {
        this.engine = engine;
        this.host = host;
        this.port = port;
        this.insecure = insecure;
        SSLSession session = engine.getSession();
        netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        netOut = ByteBuffer.allocate(session.getPacketBufferSize());
        appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        appOut = ByteBuffer.allocate(1024);
    }

    /**
     * Starts a handshake with {@code host}: its name goes in SNI (unless it is an IPv4 literal) and, unless the
     * settings are insecure, the server certificate must be valid for it (HTTPS endpoint identification, RFC
     * 2818: DNS names, or IP addresses for a literal). TLS 1.3 and 1.2 are offered. The ClientHello is ready
     * in {@link #drainCiphertext} when this returns.
     */
    public static TlsClient create(String host, int port, TlsSettings settings) throws TlsException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(settings, "settings");
        String name = ServerNames.checkedName(host);
        SSLEngine engine = settings.context().createSSLEngine(name, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        List<String> supported = Arrays.asList(engine.getSupportedProtocols());
        parameters.setProtocols(PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
        parameters.setServerNames(ServerNames.sni(name));
        if (!settings.isInsecure()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        engine.setSSLParameters(parameters);
        TlsClient client = new TlsClient(engine, name, port, settings.isInsecure());
        log.debug("TLS to {}:{}: SNI {}, certificate {}", name, port,
                parameters.getServerNames().isEmpty() ? "none" : name,
                settings.isInsecure() ? "NOT checked" : "checked for " + name);
        try {
            engine.beginHandshake();
        } catch (SSLException | RuntimeException e) {
            throw client.fail(e);
        }
        client.pump();
        return client;
    }

    /**
     * Ciphertext received from TCP, in order; all of it is taken. Complete records are decrypted at once into
     * the plaintext queue; a partial record waits for the rest. Bytes after the peer's close_notify are ignored.
     */
    public void receive(byte[] buf, int off, int len) throws TlsException {
        Objects.checkFromIndexSize(off, len, buf.length);
        throwIfFailed();
        if (endOfStream) {
            throw new IllegalStateException("receive after endOfStream");
        }
        while (len > 0 && !engine.isInboundDone()) {
            if (!netIn.hasRemaining()) {
                makeRoomForLargerRecord();
            }
            int n = Math.min(len, netIn.remaining());
            netIn.put(buf, off, n);
            off += n;
            len -= n;
            pump();
        }
        if (len > 0) {
            log.debug("ignoring {} bytes from {} after its close_notify", len, host);
        }
    }

    /**
     * The peer's TCP FIN. Before the handshake completed this is a failure. After it, the connection ends
     * either cleanly (close_notify came first) or truncated ({@link #isTruncated}); the caller decides what a
     * truncation means for its data.
     */
    public void endOfStream() throws TlsException {
        throwIfFailed();
        if (endOfStream) {
            return;
        }
        endOfStream = true;
        if (!handshakeComplete) {
            throw fail(new TlsException("the server closed the connection during the handshake"));
        }
        if (!closeNotifyReceived) {
            truncated = true;
            log.info("{} closed the connection without a TLS close_notify{}", host,
                    netIn.position() > 0 ? " in the middle of a record" : "");
            try {
                engine.closeInbound();
            } catch (SSLException e) {
                // The engine reports the missing close_notify as a possible truncation attack: that is exactly
                // what isTruncated() tells the caller, who knows whether the data's framing makes it harmless.
            }
        }
    }

    /** Plaintext for the server; encrypted now if the handshake is done, else held until it is. */
    public void write(byte[] buf, int off, int len) throws TlsException {
        Objects.checkFromIndexSize(off, len, buf.length);
        throwIfFailed();
        if (closeRequested) {
            throw new IllegalStateException("write after close");
        }
        if (appOut.remaining() < len) {
            appOut = grow(appOut, len);
        }
        appOut.put(buf, off, len);
        pump();
    }

    /**
     * Ends our sending side: a close_notify follows the data already written (after the handshake, if it is
     * still running). Never throws; a failure it meets is kept and thrown by the next call.
     */
    public void close() {
        if (closeRequested || failure != null) {
            return;
        }
        closeRequested = true;
        try {
            pump();
        } catch (TlsException e) {
            log.debug("failure while closing: {}", e.getMessage());
        }
    }

    /**
     * Hands all decrypted plaintext to {@code sink} in one call (nothing when there is none) and returns its
     * length. The sink must not call back into this client. Plaintext decrypted before a failure is still
     * delivered: TLS authenticated it.
     */
    public <E extends Exception> int drainPlaintext(ByteSink<E> sink) throws E {
        return drain(appIn, sink);
    }

    /** Hands all ciphertext waiting to be sent to {@code sink} (TCP's write) in one call; returns its length. */
    public <E extends Exception> int drainCiphertext(ByteSink<E> sink) throws E {
        return drain(netOut, sink);
    }

    private static <E extends Exception> int drain(ByteBuffer queue, ByteSink<E> sink) throws E {
        int n = queue.position();
        if (n == 0) {
            return 0;
        }
        try {
            sink.accept(queue.array(), queue.arrayOffset(), n);
        } finally {
            queue.clear();
        }
        return n;
    }

    public boolean isHandshakeComplete() {
        return handshakeComplete;
    }

    /** Protocol, cipher suite and server certificate, once the handshake is complete. */
    public Optional<TlsSessionInfo> sessionInfo() {
        return Optional.ofNullable(sessionInfo);
    }

    /** The server ended its side with a close_notify: everything it sent arrived. */
    public boolean isCloseNotifyReceived() {
        return closeNotifyReceived;
    }

    /** TCP ended (after the handshake) without a close_notify: the server's data may have been cut short. */
    public boolean isTruncated() {
        return truncated;
    }

    /** No more plaintext will come (close_notify or TCP FIN) and all of it has been drained. */
    public boolean isReceiveFinished() {
        return (closeNotifyReceived || endOfStream) && appIn.position() == 0;
    }

    /** Ciphertext is waiting for {@link #drainCiphertext}. */
    public boolean hasCiphertext() {
        return netOut.position() > 0;
    }

    /** Our close_notify has been produced (it may still wait in {@link #drainCiphertext}). */
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    /** The failure that ended this connection, if any. */
    public Optional<TlsException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Runs the engine until it can make no progress without more input from either side. */
    private void pump() throws TlsException {
        try {
            boolean progress = true;
            while (progress) {
                progress = switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> runDelegatedTasks();
                    case NEED_WRAP -> wrap();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrap();
                    case NOT_HANDSHAKING, FINISHED -> moveApplicationData();
                };
            }
        } catch (SSLException | RuntimeException e) {
            // RuntimeException too: whatever the peer sends, the caller sees a TlsException and nothing else.
            throw fail(e);
        }
    }

    private boolean moveApplicationData() throws SSLException {
        boolean progress = false;
        if (appOut.position() > 0 && !engine.isOutboundDone()) {
            progress = wrap();
        } else if (closeRequested && !closeOutboundCalled) {
            closeOutboundCalled = true;
            engine.closeOutbound();
            log.debug("queueing close_notify to {}", host);
            progress = true;
        } else if (closeOutboundCalled) {
            // The JDK's engine asks for the close_notify's wrap itself (NEED_WRAP); Conscrypt's holds it until
            // a wrap comes, and then says NOT_HANDSHAKING. Once it is out, this wrap produces nothing.
            progress = wrap();
        }
        if (netIn.position() > 0 && !engine.isInboundDone()) {
            progress |= unwrap();
        }
        return progress;
    }

    private boolean runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        return true;
    }

    private boolean wrap() throws SSLException {
        HandshakeStatus before = engine.getHandshakeStatus();
        appOut.flip();
        SSLEngineResult result;
        try {
            result = engine.wrap(appOut, netOut);
        } finally {
            appOut.compact();
        }
        trace("wrap", result);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            netOut = grow(netOut, engine.getSession().getPacketBufferSize());
            return true;
        }
        noteHandshakeFinished(result);
        return madeProgress(result, before);
    }

    private boolean unwrap() throws SSLException {
        if (netIn.position() == 0 || recordIncomplete()) {
            return false;
        }
        HandshakeStatus before = engine.getHandshakeStatus();
        // Room for a whole record's plaintext: an engine given less (Conscrypt) fills what there is and keeps the
        // rest to itself until it is called again, which only more input would do. On a connection that stays
        // open after the response, no more input comes, and the response's end would wait for ever.
        int room = handshakeComplete ? plaintextRoom : engine.getSession().getApplicationBufferSize();
        if (appIn.remaining() < room) {
            appIn = grow(appIn, room);
        }
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        trace("unwrap", result);
        switch (result.getStatus()) {
            case BUFFER_OVERFLOW -> {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                return true;
            }
            case BUFFER_UNDERFLOW -> {
                return false;
            }
            case CLOSED -> {
                if (engine.isInboundDone() && !closeNotifyReceived) {
                    closeNotifyReceived = true;
                    log.info("{} closed the TLS connection (close_notify)", host);
                }
            }
            case OK -> {
            }
        }
        noteHandshakeFinished(result);
        return madeProgress(result, before);
    }

    /**
     * The start of netIn is a well-formed TLS record header whose record has not fully arrived. Asking the engine
     * would only return BUFFER_UNDERFLOW, a result object per TCP segment; anything else (a whole record, or a
     * header the engine should judge) goes to the engine.
     */
    private boolean recordIncomplete() {
        int held = netIn.position();
        if (held < RECORD_HEADER_BYTES) {
            return true;
        }
        int type = netIn.get(0);
        boolean plausible = type >= CHANGE_CIPHER_SPEC && type <= APPLICATION_DATA && netIn.get(1) == 3;
        int length = ((netIn.get(3) & 0xff) << 8) | (netIn.get(4) & 0xff);
        int needed = RECORD_HEADER_BYTES + length;
        return plausible && held < needed && needed <= netIn.capacity();
    }

    private static boolean madeProgress(SSLEngineResult result, HandshakeStatus before) {
        return result.bytesConsumed() > 0 || result.bytesProduced() > 0 || result.getHandshakeStatus() != before;
    }

    /** netIn is full and still holds no complete record: allowed only up to the session's largest record. */
    private void makeRoomForLargerRecord() throws TlsException {
        int largest = engine.getSession().getPacketBufferSize();
        if (netIn.capacity() >= largest) {
            throw fail(new TlsException("the server sent a record larger than " + largest + " bytes"));
        }
        netIn = grow(netIn, largest - netIn.capacity());
    }

    private void noteHandshakeFinished(SSLEngineResult result) {
        if (result.getHandshakeStatus() != HandshakeStatus.FINISHED || handshakeComplete) {
            return;
        }
        handshakeComplete = true;
        SSLSession session = engine.getSession();
        plaintextRoom = session.getApplicationBufferSize();
        String subject = "(none)";
        String issuer = "(none)";
        try {
            Certificate[] peer = session.getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate x509) {
                subject = x509.getSubjectX500Principal().getName();
                issuer = x509.getIssuerX500Principal().getName();
            }
        } catch (SSLPeerUnverifiedException e) {
            // Certificate-less suites are not enabled; keep "(none)" rather than fail a finished handshake.
        }
        sessionInfo = new TlsSessionInfo(session.getProtocol(), session.getCipherSuite(), subject, issuer, !insecure);
        log.info("TLS with {}:{}: {}", host, port, sessionInfo);
    }

    private void trace(String operation, SSLEngineResult result) {
        if (handshakeComplete ? log.isTraceEnabled() : log.isDebugEnabled()) {
            String line = operation + ": " + result.getStatus() + ", " + result.bytesConsumed() + " bytes in, "
                    + result.bytesProduced() + " bytes out, handshake " + result.getHandshakeStatus();
            if (handshakeComplete) {
                log.trace(line);
            } else {
                log.debug(line);
            }
        }
    }

    private void throwIfFailed() throws TlsException {
        if (failure != null) {
            throw failure;
        }
    }

    /** Records the failure in one line, and lets the engine put the alert it owes the server into netOut. */
    private TlsException fail(Exception cause) {
        if (failure != null) {
            return failure;
        }
        failure = new TlsException(describe(cause), cause);
        log.debug("TLS with {}:{} failed", host, port, cause);
        try {
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                SSLEngineResult result = engine.wrap(NOTHING, netOut);
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                } else if (result.bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException | RuntimeException e) {
            // The alert is a courtesy; the failure to report is the one above.
        }
        return failure;
    }

    private String describe(Exception cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateRejected) {
                return t.getMessage();
            }
        }
        String reason = cause instanceof TlsException ? cause.getMessage() : FailureText.oneLine(cause);
        return (handshakeComplete ? "TLS connection to " : "handshake with ") + host + " failed: " + reason;
    }

    /** A copy of {@code buffer} (write mode) with room for at least {@code needed} more bytes. */
    private static ByteBuffer grow(ByteBuffer buffer, int needed) {
        int size = Math.max(buffer.capacity() * 2, buffer.position() + needed);
        ByteBuffer bigger = ByteBuffer.allocate(size);
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }
}
