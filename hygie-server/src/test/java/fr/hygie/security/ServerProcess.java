package fr.hygie.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/hygie-server-exec.jar}) as a real child process on its own
 * HYGIE_HOME, so that a test can kill it with SIGKILL, restart it, copy its home, and run its
 * subcommands ({@code journal verify}) exactly as an operator would.
 */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Paths.get(System.getProperty("hygie.jar", "target/hygie-server-exec.jar")).toAbsolutePath();
    /** Startup on a loaded 2-core machine (embedded PostgreSQL, Flyway, demo cast) can take minutes. */
    private static final Duration STARTUP = Duration.ofMinutes(6);

    private final Path home;
    private final int port;
    private final Process process;

    private ServerProcess(Path home, int port, Process process) {
        this.home = home;
        this.port = port;
        this.process = process;
    }

    /** Starts the server on {@code home} (demo cast, no generated population) and waits until it is ready. */
    static ServerProcess start(Path home, String logName) {
        return start(home, logName, Map.of());
    }

    /** Same, with more environment variables (an external database: {@code HYGIE_DATABASE_URL}…). */
    static ServerProcess start(Path home, String logName, Map<String, String> extraEnv) {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(javaCommand("-jar", JAR.toString()));
        pb.environment().putAll(env(home, port));
        pb.environment().putAll(extraEnv);
        pb.redirectErrorStream(true);
        // under target/ (not the test's temporary folder) so that a failed run leaves the server's log to read
        Path logs = Path.of("target", "it-logs");
        try {
            java.nio.file.Files.createDirectories(logs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        pb.redirectOutput(logs.resolve(logName + "-" + port + ".log").toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProcess server = new ServerProcess(home, port, p);
        server.awaitReady();
        return server;
    }

    int port() {
        return port;
    }

    Path home() {
        return home;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, as a power cut would: no shutdown hook runs, the embedded PostgreSQL is left orphaned. */
    void killHard() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: graceful shutdown, the embedded PostgreSQL is stopped by the server. */
    void stop() {
        process.destroy();
        waitForExit();
    }

    /** Runs {@code ./hygie <args>} on the same HYGIE_HOME and returns its exit code and output. */
    static Result command(Path home, String... args) {
        List<String> cmd = javaCommand("-jar", JAR.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env(home, 0));
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("hygie " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exitCode, String output) {
    }

    /**
     * Runs {@code ./hygie <args>} on the same HYGIE_HOME for at most {@code limit}; a process still running then is
     * killed and reported with exit code -1 (for a command that should stop by itself, such as a refused start).
     */
    static Result commandWithin(Duration limit, Path home, Map<String, String> extraEnv, String... args) {
        List<String> cmd = javaCommand("-jar", JAR.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env(home, freePort()));
        pb.environment().putAll(extraEnv);
        pb.redirectErrorStream(true);
        try {
            Path log = Files.createTempFile(home.getParent(), "command-", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            int code = -1;
            if (p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                code = p.exitValue();
            } else {
                p.destroyForcibly();
                p.waitFor(1, TimeUnit.MINUTES);
            }
            return new Result(code, Files.readString(log, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code ./hygie <args>} on the same HYGIE_HOME without waiting for it (a backup held in progress by
     * {@code HYGIE_BACKUP_HOLD_WHILE}); its output goes to {@code target/it-logs/<logName>.log}.
     */
    static Background background(Path home, String logName, Map<String, String> extraEnv, String... args) {
        List<String> cmd = javaCommand("-jar", JAR.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env(home, 0));
        pb.environment().putAll(extraEnv);
        pb.redirectErrorStream(true);
        Path log = Path.of("target", "it-logs", logName + "-" + System.nanoTime() + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            pb.redirectOutput(log.toFile());
            return new Background(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A subcommand running in the background, and the file its output goes to. */
    record Background(Process process, Path log) implements AutoCloseable {

        String output() {
            try {
                return Files.readString(log, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        /** Waits (at most {@code limit}) until its output holds {@code text}; fails if it exits before. */
        void awaitOutput(String text, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!output().contains(text)) {
                if (!process.isAlive()) {
                    throw new AssertionError("exited with " + process.exitValue() + " before « " + text + " »:\n" + output());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no « " + text + " » within " + limit + ":\n" + output());
                }
                sleep(200);
            }
        }

        /** Waits (at most {@code limit}) for its end and returns its exit code. */
        int awaitExit(Duration limit) {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("did not finish within " + limit + ":\n" + output());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** The person id of a login, read in this server's database (the ITs know their persons by login). */
    String patientIdOf(String login) throws SQLException {
        try (Connection c = database();
             java.sql.PreparedStatement s = c.prepareStatement("SELECT patient_id FROM identity.account WHERE username = ?")) {
            s.setString(1, login);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no account " + login);
                }
                return rs.getString(1);
            }
        }
    }

    /** A JDBC connection to the embedded PostgreSQL that this server started (user postgres, loopback). */
    Connection database() throws SQLException {
        Properties run = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("run").resolve("postgres.properties"))) {
            run.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DriverManager.getConnection(run.getProperty("jdbc.url"), "postgres", "");
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Server exited with " + process.exitValue() + " during startup; see the log beside " + home);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(1000);
        }
        process.destroyForcibly();
        throw new AssertionError("Server not ready within " + STARTUP);
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                process.waitFor(1, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private static Map<String, String> env(Path home, int port) {
        return Map.of("HYGIE_HOME", home.toString(), "SERVER_PORT", Integer.toString(port), "HYGIE_DEMO_PERSONS", "0");
    }

    private static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx768m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(List.of(args));
        return cmd;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
