package fr.hygie.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.holdFor;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.reachRps;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.rendezVous;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.Cookie;
import static io.gatling.javaapi.http.HttpDsl.CookieKey;
import static io.gatling.javaapi.http.HttpDsl.addCookie;
import static io.gatling.javaapi.http.HttpDsl.getCookieValue;
import static io.gatling.javaapi.http.HttpDsl.currentLocationRegex;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on a running Hygie (bench/run-gatling.sh starts one on a fresh HYGIE_HOME and stops it). One
 * scenario per run, chosen by {@code -Dscenario=}: {@code patient-record}, {@code pro-record},
 * {@code fhir-search}, {@code slot-search}, {@code upload}, {@code booking} (contention on the earliest slot). Each virtual user logs in once (BCrypt is
 * not what we measure), then repeats its journey for {@code -Dduration=} seconds; {@code -Dusers=}
 * users at once. Bounded: the run stops by itself. Loopback only ({@code -Dhygie.url}).
 *
 * <p>Spread over the population: with {@code -Dbench.feeders=HYGIE_HOME/bench} (written by the server started with
 * {@code HYGIE_DEMO_BENCH_LOGINS=N}, see {@code fr.hygie.demo.BenchLogins}) each virtual user logs in as a
 * different generated professional (pro-record, upload, fhir-search) or person (patient-record, booking), and each
 * iteration of a professional picks one of the persons they are médecin traitant of (so the policy permits the read
 * and the upload, and the journal entries fall on many chains). Without it, the demo cast as before (Marie Durand,
 * read by herself or by Dr Leroy: every request on one chain).
 */
public class HygieSimulation extends Simulation {

