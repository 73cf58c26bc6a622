package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.WebSession;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing lost": the packaged server is killed with SIGKILL in the middle of concurrent writes —
 * documents added by a professional, bookings of free slots by a person, secure messages with an
 * attachment from a professional to a person, every one of them journaled, and journaled reads — then
 * restarted on the same HYGIE_HOME. It must then hold every write it acknowledged, whole and readable
 * (documents, bookings with their slot taken, messages with their attachment); nothing that was never
 * sent; no ciphertext without its row and no row without its ciphertext; a journal that
 * {@code ./hygie journal verify} accepts; no event left undelivered in Spring Modulith's publication
 * registry. Then the backup procedure of docs/security.md runs on the live restarted server
 * ({@code ./hygie backup --out DIR}), the backup is restored into a fresh HYGIE_HOME
 * ({@code ./hygie restore DIR}) and the restored server must serve the same documents, bookings and
 * messages, hold the same counts and verify its journal.
 *
 * <p>Runs in {@code mvn verify} (failsafe, after {@code package}): it needs the real jar.
 */
class CrashRecoveryIT {

    private static final Pattern DOC_LINK = Pattern.compile("href=\"/pro/patients/[0-9a-f-]{36}/documents/([0-9a-f-]{36})\">([^<]*)</a>");
    private static final int WRITERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 16;
    private static final String FILLER = "Résultat normal. ".repeat(20_000);

    @TempDir
    Path temp;

    /** What the writers sent and what the server acknowledged, per kind of write. */
    static final class Writes {
        final Map<String, String> attempted = new ConcurrentHashMap<>();
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        /** slot id → booking id of the acknowledged bookings; slots tried. */
        final Map<String, String> bookings = new ConcurrentHashMap<>();
        final Set<String> slotsTried = ConcurrentHashMap.newKeySet();
        /** conversation id → message text of the acknowledged messages; texts sent. */
        final Map<String, String> messages = new ConcurrentHashMap<>();
        final Set<String> messagesSent = ConcurrentHashMap.newKeySet();
        /** Kind → the last answer that was not a success, to explain a failure. */
        final Map<String, String> lastRefusal = new ConcurrentHashMap<>();
    }

