package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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

    private Path scratch;
    private Path docroot;
    private Path tlsDir;
    private TestNetwork net;
    private Path work;
    private String fileSha256;

    @BeforeAll
    void startNetwork() throws Exception {
        Rawhttpget.jar();
        scratch = Files.createDirectories(Repo.root().resolve("target/e2e"));
        docroot = Files.createTempDirectory(scratch, "https-docroot-");
        tlsDir = Files.createTempDirectory(scratch, "https-certs-");
        fileSha256 = Sha256.of(TestFiles.random(docroot.resolve("file.bin"), SIZE, 7));
        TestNetwork.makeTestCertificate(tlsDir);
        net = TestNetwork.upWithHttps(docroot, tlsDir);
    }

    @AfterAll
    void removeNetwork() throws Exception {
        try {
            if (net != null) {
                net.close();
                assertThat(TestNetwork.namespacesOf(net.prefix())).as("namespaces left by %s", net.prefix()).isEmpty();
            }
        } finally {
            for (Path dir : new Path[] {docroot, tlsDir}) {
                if (dir != null) {
                    TestFiles.deleteTree(dir);
                }
            }
        }
    }

    @BeforeEach
    void makeWorkDirectory() throws IOException {
        work = Files.createTempDirectory(scratch, "https-work-");
    }

    @AfterEach
    void removeWorkDirectory() throws IOException {
        TestFiles.deleteTree(work);
    }

    private CommandResult onLink(String... args) throws Exception {
        return run(net.onLinkInterface(), args);
    }

    private CommandResult run(String iface, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-i", iface));
        all.addAll(Arrays.asList(args));
        return Rawhttpget.run(net, work, all.toArray(String[]::new));
    }

    private String ca() {
        return tlsDir.resolve("ca.pem").toString();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> listing = Files.list(work)) {
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
        assertThat(Sha256.of(work.resolve("file.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void continuesAPartialFileOverTls() throws Exception {
        Files.write(work.resolve("file.bin.part"), Arrays.copyOf(Files.readAllBytes(docroot.resolve("file.bin")), 700_000));

        CommandResult r = onLink("-q", "-c", "--ca-certificate", ca(), "https://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(files()).containsExactly("file.bin");
        assertThat(Sha256.of(work.resolve("file.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void refusesACertificateFromAnUnknownCaWithExitFive() throws Exception {
        CommandResult r = onLink("https://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(5);
        assertThat(r.stderr()).isEqualTo("rawhttpget: certificate for files.test is not trusted: PKIX path building"
                + " failed: unable to find valid certification path to requested target\n");
        assertThat(files()).isEmpty();
    }

    @Test
    void refusesACertificateForAnotherNameWithExitFive() throws Exception {
        CommandResult r = run(net.routedInterface(), "--ca-certificate", ca(), "https://routed.files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(5);
        assertThat(r.stderr()).isEqualTo(
                "rawhttpget: host name routed.files.test does not match the certificate (files.test, 198.18.1.1)\n");
        assertThat(files()).isEmpty();
    }

    @Test
    void noCheckCertificateDownloadsAnywayWithAWarning() throws Exception {
        CommandResult r = run(net.routedInterface(), "--progress=none", "--no-check-certificate",
                "https://routed.files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).isEqualTo("WARNING: --no-check-certificate: servers' certificates and host names are not"
                + " checked; anyone on the path can read and change what is downloaded.\n"
                + "'file.bin' saved [1500000/1500000]\n");
        assertThat(Sha256.of(work.resolve("file.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void followsARedirectFromHttpToHttps() throws Exception {
        CommandResult r = onLink("--progress=none", "--ca-certificate", ca(),
                "http://files.test/redirect/to-https/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).isEqualTo("Location: https://files.test/file.bin [following]\n"
                + "'file.bin' saved [1500000/1500000]\n");
        assertThat(Sha256.of(work.resolve("file.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void followsARedirectFromHttpsToHttp() throws Exception {
        CommandResult r = onLink("--progress=none", "--ca-certificate", ca(),
                "https://files.test/redirect/to-http/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).isEqualTo("Location: http://files.test/file.bin [following]\n"
                + "'file.bin' saved [1500000/1500000]\n");
        assertThat(Sha256.of(work.resolve("file.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void aRedirectToHttpsIsCheckedLikeAnyHttpsUrl() throws Exception {
        CommandResult r = onLink("--progress=none", "http://files.test/redirect/to-https/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(5);
        assertThat(r.stderr()).isEqualTo("Location: https://files.test/file.bin [following]\n"
                + "rawhttpget: certificate for files.test is not trusted: PKIX path building failed: unable to find"
                + " valid certification path to requested target\n");
        assertThat(files()).isEmpty();
    }
}
