package fr.hygie.platform.database;

import java.nio.file.Path;

/** Runs in a child JVM for {@link EmbeddedPostgresServerTest}: starts the embedded server, then waits to be killed. */
public final class EmbeddedPostgresProcess {

    private EmbeddedPostgresProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(Path.of(args[0]), Path.of(args[1]));
        try (var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true)) {
            out.println("READY " + server.jdbcUrl());
            Thread.sleep(120_000);
        }
    }
}
