package fr.hygie.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.currentLocationRegex;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;

/**
 * Load on a running Hygie (bench/run-gatling.sh starts one on a fresh HYGIE_HOME and stops it). One
 * scenario per run, chosen by {@code -Dscenario=}: {@code patient-record}, {@code pro-record},
 * {@code fhir-search}, {@code slot-search}, {@code upload}. Each virtual user logs in once (BCrypt is
 * not what we measure), then repeats its journey for {@code -Dduration=} seconds; {@code -Dusers=}
 * users at once. Bounded: the run stops by itself. Loopback only ({@code -Dhygie.url}).
 */
public class HygieSimulation extends Simulation {

    private static final String BASE = System.getProperty("hygie.url", "http://127.0.0.1:8080");
    private static final String SCENARIO = System.getProperty("scenario", "pro-record");
    private static final int USERS = Integer.getInteger("users", 8);
    private static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("duration", 45));
    private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final byte[] HUNDRED_KB = hundredKilobytesOfText();

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptLanguageHeader("fr")
            .userAgentHeader("hygie-bench").shareConnections();

    {
        if (!BASE.startsWith("http://127.0.0.1") && !BASE.startsWith("http://localhost")) {
            throw new IllegalArgumentException("The bench runs against a local server only: " + BASE);
        }
        setUp(journey().injectOpen(atOnceUsers(USERS))).protocols(protocol).maxDuration(DURATION.plusMinutes(2));
    }

    private static ChainBuilder login(String user) {
        return exec(http("login form").get("/login").check(css("input[name=_csrf]", "value").saveAs("csrf")))
                .exec(http("login").post("/login").formParam("username", user).formParam("password", "demo")
                        .formParam("_csrf", "#{csrf}").check(currentLocationRegex(".*/accueil")));
    }

    /** The médecin traitant finds Marie Durand (demo cast) by her traits. */
    private static ChainBuilder findPatient() {
        return exec(http("pro: find patient").get("/pro/patients?nom=DURAND&prenom=MARIE&naissance=1978-05-12")
                .check(regex("/pro/patients/(" + UUID_RE + ")").saveAs("patientId")));
    }

    private static ScenarioBuilder journey() {
        switch (SCENARIO) {
            case "patient-record":
                return scenario("patient reads own record").exec(login("patient"))
                        .exec(http("patient: record").get("/dossier")
                                .check(regex("/dossier/documents/(" + UUID_RE + ")").saveAs("docId")))
                        .during(DURATION).on(exec(http("patient: record").get("/dossier"))
                                .exec(http("patient: document content").get("/dossier/documents/#{docId}/contenu")));
            case "pro-record":
                return scenario("professional reads authorised record").exec(login("medecin")).exec(findPatient())
                        .exec(http("pro: record").get("/pro/patients/#{patientId}")
                                .check(regex("/pro/patients/" + UUID_RE + "/documents/(" + UUID_RE + ")").saveAs("docId")))
                        .during(DURATION).on(exec(http("pro: record").get("/pro/patients/#{patientId}"))
                                .exec(http("pro: document content").get("/pro/patients/#{patientId}/documents/#{docId}/contenu")));
            case "fhir-search":
                return scenario("FHIR searches").exec(login("medecin")).exec(findPatient())
                        .during(DURATION).on(
                                exec(http("fhir: Patient by family+birthdate").get("/fhir/Patient?family=Durand&birthdate=1978-05-12")
                                        .header("Accept", "application/fhir+json").check(regex("\"total\":1")))
                                .exec(http("fhir: DocumentReference by patient").get("/fhir/DocumentReference?patient=#{patientId}")
                                        .header("Accept", "application/fhir+json").check(regex("\"resourceType\":\"Bundle\""))));
            case "slot-search":
                return scenario("public slot search").during(DURATION).on(
                        exec(http("slots: GPs near Lyon 10 km").get("/rendez-vous?quoi=P:10&lieu=Lyon&rayon=10"))
                        .exec(http("slots: any near Lyon 50 km, earliest").get("/rendez-vous?lieu=Lyon&rayon=50&tri=date"))
                        .exec(http("slots: GPs near 69008").get("/rendez-vous?quoi=P:10&lieu=69008&rayon=20")));
            case "upload":
                return scenario("document upload 100 KB").exec(login("medecin")).exec(findPatient())
                        .during(DURATION).on(
                                exec(http("upload: form").get("/pro/patients/#{patientId}/ajouter")
                                        .check(css("input[name=_csrf]", "value").saveAs("csrf")))
                                .exec(http("upload: 100 KB").post("/pro/patients/#{patientId}/ajouter").asMultipartForm()
                                        .formParam("_csrf", "#{csrf}").formParam("type", "11502-2")
                                        .formParam("title", "Bilan (bench)").formParam("date", LocalDate.now().minusDays(1).toString())
                                        .bodyPart(ByteArrayBodyPart("file", HUNDRED_KB).fileName("bilan.txt").contentType("text/plain"))
                                        .disableFollowRedirect()
                                        .check(status().is(302), header("Location").not("/pro/patients/#{patientId}/ajouter"))));
            default:
                throw new IllegalArgumentException("unknown scenario " + SCENARIO);
        }
    }

    private static byte[] hundredKilobytesOfText() {
        StringBuilder s = new StringBuilder(100 * 1024);
        int line = 0;
        while (s.length() < 100 * 1024 - 80) {
            s.append("Ligne ").append(line++).append(" : glycémie à jeun 0,95 g/L, HbA1c 5,6 %, créatinine 8 mg/L.\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
