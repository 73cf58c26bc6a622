package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.TestDatabaseInitializer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The one-off hand-over of the appointments outbox to the notifications outbox, on a database of its own:
 * migrated up to the version before it, given unsent, sent and withdrawn messages, then migrated to the
 * end. Only the unsent ones move (with their booking as reference, their kind and the person); the old
 * table is gone.
 */
class OutboxHandOverMigrationTest {

    @Test
    void unsentAppointmentMessagesMoveToTheNotificationsOutboxAndTheOldTableIsDropped() throws Exception {
        String admin = TestDatabaseInitializer.adminUrl();
        String name = "hygie_outbox_handover_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + name;
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").target("20261129.1146").load().migrate();

        UUID pro = UUID.randomUUID();
        UUID slot = UUID.randomUUID();
        UUID booking = UUID.randomUUID();
        UUID patient = UUID.randomUUID();
        UUID pendingSms = UUID.randomUUID();
        UUID pendingEmail = UUID.randomUUID();
        UUID sent = UUID.randomUUID();
        UUID withdrawn = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO appointments.practitioner_offer (professional_id, display_name, profession_code, feed_token) "
                    + "VALUES ('" + pro + "', 'Dr Test', '10', 'tok-" + pro + "')");
            s.execute("INSERT INTO appointments.slot (id, professional_id, starts_at, ends_at, status) VALUES ('" + slot + "', '" + pro
                    + "', '2030-01-10 09:00+01', '2030-01-10 09:30+01', 'busy')");
            s.execute("INSERT INTO appointments.booking (id, slot_id, professional_id, starts_at, ends_at, status, patient_id, channel, "
                    + "booked_by_name, booked_by_role, created_at, updated_at) VALUES ('" + booking + "', '" + slot + "', '" + pro
                    + "', '2030-01-10 09:00+01', '2030-01-10 09:30+01', 'booked', '" + patient + "', 'ONLINE', 'Alice', 'PATIENT', now(), now())");
            s.execute("INSERT INTO appointments.outbox (id, booking_id, kind, channel, recipient, text, due_at) VALUES "
                    + "('" + pendingSms + "', '" + booking + "', 'REMINDER', 'SMS', '0612345678', 'Hygie : rappel', '2030-01-09 09:00+01'),"
                    + "('" + pendingEmail + "', '" + booking + "', 'REMINDER', 'EMAIL', 'a@example.org', 'Hygie : rappel', '2030-01-09 09:00+01')");
            s.execute("INSERT INTO appointments.outbox (id, booking_id, kind, channel, recipient, text, due_at, sent_at) VALUES "
                    + "('" + sent + "', '" + booking + "', 'CONFIRMATION', 'SMS', '0612345678', 'Hygie : confirmé', now(), now())");
            s.execute("INSERT INTO appointments.outbox (id, booking_id, kind, channel, recipient, text, due_at, cancelled_at) VALUES "
                    + "('" + withdrawn + "', '" + booking + "', 'REMINDER', 'SMS', '0612345678', 'Hygie : rappel', now(), now())");
        }

        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();

        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            List<String> moved = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id, channel, patient_id, recipient, subject, kind, reference_id, sent_at, "
                    + "cancelled_at FROM notifications.outbox ORDER BY channel")) {
                while (rs.next()) {
                    moved.add(rs.getString("id"));
                    assertThat(rs.getObject("reference_id", UUID.class)).isEqualTo(booking);
                    assertThat(rs.getObject("patient_id", UUID.class)).isEqualTo(patient);
                    assertThat(rs.getString("kind")).isEqualTo("REMINDER");
                    assertThat(rs.getTimestamp("sent_at")).isNull();
                    assertThat(rs.getTimestamp("cancelled_at")).isNull();
                    assertThat(rs.getString("subject")).isEqualTo("EMAIL".equals(rs.getString("channel")) ? "Votre rendez-vous Hygie" : null);
                }
            }
            assertThat(moved).containsExactly(pendingEmail.toString(), pendingSms.toString());
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('appointments.outbox') IS NULL")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("appointments.outbox dropped").isTrue();
            }
        } finally {
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
    }
}
