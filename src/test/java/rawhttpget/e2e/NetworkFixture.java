package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The life of an e2e class's network, shared by every class that downloads from one. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetwork("wget", docroot -> ...);
 * }</pre>
 *
 * Before all tests (and before the class's own {@code @BeforeAll}): the jar must exist, a fresh docroot is made in
 * target/e2e and filled by the class, and the class's own network comes up (a namespace prefix no other class
 * has, so classes never share a network or collide). Before each test: an empty work directory, where the CLI
 * saves. After each: the work directory goes. After all (after the class's own {@code @AfterAll}, and also when
 * set-up or a test failed): the network goes down, none of its namespaces may be left, and the docroot goes.
 *
 * <p>Files live in target/, not /tmp: a JVM killed mid-run skips the after-callbacks (the network's shutdown hook
 * removes only the network), and then up to 200 MB are left where {@code make clean} finds them.
 */
final class NetworkFixture<N extends NamespaceNetwork>
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** Writes the files the server is to serve into the (empty) docroot, before the network comes up. */
    @FunctionalInterface
    interface DocrootWriter {
        void write(Path docroot) throws Exception;
    }

    @FunctionalInterface
    private interface Starter<N extends NamespaceNetwork> {
        N up(NetworkFixture<N> fixture) throws Exception;
    }

    /** Checked before anything is made: a failed assumption in it skips the class. */
    @FunctionalInterface
    private interface Precondition {
        void check() throws Exception;
    }

    private final String name;
    private final DocrootWriter files;
    private final Precondition precondition;
    private final Starter<N> starter;
    private Path scratch;
    private Path docroot;
    private Path tlsDirectory;
    private N net;
    private Path work;

    private NetworkFixture(String name, DocrootWriter files, Precondition precondition, Starter<N> starter) {
        this.name = name;
        this.files = files;
        this.precondition = precondition;
        this.starter = starter;
    }

    /** A {@link TestNetwork} serving the docroot; {@code name} starts the names of the class's directories. */
    static NetworkFixture<TestNetwork> testNetwork(String name, DocrootWriter files) {
        return new NetworkFixture<>(name, files, () -> {}, fixture -> TestNetwork.up(fixture.docroot));
    }

    /** A {@link TestNetwork} that also serves HTTPS with a fresh test certificate, its CA in {@link #tlsDirectory}. */
    static NetworkFixture<TestNetwork> testNetworkWithHttps(String name, DocrootWriter files) {
        return testNetworkWithHttps(name, files, new String[0]);
    }

    /** As {@link #testNetworkWithHttps(String, DocrootWriter)}, the certificate for {@code certificateNames}. */
    static NetworkFixture<TestNetwork> testNetworkWithHttps(String name, DocrootWriter files,
                                                           String... certificateNames) {
        return new NetworkFixture<>(name, files, () -> {}, fixture -> {
            fixture.tlsDirectory = Files.createTempDirectory(fixture.scratch, fixture.name + "-certs-");
            TestNetwork.makeTestCertificate(fixture.tlsDirectory, certificateNames);
            return TestNetwork.upWithHttps(fixture.docroot, fixture.tlsDirectory);
        });
    }

    /**
     * A {@link WanNetwork}. Where this machine has no WAN emulator the whole class is skipped, with a message
     * saying what to do, before any file is written.
     */
    static NetworkFixture<WanNetwork> wanNetwork(String name, DocrootWriter files) {
        Precondition anEmulator = () -> Assumptions.assumeFalse(WanNetwork.emulator().equals("none"),
                "WAN scenarios skipped: this kernel has no sch_netem (tc qdisc ... netem fails) and target/wanem is "
                        + "not built: run 'make wanem' (needs ../shared/tools/wanem.c)");
        return new NetworkFixture<>(name, files, anEmulator, fixture -> WanNetwork.up(fixture.docroot));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Rawhttpget.jar(); // fail the whole class at once, before any set-up, when there is nothing to test
        precondition.check();
        scratch = Files.createDirectories(Repo.root().resolve("target/e2e"));
        docroot = Files.createTempDirectory(scratch, name + "-docroot-");
        files.write(docroot);
        net = starter.up(this);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        work = Files.createTempDirectory(scratch, name + "-work-");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        TestFiles.deleteTree(work);
        work = null;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (net != null) {
                net.close();
                assertThat(TestNetwork.namespacesOf(net.prefix())).as("namespaces left by %s", net.prefix()).isEmpty();
            }
        } finally {
            try {
                TestFiles.deleteTree(docroot);
            } finally {
                TestFiles.deleteTree(tlsDirectory);
            }
        }
    }

    /** The class's network; up from the class's {@code @BeforeAll} on. */
    N net() {
        return net;
    }

    /** target/e2e: for the class's own scratch files (they are its to remove). */
    Path scratch() {
        return scratch;
    }

    /** Where the server's files are. */
    Path docroot() {
        return docroot;
    }

    /** The current test's own empty directory: the CLI's working directory, removed after the test. */
    Path work() {
        return work;
    }

    /** The directory of {@link #testNetworkWithHttps}'s certificates: ca.pem is what --ca-certificate takes. */
    Path tlsDirectory() {
        return tlsDirectory;
    }
}
