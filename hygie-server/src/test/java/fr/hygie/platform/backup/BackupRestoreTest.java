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
import fr.hygie.platform.storage.DeferredErasures;
import fr.hygie.platform.storage.DocumentStore;
import fr.hygie.platform.storage.LocalDocumentStore;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.ChangeOutcome;
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
import java.time.Duration;
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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
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

    /**
     * A backup whose snapshot holds a deferred erasure (a line of {@code platform.deferred_erasure}: the person erased a
     * document while an earlier pause — another backup still copying — kept its ciphertext). The line is written only
     * after the transaction that destroyed the data key committed, so a snapshot that holds the line holds the erasure:
     * the restored home never serves the document (its row has no key), and the ciphertext the backup copied — unreadable
     * — is removed at the restored server's start, as the line restored with the database says (decision:
     * docs/security.md, "Backup and restore").
     */
    @Test
    void anErasureTheBackupCarriesAsDeferredStaysErasedInTheRestoredHomeAndItsCiphertextGoesAtItsStart() throws Exception {
        String login = cast.newPatient();
        DocumentId erased = add(login, "effacé avant la sauvegarde");
        DocumentId kept = add(login, "gardé");
        Path dir = temp.resolve("effacement-differe");
        try (DocumentStore.ErasurePause earlierBackup = store.pauseErasures()) {
            assertThat(documents.delete(cast.actor(login), erased, JournalChannel.WEB)).isInstanceOf(ChangeOutcome.Done.class);
            assertThat(deferredLines(JdbcClient.create(dataSource), erased)).as("the erasure waits for the earlier backup").isOne();
            assertThat(backup.run(List.of("--out", dir.toString()), console)).as(output()).isZero();
        }

        Restored restored = restore(dir);
        assertThat(deferredLines(restored.jdbc(), erased)).as("the snapshot carries the deferred erasure").isOne();
        assertThat(restored.documents().exists(erased.value())).as("and the backup copied the ciphertext it kept").isTrue();
        assertThat(restored.row(erased)).as("the row stays, as after any erasure (the journal names it)").isTrue();
        assertThat(restored.content(erased)).as("erased in the snapshot: no key to open it, never served again").isEmpty();
        assertThat(restored.jdbc().sql("SELECT status FROM record.document WHERE id = :id").param("id", erased.value())
                .query(String.class).single()).isEqualTo("DELETED");
        assertThat(restored.content(kept)).hasValue("gardé");

        // The restored server's start (OrphanContentSweeper: pauses of the old home do not travel, so none is open) carries
        // the erasure out with the store it opens on the restored database, then forgets the line.
        LocalDocumentStore restoredServerStore = new LocalDocumentStore(restored.documentsRoot(), Duration.ofSeconds(30),
                Duration.ofMinutes(10), Clock.systemUTC(), DeferredErasures.inDatabase(restored.jdbc(),
                        new DataSourceTransactionManager(restored.database()), Clock.systemUTC()));
        assertThat(restoredServerStore.completeDeferredErasures()).isPositive();
        assertThat(restoredServerStore.exists(erased.value())).as("the ciphertext of the erased document is gone").isFalse();
        assertThat(deferredLines(restored.jdbc(), erased)).isZero();
        assertThat(restoredServerStore.exists(kept.value())).isTrue();
        assertThat(restored.content(kept)).hasValue("gardé");
    }

    private static long deferredLines(JdbcClient jdbc, DocumentId id) {
        return jdbc.sql("SELECT count(*) FROM platform.deferred_erasure WHERE blob_id = :id").param("id", id.value())
                .query(Long.class).single();
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
    record Restored(DataSource database, JdbcClient jdbc, EnvelopeEncryption envelope, Path documentsRoot) {

        LocalDocumentStore documents() {
            return new LocalDocumentStore(documentsRoot);
        }

        boolean row(DocumentId id) {
            return jdbc.sql("SELECT count(*) FROM record.document WHERE id = :id").param("id", id.value()).query(Long.class).single() > 0;
        }

        Optional<String> content(DocumentId id) {
            Optional<byte[]> key = jdbc.sql("SELECT wrapped_key FROM record.document WHERE id = :id AND wrapped_key IS NOT NULL")
                    .param("id", id.value()).query((rs, n) -> rs.getBytes(1)).optional();
            return key.map(k -> new String(envelope.open(new EnvelopeEncryption.Sealed(k, documents().get(id.value())),
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
        return new Restored(fresh, JdbcClient.create(fresh), new EnvelopeEncryption(restoredKeys), freshHome.root().resolve("documents"));
    }
}
