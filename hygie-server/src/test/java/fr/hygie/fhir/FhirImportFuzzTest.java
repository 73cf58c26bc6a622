package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.hygie.support.HygieIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Coverage-guided fuzzing (Jazzer) of the FHIR import ({@code ./hygie import}): whatever bytes arrive as
 * an NDJSON line or a Bundle file, {@link FhirImporter} answers with a clean rejection — a line in the
 * summary's {@code rejected} list — never an exception; and it never stores partial data: the rows added
 * are exactly what the summary counts as created (nothing for a rejected resource).
 *
 * <p>Finding (regression seed {@code bundle-with-empty-entries}): a Bundle whose entry has
 * {@code "resource": null} made HAPI's parser throw a NullPointerException out of the import; the file is
 * now rejected like any unreadable file. Finding (session 4, seed {@code not-utf8-line}, after 26 runs of the NDJSON
 * target): a line with a byte that is not UTF-8 made the reader throw MalformedInputException out of the whole import;
 * each line is now decoded on its own and such a line is rejected.
 *
 * <p>Every build replays the seeds under {@code src/test/resources/fr/hygie/fhir/FhirImportFuzzTestInputs/}
 * (regression mode); {@code JAZZER_FUZZ=1} fuzzes (docs/security.md, "How to run"). Each input runs in a
 * transaction that is rolled back, so the shared test database keeps its state.
 */
@HygieIntegrationTest
class FhirImportFuzzTest {

    /** Resource types that become lines of the medical profile (record.profile_item). */
    static final java.util.Set<String> PROFILE_TYPES = java.util.Set.of("Condition", "AllergyIntolerance", "MedicationStatement",
            "Immunization", "Observation");

    @Autowired
    FhirImporter importer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @FuzzTest(maxDuration = "5m")
    void anNdjsonLineIsImportedOrRejectedCleanlyAndNeverHalfStored(byte[] line) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-ndjson");
        try {
            Files.write(dir.resolve("Fuzz.ndjson"), line);
            importAndCheck(dir);
        } finally {
            Files.deleteIfExists(dir.resolve("Fuzz.ndjson"));
            Files.deleteIfExists(dir);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void aBundleFileIsImportedOrRejectedCleanlyAndNeverHalfStored(byte[] bundle) throws IOException {
        Path file = Files.createTempFile("fuzz-bundle", ".json");
        try {
            Files.write(file, bundle);
            importAndCheck(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void importAndCheck(Path path) {
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            long patients = count("identity.patient");
            long documents = count("record.document");
            long items = count("record.profile_item");
            List<String> rejected = new ArrayList<>();
            ImportSource source;
            try {
                // What ./hygie import reads: NDJSON streamed line by line, a Bundle file entry by entry.
                source = importer.open(path, rejected);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            FhirImporter.Summary s = importer.importAll(source, rejected, n -> { });
            assertThat(s.rejected()).as("every reading refusal is reported").containsAll(rejected);
            assertThat(s.total()).as("every resource read is created, already there or rejected")
                    .isGreaterThanOrEqualTo(source.size());
            assertThat(count("identity.patient") - patients).as("patients stored = patients created").isEqualTo(created(s, "Patient"));
            assertThat(count("record.document") - documents).as("documents stored = documents created")
                    .isEqualTo(created(s, "DocumentReference"));
            assertThat(count("record.profile_item") - items).as("profile lines stored = profile lines created")
                    .isEqualTo(s.created().entrySet().stream()
                            .filter(e -> PROFILE_TYPES.contains(e.getKey()))
                            .mapToLong(Map.Entry::getValue).sum());
            assertThat(s.rejected()).allSatisfy(reason -> assertThat(reason).doesNotContain("at fr.hygie.", "at ca.uhn."));
        });
    }

    private long created(FhirImporter.Summary s, String type) {
        return s.created().getOrDefault(type, 0L);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
