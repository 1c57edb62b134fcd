package rawhttpget.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rawhttpget.tls.Fixture.HOST;
import static rawhttpget.tls.Fixture.connect;
import static rawhttpget.tls.Fixture.pemFile;

/** --ca-certificate files: what is accepted, what each kind of bad file is told, and the trust that results. */
class TlsSettingsTest {
    @TempDir
    Path dir;

    @Test
    void pemWithSeveralCertificatesTrustsEachOfThem() throws Exception {
        TestPki.Issued other = TestPki.ca("some other CA");
        Path pem = pemFile(dir, "bundle.pem", TestPki.pem(other.certificate(), Fixture.CA.certificate()));
        TlsSettings settings = TlsSettings.withCaCertificates(pem);
        assertThat(settings.extraAnchors()).containsExactly(other.certificate(), Fixture.CA.certificate());
        assertThat(connect(HOST, settings).client.isHandshakeComplete()).isTrue();
    }

    @Test
    void textAroundThePemBlocksIsAllowed() throws Exception {
        // As `openssl x509 -text` writes it: a dump of the fields, then the PEM block.
        Path pem = pemFile(dir, "ca.txt", "Certificate:\n    Data:\n        Version: 3 (0x2)\n"
                + TestPki.pem(Fixture.CA.certificate()) + "trailing words\n");
        assertThat(connect(HOST, TlsSettings.withCaCertificates(pem)).client.isHandshakeComplete()).isTrue();
    }

    @Test
    void theJdkTrustStoreStaysTrustedBesideTheExtraAnchors() throws Exception {
        int jdk = TlsSettings.defaults().anchorCount();
        assertThat(jdk).as("the JDK trust store is not empty here").isPositive().isEqualTo(jdkAnchorCount());
        TlsSettings settings = Fixture.trusting(dir);
        assertThat(settings.extraAnchors()).hasSize(1);
        assertThat(settings.anchorCount()).isEqualTo(jdk + 1);
    }

    @Test
    void anAnchorThatDoesNotIssueTheServersCertificateDoesNotHelp() throws Exception {
        TestPki.Issued other = TestPki.ca("some other CA");
        TlsSettings settings = TlsSettings.withCaCertificates(pemFile(dir, "other.pem", TestPki.pem(other.certificate())));
        assertThatThrownBy(() -> connect(HOST, settings))
                .isInstanceOf(TlsException.class)
                .hasMessageStartingWith("certificate for files.test is not trusted: PKIX path building failed");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> TlsSettings.withCaCertificates(missing))
                .isInstanceOf(TlsException.class)
                .hasMessage("CA certificate file " + missing + ": no such file");
    }

    @Test
    void emptyFileHoldsNoCertificate() throws Exception {
        Path empty = pemFile(dir, "empty.pem", "");
        assertThatThrownBy(() -> TlsSettings.withCaCertificates(empty))
                .isInstanceOf(TlsException.class)
                .hasMessage("CA certificate file " + empty + " holds no certificate");
    }

    @Test
    void textWithoutAPemBlockIsRefused() throws Exception {
        Path junk = pemFile(dir, "junk.pem", "this is not a certificate\n");
        assertThatThrownBy(() -> TlsSettings.withCaCertificates(junk))
                .isInstanceOf(TlsException.class)
                .hasMessage("CA certificate file " + junk + " holds no readable PEM certificate: No certificate data found");
    }

    @Test
    void aPemBlockThatIsNotACertificateIsRefused() throws Exception {
        Path damaged = pemFile(dir, "damaged.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TlsSettings.withCaCertificates(damaged))
                .isInstanceOf(TlsException.class)
                .hasMessageStartingWith("CA certificate file " + damaged + " holds no readable PEM certificate: ")
                .message().doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aDirectoryIsNotAFile() {
        assertThatThrownBy(() -> TlsSettings.withCaCertificates(dir))
                .isInstanceOf(TlsException.class)
                .hasMessageStartingWith("CA certificate file " + dir + ": cannot read it: ");
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingItAll() throws Exception {
        Path huge = dir.resolve("huge.pem");
        try (var channel = java.nio.channels.FileChannel.open(huge, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[1]), PemCertificates.MAX_FILE_BYTES); // sparse
        }
        assertThat(Files.size(huge)).isEqualTo(PemCertificates.MAX_FILE_BYTES + 1L);
        assertThatThrownBy(() -> TlsSettings.withCaCertificates(huge))
                .isInstanceOf(TlsException.class)
                .hasMessage("CA certificate file " + huge + " is larger than 16777216 bytes");
    }

    @Test
    void insecureSettingsSayWhatTheyAre() throws Exception {
        assertThat(TlsSettings.insecure().isInsecure()).isTrue();
        assertThat(TlsSettings.insecure().anchorCount()).isZero();
        assertThat(TlsSettings.defaults().isInsecure()).isFalse();
        assertThat(TlsSettings.defaults().extraAnchors()).isEqualTo(List.of());
    }

    private static int jdkAnchorCount() throws Exception {
        javax.net.ssl.TrustManagerFactory f =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        f.init((java.security.KeyStore) null);
        return ((javax.net.ssl.X509TrustManager) f.getTrustManagers()[0]).getAcceptedIssuers().length;
    }

    /** The build runs these tests on both engines (pom.xml): this one proves which ran. */
    @Test
    void theEngineIsConscryptUnlessTheJdksIsAskedFor() throws Exception {
        String expected = "jdk".equals(System.getProperty(NativeTls.ENGINE_PROPERTY)) ? "SunJSSE" : "Conscrypt";
        assertThat(TlsSettings.insecure().context().getProvider().getName()).isEqualTo(expected);
    }
}
