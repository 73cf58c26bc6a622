package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.SearchCriteria;
import fr.hygie.appointments.SearchResult;
import fr.hygie.identity.Patient;
import fr.hygie.identity.Patients;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.territory.EnvironmentData;
import fr.hygie.territory.ImportReport;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Coverage-guided fuzzing (Jazzer) of the other inputs that come from outside:
 * <ul>
 * <li>the environment dataset CSV import (territory): any bytes give a report, never an exception; the
 * import is all-or-nothing (a refused file stores no value and no import record, an accepted one exactly
 * its values); errors name a line inside the file;</li>
 * <li>search parameters: the public directory search and the search of a person by INS traits never
 * throw on any text, answer at most the limit asked, and only within the radius asked.</li>
 * </ul>
 * Every build replays the seeds under {@code src/test/resources/fr/hygie/security/TerritoryAndSearchFuzzTestInputs/}
 * (regression mode); {@code JAZZER_FUZZ=1} fuzzes (docs/security.md, "How to run"). Writes are rolled back.
 */
@HygieIntegrationTest
class TerritoryAndSearchFuzzTest {

    @Autowired
    EnvironmentData environment;

    @Autowired
    Directory directory;

    @Autowired
    Patients patients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @FuzzTest(maxDuration = "5m")
    void anEnvironmentCsvIsStoredWholeOrNotAtAll(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            long imports = count("territory.environment_import");
            ImportReport report = environment.importCsv("fuzz.csv", new StringReader(text), "fuzz");
            long lines = text.lines().count();
            if (report.imported()) {
                assertThat(report.errors()).isEmpty();
                assertThat(report.values()).isPositive();
                assertThat(count("territory.environment_import")).isEqualTo(imports + 1);
            } else {
                assertThat(report.errors()).as("a refused file says why").isNotEmpty();
                assertThat(report.values()).isZero();
                assertThat(count("territory.environment_import")).as("a refused file stores nothing").isEqualTo(imports);
                assertThat(report.errors()).allSatisfy(e -> assertThat(e.line()).isBetween(1, (int) Math.max(1, lines + 1)));
            }
        });
    }

    @FuzzTest(maxDuration = "5m")
    void aDirectorySearchAnswersWithinItsLimitAndRadiusWhateverItIsGiven(FuzzedDataProvider data) {
        int radius = data.consumeInt(-5, 500);
        int limit = data.consumeInt(-5, 500);
        SearchCriteria c = new SearchCriteria(data.consumeString(12), data.consumeString(12), data.consumeString(60), radius,
                data.consumeBoolean() ? LocalDate.of(2026, 1, 1).plusDays(data.consumeInt(0, 3000)) : null, data.consumeBoolean(),
                data.consumeBoolean(), data.consumeBoolean(), data.consumeBoolean(), data.consumeBoolean(), data.consumeString(5),
                data.consumeBoolean() ? SearchCriteria.Order.EARLIEST : SearchCriteria.Order.DISTANCE, limit);
        SearchResult r = directory.search(c, Instant.parse("2026-11-29T10:00:00Z"));
        assertThat(r.hits()).hasSizeLessThanOrEqualTo(c.limit());
        if (!r.placeFound()) {
            assertThat(r.hits()).isEmpty();
            assertThat(r.placeProblem()).isNotBlank();
        }
        assertThat(r.hits()).allSatisfy(h -> assertThat(h.distanceKm()).isLessThanOrEqualTo(c.radiusKm() + 0.001));
        if (c.professionCode() != null) {
            assertThat(r.hits()).allSatisfy(h -> assertThat(h.offer().professionCode()).isEqualTo(c.professionCode()));
        }
    }

    // 10 minutes: the length of its first long run (session 5, docs/security.md "How to run").
    @FuzzTest(maxDuration = "10m")
    void aSearchByInsTraitsAnswersWithinItsLimitWhateverItIsGiven(FuzzedDataProvider data) {
        int limit = data.consumeInt(1, 50);
        LocalDate birth = LocalDate.of(1900, 1, 1).plusDays(data.consumeInt(0, 50_000));
        List<Patient> found = patients.searchByTraits(data.consumeString(40), data.consumeRemainingAsString(), birth, limit);
        assertThat(found).hasSizeLessThanOrEqualTo(limit).allSatisfy(p -> assertThat(p.birthDate()).isEqualTo(birth));
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
