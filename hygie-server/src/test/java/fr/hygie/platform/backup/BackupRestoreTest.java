package fr.hygie.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.Actor;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.HygieHome;
import fr.hygie.platform.cli.Console;
import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.crypto.MasterKeys;
import fr.hygie.platform.crypto.WrappedKeyHolder;
import fr.hygie.platform.storage.DocumentStore;
import fr.hygie.platform.storage.LocalDocumentStore;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.DocumentId;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.TestDatabaseInitializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Backup of the test server, restore into a fresh database and a fresh HYGIE_HOME (the operator's
 * {@code HYGIE_HOME=/new ./hygie restore DIR}), then the restored documents opened with the restored keys
 * only: across a master-key rotation (documents from before and after it), and for a document erased while
 * the backup ran (it comes back whole, as the database snapshot saw it — never a row whose ciphertext is
 * gone). The round trip of a live packaged server is {@code security.CrashRecoveryIT}.
 */
@HygieIntegrationTest
class BackupRestoreTest {

    private static final AtomicInteger RESTORES = new AtomicInteger();

    @Autowired
    BackupCommands.BackupCommand backup;

    @Autowired
    DataSource dataSource;

    @Autowired
    HygieHome home;

    @Autowired
    MasterKeys masterKeys;

    @Autowired
    EnvelopeEncryption envelope;

    @Autowired
    List<WrappedKeyHolder> holders;

    @Autowired
    DocumentStore store;

    @Autowired
    Documents documents;

    @Autowired
    Cast cast;

