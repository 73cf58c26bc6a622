package fr.hygie.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Hygie runs by itself when no external server is configured: zonky's
 * embedded PostgreSQL 17 with its data kept under {@code HYGIE_HOME/postgres}.
 *
 * <p>Several Hygie processes may use one home (a running web server and a subcommand such as
 * {@code ./hygie journal verify}): the process that starts the server writes its address and its own
 * pid to {@code HYGIE_HOME/run/postgres.properties}; another process finding a live owner connects to
 * that address instead of starting a second server. A server left behind by a killed JVM (owner pid
 * dead, postmaster still alive) is stopped before a fresh start.
 *
 * <p>The process that owns the server does not stop it under another process still using it: each attached
 * process leaves a file {@code run/postgres.heir.<pid>} while it runs, and an owner that closes while a heir is
 * alive hands the server over (the run file then names the heir as owner) instead of stopping it. So
 * {@code ./hygie backup} started while no server runs, then a server started during the backup: the backup ends,
 * the server keeps its database (docs/security.md, "Backup and restore"). The last owner stops it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String RUN_FILE = "postgres.properties";
    static final String HEIR_PREFIX = "postgres.heir.";

    private final EmbeddedPostgres postgres;
    private final String jdbcUrl;
    private final Path runFile;
    private final Path dataDir;
    /** This process's heir file while it is attached to another process's server; null otherwise. */
    private final Path heirFile;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String jdbcUrl, Path runFile, Path dataDir, Path heirFile) {
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
        this.runFile = runFile;
        this.dataDir = dataDir;
        this.heirFile = heirFile;
    }

    /** JDBC URL of the {@code postgres} database, user {@code postgres}, on loopback. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Whether this process started the server (and will stop it). */
    public boolean owned() {
        return postgres != null;
    }

    /**
     * Connects to the embedded server of {@code dataDir} if another live Hygie process runs it,
     * otherwise starts it.
     */
    public static EmbeddedPostgresServer startOrAttach(Path dataDir, Path runDir) {
        Path runFile = runDir.resolve(RUN_FILE);
        Optional<String> running = runningServerOf(runFile, dataDir);
        if (running.isPresent()) {
            log.info("Using the embedded PostgreSQL already started by another Hygie process");
            Path heir = runDir.resolve(HEIR_PREFIX + ProcessHandle.current().pid());
            try {
                Files.writeString(heir, dataDir.toAbsolutePath().normalize().toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                log.warn("Cannot record this process as a user of the embedded PostgreSQL ({})", e.getClass().getSimpleName());
                heir = null;
            }
            return new EmbeddedPostgresServer(null, running.get(), runFile, dataDir, heir);
        }
        stopOrphanPostmaster(dataDir);
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // Spring stops it after the connection pool and event registry
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("synchronous_commit", "on")
                    // The embedded launcher starts postgres with -F (fsync off): a commit then reaches the operating
                    // system's cache, not the disk, and a power cut could lose acknowledged writes. This -c comes after
                    // it on the command line and wins (issue 13: found in the server's command line during a benchmark).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("timezone", "UTC")
                    .start();
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            writeRunFile(runFile, url, dataDir, ProcessHandle.current().pid());
            return new EmbeddedPostgresServer(pg, url, runFile, dataDir, null);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseUnavailableException(e);
        }
    }

    /** A throwaway server in a temporary folder, removed on close: for tests and one-shot tools. */
    public static EmbeddedPostgresServer startTemporary() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("timezone", "UTC")
                    .start();
            return new EmbeddedPostgresServer(pg, "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", null, null, null);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseUnavailableException(e);
        }
    }

    @Override
    public void close() {
        if (runFile == null) {
            if (postgres != null) {
                closeQuietly(postgres); // a temporary server: nobody else uses it
            }
            return;
        }
        if (heirFile != null) {
            deleteQuietly(heirFile);
        }
        long me = ProcessHandle.current().pid();
        // Owner: the process that started it, or the one it was handed over to (the run file names it).
        if (postgres == null && ownerOf(runFile) != me) {
            return;
        }
        Optional<Long> heir = liveHeir(runFile.getParent(), me);
        if (heir.isPresent()) {
            try {
                writeRunFile(runFile, jdbcUrl, dataDir, heir.get());
                // zonky's lock of the data folder goes with this JVM; the postmaster runs on for the heir.
                log.info("Leaving the embedded PostgreSQL running for the Hygie process {} that still uses it", heir.get());
                return;
            } catch (IOException e) {
                log.warn("Cannot hand the embedded PostgreSQL over to process {} ({}): stopping it", heir.get(),
                        e.getClass().getSimpleName());
            }
        }
        deleteQuietly(runFile);
        if (postgres != null) {
            closeQuietly(postgres);
        } else {
            stopPostmaster(dataDir, "Stopping the embedded PostgreSQL handed over to this process");
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot remove {} ({})", file.getFileName(), e.getClass().getSimpleName());
        }
    }

    /** The pid the run file names as owner, or -1. */
    private static long ownerOf(Path runFile) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(runFile, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return -1;
        }
        return parseLong(p.getProperty("owner.pid"));
    }

    /** A live process other than {@code me} that is attached to the server (the lowest pid); dead heirs' files are removed. */
    static Optional<Long> liveHeir(Path runDir, long me) {
        List<Path> files;
        try (var list = Files.list(runDir)) {
            files = list.filter(f -> f.getFileName().toString().startsWith(HEIR_PREFIX)).sorted().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<Long> heir = Optional.empty();
        for (Path f : files) {
            long pid = parseLong(f.getFileName().toString().substring(HEIR_PREFIX.length()));
            if (pid <= 0 || pid == me) {
                continue;
            }
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                if (heir.isEmpty() || pid < heir.get()) {
                    heir = Optional.of(pid);
                }
            } else {
                deleteQuietly(f);
            }
        }
        return heir;
    }

    private static Optional<String> runningServerOf(Path runFile, Path dataDir) {
        if (!Files.isRegularFile(runFile)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(runFile, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        long owner = parseLong(p.getProperty("owner.pid"));
        boolean ownerAlive = owner > 0 && owner != ProcessHandle.current().pid()
                && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
        boolean sameData = dataDir.toAbsolutePath().normalize().toString().equals(p.getProperty("data.dir"));
        if (ownerAlive && sameData && postmasterPid(dataDir).isPresent()) {
            return Optional.ofNullable(p.getProperty("jdbc.url"));
        }
        return Optional.empty();
    }

    /** Stops a postmaster whose JVM died (kill -9) so that a fresh start can take the data folder. */
    private static void stopOrphanPostmaster(Path dataDir) {
        stopPostmaster(dataDir, "Stopping an embedded PostgreSQL left running by a previous Hygie process");
    }

    private static void stopPostmaster(Path dataDir, String why) {
        Optional<ProcessHandle> postmaster = postmasterPid(dataDir).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            return;
        }
        log.warn("{} (pid {})", why, postmaster.get().pid());
        try {
            // SIGINT is PostgreSQL's "fast" shutdown: it rolls back what is open and stops cleanly.
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.get().pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            postmaster.get().destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            postmaster.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.get().destroyForcibly();
        }
    }

    private static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = lines.isEmpty() ? -1 : parseLong(lines.get(0).trim());
            return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    ? Optional.of(pid) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeRunFile(Path runFile, String url, Path dataDir, long owner) throws IOException {
        Files.createDirectories(runFile.getParent());
        Properties p = new Properties();
        p.setProperty("jdbc.url", url);
        p.setProperty("owner.pid", Long.toString(owner));
        p.setProperty("data.dir", dataDir.toAbsolutePath().normalize().toString());
        Path tmp = runFile.resolveSibling(RUN_FILE + ".tmp");
        try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "Embedded PostgreSQL of this Hygie home; written by the process that started it");
        }
        Files.move(tmp, runFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