    /** The path of a redirect, whether the server sent it relative or absolute, without its query. */
    static String path(HttpResponse<String> r) {
        return java.net.URI.create(r.headers().firstValue("Location").orElse("/")).getPath();
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillMinusNineAndABackupOfTheLiveServerRestoresTheSameService() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Writes writes = new Writes();
        String patient;
        try (ServerProcess first = ServerProcess.start(home, "first")) {
            patient = first.patientIdOf("patient");
            writeUntilKilled(first, patient, writes);
        }
        assertThat(writes.acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
        assertThat(writes.bookings).as("bookings acknowledged before the kill (last other answer: %s)", writes.lastRefusal.get("booking"))
                .isNotEmpty();
        assertThat(writes.messages).as("messages acknowledged before the kill (last other answer: %s)", writes.lastRefusal.get("message"))
                .isNotEmpty();

        Map<String, String> served;
        Map<String, Long> counts;
        Path backup = temp.resolve("backup");
        try (ServerProcess second = ServerProcess.start(home, "second")) {
            served = documentsAsSeenBy(second, patient);
            assertThat(served.keySet()).as("acknowledged documents after the crash").containsAll(writes.acknowledged.keySet());
            // A write in flight at the kill may have committed without its answer arriving: it may be there,
            // whole, but nothing may appear that was never sent.
            assertThat(writes.attempted.keySet()).as("documents that were sent").containsAll(served.keySet());
            served.forEach((title, content) -> assertThat(content).as(title).isEqualTo(writes.attempted.get(title)));
            assertBookingsSurvived(second, writes);
            assertMessagesSurvived(second, writes);
            assertStoreAndRowsAgree(second);
            awaitNoPendingEvents(second);
            ServerProcess.Result verify = ServerProcess.command(home, "journal", "verify");
            assertThat(verify.exitCode()).as(verify.output()).isZero();

            // Backup of the live server (docs/security.md, "Backup and restore").
            counts = counts(second);
            ServerProcess.Result saved = ServerProcess.command(home, "backup", "--out", backup.toString());
            assertThat(saved.exitCode()).as(saved.output()).isZero();
            second.stop();
        }

        Path restored = Files.createDirectories(temp.resolve("restored"));
        ServerProcess.Result restore = ServerProcess.command(restored, "restore", backup.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        ServerProcess.Result again = ServerProcess.command(restored, "restore", backup.toString());
        assertThat(again.exitCode()).as("a restore never overwrites a home that holds data: %s", again.output()).isEqualTo(1);
        try (ServerProcess third = ServerProcess.start(restored, "restored")) {
            assertThat(documentsAsSeenBy(third, patient)).as("same documents, same content (they decrypt with the restored keys)")
                    .isEqualTo(served);
            assertBookingsSurvived(third, writes);
            assertMessagesSurvived(third, writes);
            assertThat(counts(third)).as("same counts").isEqualTo(counts);
            assertStoreAndRowsAgree(third);
            ServerProcess.Result verify = ServerProcess.command(restored, "journal", "verify");
            assertThat(verify.exitCode()).as(verify.output()).isZero();
        }
    }

    /** Rows that the service's identity rests on; the journal may only grow (the restored server journals reads). */
    private static Map<String, Long> counts(ServerProcess server) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = server.database(); Statement s = c.createStatement()) {
            for (String table : List.of("identity.patient", "identity.account", "record.document", "record.profile_item",
                    "appointments.booking", "messaging.conversation", "messaging.message", "messaging.attachment",
                    "prescriptions.prescription")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Every acknowledged booking is there, booked, its slot taken; only slots that were tried got one, at most one each. */
    private static void assertBookingsSurvived(ServerProcess server, Writes writes) throws SQLException {
        try (Connection c = server.database()) {
            for (Map.Entry<String, String> b : writes.bookings.entrySet()) {
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT b.status, s.status FROM appointments.booking b JOIN appointments.slot s ON s.id = b.slot_id
                        WHERE b.id = ?::uuid AND b.slot_id = ?::uuid""")) {
                    s.setString(1, b.getValue());
                    s.setString(2, b.getKey());
                    try (ResultSet rs = s.executeQuery()) {
                        assertThat(rs.next()).as("acknowledged booking %s", b.getValue()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("booked");
                        assertThat(rs.getString(2)).as("its slot").isEqualTo("busy");
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT b.slot_id::text, count(*), bool_and(s.status = 'busy') FROM appointments.booking b
                    JOIN appointments.slot s ON s.id = b.slot_id
                    WHERE b.status = 'booked' GROUP BY b.slot_id""")) {
                while (rs.next()) {
                    if (writes.slotsTried.contains(rs.getString(1))) {
                        assertThat(rs.getLong(2)).as("live bookings of slot %s", rs.getString(1)).isEqualTo(1);
                        assertThat(rs.getBoolean(3)).as("slot %s of a live booking is taken", rs.getString(1)).isTrue();
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT count(*) FROM appointments.booking b JOIN appointments.slot s ON s.id = b.slot_id
                    WHERE b.status = 'booked' AND s.status = 'free'""")) {
                rs.next();
                assertThat(rs.getLong(1)).as("live bookings whose slot is still free (half a booking)").isZero();
            }
        }
    }

    /** Every acknowledged message opens with its text and its attachment, byte for byte. */
    private static void assertMessagesSurvived(ServerProcess server, Writes writes) throws SQLException {
        WebSession medecin = new WebSession(server.port()).loggedInAs("medecin");
        try (Connection c = server.database()) {
            for (Map.Entry<String, String> m : writes.messages.entrySet()) {
                HttpResponse<String> page = medecin.get("/pro/messages/" + m.getKey());
                assertThat(page.statusCode()).as("conversation %s", m.getKey()).isEqualTo(200);
                assertThat(page.body()).contains(m.getValue());
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT a.id::text FROM messaging.attachment a JOIN messaging.message m ON m.id = a.message_id
                        WHERE m.conversation_id = ?::uuid""")) {
                    s.setString(1, m.getKey());
                    try (ResultSet rs = s.executeQuery()) {
                        assertThat(rs.next()).as("attachment of %s", m.getKey()).isTrue();
                        HttpResponse<String> file = medecin.get("/pro/messages/pieces-jointes/" + rs.getString(1));
                        assertThat(file.statusCode()).isEqualTo(200);
                        assertThat(file.body()).isEqualTo(attachmentOf(m.getValue()));
                    }
                }
            }
        }
    }

    static String attachmentOf(String message) {
        return "Pièce jointe de « " + message + " »\n" + "Résultat normal. ".repeat(2_000);
    }

    /**
     * Writers add documents as the médecin traitant, a person books free slots, the médecin writes secure
     * messages with an attachment, while a reader reads (journaled); SIGKILL once enough were acknowledged.
     */
    private void writeUntilKilled(ServerProcess server, String patient, Writes writes) throws InterruptedException, SQLException {
        AtomicBoolean dead = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            WebSession web = new WebSession(server.port()).loggedInAs("medecin");
            threads.add(new Thread(() -> {
                for (int i = 0; !dead.get(); i++) {
                    String title = "Coupure " + writer + "-" + i;
                    // A few hundred kB, so that each write spends time in the document store (fsync) and the kill
                    // has a fair chance to fall between the ciphertext's write and the row's commit.
                    String content = "Compte rendu " + title + " " + UUID.randomUUID() + "\n" + FILLER;
                    writes.attempted.put(title, content);
                    try {
                        HttpResponse<String> r = web.postForm("/pro/patients/" + patient + "/ajouter", Map.of(
                                "type", "11502-2", "title", title, "date", LocalDate.now().minusDays(1).toString(), "text", content));
                        // Success is the redirect to the record (a refused form answers 200 with the form again).
                        if (r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").endsWith("/pro/patients/" + patient)) {
                            writes.acknowledged.put(title, content);
                        }
                    } catch (RuntimeException e) {
                        return; // connection reset: the server is gone; this write's fate is unknown
                    }
                }
            }, "writer-" + w));
        }
        List<String[]> slots = freeSlotsWithAReason(server);
        assertThat(slots).as("free slots of the demo cast to book").hasSizeGreaterThan(10);
        WebSession booker = new WebSession(server.port()).loggedInAs("patient");
        threads.add(new Thread(() -> {
            for (String[] slot : slots) {
                if (dead.get()) {
                    return;
                }
                writes.slotsTried.add(slot[0]);
                try {
                    HttpResponse<String> r = booker.postForm("/rendez-vous/creneau/" + slot[0], Map.of("pour", patient, "motif", slot[1]));
                    String location = path(r);
                    if (r.statusCode() == 302 && location.startsWith("/mes-rendez-vous/")) {
                        writes.bookings.put(slot[0], location.substring("/mes-rendez-vous/".length()));
                    } else {
                        writes.lastRefusal.put("booking", r.statusCode() + " " + location);
                    }
                } catch (RuntimeException e) {
                    return;
                }
            }
        }, "booker"));
        WebSession messenger = new WebSession(server.port()).loggedInAs("medecin");
        threads.add(new Thread(() -> {
            for (int i = 0; !dead.get(); i++) {
                String text = "Message de coupure " + i + " " + UUID.randomUUID();
                writes.messagesSent.add(text);
                try {
                    messenger.get("/pro/messages/nouveau?patient=" + patient);
                    HttpResponse<String> r = messenger.postMultipart("/pro/messages/nouveau",
                            Map.of("patient", patient, "objet", "Coupure " + i, "message", text),
                            "fichier", "resultat-" + i + ".txt", "text/plain", attachmentOf(text).getBytes(StandardCharsets.UTF_8));
                    String location = path(r);
                    if (r.statusCode() == 302 && location.matches("/pro/messages/[0-9a-f-]{36}")) {
                        writes.messages.put(location.substring("/pro/messages/".length()), text);
                    } else {
                        writes.lastRefusal.put("message", r.statusCode() + " " + location);
                    }
                } catch (RuntimeException e) {
                    return;
                }
            }
        }, "messenger"));
        WebSession reader = new WebSession(server.port()).loggedInAs("patient");
        threads.add(new Thread(() -> {
            while (!dead.get()) {
                try {
                    reader.get("/dossier");
                } catch (RuntimeException e) {
                    return;
                }
            }
        }, "reader"));
        threads.forEach(Thread::start);
        // Bounded (at most 3,000 rounds): a kind of write that never succeeds fails the assertions below with its last answer.
        for (int round = 0; round < 3000
                && (writes.acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL || writes.bookings.size() < 2 || writes.messages.size() < 2); round++) {
            ServerProcess.sleep(50);
        }
        server.killHard();
        dead.set(true);
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Future free slots of the demo professionals, each with an active reason that fits it: [slot id, reason id]. */
    private static List<String[]> freeSlotsWithAReason(ServerProcess server) throws SQLException {
        List<String[]> slots = new ArrayList<>();
        try (Connection c = server.database(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT DISTINCT ON (s.id) s.id::text, r.id::text FROM appointments.slot s
                JOIN appointments.visit_reason r ON r.professional_id = s.professional_id AND r.active
                     AND r.duration_minutes * 60 <= extract(epoch FROM s.ends_at - s.starts_at)
                WHERE s.status = 'free' AND s.starts_at > now() + interval '1 day'
                ORDER BY s.id LIMIT 400""")) {
            while (rs.next()) {
                slots.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return slots;
    }

    /** Title → content of every crash-test document listed, read over HTTP as the médecin traitant. */
    private static Map<String, String> documentsAsSeenBy(ServerProcess server, String patient) {
        WebSession web = new WebSession(server.port()).loggedInAs("medecin");
        HttpResponse<String> page = web.get("/pro/patients/" + patient);
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, String> byTitle = new LinkedHashMap<>();
        Matcher m = DOC_LINK.matcher(page.body());
        while (m.find()) {
            String title = m.group(2);
            if (title.startsWith("Coupure ")) {
                HttpResponse<String> content = web.get("/pro/patients/" + patient + "/documents/" + m.group(1) + "/contenu");
                assertThat(content.statusCode()).as("content of %s", title).isEqualTo(200);
                assertThat(byTitle.put(title, content.body())).as("one document per acknowledged write: %s", title).isNull();
            }
        }
        return byTitle;
    }

    /**
     * Every stored ciphertext has its owner's row (a record document with its key, or a message attachment),
     * every such row has its ciphertext, no half-written file remains.
     */
    private static void assertStoreAndRowsAgree(ServerProcess server) throws SQLException, IOException {
        Set<UUID> withKey = new HashSet<>();
        try (Connection c = server.database(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM record.document WHERE wrapped_key IS NOT NULL"
                     + " UNION SELECT id FROM messaging.attachment")) {
            while (rs.next()) {
                withKey.add(rs.getObject(1, UUID.class));
            }
        }
        Set<UUID> blobs = new HashSet<>();
        List<Path> leftovers = new ArrayList<>();
        Path store = server.home().resolve("documents");
        try (Stream<Path> files = Files.walk(store)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String name = f.getFileName().toString();
                try {
                    blobs.add(UUID.fromString(name));
                } catch (IllegalArgumentException e) {
                    leftovers.add(f);
                }
            });
        }
        assertThat(leftovers).as("half-written files in the document store").isEmpty();
        assertThat(difference(blobs, withKey)).as("ciphertexts without a document row (orphans)").isEmpty();
        assertThat(difference(withKey, blobs)).as("document rows whose ciphertext is missing").isEmpty();
    }

    /** Spring Modulith republishes outstanding events at restart: wait until the registry has none left. */
    private static void awaitNoPendingEvents(ServerProcess server) throws SQLException {
        long pending = -1;
        for (int i = 0; i < 120 && pending != 0; i++) {
            try (Connection c = server.database();
                 PreparedStatement s = c.prepareStatement("SELECT count(*) FROM event_publication WHERE completion_date IS NULL");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                pending = rs.getLong(1);
            }
            if (pending != 0) {
                ServerProcess.sleep(1000);
            }
        }
        assertThat(pending).as("event publications still incomplete after restart").isZero();
    }

    private static <T> Set<T> difference(Set<T> a, Set<T> b) {
        Set<T> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
