package fr.hygie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Persons' rows are kept in memory (docs/adr/0005-persons-rows-kept-in-memory.md) on the ground that the application
 * never changes one: it only inserts, and a change by another process or an operator is announced by the table's
 * triggers. A change written in the application's code would be evicted only when its own announcement is heard
 * (milliseconds after its commit, not before the changing call returns): whoever adds one must first evict
 * synchronously (as access.internal.RelationshipCache does) and update this test and the ADR. Scans the main sources
 * (migrations apart: they run before the server serves, and the cache starts empty).
 */
class IdentityRowsAreOnlyInsertedTest {

    static final Pattern CHANGE = Pattern.compile(
            "(?is)\\b(UPDATE\\s+(ONLY\\s+)?identity\\.patient\\b|DELETE\\s+FROM\\s+(ONLY\\s+)?identity\\.patient\\b"
                    + "|TRUNCATE\\s+(TABLE\\s+)?(ONLY\\s+)?identity\\.patient\\b|MERGE\\s+INTO\\s+identity\\.patient\\b"
                    + "|INSERT\\s+INTO\\s+identity\\.patient\\s*\\([^;]*?DO\\s+UPDATE)");

    @Test
    void noMainSourceChangesOrDeletesAPersonsRow() throws IOException {
        Path main = Path.of("src/main");
        assertThat(main).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().replace('\\', '/').contains("/db/migration/"))
                    .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".sql") || f.toString().endsWith(".properties"))
                    .filter(f -> CHANGE.matcher(read(f)).find()).map(Path::toString).toList();
        }
        assertThat(offenders).as("a person's row changed by the application: evict it synchronously first (ADR 0005)").isEmpty();
    }

    @Test
    void thePatternCatchesTheChangesItIsMeantFor() {
        assertThat(CHANGE.matcher("jdbc.sql(\"UPDATE identity.patient SET used_name = :n WHERE id = :id\")").find()).isTrue();
        assertThat(CHANGE.matcher("\"DELETE FROM identity.patient WHERE id = :id\"").find()).isTrue();
        assertThat(CHANGE.matcher("INSERT INTO identity.patient (id, matricule) VALUES (:id, :m) ON CONFLICT (matricule) DO UPDATE SET")
                .find()).isTrue();
        assertThat(CHANGE.matcher("DELETE FROM identity.patient_identifier WHERE patient_id = :p").find()).isFalse();
        assertThat(CHANGE.matcher("INSERT INTO identity.patient (id) VALUES (:id) ON CONFLICT (matricule) DO NOTHING").find()).isFalse();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
