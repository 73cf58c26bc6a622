package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.WebSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
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
 * "Nothing lost": the packaged server is killed with SIGKILL in the middle of concurrent writes
 * (documents added by a professional, each one journaled; reads journaled too), restarted on the same
 * HYGIE_HOME, and must then hold every write it acknowledged, readable; no ciphertext without its row
 * and no row without its ciphertext; a journal that {@code ./hygie journal verify} accepts; no event
 * left undelivered in Spring Modulith's publication registry. Then the backup procedure of
 * docs/security.md (cold copy of HYGIE_HOME, server stopped) is applied and the copy must serve the
 * same documents and verify.
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

    @Test
    void everyAcknowledgedWriteSurvivesAKillMinusNineAndACopyOfTheStoppedHomeServesTheSame() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Map<String, String> attempted = new ConcurrentHashMap<>();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        String patient;
        try (ServerProcess first = ServerProcess.start(home, "first")) {
            patient = patientIdOf(first, "patient");
            writeUntilKilled(first, patient, attempted, acknowledged);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        Map<String, String> served;
        try (ServerProcess second = ServerProcess.start(home, "second")) {
            served = documentsAsSeenBy(second, patient);
            assertThat(served.keySet()).as("acknowledged documents after the crash").containsAll(acknowledged.keySet());
            // A write in flight at the kill may have committed without its answer arriving: it may be there,
            // whole, but nothing may appear that was never sent.
            assertThat(attempted.keySet()).as("documents that were sent").containsAll(served.keySet());
            served.forEach((title, content) -> assertThat(content).as(title).isEqualTo(attempted.get(title)));
            assertStoreAndRowsAgree(second);
            awaitNoPendingEvents(second);
            ServerProcess.Result verify = ServerProcess.command(home, "journal", "verify");
            assertThat(verify.exitCode()).as(verify.output()).isZero();
            second.stop();
        }

        // Backup & restore (docs/security.md): cold copy of the whole HYGIE_HOME while the server is stopped.
        Path restored = temp.resolve("restored");
        copyTree(home, restored);
        try (ServerProcess third = ServerProcess.start(restored, "restored")) {
            Map<String, String> afterRestore = documentsAsSeenBy(third, patient);
            assertThat(afterRestore).isEqualTo(served);
            assertStoreAndRowsAgree(third);
            ServerProcess.Result verify = ServerProcess.command(restored, "journal", "verify");
            assertThat(verify.exitCode()).as(verify.output()).isZero();
        }
    }

    /** Writers add documents as the médecin traitant while a reader reads; SIGKILL once enough were acknowledged. */
    private void writeUntilKilled(ServerProcess server, String patient, Map<String, String> attempted, Map<String, String> acknowledged)
            throws InterruptedException {
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
                    attempted.put(title, content);
                    try {
                        HttpResponse<String> r = web.postForm("/pro/patients/" + patient + "/ajouter", Map.of(
                                "type", "11502-2", "title", title, "date", LocalDate.now().minusDays(1).toString(), "text", content));
                        // Success is the redirect to the record (a refused form answers 200 with the form again).
                        if (r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").endsWith("/pro/patients/" + patient)) {
                            acknowledged.put(title, content);
                        }
                    } catch (RuntimeException e) {
                        return; // connection reset: the server is gone; this write's fate is unknown
                    }
                }
            }, "writer-" + w));
        }
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
        while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL) {
            ServerProcess.sleep(50);
        }
        server.killHard();
        dead.set(true);
        for (Thread t : threads) {
            t.join();
        }
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

    private static String patientIdOf(ServerProcess server, String login) throws SQLException {
        try (Connection c = server.database();
             PreparedStatement s = c.prepareStatement("SELECT patient_id FROM identity.account WHERE username = ?")) {
            s.setString(1, login);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static <T> Set<T> difference(Set<T> a, Set<T> b) {
        Set<T> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** The cold copy of docs/security.md: every file of HYGIE_HOME (database, documents, keys) except the run folder. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(p);
                if (rel.startsWith("run")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    // PostgreSQL refuses a data folder readable by others: keep the modes (like cp -a).
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(p));
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
