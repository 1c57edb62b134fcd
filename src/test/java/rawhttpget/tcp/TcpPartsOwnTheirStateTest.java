package rawhttpget.tcp;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The parts of a connection (connection, receiver, sender and its send path, writer, timers, recovery) keep
 * their state to themselves: another part changes it only by calling a method, so each rule lives where its
 * state does. Two kinds of class are plain data on purpose and exempt: {@link TcpStats}, counters every part
 * increments and the reports read, and {@link TcpOptions}, the parsed or to-be-emitted options of one segment.
 */
class TcpPartsOwnTheirStateTest {
    private static final Set<String> PLAIN_DATA = Set.of(TcpStats.class.getName(), TcpOptions.class.getName());
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("rawhttpget.tcp");
    }

    /** The class a (possibly nested) class belongs to, so a nested class may touch its enclosing class's fields. */
    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    private static final DescribedPredicate<JavaFieldAccess> TO_ANOTHER_PARTS_FIELD =
            DescribedPredicate.describe("a field of another class of rawhttpget.tcp (plain data excepted)", access -> {
                JavaClass target = access.getTargetOwner();
                return target.getPackageName().equals("rawhttpget.tcp")
                        && !topLevel(target).equals(topLevel(access.getOriginOwner()))
                        && !PLAIN_DATA.contains(topLevel(target).getName());
            });

    @Test
    void noPartWritesAnotherPartsFields() {
        noClasses().that().resideInAPackage("rawhttpget.tcp")
                .should().setFieldWhere(TO_ANOTHER_PARTS_FIELD)
                .check(classes);
    }

    @Test
    void noPartReadsAnotherPartsChangingFields() {
        noClasses().that().resideInAPackage("rawhttpget.tcp")
                .should().getFieldWhere(TO_ANOTHER_PARTS_FIELD.and(DescribedPredicate.describe("not final",
                        access -> access.getTarget().resolveMember()
                                .map(f -> !f.getModifiers().contains(JavaModifier.FINAL)).orElse(true))))
                .check(classes);
    }
}
