package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.AppClient;
import fr.hygie.support.WebSession;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The database restarts while the server serves": the packaged server runs against a PostgreSQL that
 * this test owns (started here with zonky, passed as {@code HYGIE_DATABASE_URL}, as a production
 * server would be). The test stops PostgreSQL while people are logged in: pages answer 503 with the
 * error page and JSON answers 503 problem+json, with no stack trace, SQL or database address; a write
 * attempted meanwhile is refused and leaves nothing. PostgreSQL is started again on the same data and
 * port and the server, never restarted, serves again by itself: what was written before is there, a
 * new write works. The FHIR API (HAPI's servlet, outside Spring MVC) answers 503 OperationOutcomes too, to a
 * browser session, an app's bearer token (which works again afterwards) and an anonymous search.
 *
 * <p>Runs in {@code mvn verify} (failsafe, after {@code package}): it needs the real jar.
 */
class DatabaseRestartIT {

    private static final List<String> LEAKS = List.of("Exception", "org.postgresql", "jdbc:", "SQLState", "at fr.hygie.",
            "at org.springframework", "127.0.0.1:", "Hikari", "password");

    @TempDir
    Path temp;

    @Test
    void whenPostgresqlStopsRequestsFailCleanlyAndTheServerRecoversByItselfWithoutLosingData() throws Exception {
        Path data = Files.createDirectories(temp.resolve("pg"));
        int pgPort = ServerProcess.freePort();
        EmbeddedPostgres pg = postgres(data, pgPort);
        Path home = Files.createDirectories(temp.resolve("home"));
        Map<String, String> database = Map.of(
                "HYGIE_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "HYGIE_DATABASE_USER", "postgres", "HYGIE_DATABASE_PASSWORD", "postgres");
        try (ServerProcess server = ServerProcess.start(home, "db-restart", database)) {
            // One server per HYGIE_HOME: a second ./hygie on this home is refused before it touches the database.
            ServerProcess.Result second = ServerProcess.commandWithin(Duration.ofMinutes(3), home, database);
            assertThat(second.exitCode()).as(second.output()).isEqualTo(3);
            assertThat(second.output()).contains("Un serveur Hygie utilise déjà ce dossier (HYGIE_HOME " + home.toAbsolutePath().normalize());
            String patient = patientIdOf(pg, "patient");
            WebSession medecin = new WebSession(server.port()).loggedInAs("medecin");
            WebSession person = new WebSession(server.port()).loggedInAs("patient");
            assertThat(add(medecin, patient, "Avant la coupure").statusCode()).isEqualTo(302);
            // An app holding a bearer token (authorization code + PKCE, before the outage).
            AppClient app = new AppClient(server.port(), "hygie-demo-app");
            String token = app.connect("medecin", "openid user/Patient.rs").access();
            assertThat(app.fhir("/fhir/Patient/" + patient, token).statusCode()).isEqualTo(200);

            pg.close(); // fast shutdown; the data folder stays
            try {
                HttpResponse<String> page = person.get("/dossier");
                assertThat(page.statusCode()).as("a page while the database is down (status class only, body checked below)").isEqualTo(503);
                assertThat(page.headers().firstValue("Retry-After")).isPresent();
                assertThat(page.body()).contains("Service momentanément indisponible").doesNotContain(LEAKS);

                HttpResponse<String> json = anonymousJson(server.port(), "/recherche/registre.json");
                assertThat(json.statusCode()).as("JSON while the database is down: %s", json.body()).isEqualTo(503);
                assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(json.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"").doesNotContain(LEAKS);

                // The FHIR servlet (HAPI, outside Spring MVC): a session read, a bearer-token read and an anonymous
                // public search.
                for (HttpResponse<String> fhir : List.of(medecin.get("/fhir/Patient/" + patient),
                        app.fhir("/fhir/Patient/" + patient, token), anonymousJson(server.port(), "/fhir/ResearchStudy"))) {
                    assertThat(fhir.statusCode()).as("FHIR while the database is down: %s", fhir.body()).isEqualTo(503);
                    assertThat(fhir.headers().firstValue("Retry-After")).isPresent();
                    assertThat(fhir.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("\"code\":\"transient\"")
                            .doesNotContain(LEAKS);
                }

                HttpResponse<String> write = add(medecin, patient, "Pendant la coupure");
                assertThat(write.statusCode()).as("a write while the database is down: %s", write.body()).isEqualTo(503);
                assertThat(write.body()).doesNotContain(LEAKS);
            } finally {
                pg = postgres(data, pgPort);
            }

            // Same server process, no restart: the pool opens new connections by itself.
            HttpResponse<String> back = awaitStatus(person, "/dossier", 200);
            assertThat(back.statusCode()).as("the server serves again after PostgreSQL is back").isEqualTo(200);
            HttpResponse<String> record = medecin.get("/pro/patients/" + patient);
            assertThat(record.statusCode()).isEqualTo(200);
            assertThat(medecin.get("/fhir/Patient/" + patient).statusCode()).as("FHIR serves again").isEqualTo(200);
            assertThat(app.fhir("/fhir/Patient/" + patient, token).statusCode()).as("the same token works again").isEqualTo(200);
            assertThat(record.body()).contains("Avant la coupure").doesNotContain("Pendant la coupure");
            assertThat(add(medecin, patient, "Après la coupure").statusCode()).isEqualTo(302);
            assertThat(medecin.get("/pro/patients/" + patient).body()).contains("Après la coupure");

            // The caches kept in memory (relationship facts, ADR 0001; persons' rows, ADR 0005) listen again to both
            // channels on their one connection: a change written by another process after the restart reaches them.
            awaitListening(pg);
            assertThat(medecin.get("/pro/patients/" + patient).statusCode()).isEqualTo(200); // kept again
            sql(pg, "UPDATE identity.patient SET used_name = 'APRESREDEMARRAGE' WHERE id = '" + patient + "'");
            assertThat(awaitBody(medecin, "/pro/patients/" + patient, "apresredemarrage"))
                    .as("a person's row changed by another process after the restart").containsIgnoringCase("apresredemarrage");
            // Another GP, without relation to her: his facts are kept (nothing of hers shown); another process authorises him.
            WebSession other = new WebSession(server.port()).loggedInAs("medecin2");
            assertThat(other.get("/pro/patients/" + patient).body()).doesNotContain("Après la coupure");
            sql(pg, "INSERT INTO access.authorisation (patient_id, professional_id, authorised_at) SELECT '" + patient
                    + "', professional_id, now() FROM identity.account WHERE username = 'medecin2'");
            assertThat(awaitBody(other, "/pro/patients/" + patient, "après la coupure"))
                    .as("an authorisation written by another process after the restart").contains("Après la coupure");
            assertThat(awaitStatus(new WebSession(server.port()), "/actuator/health/readiness", 200).statusCode()).isEqualTo(200);
            server.stop();
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setPGStartupWait(Duration.ofSeconds(120)).setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("timezone", "UTC").start();
    }

    private static HttpResponse<String> add(WebSession medecin, String patient, String title) {
        medecin.get("/pro/patients/" + patient + "/ajouter"); // a fresh CSRF token, as a browser would have
        return medecin.postForm("/pro/patients/" + patient + "/ajouter", Map.of("type", "11502-2", "title", title,
                "date", LocalDate.now().minusDays(1).toString(), "text", "Compte rendu " + title));
    }

    private static HttpResponse<String> anonymousJson(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks again, one second apart (bounded), until the answer has the status: recovery takes the pool a moment. */
    private static HttpResponse<String> awaitStatus(WebSession web, String path, int status) {
        HttpResponse<String> r = web.get(path);
        for (int i = 0; i < 120 && r.statusCode() != status; i++) {
            ServerProcess.sleep(1000);
            r = web.get(path);
        }
        return r;
    }

    /** Until the server's change listener has listened again (its last LISTEN is its connection's last statement). */
    private static void awaitListening(EmbeddedPostgres pg) throws Exception {
        for (int i = 0; i < 120; i++) {
            try (Connection c = pg.getPostgresDatabase().getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                         + "'hygie-change-listener' AND query LIKE 'LISTEN %'");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return;
                }
            }
            ServerProcess.sleep(1000);
        }
        throw new AssertionError("the server's change listener did not listen again after the restart");
    }

    private static void sql(EmbeddedPostgres pg, String statement) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Asks again, a tenth of a second apart (bounded), until the page shows the text (in any case: names are capitalised). */
    private static String awaitBody(WebSession web, String path, String text) {
        String body = web.get(path).body();
        for (int i = 0; i < 300 && !body.toLowerCase(java.util.Locale.ROOT).contains(text); i++) {
            ServerProcess.sleep(100);
            body = web.get(path).body();
        }
        return body;
    }

    private static String patientIdOf(EmbeddedPostgres pg, String login) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT patient_id FROM identity.account WHERE username = ?")) {
            s.setString(1, login);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
