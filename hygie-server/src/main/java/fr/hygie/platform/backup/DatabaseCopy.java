package fr.hygie.platform.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Every row of every Hygie table, through PostgreSQL's {@code COPY} protocol over JDBC: the embedded
 * PostgreSQL ships without {@code pg_dump}, and a {@code pg_dump} of another major version refuses
 * the server. The schema itself is not copied: it is the one the Flyway migrations of the same Hygie
 * version create, and a restore refuses a backup whose list of migrations differs.
 *
 * <p>A dump reads all tables in one {@code REPEATABLE READ} read-only transaction: one consistent
 * snapshot of the database while the server keeps serving (sauvegarde à chaud).
 */
final class DatabaseCopy {

    static final String HISTORY_TABLE = "flyway_schema_history";

    record Table(String schema, String name) {
        String qualified() {
            return quote(schema) + "." + quote(name);
        }

        String key() {
            return schema + "." + name;
        }

        static Table of(String key) {
            int dot = key.indexOf('.');
            return new Table(key.substring(0, dot), key.substring(dot + 1));
        }
    }

    record Sequence(String schema, String name, Long lastValue) {
        String qualified() {
            return quote(schema) + "." + quote(name);
        }
    }

    private DatabaseCopy() {
    }

    /** Ordinary tables (partitions included, partitioned parents excluded) of every non-system schema, but Flyway's history. */
    static List<Table> tables(Connection c) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                  AND c.relname <> 'flyway_schema_history'
                ORDER BY n.nspname, c.relname""")) {
            while (rs.next()) {
                tables.add(new Table(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }

    static List<Sequence> sequences(Connection c) throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT schemaname, sequencename, last_value FROM pg_sequences
                WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY schemaname, sequencename""")) {
            while (rs.next()) {
                long v = rs.getLong(3);
                sequences.add(new Sequence(rs.getString(1), rs.getString(2), rs.wasNull() ? null : v));
            }
        }
        return sequences;
    }

    /** The successful migrations, in order ("version description"): what the schema is made of. */
    static List<String> migrations(Connection c) throws SQLException {
        String table = null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relname = 'flyway_schema_history' AND c.relkind IN ('r', 'p') ORDER BY n.nspname LIMIT 1""")) {
            if (rs.next()) {
                table = quote(rs.getString(1)) + "." + quote(HISTORY_TABLE);
            }
        }
        List<String> versions = new ArrayList<>();
        if (table == null) {
            return versions;
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + table + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    /** Writes one file per table into {@code dir}; returns the number of rows per table (key schema.table). */
    static Map<String, Long> dump(Connection c, Path dir, List<Table> tables) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        Map<String, Long> rows = new LinkedHashMap<>();
        Files.createDirectories(dir);
        for (Table t : tables) {
            try (OutputStream out = Files.newOutputStream(dir.resolve(t.key() + ".copy"))) {
                rows.put(t.key(), copy.copyOut("COPY " + t.qualified() + " TO STDOUT (FORMAT text, ENCODING 'UTF8')", out));
            }
        }
        return rows;
    }

    /**
     * Empties every table of the target and loads the files of {@code dir}, with triggers and foreign keys
     * off ({@code session_replication_role = replica}: rows go back exactly as they were, the journal's
     * append-only guards included), then puts every sequence back. One transaction: all or nothing.
     */
    static Map<String, Long> load(Connection c, Path dir, List<Table> tables, List<Sequence> sequences) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        Map<String, Long> rows = new LinkedHashMap<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL session_replication_role = replica");
            List<Table> present = tables(c);
            if (!present.isEmpty()) {
                s.execute("TRUNCATE " + String.join(", ", present.stream().map(Table::qualified).toList()));
            }
            for (Table t : tables) {
                try (InputStream in = Files.newInputStream(dir.resolve(t.key() + ".copy"))) {
                    rows.put(t.key(), copy.copyIn("COPY " + t.qualified() + " FROM STDIN (FORMAT text, ENCODING 'UTF8')", in));
                }
            }
            for (Sequence q : sequences) {
                try (PreparedStatement p = c.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                    p.setString(1, q.qualified());
                    p.setLong(2, q.lastValue() == null ? 1 : q.lastValue());
                    p.setBoolean(3, q.lastValue() != null);
                    p.execute();
                }
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return rows;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
