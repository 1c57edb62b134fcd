package rawhttpget.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One namespace test network made by {@code scripts/testnet.sh} (its header draws the layout), with the client
 * namespace's tools: run a command there, fetch with curl over the kernel's TCP, read the iptables rules.
 *
 * <pre>{@code
 * try (TestNetwork net = TestNetwork.up(docroot)) {
 *     CommandResult r = net.execInClient(workDir, Duration.ofSeconds(120), List.of("curl", ...));
 * }
 * }</pre>
 *
 * The constants repeat the script's address plan; {@code TestNetworkTest} fetches through each of them, so the
 * two cannot drift apart unnoticed.
 */
public final class TestNetwork implements NamespaceNetwork {
    public static final String CLIENT_ONLINK_IP = "198.18.1.2";
    public static final String CLIENT_ROUTED_IP = "198.18.2.2";
    public static final String ROUTER_IP = "198.18.2.1";
    public static final String SERVER_ONLINK_IP = "198.18.1.1";
    public static final String SERVER_ROUTED_IP = "198.18.3.1";
    /** Resolves to {@link #SERVER_ONLINK_IP} inside the client namespace. */
    public static final String SERVER_NAME = "files.test";
    /** Resolves to {@link #SERVER_ROUTED_IP} inside the client namespace. */
    public static final String SERVER_ROUTED_NAME = "routed.files.test";
    /** Unused addresses for own-address mode ({@code --ip}), on the on-link and on the routed segment. */
    public static final String OWN_ONLINK_CIDR = "198.18.1.50/24";
    public static final String OWN_ROUTED_CIDR = "198.18.2.50/24";
    /** nginx's second listener, serving the same as port 80. */
    public static final int SECOND_PORT = 8080;

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CURL_TIMEOUT = Duration.ofSeconds(120);

    private final NetworkScript script;
    private final String prefix;

    private TestNetwork(NetworkScript script) {
        this.script = script;
        this.prefix = script.prefix();
    }

    /** Builds a network whose nginx serves {@code docroot}; {@code testnet.sh up} has checked it with curl. */
    public static TestNetwork up(Path docroot) throws IOException, InterruptedException {
        return up(docroot, List.of());
    }

    /**
     * Like {@link #up(Path)}, and nginx also serves HTTPS on port 443 with {@code tlsDir}/server.pem, made by
     * {@link #makeTestCertificate}; {@code testnet.sh up} has checked it with curl --cacert {@code tlsDir}/ca.pem.
     */
    public static TestNetwork upWithHttps(Path docroot, Path tlsDir) throws IOException, InterruptedException {
        return up(docroot, List.of("env", "TESTNET_TLS_DIR=" + tlsDir.toAbsolutePath()));
    }

    private static TestNetwork up(Path docroot, List<String> environment) throws IOException, InterruptedException {
        return new TestNetwork(NetworkScript.up(Repo.testnetScript(), "rhg", SCRIPT_TIMEOUT, environment,
                List.of(docroot.toAbsolutePath().toString())));
    }

    /**
     * {@code scripts/make-test-cert.sh dir [names]}: a CA (dir/ca.pem, for --ca-certificate) and a server
     * certificate it signed (dir/server.pem, server.key); without names, for files.test and 198.18.1.1.
     */
    public static void makeTestCertificate(Path dir, String... names) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Repo.root().resolve("scripts/make-test-cert.sh").toString(),
                dir.toAbsolutePath().toString()));
        command.addAll(List.of(names));
        Command.check(command, SCRIPT_TIMEOUT);
    }

    @Override
    public String prefix() {
        return prefix;
    }

    public String clientNamespace() {
        return prefix + "-cli";
    }

    public String routerNamespace() {
        return prefix + "-rtr";
    }

    public String serverNamespace() {
        return prefix + "-srv";
    }

    /** The client's interface on the server's segment (198.18.1.0/24). */
    public String onLinkInterface() {
        return prefix + "c1";
    }

    /** The client's interface on the router's segment (198.18.2.0/24); the default route goes this way. */
    public String routedInterface() {
        return prefix + "c2";
    }

    /** Where the script keeps nginx's config, pid and logs (access.log and error.log help a failing test). */
    public Path stateDirectory() {
        return Path.of("/tmp/rawhttpget-testnet-" + prefix);
    }

    /** Runs {@code command} inside the client namespace, in {@code workDir}, killing it after {@code timeout}. */
    public CommandResult execInClient(Path workDir, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", clientNamespace()));
        full.addAll(command);
        return Command.run(full, workDir, timeout);
    }

    /**
     * SHA-256 of what curl downloads from {@code url}: the reference the userspace stack must match. Piped into
     * sha256sum in the namespace, so no copy of a 100 MB body is left behind if the JVM is killed meanwhile.
     * {@code curlOptions} go before the URL (e.g. {@code --cacert DIR/ca.pem}).
     */
    public String curlSha256(String url, String... curlOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-o", "pipefail", "-c",
                "curl -sS --fail --noproxy '*' \"${@:2}\" \"$1\" | sha256sum", "curl-sha256", url));
        command.addAll(List.of(curlOptions));
        CommandResult result = execInClient(Path.of("/"), CURL_TIMEOUT, command);
        if (!result.succeeded()) {
            throw new IllegalStateException("curl " + url + " failed\n" + result.describe());
        }
        return result.stdout().split("\\s+")[0];
    }

    /** The response headers curl receives for a GET of {@code url}, as one string. */
    public String curlHeaders(String url) throws IOException, InterruptedException {
        CommandResult result = execInClient(Path.of("/"), CURL_TIMEOUT,
                List.of("curl", "-sS", "--noproxy", "*", "-D", "-", "-o", "/dev/null", url));
        if (!result.succeeded()) {
            throw new IllegalStateException("curl " + url + " failed\n" + result.describe());
        }
        return result.stdout();
    }

    /** The client namespace's iptables rule set, normalised by {@link IptablesRules}, for before/after checks. */
    public String iptablesRules() throws IOException, InterruptedException {
        return IptablesRules.normalize(
                Command.check(List.of("ip", "netns", "exec", clientNamespace(), "iptables-save"), SCRIPT_TIMEOUT));
    }

    /**
     * Both listings of the client namespace, {@code iptables-save} and {@code nft list ruleset} (normalised by
     * {@link IptablesRules} and {@link NftRuleset}): whichever tool a run used, its rule must be gone after it.
     */
    public String firewallRules() throws IOException, InterruptedException {
        String nft = Command.check(List.of("ip", "netns", "exec", clientNamespace(), "nft", "list", "ruleset"),
                SCRIPT_TIMEOUT);
        return "# iptables-save\n" + iptablesRules() + "# nft list ruleset\n" + NftRuleset.normalize(nft);
    }

    /** Namespaces on this host that belong to the network with {@code prefix} (empty once it is down). */
    public static List<String> namespacesOf(String prefix) throws IOException, InterruptedException {
        return Arrays.stream(Command.check(List.of("ip", "netns", "list"), SCRIPT_TIMEOUT).split("\n"))
                .map(line -> line.split("\\s+")[0])
                .filter(name -> name.startsWith(prefix + "-"))
                .toList();
    }

    /** Removes the network ({@code testnet.sh down}, see {@link NetworkScript#close}); safe to call more than once. */
    @Override
    public void close() throws IOException {
        script.close();
    }
}
