package fr.hygie.platform.database;

import java.nio.file.Path;

/**
 * Runs in a child JVM for {@link EmbeddedPostgresServerTest}: starts (or attaches to) the embedded server, then waits to be
 * killed — or, with a third argument {@code close-on-input}, closes it as a process ending normally does once a line
 * arrives on its standard input, says {@code CLOSED} and exits.
 */
public final class EmbeddedPostgresProcess {

    private EmbeddedPostgresProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(Path.of(args[0]), Path.of(args[1]));
        try (var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true)) {
            out.println("READY " + server.jdbcUrl());
            if (args.length > 2 && "close-on-input".equals(args[2])) {
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
                server.close();
                out.println("CLOSED");
                return;
            }
            Thread.sleep(120_000);
        }
    }
}