    @TempDir
    Path temp;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
            false);

    @Test
    void aBackupTakenAfterAKeyRotationRestoresDocumentsFromBeforeAndAfterTheRotation() throws Exception {
        String login = cast.newPatient();
        DocumentId before = add(login, "avant la rotation");
        assertThat(backup.run(List.of("--out", temp.resolve("avant").toString()), console)).as(output()).isZero();

        masterKeys.rotate(); // ./hygie keys rotate: new primary key, every data key re-wrapped
        for (WrappedKeyHolder holder : holders) {
            holder.rewrapAll(envelope);
        }
        DocumentId after = add(login, "après la rotation");
        assertThat(backup.run(List.of("--out", temp.resolve("apres").toString()), console)).as(output()).isZero();

        Restored restored = restore(temp.resolve("apres"));
        assertThat(restored.content(before)).hasValue("avant la rotation");
        assertThat(restored.content(after)).hasValue("après la rotation");
        // The backup from before the rotation holds the keys of its own time: it opens its documents on its own.
        Restored older = restore(temp.resolve("avant"));
        assertThat(older.content(before)).hasValue("avant la rotation");
        assertThat(older.row(after)).as("a document written after that backup").isFalse();
    }

    @Test
    void aDocumentErasedWhileTheBackupRunsComesBackWholeAsTheSnapshotSawIt() throws Exception {
        String login = cast.newPatient();
        DocumentId erased = add(login, "effacé pendant la sauvegarde");
        DocumentId kept = add(login, "gardé");
        Actor me = cast.actor(login);
        Path dir = temp.resolve("pendant");
        BackupCommands.BackupCommand erasingMeanwhile = new BackupCommands.BackupCommand(dataSource, home, masterKeys,
                Clock.systemUTC(), store, () -> documents.delete(me, erased, JournalChannel.WEB));

        assertThat(erasingMeanwhile.run(List.of("--out", dir.toString()), console)).as(output()).isZero();

        Restored restored = restore(dir);
        assertThat(restored.content(erased)).as("the snapshot predates the erasure: the backup holds its ciphertext too")
                .hasValue("effacé pendant la sauvegarde");
        assertThat(restored.content(kept)).hasValue("gardé");
        // Once the pause is over, the deferred erasure completes (the server's PausedErasuresWatch runs it every few
        // seconds; called here so that the test does not depend on when), and an erasure removes its blob at once again.
        store.completeDeferredErasures();
        assertThat(store.exists(erased.value())).as("the blob kept during the backup, removed after it").isFalse();
        DocumentId later = add(login, "effacé après");
        documents.delete(me, later, JournalChannel.WEB);
        assertThat(store.exists(later.value())).isFalse();
    }

    @Test
    void whileErasuresArePausedTheBlobStaysAndTheMarkerNeverEntersABackup() throws Exception {
        String login = cast.newPatient();
        DocumentId id = add(login, "pause");
        try (DocumentStore.ErasurePause pause = store.pauseErasures()) {
            documents.delete(cast.actor(login), id, JournalChannel.WEB);
            assertThat(store.exists(id.value())).isTrue();
            assertThat(BackupCommands.copyTree(home.root().resolve("documents"), temp.resolve("copie"))).isPositive();
        }
        try (var files = Files.walk(temp.resolve("copie"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(LocalDocumentStore::isPauseMarker);
        }
        store.completeDeferredErasures();
        assertThat(store.exists(id.value())).as("pause over: the erasure completes").isFalse();
    }

    /**
     * A backup whose pause another process ended (its heartbeat looked too old: the backup was suspended) may lack a
     * blob erased meanwhile: it fails and writes no manifest, so no restore takes it.
     */
    @Test
    void aBackupWhosePauseWasEndedByAnotherProcessFailsAndCannotBeRestored() throws Exception {
        Path dir = temp.resolve("pause-perdue");
        Path documentsRoot = home.root().resolve("documents");
        BackupCommands.BackupCommand losingItsPause = new BackupCommands.BackupCommand(dataSource, home, masterKeys,
                Clock.systemUTC(), store, () -> {
                    try (var files = Files.list(documentsRoot)) {
                        for (Path marker : files.filter(p -> LocalDocumentStore.isPauseMarker(p.getFileName().toString())).toList()) {
                            Files.deleteIfExists(marker);
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });

        assertThat(losingItsPause.run(List.of("--out", dir.toString()), console)).as(output()).isEqualTo(1);
        assertThat(output()).contains("la pause des effacements a été levée");
        assertThat(dir.resolve(BackupCommands.MANIFEST)).doesNotExist();
    }

    private DocumentId add(String login, String text) {
        PatientId person = cast.patient(login);
        AddOutcome outcome = documents.add(cast.actor(login), new NewDocument(person, "11502-2", "Résultats", LocalDate.now(), Set.of(),
                null, text.getBytes(StandardCharsets.UTF_8)), JournalChannel.WEB);
        return ((AddOutcome.Added) outcome).document().id();
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What a restored home gives back: rows of the restored database, opened with the restored keys and store only. */
    record Restored(JdbcClient jdbc, EnvelopeEncryption envelope, LocalDocumentStore store) {

        boolean row(DocumentId id) {
            return jdbc.sql("SELECT count(*) FROM record.document WHERE id = :id").param("id", id.value()).query(Long.class).single() > 0;
        }

        Optional<String> content(DocumentId id) {
            Optional<byte[]> key = jdbc.sql("SELECT wrapped_key FROM record.document WHERE id = :id AND wrapped_key IS NOT NULL")
                    .param("id", id.value()).query((rs, n) -> rs.getBytes(1)).optional();
            return key.map(k -> new String(envelope.open(new EnvelopeEncryption.Sealed(k, store.get(id.value())),
                    EnvelopeEncryption.bindTo("record/document-content", id.value())), StandardCharsets.UTF_8));
        }
    }

    /** A fresh database (schema by this version's migrations) and a fresh home, then {@code ./hygie restore}. */
    private Restored restore(Path backupDir) throws Exception {
        String name = "hygie_restore_" + RESTORES.incrementAndGet();
        String admin = TestDatabaseInitializer.adminUrl();
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        DriverManagerDataSource fresh = new DriverManagerDataSource(admin.substring(0, admin.lastIndexOf('/') + 1) + name, "postgres", "");
        Flyway.configure().dataSource(fresh).locations("classpath:db/migration").load().migrate();
        HygieHome freshHome = new HygieHome(Files.createDirectories(temp.resolve("restauree-" + UUID.randomUUID())));
        Path keyset = freshHome.root().resolve("keys").resolve(MasterKeys.DEFAULT_FILE_NAME);
        // A keyset the restore overwrites with the backup's (from keys/, or master-keyset/ when it lived outside the home).
        BackupCommands.RestoreCommand restore = new BackupCommands.RestoreCommand(fresh, freshHome, MasterKeys.openOrCreate(keyset));

        assertThat(restore.run(List.of(backupDir.toString()), console)).as(output()).isZero();

        MasterKeys restoredKeys = MasterKeys.openExisting(keyset);
        return new Restored(JdbcClient.create(fresh), new EnvelopeEncryption(restoredKeys),
                new LocalDocumentStore(freshHome.root().resolve("documents")));
    }
}
