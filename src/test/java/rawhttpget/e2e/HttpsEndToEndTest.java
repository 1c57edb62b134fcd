package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * https:// end to end: TLS over the userspace TCP connection to nginx on port 443, with a certificate for
 * files.test and 198.18.1.1 signed by a CA this test makes (scripts/make-test-cert.sh). Trusted with
 * --ca-certificate; refused without it (exit 5); refused for a name it lacks (routed.files.test reaches the same
 * server); accepted anyway with --no-check-certificate and its warning; redirects between http and https.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsEndToEndTest {
    private static final long SIZE = 1_500_000;

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetworkWithHttps("https",
            docroot -> TestFiles.random(docroot.resolve("file.bin"), SIZE, 7));

    private String fileSha256;

    @BeforeAll
    void hashTheFile() throws Exception {
        fileSha256 = Sha256.of(fixture.docroot().resolve("file.bin"));
    }

    private CommandResult onLink(String... args) throws Exception {
        return run(fixture.net().onLinkInterface(), args);
    }

    private CommandResult run(String iface, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-i", iface));
        all.addAll(Arrays.asList(args));
        return Rawhttpget.run(fixture.net(), fixture.work(), all.toArray(String[]::new));
    }

    private String ca() {
        return fixture.tlsDirectory().resolve("ca.pem").toString();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> listing = Files.list(fixture.work())) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://files.test/file.bin", "https://198.18.1.1/file.bin",
            "https://files.test/chunked/file.bin"})
    void downloadsOverTlsWhenTheCaIsTrusted(String url) throws Exception {
        CommandResult r = onLink("-q", "--ca-certificate", ca(), url);

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(files()).containsExactly("file.bin");
        assertThat(Sha256.of(fixture.work().resolve("file.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void continuesAPartialFileOverTls() throws Exception {
        Files.write(fixture.work().resolve("file.bin.part"),
                Arrays.copyOf(Files.readAllBytes(fixture.docroot().resolve("file.bin")), 700_000));

        CommandResult r = onLink("-q", "-c", "--ca-certificate", ca(), "https://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(files()).containsExactly("file.bin");
        assertThat(Sha256.of(fixture.work().resolve("file.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void refusesACertificateFromAnUnknownCaWithExitFive() throws Exception {
        CommandResult r = onLink("https://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(5);
        assertThat(r.stderr()).startsWith("--").endsWith("|198.18.1.1|:443... connected.\n"
                + "rawhttpget: certificate for files.test is not trusted: PKIX path building"
                + " failed: unable to find valid certification path to requested target\n");
        assertThat(files()).isEmpty();
    }

    @Test
    void refusesACertificateForAnotherNameWithExitFive() throws Exception {
        CommandResult r = run(fixture.net().routedInterface(), "--ca-certificate", ca(),
                "https://routed.files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(5);
        assertThat(r.stderr()).startsWith("--").endsWith("|:443... connected.\n"
                + "rawhttpget: host name routed.files.test does not match the certificate (files.test, 198.18.1.1)\n");
        assertThat(files()).isEmpty();
    }

    @Test
    void noCheckCertificateDownloadsAnywayWithAWarning() throws Exception {
        CommandResult r = run(fixture.net().routedInterface(), "--progress=none", "--no-check-certificate",
                "https://routed.files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).startsWith("WARNING: --no-check-certificate: servers' certificates and host names are not"
                + " checked; anyone on the path can read and change what is downloaded.\n--")
                .containsPattern(WgetLines.saved("file.bin", "1500000/1500000") + "$");
        assertThat(Sha256.of(fixture.work().resolve("file.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void followsARedirectFromHttpToHttps() throws Exception {
        CommandResult r = onLink("--progress=none", "--ca-certificate", ca(),
                "http://files.test/redirect/to-https/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).contains("Location: https://files.test/file.bin [following]\n")
                .containsPattern(WgetLines.saved("file.bin", "1500000/1500000") + "$");
        assertThat(Sha256.of(fixture.work().resolve("file.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void followsARedirectFromHttpsToHttp() throws Exception {
        CommandResult r = onLink("--progress=none", "--ca-certificate", ca(),
                "https://files.test/redirect/to-http/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).contains("Location: http://files.test/file.bin [following]\n")
                .containsPattern(WgetLines.saved("file.bin", "1500000/1500000") + "$");
        assertThat(Sha256.of(fixture.work().resolve("file.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void aRedirectToHttpsIsCheckedLikeAnyHttpsUrl() throws Exception {
        CommandResult r = onLink("--progress=none", "http://files.test/redirect/to-https/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(5);
        assertThat(r.stderr()).contains("Location: https://files.test/file.bin [following]\n")
                .endsWith("|198.18.1.1|:443... connected.\n"
                + "rawhttpget: certificate for files.test is not trusted: PKIX path building failed: unable to find"
                + " valid certification path to requested target\n");
        assertThat(files()).isEmpty();
    }
}
