package rawhttpget.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads the certificates of a {@code --ca-certificate} file: one or more PEM blocks, text around them allowed. */
final class PemCertificates {
    /** Far above any real CA bundle (Debian's is about 200 KiB); stops a mistaken /dev/zero from eating the heap. */
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private PemCertificates() {
    }

    static List<X509Certificate> read(Path file) throws TlsException {
        String what = "CA certificate file " + file;
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new TlsException(what + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new TlsException(what + ": permission denied", e);
        } catch (IOException e) {
            throw new TlsException(what + ": cannot read it: " + FailureText.oneLine(e), e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new TlsException(what + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new TlsException(what + " holds no readable PEM certificate: " + FailureText.oneLine(e), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate c : parsed) {
            if (c instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsException(what + " holds no certificate");
        }
        return List.copyOf(certificates);
    }
}
