package rawhttpget;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv4.InternetChecksum;
import rawhttpget.link.PcapLink;
import rawhttpget.tcp.SegmentObserver;
import rawhttpget.time.SystemClock;
import rawhttpget.time.SystemSleeper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture of STYLE.md as executable rules: each layer depends only on layers below it. The application,
 * top down: cli → logging, download → exchange → runtime → report, with output, progress and failure below them;
 * the application sees the network through stack, tcp, http and tls (never arp or ethernet), and only runtime
 * touches the host and picks the link. Below: stack → tcp → ipv4 → arp → ethernet → link, and beside them
 * ndp → ipv6 (the IPv6 codecs and Neighbor Discovery, which only the stack uses). Pcap4J stays inside
 * PcapLink, and only the time package reads a clock or sleeps.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("rawhttpget");
    }

    private static void layerMayUseOnly(String layer, String... allowed) {
        String[] packages = new String[allowed.length + 3];
        packages[0] = "rawhttpget." + layer + "..";
        packages[1] = "java..";
        packages[2] = "org.slf4j..";
        for (int i = 0; i < allowed.length; i++) {
            packages[i + 3] = allowed[i];
        }
        classes().that().resideInAPackage("rawhttpget." + layer + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(packages)
                .check(classes);
    }

    @Test
    void leafPackagesDependOnNothingOfOurs() {
        layerMayUseOnly("inet");
        layerMayUseOnly("time");
        layerMayUseOnly("ethernet", "rawhttpget.inet..");
        layerMayUseOnly("http", "rawhttpget.inet..");
    }

    @Test
    void arpSitsOnEthernet() {
        layerMayUseOnly("arp", "rawhttpget.ethernet..", "rawhttpget.inet..");
    }

    @Test
    void ipv4SeesNoMacAddresses() {
        layerMayUseOnly("ipv4", "rawhttpget.inet..");
    }

    /**
     * IPv6 sees addresses and nothing else of ours but the Internet checksum, which it shares with IPv4 (one
     * definition of RFC 1071's sum, for every upper layer's checksum).
     */
    @Test
    void ipv6SeesNoMacAddresses() {
        classes().that().resideInAPackage("rawhttpget.ipv6..")
                .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("rawhttpget.ipv6..", "java..",
                        "rawhttpget.inet..").or(JavaClass.Predicates.belongToAnyOf(InternetChecksum.class)))
                .check(classes);
        noClasses().that().resideInAPackage("rawhttpget.ipv6..")
                .should().dependOnClassesThat().belongToAnyOf(MacAddress.class)
                .check(classes);
    }

    /** Neighbor Discovery sits on ICMPv6 as ARP sits on Ethernet: the counterpart of arp's rule. */
    @Test
    void ndpSitsOnIcmpv6AndEthernet() {
        layerMayUseOnly("ndp", "rawhttpget.ipv6..", "rawhttpget.ethernet..", "rawhttpget.inet..");
    }

    @Test
    void tcpSeesOnlyIpv4() {
        layerMayUseOnly("tcp", "rawhttpget.ipv4..", "rawhttpget.inet..");
    }

    @Test
    void stackKnowsEveryLayerButNotTheHostOrHttp() {
        layerMayUseOnly("stack", "rawhttpget.tcp..", "rawhttpget.ipv4..", "rawhttpget.arp..", "rawhttpget.ethernet..",
                "rawhttpget.inet..", "rawhttpget.link..", "rawhttpget.ipv6..", "rawhttpget.ndp..");
    }

    /** Neighbours are the stack's business: above it, a connection waits for its next hop and never sees ARP. */
    @Test
    void onlyTheStackUsesArp() {
        noClasses().that().resideOutsideOfPackages("rawhttpget.stack..", "rawhttpget.arp..")
                .should().dependOnClassesThat().resideInAPackage("rawhttpget.arp..")
                .check(classes);
    }

    /** Neighbours are the stack's business for IPv6 too. */
    @Test
    void onlyTheStackUsesNdp() {
        noClasses().that().resideOutsideOfPackages("rawhttpget.stack..", "rawhttpget.ndp..")
                .should().dependOnClassesThat().resideInAPackage("rawhttpget.ndp..")
                .check(classes);
    }

    @Test
    void hostTouchesTheMachineNotTheStack() {
        // time: waiting for a link to come up reads the caller's Clock and Sleeper, so tests run it in virtual time.
        layerMayUseOnly("host", "rawhttpget.inet..", "rawhttpget.time..", "com.sun.jna..");
    }

    /**
     * TLS is bytes in, bytes out over SSLEngine: nothing of ours, and of the JDK only its TLS and certificate
     * APIs (X500Principal is how a certificate names its subject), and Conscrypt, another provider of the same
     * SSLEngine API (NativeTls).
     */
    @Test
    void tlsSeesOnlyTheJdksTls() {
        layerMayUseOnly("tls", "javax.net.ssl..", "javax.security.auth.x500..", "org.conscrypt..");
    }

    /** The TrustManager interface names Socket in a signature; tls must never open, read or create one. */
    @Test
    void tlsTouchesNoSocketNorThread() {
        noClasses().that().resideInAPackage("rawhttpget.tls..")
                .should().accessClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                        "java.util.concurrent..")
                .orShould().accessClassesThat().belongToAnyOf(Thread.class)
                .check(classes);
    }

    @Test
    void onlyPcapLinkImportsPcap4j() {
        noClasses().that().haveNameNotMatching("rawhttpget\\.link\\.PcapLink(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("org.pcap4j..")
                .check(classes);
    }

    @Test
    void theStackNeverReadsAClockNorSleeps() {
        noClasses().that().resideInAnyPackage("rawhttpget.stack..", "rawhttpget.tcp..", "rawhttpget.ipv4..",
                        "rawhttpget.ipv6..", "rawhttpget.ndp..", "rawhttpget.arp..", "rawhttpget.ethernet..", "rawhttpget.http..", "rawhttpget.tls..")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .check(classes);
    }

    /** Above the stack, time is read and waited for only through rawhttpget.time (Clock, Sleeper). */
    @Test
    void onlyTheTimePackageReadsAClockOrSleeps() {
        noClasses().that().resideOutsideOfPackage("rawhttpget.time..")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .check(classes);
    }

    /**
     * The application runs over any Link and Clock: only runtime picks the real ones (cli's --version asks PcapLink
     * for libpcap's version, and opens nothing).
     */
    @Test
    void onlyRuntimePicksTheRealLinkAndClock() {
        noClasses().that().resideOutsideOfPackages("rawhttpget.runtime..", "rawhttpget.time..", "rawhttpget.link..")
                .should().dependOnClassesThat().belongToAnyOf(SystemClock.class, SystemSleeper.class)
                .check(classes);
        noClasses().that().resideOutsideOfPackages("rawhttpget.runtime..", "rawhttpget.link..", "rawhttpget.cli..")
                .should().dependOnClassesThat().belongToAnyOf(PcapLink.class)
                .check(classes);
    }

    // The application, top down.

    @Test
    void cliParsesAndHandsSettingsDown() {
        layerMayUseOnly("cli", "rawhttpget.download..", "rawhttpget.logging..", "rawhttpget.runtime..",
                "rawhttpget.failure..", "rawhttpget.link..",
                // CdsTraining encodes one log line so the class-data archive holds logback's encoder.
                "ch.qos.logback..");
    }

    @Test
    void loggingSetsUpLogbackOnly() {
        layerMayUseOnly("logging", "rawhttpget.failure..", "ch.qos.logback..");
    }

    /** Not the host: ports and firewall rules come through runtime.Network, so a test runs Downloader in memory. */
    @Test
    void downloadDecidesOverExchanges() {
        layerMayUseOnly("download", "rawhttpget.exchange..", "rawhttpget.runtime..", "rawhttpget.report..",
                "rawhttpget.output..",
                "rawhttpget.progress..", "rawhttpget.failure..", "rawhttpget.http..",
                "rawhttpget.inet..", "rawhttpget.time..");
    }

    @Test
    void exchangeRunsOneRequestOverATransport() {
        layerMayUseOnly("exchange", "rawhttpget.runtime..", "rawhttpget.report..", "rawhttpget.output..",
                "rawhttpget.failure..", "rawhttpget.http..", "rawhttpget.tls..", "rawhttpget.stack..", "rawhttpget.tcp..",
                "rawhttpget.inet..");
    }

    @Test
    void runtimeWiresHostLinkStackAndLoop() {
        layerMayUseOnly("runtime", "rawhttpget.report..", "rawhttpget.failure..", "rawhttpget.host..",
                "rawhttpget.link..", "rawhttpget.stack..", "rawhttpget.tcp..", "rawhttpget.ipv4..", "rawhttpget.ipv6..",
                "rawhttpget.inet..",
                "rawhttpget.time..", "sun.misc..",
                // The first URL's host, whose route picks the interface when -i names none.
                "rawhttpget.http..");
    }

    @Test
    void reportReadsTheStacksCounters() {
        layerMayUseOnly("report", "rawhttpget.stack..", "rawhttpget.tcp..", "rawhttpget.link..", "rawhttpget.inet..");
    }

    /**
     * --report and --events see segments only through tcp.SegmentObserver, which the stack calls when one is set:
     * the stack and TCP never know the report, and only the report implements the hook.
     */
    @Test
    void theReportSeesSegmentsOnlyThroughTheObserverHook() {
        noClasses().that().resideInAnyPackage("rawhttpget.stack..", "rawhttpget.tcp..")
                .should().dependOnClassesThat().resideInAPackage("rawhttpget.report..")
                .check(classes);
        classes().that().implement(SegmentObserver.class).should().resideInAPackage("rawhttpget.report..")
                .check(classes);
    }

    @Test
    void progressDrawsOverABodySink() {
        layerMayUseOnly("progress", "rawhttpget.output..", "rawhttpget.failure..", "rawhttpget.time..");
    }

    @Test
    void outputWritesFilesAndStandardOutput() {
        layerMayUseOnly("output", "rawhttpget.failure..");
    }

    @Test
    void failureIsTheBottomOfTheApplication() {
        layerMayUseOnly("failure");
    }

    /**
     * The application asks the stack for connections; neighbours are the stack's business. (A MAC address is an
     * address like any other: inet.MacAddress, which --mac names and the stack is built with.)
     */
    @Test
    void noArpNorEthernetAboveTheStack() {
        noClasses().that().resideInAnyPackage("rawhttpget.cli..", "rawhttpget.download..", "rawhttpget.exchange..",
                        "rawhttpget.output..", "rawhttpget.progress..", "rawhttpget.logging..", "rawhttpget.report..",
                        "rawhttpget.runtime..", "rawhttpget.failure..")
                .should().dependOnClassesThat().resideInAnyPackage("rawhttpget.arp..", "rawhttpget.ethernet..")
                .check(classes);
    }
}
