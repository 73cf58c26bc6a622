package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup in progress while the server restarts and documents are erased, end to end with the packaged jar:
 * {@code ./hygie backup} is held between its database snapshot and its copy of the document store by its documented
 * drill hook ({@code HYGIE_BACKUP_HOLD_WHILE=FILE}, docs/security.md "Backup and restore"); meanwhile the person erases
 * a document on the running server, the server restarts (its start-up orphan sweep meets the erased blob and the
 * backup's pause of erasures) and she erases a second one on the new server. Both blobs must stay while the backup
 * holds its pause (the backup copies them: its snapshot predates both erasures); once the backup ends, the running
 * server completes both erasures by itself (no restart); the backup restores into a fresh home a service that serves
 * the three documents as the snapshot saw them, whose journal verifies.
 *
 * <p>The embedded PostgreSQL changes hands twice on the way (platform.database.EmbeddedPostgresServer): the first
 * server, which started it, stops while the backup is attached to it (the backup inherits it), the second server
 * attaches to the backup's and inherits it when the backup ends — and must keep serving.
 *
 * <p>Runs in {@code mvn verify} (failsafe, after {@code package}): three server starts, a backup, a restore, a
 * {@code journal verify}.
 */
class BackupDuringServerRestartIT {

    private static final Duration STEP = Duration.ofMinutes(4);
    /**
     * What this test does not need from a server, to spend its time on what it proves: the FHIR validator's warm-up (a
     * background thread loading every structure definition, 5 to 60 s of CPU on this machine; no FHIR call here), and
     * the 5 s between two checks of the deferred erasures (the test waits for the check that follows the backup's end).
     */
    private static final Map<String, String> FAST = Map.of("HYGIE_FHIR_VALIDATOR_WARM_UP", "false",
            "HYGIE_STORAGE_ERASURE_CHECK_INTERVAL", "PT0.5S");

    @TempDir
    Path temp;

    @Test
    void aServerRestartedAndErasingDuringABackupKeepsWhatTheBackupCopiesAndCompletesTheErasuresAfterIt() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path hold = Files.createFile(temp.resolve("hold-backup"));
        Path backupDir = temp.resolve("backup");
        Map<UUID, String> contents = new java.util.LinkedHashMap<>();
        String patient;
        UUID erasedBeforeRestart;
        UUID erasedAfterRestart;
        UUID kept;
        ServerProcess.Background backup;
        try (ServerProcess first = ServerProcess.start(home, "backup-first", FAST)) {
            patient = first.patientIdOf("patient");
            WebSession marie = new WebSession(first.port()).loggedInAs("patient");
            erasedBeforeRestart = add(first, marie, patient, "Effacé avant le redémarrage", contents);
            erasedAfterRestart = add(first, marie, patient, "Effacé après le redémarrage", contents);
            kept = add(first, marie, patient, "Gardé", contents);

            backup = ServerProcess.background(home, "backup-held", Map.of("HYGIE_BACKUP_HOLD_WHILE", hold.toString()),
                    "backup", "--out", backupDir.toString());
            backup.awaitOutput("Sauvegarde en attente", STEP);
            assertThat(pauseMarkers(home)).as("the backup's pause of erasures").hasSize(1);

            erase(marie, erasedBeforeRestart);
            assertThat(blob(home, erasedBeforeRestart)).as("erased after the snapshot: its blob waits for the backup").exists();
            assertThat(deferredErasures(first)).as("the deferred erasure, recorded in the database").containsExactly(erasedBeforeRestart);
            first.stop();
        }
        try (backup; ServerProcess second = ServerProcess.start(home, "backup-second", FAST)) {
            assertThat(pauseMarkers(home)).as("a start never ends the pause of a live backup").hasSize(1);
            assertThat(blob(home, erasedBeforeRestart)).as("the start-up sweep keeps an orphan the backup may copy").exists();
            assertThat(deferredErasures(second)).as("the first server's deferred erasure, still recorded after its stop")
                    .contains(erasedBeforeRestart);
            WebSession marie = new WebSession(second.port()).loggedInAs("patient");
            erase(marie, erasedAfterRestart);
            assertThat(blob(home, erasedAfterRestart)).as("erased on the restarted server during the backup").exists();
            assertThat(marie.get("/dossier/documents/" + erasedAfterRestart + "/contenu").statusCode())
                    .as("erased for the service at once").isEqualTo(404);

            Files.delete(hold);
            int exit = backup.awaitExit(STEP);
            assertThat(exit).as(backup.output()).isZero();
            assertThat(backup.output()).contains("Sauvegarde terminée");

            // The erasures complete once the backup's pause is over, on the running server (checked every 5 s).
            long deadline = System.nanoTime() + STEP.toNanos();
            while ((Files.exists(blob(home, erasedBeforeRestart)) || Files.exists(blob(home, erasedAfterRestart)))
                    && System.nanoTime() < deadline) {
                ServerProcess.sleep(500);
            }
            assertThat(blob(home, erasedBeforeRestart)).as("erasure completed after the backup (swept orphan)").doesNotExist();
            assertThat(blob(home, erasedAfterRestart)).as("erasure completed after the backup").doesNotExist();
            assertThat(pauseMarkers(home)).isEmpty();
            assertThat(deferredErasures(second)).as("every deferred erasure carried out and forgotten").isEmpty();
            assertThat(content(marie, kept)).as("the server keeps its database when the backup that held it ends")
                    .isEqualTo(contents.get(kept));
            second.stop();
        }

        Path restored = Files.createDirectories(temp.resolve("restored"));
        ServerProcess.Result restore = ServerProcess.command(restored, "restore", backupDir.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        try (ServerProcess third = ServerProcess.start(restored, "backup-restored", FAST)) {
            WebSession marie = new WebSession(third.port()).loggedInAs("patient");
            for (Map.Entry<UUID, String> doc : contents.entrySet()) {
                assertThat(content(marie, doc.getKey())).as("document %s as the snapshot saw it", doc.getKey()).isEqualTo(doc.getValue());
            }
            assertThat(rowsWithoutBlob(third)).as("documents of the restored home whose ciphertext is missing").isEmpty();
            ServerProcess.Result verify = ServerProcess.command(restored, "journal", "verify");
            assertThat(verify.exitCode()).as(verify.output()).isZero();
        }
    }

    /** Adds a text document to her record as herself; returns its id (the one new row). */
    private static UUID add(ServerProcess server, WebSession web, String patient, String title, Map<UUID, String> contents)
            throws SQLException {
        Set<UUID> before = documentsOf(server, patient);
        String text = title + " " + UUID.randomUUID() + "\n" + "Résultat normal. ".repeat(500);
        HttpResponse<String> r = web.postForm("/dossier/ajouter", Map.of(
                "type", "11502-2", "title", title, "date", LocalDate.now().minusDays(1).toString(), "text", text));
        assertThat(r.statusCode()).as("adding %s: %s", title, r.body()).isEqualTo(302);
        Set<UUID> added = documentsOf(server, patient);
        added.removeAll(before);
        assertThat(added).hasSize(1);
        UUID id = added.iterator().next();
        contents.put(id, text);
        return id;
    }

    private static void erase(WebSession web, UUID document) {
        web.get("/dossier/documents/" + document + "/supprimer");
        HttpResponse<String> r = web.postForm("/dossier/documents/" + document + "/supprimer", Map.of());
        assertThat(r.statusCode()).as("erasing %s", document).isEqualTo(302);
    }

    private static String content(WebSession web, UUID document) {
        HttpResponse<String> r = web.get("/dossier/documents/" + document + "/contenu");
        assertThat(r.statusCode()).as("content of %s", document).isEqualTo(200);
        return r.body();
    }

    /** The file of a blob in a home's store (LocalDocumentStore: xx/yy/id, the last four hex digits). */
    private static Path blob(Path home, UUID id) {
        String s = id.toString().toLowerCase(Locale.ROOT);
        int n = s.length();
        return home.resolve("documents").resolve(s.substring(n - 4, n - 2)).resolve(s.substring(n - 2)).resolve(s);
    }

    private static List<Path> pauseMarkers(Path home) throws java.io.IOException {
        try (Stream<Path> files = Files.list(home.resolve("documents"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(".erasures-paused-")).toList();
        }
    }

    private static Set<UUID> documentsOf(ServerProcess server, String patient) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = server.database();
             PreparedStatement s = c.prepareStatement("SELECT id FROM record.document WHERE patient_id = ?::uuid")) {
            s.setString(1, patient);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** Record documents with their key and message attachments whose ciphertext is not in the server's store. */
    private static Set<UUID> rowsWithoutBlob(ServerProcess server) throws SQLException {
        Set<UUID> missing = new HashSet<>();
        try (Connection c = server.database(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM record.document WHERE wrapped_key IS NOT NULL UNION SELECT id FROM messaging.attachment")) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                if (!Files.isRegularFile(blob(server.home(), id))) {
                    missing.add(id);
                }
            }
        }
        return missing;
    }

    /** The erasures the server's store deferred (table platform.deferred_erasure). */
    private static List<UUID> deferredErasures(ServerProcess server) throws SQLException {
        List<UUID> ids = new java.util.ArrayList<>();
        try (Connection c = server.database(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT blob_id FROM platform.deferred_erasure ORDER BY deferred_at")) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
