package fr.hygie.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running Hygie (here a child JVM) owns the embedded server: a subcommand attaches to it; after the
 * owner is killed with -9, the next start stops the orphan PostgreSQL and starts afresh on the same data.
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path home;

    @Test
    void aSubcommandAttachesToTheRunningServerAndARestartAfterKill9ReplacesTheOrphan() throws Exception {
        Path data = home.resolve("postgres");
        Path run = home.resolve("run");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedPostgresProcess.class.getName(),
                data.toString(), run.toString()).redirectErrorStream(true).start();
        try {
            String url = awaitReady(owner);
            query(url, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)");

            EmbeddedPostgresServer attached = EmbeddedPostgresServer.startOrAttach(data, run);
            assertThat(attached.owned()).isFalse();
            assertThat(attached.jdbcUrl()).isEqualTo(url);

            owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: PostgreSQL is left running
            EmbeddedPostgresServer restarted = EmbeddedPostgresServer.startOrAttach(data, run);
            try {
                assertThat(restarted.owned()).isTrue();
                try (var c = DriverManager.getConnection(restarted.jdbcUrl(), "postgres", "");
                     var rs = c.createStatement().executeQuery("SELECT x FROM kept")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
            } finally {
                restarted.close();
            }
        } finally {
            owner.destroyForcibly();
        }
    }

    /**
     * A subcommand started the server (here a child JVM), a server attached to it (here this JVM), then the subcommand
     * ends normally: it hands the server over instead of stopping it under the one still using it; the new owner stops
     * it when it ends (docs/security.md, "Servers and subcommands sharing the embedded PostgreSQL").
     */
    @Test
    void anOwnerThatEndsWhileAnotherProcessUsesTheServerHandsItOverAndTheLastOneStopsIt() throws Exception {
        Path data = home.resolve("postgres");
        Path run = home.resolve("run");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedPostgresProcess.class.getName(),
                data.toString(), run.toString(), "close-on-input").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            String url = awaitLine(out, "READY ");
            EmbeddedPostgresServer attached = EmbeddedPostgresServer.startOrAttach(data, run);
            assertThat(attached.owned()).isFalse();
            assertThat(run.resolve(EmbeddedPostgresServer.HEIR_PREFIX + ProcessHandle.current().pid())).exists();

            owner.getOutputStream().write("close\n".getBytes(StandardCharsets.UTF_8));
            owner.getOutputStream().flush();
            awaitLine(out, "CLOSED");
            assertThat(owner.waitFor(60, TimeUnit.SECONDS)).isTrue();
            query(url, "SELECT 1"); // still running, for this process
            assertThat(java.nio.file.Files.readString(run.resolve("postgres.properties")))
                    .contains("owner.pid=" + ProcessHandle.current().pid());

            attached.close(); // the last user ends: it stops the server it was handed
            assertThat(run.resolve("postgres.properties")).doesNotExist();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> query(url, "SELECT 1")).isInstanceOf(java.sql.SQLException.class);
        } finally {
            owner.destroyForcibly();
        }
    }

    private static String awaitLine(BufferedReader reader, String prefix) throws Exception {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new AssertionError("the child JVM never said " + prefix);
    }

    /** Acknowledged commits reach the disk: the embedded launcher's default (-F, fsync off) is overridden. */
    @Test
    void theServersCommitsAreFlushedToTheDisk() throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(home.resolve("postgres"), home.resolve("run"));
        try (var c = DriverManager.getConnection(server.jdbcUrl(), "postgres", ""); var s = c.createStatement()) {
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (var rs = s.executeQuery("SHOW " + setting)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        } finally {
            server.close();
        }
    }

    private static String awaitReady(Process p) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("READY ")) {
                return line.substring(6).trim();
            }
        }
        throw new AssertionError("the child JVM did not start PostgreSQL");
    }

    private static void query(String url, String sql) throws Exception {
        try (var c = DriverManager.getConnection(url, "postgres", ""); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
