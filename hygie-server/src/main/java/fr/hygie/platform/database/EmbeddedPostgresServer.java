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
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String RUN_FILE = "postgres.properties";

    private final EmbeddedPostgres postgres;
    private final String jdbcUrl;
    private final Path runFile;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String jdbcUrl, Path runFile) {
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
        this.runFile = runFile;
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
            return new EmbeddedPostgresServer(null, running.get(), runFile);
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
            writeRunFile(runFile, url, dataDir);
            return new EmbeddedPostgresServer(pg, url, runFile);
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
            return new EmbeddedPostgresServer(pg, "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", null);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseUnavailableException(e);
        }
    }

    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            if (runFile != null) {
                Files.deleteIfExists(runFile);
            }
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        Optional<ProcessHandle> orphan = postmasterPid(dataDir).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping an embedded PostgreSQL left running by a previous Hygie process (pid {})", orphan.get().pid());
        try {
            // SIGINT is PostgreSQL's "fast" shutdown: it rolls back what the dead JVM left and stops cleanly.
            new ProcessBuilder("kill", "-INT", Long.toString(orphan.get().pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            orphan.get().destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.get().destroyForcibly();
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

    private static void writeRunFile(Path runFile, String url, Path dataDir) throws IOException {
        Files.createDirectories(runFile.getParent());
        Properties p = new Properties();
        p.setProperty("jdbc.url", url);
        p.setProperty("owner.pid", Long.toString(ProcessHandle.current().pid()));
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
