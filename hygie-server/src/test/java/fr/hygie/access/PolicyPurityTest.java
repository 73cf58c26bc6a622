package fr.hygie.access;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The policy and its facts stay pure: no Spring, no SQL, no journal (style: ddd-by-examples/library). */
class PolicyPurityTest {

    @Test
    void thePolicyDependsOnNoFrameworkNorDatabase() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.hygie.access");
        noClasses().that().haveSimpleNameStartingWith("AccessPolicy").or().haveSimpleNameStartingWith("AccessRequest")
                .or().haveSimpleNameStartingWith("AccessDecision").or().haveSimpleNameStartingWith("HabilitationMatrix")
                .or().haveSimpleNameEndingWith("Facts").or().haveSimpleName("ReasonCode")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "fr.hygie.journal..",
                        "fr.hygie.access.internal..")
                .check(classes);
    }
}
