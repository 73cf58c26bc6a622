package fr.hygie.platform.backup;

import fr.hygie.platform.HygieHome;
import fr.hygie.platform.cli.Console;
import fr.hygie.platform.cli.HygieCommand;
import fr.hygie.platform.cli.Subcommand;
import fr.hygie.platform.crypto.MasterKeys;
import fr.hygie.platform.storage.AtomicFiles;
import fr.hygie.platform.storage.DocumentStore;
import fr.hygie.platform.storage.LocalDocumentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./hygie backup --out DIR} and {@code ./hygie restore DIR} (sauvegarde et restauration): the
 * three things that only make sense together — the database, the document store (ciphertext) and the
 * keys that open it — in one folder, and back into a fresh HYGIE_HOME. docs/security.md, "Backup and
 * restore", is the operator's procedure.
 *
 * <p>Backup while the server runs: the database is read in one consistent snapshot first, the files
 * are copied after it. A document added in between leaves a blob without a row in the backup (removed
 * by the orphan sweep at the restored server's start); the other order could give rows whose
 * ciphertext is missing. Erasures are paused from before the snapshot to the end of the copy
 * ({@link DocumentStore#pauseErasures}), so a document erased meanwhile keeps its blob in the backup.
 */
final class BackupCommands {

    static final String MANIFEST = "hygie-backup.properties";
    static final String DATABASE = "database";
    /** Folders of HYGIE_HOME that hold data: ciphertext, keys, released research outputs. */
    static final List<String> FOLDERS = List.of("documents", "keys", "research");
    static final String MASTER_KEYSET = "master-keyset";

    private static final Logger log = LoggerFactory.getLogger(BackupCommands.class);

    private BackupCommands() {
    }

    @Subcommand(name = "backup", summary = "sauvegarde cohérente (base, documents chiffrés, clés), serveur en marche ou non",
            usage = "--out DOSSIER")
    static class BackupCommand implements HygieCommand {

        private final DataSource dataSource;
        private final HygieHome home;
        private final MasterKeys masterKeys;
        private final Clock clock;
        private final DocumentStore store;
        private final Runnable afterSnapshot;
        /** {@code HYGIE_BACKUP_HOLD_WHILE}: a file; while it exists the backup waits between its snapshot and its copy. */
        private final String holdWhile;

        @org.springframework.beans.factory.annotation.Autowired
        BackupCommand(DataSource dataSource, HygieHome home, MasterKeys masterKeys, Clock clock, DocumentStore store,
                @org.springframework.beans.factory.annotation.Value("${hygie.backup.hold-while:}") String holdWhile) {
            this(dataSource, home, masterKeys, clock, store, () -> { }, holdWhile);
        }

        /** {@code afterSnapshot}: what a test makes happen between the database snapshot and the copy of the files. */
        BackupCommand(DataSource dataSource, HygieHome home, MasterKeys masterKeys, Clock clock, DocumentStore store,
                Runnable afterSnapshot) {
            this(dataSource, home, masterKeys, clock, store, afterSnapshot, "");
        }

        private BackupCommand(DataSource dataSource, HygieHome home, MasterKeys masterKeys, Clock clock, DocumentStore store,
                Runnable afterSnapshot, String holdWhile) {
            this.holdWhile = holdWhile == null ? "" : holdWhile.strip();
            this.dataSource = dataSource;
            this.home = home;
            this.masterKeys = masterKeys;
            this.clock = clock;
            this.store = store;
            this.afterSnapshot = afterSnapshot;
        }

        @Override
        public int run(List<String> args, Console console) {
            if (args.size() != 2 || !"--out".equals(args.get(0))) {
                console.error("Usage : ./hygie backup --out DOSSIER");
                return 2;
            }
            Path out = Paths.get(args.get(1)).toAbsolutePath().normalize();
            try {
                if (Files.exists(out) && !isEmptyFolder(out)) {
                    console.error("Le dossier " + out + " existe déjà et n'est pas vide : choisissez un dossier neuf.");
                    return 2;
                }
                Files.createDirectories(out);
            } catch (IOException e) {
                console.error("Échec de la sauvegarde : " + e.getMessage());
                return 1;
            }
            // Erasures keep their blobs from before the snapshot until the copy is done: a document erased after the
            // snapshot comes back whole, as it was at the snapshot, instead of a row whose ciphertext is gone.
            try (DocumentStore.ErasurePause pause = store.pauseErasures()) {
                Properties manifest = new Properties();
                // 1. The database, one snapshot (REPEATABLE READ): consistent while the server writes.
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    c.setReadOnly(true);
                    List<DatabaseCopy.Table> tables = DatabaseCopy.tables(c);
                    List<DatabaseCopy.Sequence> sequences = DatabaseCopy.sequences(c);
                    List<String> migrations = DatabaseCopy.migrations(c);
                    Map<String, Long> rows = DatabaseCopy.dump(c, out.resolve(DATABASE), tables);
                    c.commit();
                    manifest.setProperty("migrations", String.join(",", migrations));
                    manifest.setProperty("tables", String.join(",", tables.stream().map(DatabaseCopy.Table::key).toList()));
                    rows.forEach((t, n) -> manifest.setProperty("rows." + t, Long.toString(n)));
                    for (DatabaseCopy.Sequence s : sequences) {
                        manifest.setProperty("sequence." + s.schema() + "." + s.name(), s.lastValue() == null ? "" : s.lastValue().toString());
                    }
                    console.println("Base : " + tables.size() + " tables, " + rows.values().stream().mapToLong(Long::longValue).sum()
                            + " lignes.");
                }
                afterSnapshot.run();
                holdWhileAsked(holdWhile, console);
                // 2. Files, after the snapshot.
                for (String folder : FOLDERS) {
                    long n = copyTree(home.root().resolve(folder), out.resolve(folder));
                    manifest.setProperty("files." + folder, Long.toString(n));
                    console.println(folder + "/ : " + n + " fichier(s).");
                }
                Path keyset = masterKeys.file().toAbsolutePath().normalize();
                if (!keyset.startsWith(home.root().resolve("keys"))) {
                    // HYGIE_KEYS_MASTER_KEYSET outside HYGIE_HOME: it belongs to the backup all the same.
                    Path target = Files.createDirectories(out.resolve(MASTER_KEYSET)).resolve(keyset.getFileName().toString());
                    Files.copy(keyset, target, StandardCopyOption.COPY_ATTRIBUTES);
                    manifest.setProperty("masterKeyset", keyset.getFileName().toString());
                }
                restrict(out.resolve("keys"));
                if (!pause.held()) {
                    // Another process ended the pause (its heartbeat looked too old: this backup was suspended or its disk
                    // stalled): an erasure may have removed a blob the snapshot still lists. No manifest, so no restore.
                    console.error("Échec de la sauvegarde : la pause des effacements a été levée pendant la copie (battement trop "
                            + "ancien) ; des documents effacés entre-temps peuvent manquer. Relancez la sauvegarde dans un dossier neuf.");
                    return 1;
                }
                manifest.setProperty("format", "1");
                manifest.setProperty("createdAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
                // Written last: a folder without it is an interrupted backup, and restore refuses it.
                Path tmp = out.resolve(MANIFEST + ".tmp");
                try (OutputStream o = Files.newOutputStream(tmp)) {
                    manifest.store(o, "Hygie backup: database (COPY), documents, keys");
                }
                Files.move(tmp, out.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
                console.println("Sauvegarde terminée dans " + out + ". Elle contient les clés : gardez-la à l'abri.");
                return 0;
            } catch (SQLException | IOException | UncheckedIOException e) {
                log.warn("Backup failed: {}", e.getClass().getSimpleName());
                console.error("Échec de la sauvegarde : " + e.getMessage());
                return 1;
            }
        }
    }

    /**
     * Drills and tests only ({@code HYGIE_BACKUP_HOLD_WHILE=FILE}, docs/security.md "Backup and restore"): the backup
     * has taken its snapshot and holds its pause of erasures; it says so and waits while FILE exists, so that a test
     * (or an operator rehearsing the procedure) can restart a server or erase a document in the middle of a backup.
     * Not set: no wait.
     */
    static void holdWhileAsked(String holdWhile, Console console) {
        if (holdWhile.isEmpty()) {
            return;
        }
        Path file = Paths.get(holdWhile);
        console.println("Sauvegarde en attente : base copiée, documents pas encore (tant que " + file + " existe).");
        while (Files.exists(file)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        console.println("Reprise de la sauvegarde : copie des documents.");
    }

    @Subcommand(name = "restore", summary = "restaure une sauvegarde dans un HYGIE_HOME neuf (serveur arrêté)", usage = "DOSSIER")
    static class RestoreCommand implements HygieCommand {

        private final DataSource dataSource;
        private final HygieHome home;
        private final MasterKeys masterKeys;

        RestoreCommand(DataSource dataSource, HygieHome home, MasterKeys masterKeys) {
            this.dataSource = dataSource;
            this.home = home;
            this.masterKeys = masterKeys;
        }

        @Override
        public int run(List<String> args, Console console) {
            if (args.size() != 1 || args.get(0).startsWith("-")) {
                console.error("Usage : ./hygie restore DOSSIER");
                return 2;
            }
            Path from = Paths.get(args.get(0)).toAbsolutePath().normalize();
            Properties manifest = new Properties();
            try (InputStream in = Files.newInputStream(from.resolve(MANIFEST))) {
                manifest.load(in);
            } catch (IOException e) {
                console.error("Pas de sauvegarde complète dans " + from + " (fichier " + MANIFEST + " absent ou illisible).");
                return 2;
            }
            try (Connection c = dataSource.getConnection()) {
                List<String> migrations = DatabaseCopy.migrations(c);
                if (!String.join(",", migrations).equals(manifest.getProperty("migrations", ""))) {
                    console.error("Cette sauvegarde vient d'une autre version de Hygie (migrations différentes) : "
                            + "restaurez-la avec la même version, puis mettez à jour.");
                    return 1;
                }
                if (holdsData(c) || hasFiles(home.root().resolve("documents"))) {
                    console.error("Ce HYGIE_HOME (" + home.root() + ") contient déjà des données : restaurez dans un HYGIE_HOME neuf, "
                            + "serveur arrêté (HYGIE_HOME=/nouveau/dossier ./hygie restore " + from + ").");
                    return 1;
                }
                List<DatabaseCopy.Table> tables = Arrays.stream(manifest.getProperty("tables", "").split(","))
                        .filter(s -> !s.isBlank()).map(DatabaseCopy.Table::of).toList();
                List<DatabaseCopy.Sequence> sequences = new ArrayList<>();
                for (String name : manifest.stringPropertyNames()) {
                    if (name.startsWith("sequence.")) {
                        DatabaseCopy.Table t = DatabaseCopy.Table.of(name.substring("sequence.".length()));
                        String v = manifest.getProperty(name);
                        sequences.add(new DatabaseCopy.Sequence(t.schema(), t.name(), v.isEmpty() ? null : Long.valueOf(v)));
                    }
                }
                Map<String, Long> rows = DatabaseCopy.load(c, from.resolve(DATABASE), tables, sequences);
                for (Map.Entry<String, Long> e : rows.entrySet()) {
                    String expected = manifest.getProperty("rows." + e.getKey());
                    if (expected != null && Long.parseLong(expected) != e.getValue()) {
                        console.error("Table " + e.getKey() + " : " + e.getValue() + " lignes relues, " + expected + " sauvegardées.");
                        return 1;
                    }
                }
                console.println("Base : " + rows.size() + " tables, " + rows.values().stream().mapToLong(Long::longValue).sum()
                        + " lignes restaurées.");
                for (String folder : FOLDERS) {
                    long n = copyTree(from.resolve(folder), home.root().resolve(folder));
                    console.println(folder + "/ : " + n + " fichier(s).");
                }
                String keyset = manifest.getProperty("masterKeyset");
                if (keyset != null) {
                    Files.copy(from.resolve(MASTER_KEYSET).resolve(keyset), masterKeys.file(), StandardCopyOption.REPLACE_EXISTING);
                }
                restrict(home.root().resolve("keys"));
                console.println("Restauration terminée. Démarrez Hygie sur " + home.root() + " puis lancez ./hygie journal verify.");
                return 0;
            } catch (SQLException | IOException | UncheckedIOException | NumberFormatException e) {
                log.warn("Restore failed: {}", e.getClass().getSimpleName());
                console.error("Échec de la restauration (rien n'a été écrit dans la base) : " + e.getMessage());
                return 1;
            }
        }

        /** A home that served anyone has accounts or journal entries; a fresh one has only what migrations seed. */
        private static boolean holdsData(Connection c) throws SQLException {
            for (String table : List.of("identity.account", "journal.entry")) {
                DatabaseCopy.Table t = DatabaseCopy.Table.of(table);
                try (Statement s = c.createStatement(); var rs = s.executeQuery(
                        "SELECT to_regclass('" + t.qualified().replace("'", "''") + "') IS NOT NULL")) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        continue;
                    }
                }
                try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + t.qualified() + ")")) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(Files::isRegularFile);
        }
    }

    /** Copies the regular files of a tree (temporary files of writes in progress left out); returns how many. */
    static long copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return 0;
        }
        long n = 0;
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = s.toList();
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)
                    && !LocalDocumentStore.isPauseMarker(p.getFileName().toString())) {
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    n++;
                } catch (java.nio.file.NoSuchFileException e) {
                    // Deleted (crypto-erasure) while the tree was walked: nothing to keep.
                }
            }
        }
        return n;
    }

    /** Keys readable by their owner only, in the backup as in HYGIE_HOME. */
    static void restrict(Path keys) throws IOException {
        if (Files.isDirectory(keys) && keys.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
