package fr.hygie.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.platform.cli.Console;
import fr.hygie.support.HygieIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ./hygie backup} and {@code ./hygie restore} on the test database: what a backup holds, and the
 * refusals that protect an operator from a mistake (bad usage, a non-empty target folder, an incomplete
 * backup, a restore over a home that serves data). The full round trip — backup of a live server, restore
 * into a fresh home, same service — is {@code security.CrashRecoveryIT}.
 */
@HygieIntegrationTest
class BackupCommandsTest {

    @Autowired
    BackupCommands.BackupCommand backup;

    @Autowired
    BackupCommands.RestoreCommand restore;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            false);

    @Test
    void aBackupHoldsEveryTableWithItsRowCountTheKeysAndTheDocumentsAndIsMarkedCompleteLast() throws Exception {
        Path dir = temp.resolve("sauvegarde");
        long accounts = jdbc.sql("SELECT count(*) FROM identity.account").query(Long.class).single();

        assertThat(backup.run(List.of("--out", dir.toString()), console)).as(err.toString(StandardCharsets.UTF_8)).isZero();

        Properties manifest = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(BackupCommands.MANIFEST))) {
            manifest.load(in);
        }
        assertThat(manifest.getProperty("tables").split(",")).contains("identity.account", "record.document", "journal.entry",
                "appointments.booking", "messaging.message", "public.event_publication");
        assertThat(Long.parseLong(manifest.getProperty("rows.identity.account"))).isEqualTo(accounts);
        assertThat(Files.readAllLines(dir.resolve("database").resolve("identity.account.copy"))).hasSize(
                Integer.parseInt(manifest.getProperty("rows.identity.account")));
        assertThat(manifest.getProperty("migrations")).isNotBlank();
        assertThat(Files.exists(dir.resolve("keys").resolve("master-keyset.json")) || manifest.getProperty("masterKeyset") != null)
                .as("the master keyset is in the backup").isTrue();
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(Long.parseLong(manifest.getProperty("files.documents"))).isPositive();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Sauvegarde terminée");
    }

    @Test
    void badUsageAndANonEmptyTargetAreRefusedBeforeAnythingIsWritten() throws Exception {
        assertThat(backup.run(List.of(), console)).isEqualTo(2);
        assertThat(backup.run(List.of("--dans", temp.toString()), console)).isEqualTo(2);
        Path used = Files.createDirectories(temp.resolve("occupe"));
        Files.writeString(used.resolve("autre.txt"), "autre chose");

        assertThat(backup.run(List.of("--out", used.toString()), console)).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("n'est pas vide");
        try (var files = Files.list(used)) {
            assertThat(files.toList()).containsExactly(used.resolve("autre.txt"));
        }
    }

    @Test
    void aRestoreRefusesAnIncompleteBackupAndNeverOverwritesAHomeThatHoldsData() throws Exception {
        Path incomplete = Files.createDirectories(temp.resolve("interrompue").resolve("database"));
        assertThat(restore.run(List.of(incomplete.getParent().toString()), console)).isEqualTo(2);
        assertThat(restore.run(List.of(), console)).isEqualTo(2);

        Path dir = temp.resolve("complete");
        assertThat(backup.run(List.of("--out", dir.toString()), console)).isZero();
        long entries = jdbc.sql("SELECT count(*) FROM journal.entry").query(Long.class).single();

        // The test database serves accounts and a journal: a restore over it is refused, nothing is touched.
        assertThat(restore.run(List.of(dir.toString()), console)).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("contient déjà des données");
        assertThat(jdbc.sql("SELECT count(*) FROM journal.entry").query(Long.class).single()).isGreaterThanOrEqualTo(entries);
    }
}