    private static final String BASE = System.getProperty("hygie.url", "http://127.0.0.1:8080");
    private static final String SCENARIO = System.getProperty("scenario", "pro-record");
    private static final int USERS = Integer.getInteger("users", 8);
    private static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("duration", 45));
    private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** The CSRF token of a form rendered by Thymeleaf ({@code <input type="hidden" name="_csrf" value="…"/>}). */
    private static final String CSRF_FIELD = "<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"";
    private static final byte[] HUNDRED_KB = hundredKilobytesOfText();
    private static final String FEEDERS = System.getProperty("bench.feeders", "");
    /**
     * {@code -Drate=R} (requests per second, 0 = none): throttle the whole simulation to R requests per second (a
     * 10-s ramp, then held to the end of the run) instead of letting the closed-loop users run without pause. Gatling's
     * throttle is an upper bound: the users still need to be enough to send R per second (Little: users ≥ R × response
     * time), and a server that cannot keep up answers fewer than R per second with the queueing of a saturated
     * system; bench/run-one-scenario.sh compares the achieved rate with R and says so.
     */
    private static final int RATE = Integer.getInteger("rate", 0);
    /**
     * {@code -Dpace=P} (milliseconds, 0 = none; pro-record only): each user's iteration (record page, then its first
     * document) lasts at least a random time between P/2 and 3P/2 (Gatling's {@code pace}), so that USERS users send
     * about USERS × 1.7 / P requests per second spread over time — unlike the throttle, which counts per one-second tick
     * and sends its excess in bursts (docs/benchmarks.md « Session 10 — after the merges »). A server slower than the
     * pace makes the iteration late, not skipped: the achieved rate is then lower, as run-one-scenario.sh reports.
     */
    private static final int PACE_MS = Integer.getInteger("pace", 0);
    /**
     * {@code -Dsettle=S} (seconds, 0 = none): measure the <em>steady window</em> only. Every user logs in, then waits
     * at a rendez-vous until all {@code USERS} have ({@code rendezVous}), so that no journey request is served while a
     * login (BCrypt) runs; the journey then runs {@code S + DURATION} seconds, and its requests sent in the first S
     * seconds after the rendez-vous are named {@code "settle: …"}: Gatling's report gives the logins, the settling
     * requests and the steady window's requests in rows of their own, and the rows with the journey's plain names are
     * the steady window only (bench/run-one-scenario.sh passes {@code SKIP}; session 10's paced p99 of 144 ms included
     * 17 s of logins). With {@code -Dpace}, each user first waits a random 0–P ms, so that the paced iterations do not
     * start in step.
     */
    private static final int SETTLE_S = Integer.getInteger("settle", 0);
    /**
     * {@code -Darrivals=A} (journeys per second, 0 = none; pro-record only): an <em>open</em> model. {@code USERS}
     * professionals log in first (their own population, before any read); then journeys (record page, then its first
     * document) arrive at random at A per second — a Poisson process (Gatling's {@code constantUsersPerSec(A)
     * .randomized()}: exponential inter-arrival times) — each on one of the opened sessions picked at random, for
     * {@code SETTLE + DURATION} seconds. An arrival does not wait for an earlier response (unlike closed-loop or paced
     * users, which send less when the server slows: no coordinated omission), and no login runs during the reads.
     */
    private static final double ARRIVALS = Double.parseDouble(System.getProperty("arrivals", "0"));
    /** The sessions the open model's journeys use: professional's login, JSESSIONID and patients, filled by the logins. */
    private static final List<Map<String, Object>> OPENED = new CopyOnWriteArrayList<>();
    /** When the steady window starts (epoch ms; 0 until the first journey after the logins has started). */
    private static final AtomicLong STEADY_FROM = new AtomicLong();

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptLanguageHeader("fr")
            .userAgentHeader("hygie-bench").shareConnections();

    {
        if (!BASE.startsWith("http://127.0.0.1") && !BASE.startsWith("http://localhost")) {
            throw new IllegalArgumentException("The bench runs against a local server only: " + BASE);
        }
        Duration loop = DURATION.plusSeconds(SETTLE_S);
        SetUp setUp;
        if (ARRIVALS > 0) {
            if (!"pro-record".equals(SCENARIO)) {
                throw new IllegalArgumentException("-Darrivals is for pro-record only");
            }
            // The logins' population, then (andThen: once every login has ended) the Poisson arrivals.
            setUp = setUp(sessionsOpened().injectOpen(atOnceUsers(USERS))
                    .andThen(arrivingReads().injectOpen(constantUsersPerSec(ARRIVALS).during(loop).randomized())))
                    .protocols(protocol).maxDuration(loop.plusMinutes(3));
        } else {
            setUp = setUp(journey().injectOpen(atOnceUsers(USERS))).protocols(protocol).maxDuration(loop.plusMinutes(2));
        }
        if (RATE > 0) {
            // The logins fall in the ramp; the hold outlasts the journeys (the run ends when they do).
            setUp.throttle(reachRps(RATE).during(Duration.ofSeconds(10)), holdFor(loop.plusMinutes(1)));
        }
    }

    /**
     * The journey's loop: {@code during(DURATION)} as before, or with {@code -Dsettle}, after a rendez-vous of every
     * user, {@code during(SETTLE + DURATION)} with each iteration's phase set (see {@link #SETTLE_S}).
     */
    private static ChainBuilder steadyLoop(ChainBuilder iteration) {
        return steadyLoop(false, iteration);
    }

    /** The same; with {@code exitIfLoginFailed}, a user whose login failed stops before the loop (after the rendez-vous). */
    private static ChainBuilder steadyLoop(boolean exitIfLoginFailed, ChainBuilder iteration) {
        if (SETTLE_S <= 0) {
            ChainBuilder start = exec(session -> session.set("phase", ""));
            return (exitIfLoginFailed ? start.exitHereIfFailed() : start).during(DURATION).on(iteration);
        }
        ChainBuilder start = exec(session -> session).rendezVous(USERS);
        if (exitIfLoginFailed) {
            start = start.exitHereIfFailed();
        }
        if (PACE_MS > 0) {
            start = start.pause(Duration.ZERO, Duration.ofMillis(PACE_MS));
        }
        return start.during(DURATION.plusSeconds(SETTLE_S)).on(exec(HygieSimulation::phase).exec(iteration));
    }

    /** {@code phase}: {@code "settle: "} in the first SETTLE seconds after the first journey started, then "". */
    private static Session phase(Session session) {
        long now = System.currentTimeMillis();
        STEADY_FROM.compareAndSet(0, now + SETTLE_S * 1000L);
        return session.set("phase", now < STEADY_FROM.get() ? "settle: " : "");
    }

    /** The open model's first population: each professional logs in and leaves its session in {@link #OPENED}. */
    private static ScenarioBuilder sessionsOpened() {
        return scenario("professionals open their sessions").exec(professionalLogsIn()).exitHereIfFailed()
                .exec(getCookieValue(CookieKey("JSESSIONID")))
                .exec(session -> {
                    OPENED.add(Map.of("sid", session.getString("JSESSIONID"), "patients", session.getList("patients")));
                    return session;
                });
    }

    /** The open model's arrivals: one journey each, on an opened session picked at random. */
    private static ScenarioBuilder arrivingReads() {
        return scenario("professional reads authorised record (Poisson arrivals)")
                .exec(session -> {
                    if (OPENED.isEmpty()) {
                        throw new IllegalStateException("no session opened: every login failed");
                    }
                    Map<String, Object> opened = OPENED.get(ThreadLocalRandom.current().nextInt(OPENED.size()));
                    return session.set("sid", opened.get("sid")).set("patients", opened.get("patients"));
                })
                .exec(addCookie(Cookie("JSESSIONID", "#{sid}").withPath("/")))
                .exec(HygieSimulation::phase).exec(proRead());
    }

    /** One professional's iteration: a patient picked, the record page, then its first document if it has one. */
    private static ChainBuilder proRead() {
        return exec(HygieSimulation::pickPatient).exec(session -> session.remove("docId"))
                .exec(http("#{phase}pro: record").get("/pro/patients/#{patientId}")
                        // The record page itself, not the login page a lost session is redirected to.
                        .check(currentLocationRegex(".*/pro/patients/" + UUID_RE + "$").exists())
                        .check(regex("/pro/patients/" + UUID_RE + "/documents/(" + UUID_RE + ")").optional().saveAs("docId")))
                .doIf("#{docId.exists()}").then(
                        exec(http("#{phase}pro: document content").get("/pro/patients/#{patientId}/documents/#{docId}/contenu")));
    }

    private static ChainBuilder login(String user) {
        return exec(http("login form").get("/login").check(css("input[name=_csrf]", "value").saveAs("csrf")))
                .exec(http("login").post("/login").formParam("username", user).formParam("password", "demo")
                        .formParam("_csrf", "#{csrf}").check(currentLocationRegex(".*/accueil")));
    }

    /**
     * One professional per virtual user with the persons they are médecin traitant of, or Dr Leroy with Marie
     * Durand (demo cast) when no feeder was given. Session: {@code login}, {@code patients} (rows of patientId,
     * family, birthdate).
     */
    private static Iterator<Map<String, Object>> professionals() {
        Map<String, List<List<String>>> byLogin = new LinkedHashMap<>();
        if (FEEDERS.isBlank()) {
            byLogin.put("medecin", List.of(List.of("", "DURAND", "1978-05-12")));
        } else {
            for (List<String> row : csv(Path.of(FEEDERS, "professionals.csv"))) {
                byLogin.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(row.subList(1, 4));
            }
        }
        List<Map<String, Object>> records = new ArrayList<>();
        byLogin.forEach((login, patients) -> records.add(Map.of("login", login, "patients", patients)));
        return cycle(records);
    }

    /** One person per virtual user (their own record), or Marie Durand when no feeder was given. */
    private static Iterator<Map<String, Object>> persons() {
        List<Map<String, Object>> records = new ArrayList<>();
        if (FEEDERS.isBlank()) {
            records.add(Map.of("login", "patient"));
        } else {
            for (List<String> row : csv(Path.of(FEEDERS, "patients.csv"))) {
                records.add(Map.of("login", row.get(0)));
            }
        }
        return cycle(records);
    }

    private static List<List<String>> csv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<List<String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    rows.add(List.of(line.split(",", -1)));
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalStateException("empty feeder " + file);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Iterator<Map<String, Object>> cycle(List<Map<String, Object>> records) {
        AtomicInteger next = new AtomicInteger();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                return records.get(Math.floorMod(next.getAndIncrement(), records.size()));
            }
        };
    }

    /** Picks one of the professional's patients for this iteration ({@code patientId}, {@code family}, {@code birthdate}). */
    private static Session pickPatient(Session session) {
        List<List<String>> patients = session.getList("patients");
        List<String> p = patients.get(ThreadLocalRandom.current().nextInt(patients.size()));
        return session.set("patientId", p.get(0)).set("family", p.get(1)).set("birthdate", p.get(2));
    }

    /** A professional logged in, with the first patient picked (found by traits when the demo cast is used). */
    private static ChainBuilder professionalLogsIn() {
        ChainBuilder in = exec(session -> session).feed(professionals()).exec(login("#{login}")).exec(HygieSimulation::pickPatient);
        if (FEEDERS.isBlank()) {
            // Dr Leroy finds Marie Durand by her traits (her id is not known in advance).
            in = in.exec(http("pro: find patient").get("/pro/patients?nom=DURAND&prenom=MARIE&naissance=1978-05-12")
                    .check(regex("/pro/patients/(" + UUID_RE + ")").saveAs("patientId")))
                    .exec(session -> session.set("patients", List.of(List.of(session.getString("patientId"), "DURAND", "1978-05-12"))));
        }
        return in;
    }

    private static ScenarioBuilder journey() {
        switch (SCENARIO) {
            case "patient-record":
                return scenario("patient reads own record").feed(persons()).exec(login("#{login}"))
                        .exec(steadyLoop(exec(session -> session.remove("docId")).exec(http("#{phase}patient: record").get("/dossier")
                                        .check(regex("/dossier/documents/(" + UUID_RE + ")").optional().saveAs("docId")))
                                .doIf("#{docId.exists()}").then(
                                        exec(http("#{phase}patient: document content").get("/dossier/documents/#{docId}/contenu")))));
            case "pro-record":
                return scenario("professional reads authorised record").exec(professionalLogsIn())
                        .exec(steadyLoop(PACE_MS > 0
                                ? pace(Duration.ofMillis(PACE_MS / 2), Duration.ofMillis(PACE_MS * 3L / 2)).exec(proRead())
                                : proRead()));
            case "fhir-search":
                return scenario("FHIR searches").exec(professionalLogsIn())
                        .exec(steadyLoop(exec(HygieSimulation::pickPatient)
                                .exec(http("#{phase}fhir: Patient by family+birthdate").get("/fhir/Patient").queryParam("family", "#{family}").queryParam("birthdate", "#{birthdate}")
                                        .header("Accept", "application/fhir+json").check(regex("\"total\":[1-9]")))
                                .exec(http("#{phase}fhir: DocumentReference by patient").get("/fhir/DocumentReference?patient=#{patientId}")
                                        .header("Accept", "application/fhir+json").check(regex("\"resourceType\":\"Bundle\"")))));
            case "slot-search":
                return scenario("public slot search").exec(steadyLoop(
                        exec(http("#{phase}slots: GPs near Lyon 10 km").get("/rendez-vous?quoi=P:10&lieu=Lyon&rayon=10"))
                        .exec(http("#{phase}slots: any near Lyon 50 km, earliest").get("/rendez-vous?lieu=Lyon&rayon=50&tri=date"))
                        .exec(http("#{phase}slots: GPs near 69008").get("/rendez-vous?quoi=P:10&lieu=69008&rayon=20"))));
            case "upload":
                // A virtual user whose login failed stops here: without a session, the form GET is redirected to the
                // login page (which has a CSRF field too) and the POST to /login, and the run would count them as uploads
                // (session 8 found a run of 21,000 such « uploads » after 32 logins timed out on a loaded machine:
                // docs/benchmarks.md, « Session 8 — upload over HTTP »).
                // (After the rendez-vous with -Dsettle: a user that left before it would hold the others there.)
                return scenario("document upload 100 KB").exec(professionalLogsIn())
                        .exec(steadyLoop(true, exec(HygieSimulation::pickPatient)
                                // The add form itself, not what a redirect lands on: 200 and the form that posts to it.
                                .exec(http("#{phase}upload: form").get("/pro/patients/#{patientId}/ajouter").disableFollowRedirect()
                                        // A regular expression, not css(...): css parses the whole page into a DOM (Jodd)
                                        // on the client, which shares the server's two cores in these runs; the same
                                        // hidden field is matched (Thymeleaf writes it as type, name, value), and a page
                                        // without it still fails the check (docs/benchmarks.md, « Session 7 — upload »).
                                        .check(status().is(200), substring("action=\"/pro/patients/#{patientId}/ajouter\""),
                                                regex(CSRF_FIELD).saveAs("csrf")))
                                // Stored: the add redirects to the person's record (a refusal or an error answers the
                                // form again, a lost session redirects to /login).
                                .exec(http("#{phase}upload: 100 KB").post("/pro/patients/#{patientId}/ajouter").asMultipartForm()
                                        .formParam("_csrf", "#{csrf}").formParam("type", "11502-2")
                                        .formParam("title", "Bilan (bench)").formParam("date", LocalDate.now().minusDays(1).toString())
                                        .bodyPart(ByteArrayBodyPart("file", HUNDRED_KB).fileName("bilan.txt").contentType("text/plain"))
                                        .disableFollowRedirect()
                                        // Tomcat writes the Location absolute (http://127.0.0.1:port/pro/patients/…).
                                        .check(status().is(302), headerRegex("Location", "^(http://[^/]+)?/pro/patients/#{patientId}$").exists()))));
            case "booking":
                // Every virtual person races for the same slot: the earliest free one of the general practitioners
                // around Lyon. Exactly one POST per slot may win (302 to the booking); the others get 409 « créneau
                // déjà pris » and search again. "booking: booked" counts the winners.
                return scenario("booking contention on the earliest slot").feed(persons()).exec(login("#{login}"))
                        .exec(steadyLoop(exec(session -> session.remove("slotId").remove("bookCsrf").remove("motif"))
                                .exec(http("#{phase}booking: earliest GP slot near Lyon").get("/rendez-vous?quoi=P:10&lieu=Lyon&rayon=10&tri=date")
                                        .check(regex("/rendez-vous/creneau/(" + UUID_RE + ")").saveAs("slotId")))
                                .exec(http("#{phase}booking: form").get("/rendez-vous/creneau/#{slotId}")
                                        .check(css("form[action^='/rendez-vous/creneau/'] input[name=_csrf]", "value").optional().saveAs("bookCsrf"),
                                                css("input[name=pour]", "value").optional().saveAs("pour"),
                                                css("input[name=motif]", "value").optional().saveAs("motif")))
                                .doIf("#{bookCsrf.exists()}").then(
                                        exec(http("#{phase}booking: book").post("/rendez-vous/creneau/#{slotId}")
                                                .formParam("_csrf", "#{bookCsrf}").formParam("pour", "#{pour}")
                                                .formParam("motif", session -> session.contains("motif") ? session.getString("motif") : "")
                                                .disableFollowRedirect()
                                                .check(status().in(302, 409).saveAs("bookStatus"),
                                                        header("Location").optional().saveAs("booked")))
                                        .doIf(session -> session.getInt("bookStatus") == 302).then(
                                                exec(http("#{phase}booking: booked").get("#{booked}"))))));
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
