package rawhttpget.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The http layer turns URLs into bytes and bytes into callbacks, nothing more: no sockets, files, clocks, threads
 * or other layers of the stack. Checked on the compiled classes so that it holds without anyone remembering it.
 */
@AnalyzeClasses(packages = "rawhttpget.http", importOptions = ImportOption.DoNotIncludeTests.class)
class HttpLayerIsPureTest {

    @ArchTest
    static final ArchRule dependsOnlyOnTheJdkBasicsAndSlf4j = classes()
            .that().resideInAPackage("rawhttpget.http..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("rawhttpget.http..", "rawhttpget.inet..", "java.lang..", "java.util..", "java.nio.charset..", "org.slf4j..");

    @ArchTest
    static final ArchRule usesNoThreadsOrConcurrency = noClasses()
            .that().resideInAPackage("rawhttpget.http..")
            .should().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
            .orShould().dependOnClassesThat().areAssignableTo(Thread.class);

    @ArchTest
    static final ArchRule readsNoClock = noClasses()
            .that().resideInAPackage("rawhttpget.http..")
            .should().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "currentTimeMillis");

    @ArchTest
    static final ArchRule keepsNoStaticMutableState = fields()
            .that().areDeclaredInClassesThat().resideInAPackage("rawhttpget.http..")
            .and().areStatic()
            .should().beFinal();
}
