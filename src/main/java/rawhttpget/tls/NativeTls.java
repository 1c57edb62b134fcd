package rawhttpget.tls;

import java.security.Provider;
import java.util.Optional;
import org.conscrypt.Conscrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS engine's provider: Conscrypt (BoringSSL) where its native library loads, else the JDK's own. Why:
 * the JDK 17 engine's AES-GCM is fast only in C2-compiled code, through intrinsics that C2 uses only where it
 * compiles their callers, which run once per TLS record; as a program is run (java -jar, tiered compilation,
 * two CPUs shared with the transfer) C2 gets there seconds into a download, and until then GHASH and AES-CTR
 * run as bytecode. BoringSSL's are native from the first record. Certificates are still checked by our trust
 * manager over the JDK's PKIX validator, with the same host name check, whichever engine runs.
 * {@code -Drawhttpget.tls.engine=jdk} keeps the JDK's engine.
 */
final class NativeTls {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.tls");
    static final String ENGINE_PROPERTY = "rawhttpget.tls.engine";

    private NativeTls() {
    }

    /** Conscrypt's provider, or empty when the property asks for the JDK or the native library cannot load. */
    static Optional<Provider> provider() {
        if ("jdk".equals(System.getProperty(ENGINE_PROPERTY))) {
            return Optional.empty();
        }
        try {
            Conscrypt.checkAvailability();
            return Optional.of(Conscrypt.newProviderBuilder().setName("Conscrypt").build());
        } catch (LinkageError | RuntimeException e) {
            // No native library for this machine (another CPU, an old libc): the JDK's engine does the same work.
            log.debug("Conscrypt unavailable: {}", e.toString());
        }
        return Optional.empty();
    }
}
