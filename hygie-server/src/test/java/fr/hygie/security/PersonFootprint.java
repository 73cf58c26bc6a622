package fr.hygie.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database holds about one person, to prove a refused write stored nothing: per table with a {@code patient_id}
 * (found in the catalogue, so a new module's table counts at once), the number of rows and a hash of their whole content
 * (a change in place shows too), and the messages of her conversations. Not the journal, which records every refusal by
 * design, nor the notifications, which the notifications module writes after an accepted write commits, on its own
 * thread. Shared by {@link FhirWriteFuzzTest} and {@link ExpiredMandateStaleSessionTest} (session 10).
 */
final class PersonFootprint {

    private final JdbcClient jdbc;
    private final String sql;

    PersonFootprint(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = query(tables(jdbc));
    }

    /** « schema.table=rows:md5 » per table, in table order, for that person. */
    String of(UUID person) {
        return String.join(";", jdbc.sql(sql).param("p", person.toString())
                .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2) + ":" + rs.getString(3)).list());
    }

    /** The base tables with a {@code patient_id}, but the journal's and the notifications'. */
    static List<String> tables(JdbcClient jdbc) {
        return jdbc.sql("""
                SELECT table_schema || '.' || table_name FROM information_schema.columns
                WHERE column_name = 'patient_id' AND table_schema NOT IN ('journal', 'notifications', 'pg_catalog', 'information_schema')
                AND table_name IN (SELECT table_name FROM information_schema.tables t WHERE t.table_schema = columns.table_schema
                    AND t.table_type = 'BASE TABLE')
                ORDER BY 1""").query(String.class).list();
    }

    private static String query(List<String> tables) {
        List<String> parts = new ArrayList<>();
        for (String t : tables) {
            parts.add("SELECT '" + t + "', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM " + t
                    + " x WHERE x.patient_id::text = :p");
        }
        parts.add("""
                SELECT 'messaging.message', count(*), md5(coalesce(string_agg(m::text, '|' ORDER BY m::text), ''))
                FROM messaging.message m JOIN messaging.conversation c ON c.id = m.conversation_id WHERE c.patient_id::text = :p""");
        // In table order: a UNION ALL promises no order of its rows, and the footprints are compared as text.
        return "SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") f ORDER BY 1";
    }
}
