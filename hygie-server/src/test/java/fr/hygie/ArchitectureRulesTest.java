package fr.hygie;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The conventions that matter, checked on the production classes (module boundaries: {@link ModularityTest}). */
class ArchitectureRulesTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.hygie");

    @Test
    void theServerNeverPrintsToTheConsoleItLogs() {
        // hygie-synth's own command-line tool (a separate program) is the one exception.
        noClasses().that().resideOutsideOfPackage("fr.hygie.synth..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("the server logs through SLF4J without health data; subcommands print through platform.cli.Console")
                .check(MAIN);
    }

    @Test
    void noStackTraceIsPrinted() {
        noClasses().should().callMethod(Throwable.class, "printStackTrace")
                .because("errors are logged once, without health data").check(MAIN);
    }

    @Test
    void dependenciesAreInjectedThroughConstructorsOnly() {
        noFields().should().beAnnotatedWith(Autowired.class)
                .because("constructor injection with final fields makes dependencies explicit").check(MAIN);
    }

    @Test
    void webAdaptersHoldNoSql() {
        noClasses().that().resideInAPackage("fr.hygie.web..")
                .should().dependOnClassesThat().belongToAnyOf(JdbcClient.class, JdbcTemplate.class)
                .because("pages translate HTTP to module APIs; SQL lives with the module that owns the table")
                .check(MAIN);
    }

    @Test
    void onlyTheAccessStoreRunsSqlInTheAccessModuleSoEveryChangeEvictsTheKeptRelationshipFacts() {
        // Issue 13: the relationship facts are kept in memory between decisions; AccessStore reports each change
        // to the cache before the changing call returns. Another class writing access tables would be a stale
        // permission waiting to happen (the database triggers would still evict, but only asynchronously).
        noClasses().that().resideInAPackage("fr.hygie.access..")
                .and().doNotHaveFullyQualifiedName("fr.hygie.access.internal.AccessStore")
                .should().dependOnClassesThat().belongToAnyOf(JdbcClient.class, JdbcTemplate.class,
                        org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate.class)
                .because("AccessStore is the one writer of the access schema and evicts what each change makes stale")
                .check(MAIN);
    }

    @Test
    void theAccessPolicyIsTheOnlyPlaceThatDecidesOnHealthDataAndTheJournalIsAppendOnlyFromOutside() {
        noClasses().that().resideOutsideOfPackages("fr.hygie.access..", "fr.hygie.journal..")
                .should().dependOnClassesThat().haveFullyQualifiedName("fr.hygie.access.AccessPolicy")
                .because("modules ask AccessControl, which decides AND journals; calling the pure policy directly would skip the journal")
                .check(MAIN);
    }
}
