package rawhttpget;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture of STYLE.md as executable rules: each layer depends only on layers below it
 * (cli → http, tls, stack → tcp → ipv4 → arp → ethernet → link), Pcap4J stays inside PcapLink, and neither the
 * stack nor the pure http and tls layers read a clock or sleep.
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
        layerMayUseOnly("ethernet");
        layerMayUseOnly("http");
    }

    @Test
    void arpSitsOnEthernet() {
        layerMayUseOnly("arp", "rawhttpget.ethernet..", "rawhttpget.inet..");
    }

    @Test
    void ipv4SeesNoMacAddresses() {
        layerMayUseOnly("ipv4", "rawhttpget.inet..");
    }

    @Test
    void tcpSeesOnlyIpv4() {
        layerMayUseOnly("tcp", "rawhttpget.ipv4..", "rawhttpget.inet..");
    }

    @Test
    void stackKnowsEveryLayerButNotTheHostOrHttp() {
        layerMayUseOnly("stack", "rawhttpget.tcp..", "rawhttpget.ipv4..", "rawhttpget.arp..", "rawhttpget.ethernet..",
                "rawhttpget.inet..", "rawhttpget.link..");
    }

    @Test
    void hostTouchesTheMachineNotTheStack() {
        // time: waiting for a link to come up reads the caller's Clock and Sleeper, so tests run it in virtual time.
        layerMayUseOnly("host", "rawhttpget.inet..", "rawhttpget.time..", "com.sun.jna..");
    }

    /**
     * TLS is bytes in, bytes out over SSLEngine: nothing of ours, and of the JDK only its TLS and certificate
     * APIs (X500Principal is how a certificate names its subject).
     */
    @Test
    void tlsSeesOnlyTheJdksTls() {
        layerMayUseOnly("tls", "javax.net.ssl..", "javax.security.auth.x500..");
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
                        "rawhttpget.arp..", "rawhttpget.ethernet..", "rawhttpget.http..", "rawhttpget.tls..")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .check(classes);
    }
}
