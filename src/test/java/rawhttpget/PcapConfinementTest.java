package rawhttpget;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** libpcap stays behind one class; the host package touches the host through the JDK and JNA only. */
class PcapConfinementTest {
    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("rawhttpget");

    @Test
    void onlyPcapLinkUsesPcap4jCore() {
        noClasses().that().doNotHaveFullyQualifiedName("rawhttpget.link.PcapLink")
                .should().dependOnClassesThat().resideInAPackage("org.pcap4j.core..")
                .because("PcapLink is the one place that knows libpcap")
                .check(main);
    }

    @Test
    void theHostPackageDoesNotUsePcap4j() {
        noClasses().that().resideInAPackage("rawhttpget.host..")
                .should().dependOnClassesThat().resideInAPackage("org.pcap4j..")
                .check(main);
    }
}
