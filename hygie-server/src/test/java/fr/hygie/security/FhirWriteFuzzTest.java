package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.Slot;
import fr.hygie.appointments.WeeklyHours;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.NewProfessional;
import fr.hygie.identity.Nir;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.identity.Rpps;
import fr.hygie.identity.Sex;
import fr.hygie.platform.Ids;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Coverage-guided fuzzing (Jazzer) of FHIR writes over HTTP: creates of every writable type (the five profile types,
 * DocumentReference, Communication, Consent, Appointment), updates (Consent, DocumentReference, Appointment) and
 * transaction Bundles, sent with a professional's session (Dr Leroy, « medecin ») or with a person's own session.
 * Each input starts from a valid resource of its kind and mutates it: values of any JSON type in any field, removed
 * fields, unknown fields, references to another person, to unknown or malformed ids, to other types, contained and
 * absolute references, ids, extensions and modifier extensions, changed resource types, huge strings, duplicated
 * array entries; sometimes another content type or a body that is not JSON at all.
 *
 * <p>Invariants: never a server error (5xx); a refusal (4xx) is an OperationOutcome, stores nothing (the rows of
 * every table holding a {@code patient_id} hash the same before and after — not the journal, which records refusals
 * by design, nor the notifications, written after a commit on another thread —, and so do the messages and the
 * number of persons), and echoes neither a stack trace nor what
 * was sent (a marker planted in the values never comes back in a refusal); a person's own session never changes
 * another person's rows, even when it is answered 2xx; no write is stored about a person who does not exist (rows whose
 * {@code patient_id} names no person never grow).
 *
 * <p>The persons written to are fresh ones ({@link Cast#newPatient}), never the demo cast (the Spring context is
 * shared); the slots booked are those of an agenda the test opens for a professional of its own. A second target,
 * {@link #aRepresentativeOrACounterAgentWriteStaysWithinItsRightsAndIsStoredOrRefusedCleanly}, fuzzes the writes of a
 * representative of the person and of a counter agent (FHIR, their web forms, the registration API). Every build replays
 * {@link #everyValidSeedIsAcceptedByWhoeverMayWriteIt} and the seeds under
 * {@code src/test/resources/fr/hygie/security/FhirWriteFuzzTestInputs/} (regression mode); {@code JAZZER_FUZZ=1}
 * fuzzes (docs/security.md, "How to run").
 */
@HygieIntegrationTest
class FhirWriteFuzzTest {

    /** The kinds of writes, each with a valid seed ({@link World#seed}). */
    static final List<String> KINDS = List.of("Immunization", "Observation", "Condition", "AllergyIntolerance", "MedicationStatement",
            "DocumentReference", "Communication", "Consent", "Appointment", "Consent update", "DocumentReference update",
            "Appointment update", "transaction");
    /** Planted in values: a refusal that quotes what it was sent contains it. */
    static final String MARKER = "zqxmarker";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> FHIR_JSON = Map.of("Content-Type", "application/fhir+json", "Accept", "application/fhir+json");
    private static final String[] CONTENT_TYPES = {"application/json", "application/fhir+xml", "text/plain", "application/x-www-form-urlencoded",
        "application/fhir+json; charset=ISO-8859-1", "multipart/form-data; boundary=x"};
    private static final String[] DATES = {"2026-02-30", "0000-01-01", "9999-12-31T23:59:60Z", "2026-01-15T25:00:00+14:00", "2026",
        "2026-13", "", " ", "\u0000", "-2026-01-01", "2026-01-15T10:00:00", "1e9", "2026-01-15T10:00:00.123456789Z"};
    private static final String[] TYPES = {"Patient", "Practitioner", "Organization", "DocumentReference", "Bundle", "Binary",
        "OperationOutcome", "Parameters", "Immunization", "Observation", "Consent", "Appointment", "Communication", "AuditEvent"};

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FhirContext fhir;

    @Autowired
    Professionals professionals;

    @Autowired
    Agendas agendas;

    @Autowired
    Directory directory;

    @Autowired
    Clock clock;

    @Autowired
    Accounts accounts;

    @Autowired
    Mandates mandates;

    private World world;

    @FuzzTest(maxDuration = "5m")
    void aFhirWriteIsStoredOrRefusedWithAnOutcomeThatStoresAndEchoesNothing(FuzzedDataProvider data) {
        inOurWorld(() -> write(data));
    }

    /**
     * Runs one fuzzed input against the accounts built once per run. Jazzer's SSRF detector refuses network
     * connections; the targets talk to their own server only, and the server to its embedded PostgreSQL (its pools
     * open connections while fuzzing: a write's journal group commit, say).
     */
    private void inOurWorld(Runnable input) {
        try (SilentCloseable local = BugDetectors.allowNetworkConnections((host, p) -> "localhost".equals(host) || "127.0.0.1".equals(host))) {
            if (world == null) {
                world = new World();
            }
            input.run();
        }
    }

    /** The seeds the fuzzer starts from are valid: each is accepted (2xx) from whoever may write it, and every invariant holds. */
    @Test
    void everyValidSeedIsAcceptedByWhoeverMayWriteIt() {
        World w = new World();
        for (String kind : KINDS) {
            List<Integer> statuses = new ArrayList<>();
            for (boolean professional : new boolean[] {true, false}) {
                Request request = w.seed(kind, professional);
                statuses.add(send(w, professional, request, List.of()).statusCode());
            }
            // Creating profile lines, documents and transactions is open to both; sharing choices, bookings and masking
            // are the person's; a message is written by the professional (the person answers one, below).
            assertThat(statuses).as("%s as the professional, then as the person", kind).anyMatch(s -> s / 100 == 2);
        }
    }

    /**
     * Findings, kept as plain inputs besides the fuzzer's seeds (docs/security.md): a profile line coded in a system whose
     * URI is longer than the column that held it (« http://snomed.info/sct »: a 500, seen in this test's first run), and,
     * found by reading the same paths then: a measurement too large for NUMERIC(12, 3), a unit too long for its column, a
     * text holding a NUL character (PostgreSQL refuses it in any text column), a document dated by a year alone (cut to
     * ten characters), a line or a document about a person who does not exist (stored for nobody); session 6, by reading:
     * the validator's refusals quoting the values they refused, a value that PostgreSQL rounds beyond its column, a
     * document's content type made of a semicolon. Now each is stored, or refused with an OperationOutcome that stores
     * nothing and quotes nothing.
     */
    @Test
    void findingsOfTheFuzzerStayFixed() {
        World w = new World();
        String p = w.personId.value().toString();
        String subject = "{\"reference\":\"Patient/" + p + "\"}";
        Map<String, String> findings = new LinkedHashMap<>();
        findings.put("Condition", "{\"resourceType\":\"Condition\",\"clinicalStatus\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},\"code\":{\"coding\":[{\"system\":"
                + "\"http://snomed.info/sct\",\"code\":\"195967001\"}],\"text\":\"Asthme\"},\"subject\":" + subject
                + ",\"onsetDateTime\":\"2020-03-01\"}");
        findings.put("Observation", w.seed("Observation", true).body().replace("\"value\":70.5", "\"value\":1234567890123"));
        findings.put("Observation ", w.seed("Observation", true).body().replace("\"code\":\"kg\"", "\"code\":\"kg" + "/m".repeat(20) + "\""));
        findings.put("Immunization", w.seed("Immunization", true).body().replace("\"text\":\"Grippe\"", "\"text\":\"Grip\\u0000pe\""));
        findings.put("DocumentReference", documentJson(w.personId).replace("\"start\":\"2026-01-15\"", "\"start\":\"2026\""));
        findings.put("Immunization ", w.seed("Immunization", true).body().replace(p, UUID.randomUUID().toString()));
        findings.put("DocumentReference ", documentJson(w.personId).replace(p, UUID.randomUUID().toString()));
        findings.put("Communication", communication(w.personId, "Patient/" + p, null).replace(p, UUID.randomUUID().toString()));
        // Session 6, by reading: the validator's refusals quoted the values they refused (a code out of its value set, an
        // id, an extension's URL, a reference's type): the answer's marker check fails on them without FhirValidation's masking.
        findings.put("AllergyIntolerance", w.seed("AllergyIntolerance", true).body().replace("\"code\":\"active\"", "\"code\":\"" + MARKER + "-active\""));
        findings.put("Immunization  ", w.seed("Immunization", true).body().replace("{\"resourceType\":\"Immunization\",",
                "{\"resourceType\":\"Immunization\",\"id\":\"" + MARKER + "_$\","));
        findings.put("Observation  ", w.seed("Observation", true).body().replace("{\"resourceType\":\"Observation\",",
                "{\"resourceType\":\"Observation\",\"extension\":[{\"url\":\"" + MARKER + " ext\",\"valueString\":\"x\"}],"));
        findings.put("Condition ", w.seed("Condition", true).body().replace("\"reference\":\"Patient/", "\"reference\":\"" + MARKER + "/"));
        // Session 6, by reading: a value rounded beyond NUMERIC(12, 3) by PostgreSQL, a content type made of a semicolon.
        findings.put("Observation   ", w.seed("Observation", true).body().replace("\"value\":70.5", "\"value\":999999999.9996"));
        findings.put("DocumentReference  ", documentJson(w.personId).replace("\"contentType\":\"text/plain\"", "\"contentType\":\";\""));
        findings.forEach((type, body) -> {
            for (boolean professional : new boolean[] {true, false}) {
                send(w, professional, new Request("POST", "/fhir/" + type.strip(), body, "application/fhir+json"), List.of());
            }
        });
    }

    /** The writes of a representative and of a counter agent; each role tries every one (the other role's too). */
    static final List<String> ROLE_WRITES = List.of("FHIR", "booking form", "sharing form", "counter booking", "registration",
            "wishes form",
            // Session 7, appended (the seeds' bytes for the six above keep their meaning): a representative's messaging forms
            // (a new conversation, a reply, filing a received attachment into the record) and document upload; the counter's
            // « espace / code » (an activation code for a person) and cancellation of a booking; a FHIR Patient creation.
            "message form", "document upload", "counter space code", "counter cancellation", "FHIR Patient",
            // Session 8, appended (the eleven above keep their meaning): a reply sent as a multipart form with an uploaded
            // file (the person's reply attaches a document of her record, never a file: the file must be stored nowhere),
            // and the messaging forms tried by a second representative of the person whose mandate lacks « Écrire ».
            "reply with a file", "messages without Écrire");
    private static final List<String> MESSAGE_FORMS = List.of("new", "reply", "file attachment");
    /** FHIR writes tried with their sessions, as the person would send them. */
    static final List<String> ROLE_KINDS = List.of("Appointment", "Appointment update", "Communication", "Immunization", "Observation",
            "DocumentReference", "Consent", "Consent update", "DocumentReference update", "transaction");
    private static final String[] SHARING_ACTIONS = {"autoriser", "retirer", "bloquer", "debloquer", "urgence", "equipe", "notifications"};

    /**
     * The writes of the roles that act for others: a representative with an active mandate for the person (caregiver:
     * documents seen, appointments, messages — not « Gérer le partage »), over FHIR and with the web forms he uses (booking
     * for her, her sharing choices, her wishes; since session 7 her messaging forms — a new conversation, a reply, filing a
     * received attachment into her record — and the upload of a document), and a counter agent (FHIR, booking at the counter
     * for a registered person or one without a digital space, registering a person by her INS over the JSON API; since session
     * 7 the activation code of a person's space, the cancellation of a booking, and a FHIR Patient creation, whose refusal
     * never quotes the NIR). Same invariants as
     * {@link #aFhirWriteIsStoredOrRefusedWithAnOutcomeThatStoresAndEchoesNothing}, for the web a refusal is a 4xx (a 400
     * says what is wrong in the page's error summary, which never quotes what was typed), and each role stays within its
     * rights ({@link Rights}): the representative never changes the person's record or sharing choices nor anyone else's
     * rows, the counter agent changes nothing but bookings.
     */
    @FuzzTest(maxDuration = "5m")
    void aRepresentativeOrACounterAgentWriteStaysWithinItsRightsAndIsStoredOrRefusedCleanly(FuzzedDataProvider data) {
        inOurWorld(() -> roleWrite(data));
    }

    /**
     * The roles' valid writes reach what their rights allow (so the fuzzing above starts from writes that work), the
     * others are refused; and what reading their paths found stays fixed (session 6): a counter agent's FHIR booking for
     * a person who does not exist was stored for nobody; a 10,000-character name at the counter was stored as typed; a form
     * refused before any controller (a NUL, refused by {@code NulCharacterFilter}) answered the generic error page « Le
     * service n'a pas pu répondre. Réessayez », as if the server had failed, and now says the request is not valid; the
     * wishes form answered 500 for directives over 20,000 characters and for an organ-donation choice it does not offer,
     * and the sharing form for a notification kind or channel it does not offer; the registration of a person answered
     * 500 for a phone spread with spaces over more than 20 characters, a postcode of six characters, a NUL in her address.
     */
    @Test
    void theRepresentativeAndTheCounterAgentReachWhatTheirRightsAllowAndNothingElse() {
        World w = new World();
        List<String> none = List.of();
        assertThat(send(w, w.representative, "the representative", w.seed("Appointment", false), none, Rights.REPRESENTATIVE).statusCode())
                .as("the representative books for the person over FHIR").isEqualTo(201);
        assertThat(send(w, w.representative, "the representative", w.seed("Immunization", false), none, Rights.REPRESENTATIVE).statusCode())
                .as("adding to her record needs « Gérer le partage »").isEqualTo(403);
        assertThat(form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/rendez-vous/creneau/" + w.slots.get(2).id().value(),
                w.bookingForm(), none).statusCode()).as("the representative books for the person on the web").isEqualTo(302);
        form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/partage/autoriser", w.sharingForm(), none);
        assertThat(send(w, w.counter, "the counter agent", w.seed("Appointment", false), none, Rights.COUNTER).statusCode())
                .as("the counter agent books for the person over FHIR").isEqualTo(201);
        assertThat(send(w, w.counter, "the counter agent", w.seed("Observation", false), none, Rights.COUNTER).statusCode())
                .as("a counter agent adds nothing to a record").isEqualTo(403);
        assertThat(counterBooking(w, w.counter, "the counter agent", Rights.COUNTER, w.counterPersonForm(false), w.slots.get(3).id().value().toString(),
                w.counterSlotForm(), none)).as("the counter agent books for a person without a digital space").isEqualTo(302);
        assertThat(registration(w, w.counter, "the counter agent", Rights.COUNTER, w.registrationJson(), none))
                .as("the counter agent registers a person by her INS").isEqualTo(201);
        assertThat(registration(w, w.representative, "the representative", Rights.REPRESENTATIVE, w.registrationJson(), none))
                .as("a representative registers nobody").isEqualTo(403);

        Map<String, String> nulInEmail = new LinkedHashMap<>(w.bookingForm());
        nulInEmail.put("courriel", "alice\u0000@example.org");
        assertThat(form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/rendez-vous/creneau/" + w.slots.get(4).id().value(),
                nulInEmail, none).statusCode()).isEqualTo(400);
        for (String name : new String[] {"DU\u0000PONT", "D".repeat(10_000)}) {
            Map<String, String> person = new LinkedHashMap<>(w.counterPersonForm(false));
            person.put("nomPersonne", name);
            assertThat(counterBooking(w, w.counter, "the counter agent", Rights.COUNTER, person, w.slots.get(5).id().value().toString(),
                    w.counterSlotForm(), none)).isEqualTo(400);
        }
        Map<String, String> longWishes = new LinkedHashMap<>(w.wishesForm());
        longWishes.put("directives", "x".repeat(20_001));
        assertThat(form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/profil/volontes", longWishes, none).statusCode())
                .as("directives too long: said on the page").isEqualTo(302);
        Map<String, String> badDonation = new LinkedHashMap<>(w.wishesForm());
        badDonation.put("don", "PEUT_ETRE");
        assertThat(form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/profil/volontes", badDonation, none).statusCode())
                .isEqualTo(400);
        Map<String, String> badKind = new LinkedHashMap<>(w.sharingForm());
        badKind.put("type", "PIGEON");
        assertThat(form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/partage/notifications", badKind, none).statusCode())
                .isEqualTo(400);
        // Columns of identity.patient the registration did not check (each a 500): a phone spread over more than
        // VARCHAR(20), a postcode of six characters, a NUL in the address.
        for (String[] bad : new String[][] {{"\"0612121212\"", "\"0 6 1 2 1 2 1 2 1 2 1 2 1 2 1\""}, {"\"75011\"", "\"750111\""},
            {"\"3 rue des Lilas\"", "\"3 rue des\\u0000Lilas\""}}) {
            String json = w.registrationJson();
            assertThat(json).contains(bad[0]);
            assertThat(registration(w, w.counter, "the counter agent", Rights.COUNTER, json.replace(bad[0], bad[1]), List.of(nirOf(json))))
                    .as("registration with %s", bad[1]).isEqualTo(400);
        }
        // Session 7: the representative's messaging forms and upload, the counter's activation code and cancellation, a FHIR
        // Patient created by the counter agent.
        assertThat(form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/messages/nouveau", w.newMessageForm(), none)
                .statusCode()).as("the representative writes to Dr Leroy for the person (her mandate has « Écrire »)").isEqualTo(302);
        assertThat(form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/messages/" + w.conversation() + "/repondre",
                w.replyForm(), none).statusCode()).as("and answers him").isEqualTo(302);
        form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/messages/pieces-jointes/" + w.attachment() + "/classer",
                w.fileAttachmentForm(), none);
        HttpResponse<String> uploaded = upload(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/dossier/ajouter",
                w.uploadForm(), "file", "compte-rendu.txt", "text/plain", "Examen normal.".getBytes(StandardCharsets.UTF_8), none);
        assertThat(uploaded.statusCode()).as("adding a document needs « Gérer le partage »: the form says so").isEqualTo(200);
        assertThat(errorSummary(uploaded.body())).isNotEmpty();
        HttpResponse<String> code = form(w, w.counter, "the counter agent", Rights.COUNTER, "/guichet/espace/code",
                Map.of("patient", w.withoutSpace().value().toString()), none);
        assertThat(code.statusCode()).isEqualTo(200);
        assertThat(code.body()).as("an activation code for a person without a space").doesNotContain("alert-error");
        assertThat(errorSummary(form(w, w.counter, "the counter agent", Rights.COUNTER, "/guichet/espace/code",
                Map.of("patient", w.personId.value().toString()), none).body())).as("her space is already open").isNotEmpty();
        assertThat(form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/guichet/espace/code",
                Map.of("patient", w.withoutSpace().value().toString()), none).statusCode()).isEqualTo(403);
        HttpResponse<String> booked = send(w, w.counter, "the counter agent", w.seed("Appointment", false), none, Rights.COUNTER);
        String bookingId = booked.headers().firstValue("Location").orElse("").replaceAll(".*/Appointment/([0-9a-f-]{36}).*", "$1");
        assertThat(form(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/guichet/rendez-vous/" + bookingId + "/annuler",
                Map.of(), none).statusCode()).as("the counter's cancellation is the counter's").isEqualTo(403);
        assertThat(form(w, w.counter, "the counter agent", Rights.COUNTER, "/guichet/rendez-vous/" + bookingId + "/annuler", Map.of(), none)
                .statusCode()).as("the counter agent cancels the booking it made").isEqualTo(302);
        assertThat(send(w, w.counter, "the counter agent", w.patientResource(), none, Rights.COUNTER).statusCode())
                .as("the counter agent registers a person over FHIR").isEqualTo(201);
        assertThat(send(w, w.representative, "the representative", w.patientResource(), none, Rights.REPRESENTATIVE).statusCode())
                .as("a representative registers nobody").isEqualTo(403);

        // Session 8: the reply with an uploaded file (stored as a reply, the file nowhere), and the messaging forms of a
        // representative whose mandate lacks « Écrire »: refused, her messages unchanged (Rights.REPRESENTATIVE_WITHOUT_WRITING).
        long uploadedFiles = w.uploadedAttachments();
        assertThat(upload(w, w.representative, "the representative", Rights.REPRESENTATIVE, "/messages/" + w.conversation() + "/repondre",
                w.replyForm(), "fichier", "resultats.txt", "text/plain", "Glycémie : 0,95 g/L.".getBytes(StandardCharsets.UTF_8), none)
                .statusCode()).as("a reply sent with a file").isEqualTo(302);
        assertThat(w.uploadedAttachments()).as("the file sent with the person's reply is stored nowhere").isEqualTo(uploadedFiles);
        WebSession reader = w.readingRepresentative();
        String reading = "the representative without « Écrire »";
        long messages = w.messagesOfThePerson();
        form(w, reader, reading, Rights.REPRESENTATIVE_WITHOUT_WRITING, "/messages/nouveau", w.newMessageForm(), none);
        form(w, reader, reading, Rights.REPRESENTATIVE_WITHOUT_WRITING, "/messages/" + w.conversation() + "/repondre", w.replyForm(), none);
        form(w, reader, reading, Rights.REPRESENTATIVE_WITHOUT_WRITING, "/messages/pieces-jointes/" + w.attachment() + "/classer",
                w.fileAttachmentForm(), none);
        assertThat(w.messagesOfThePerson()).as("a representative without « Écrire » writes nothing for the person").isEqualTo(messages);
        assertThat(reader.get("/messages/" + w.conversation()).body()).as("but reads her conversation")
                .contains("Vos résultats sont joints.").doesNotContain("/repondre\"");

        String nobody = w.seed("Appointment", false).body().replace(w.personId.value().toString(), UUID.randomUUID().toString());
        assertThat(send(w, w.counter, "the counter agent", new Request("POST", "/fhir/Appointment", nobody, "application/fhir+json"), none,
                Rights.COUNTER).statusCode()).as("a booking for nobody").isEqualTo(422);
    }

    private void roleWrite(FuzzedDataProvider data) {
        boolean counter = data.consumeBoolean();
        Rights rights = counter ? Rights.COUNTER : Rights.REPRESENTATIVE;
        WebSession session = counter ? world.counter : world.representative;
        String who = counter ? "the counter agent" : "the representative";
        List<String> planted = new ArrayList<>();
        switch (data.pickValue(ROLE_WRITES)) {
            case "FHIR" -> send(world, session, who, mutated(data, world.seed(data.pickValue(ROLE_KINDS), false), planted), planted, rights);
            case "booking form" -> form(world, session, who, rights, "/rendez-vous/creneau/" + pickSlot(data),
                    fields(data, world.bookingForm(), planted), planted);
            case "sharing form" -> {
                String action = data.consumeBoolean() ? data.pickValue(SHARING_ACTIONS) : data.consumeString(20);
                form(world, session, who, rights, "/partage/" + pathSegment(action),
                        fields(data, world.sharingForm(), planted), planted);
            }
            case "counter booking" -> counterBooking(world, session, who, rights, fields(data, world.counterPersonForm(data.consumeBoolean()), planted),
                    pickSlot(data), fields(data, world.counterSlotForm(), planted), planted);
            case "wishes form" -> form(world, session, who, rights, "/profil/volontes", fields(data, world.wishesForm(), planted), planted);
            case "message form" -> {
                switch (data.pickValue(MESSAGE_FORMS)) {
                    case "new" -> form(world, session, who, rights, "/messages/nouveau", fields(data, world.newMessageForm(), planted), planted);
                    case "reply" -> form(world, session, who, rights, "/messages/" + pickOr(data, world.conversation()) + "/repondre",
                            fields(data, world.replyForm(), planted), planted);
                    default -> form(world, session, who, rights, "/messages/pieces-jointes/" + pickOr(data, world.attachment()) + "/classer",
                            fields(data, world.fileAttachmentForm(), planted), planted);
                }
            }
            case "document upload" -> {
                byte[] content = data.consumeBoolean() ? "Compte rendu : examen normal.".getBytes(StandardCharsets.UTF_8)
                        : data.consumeBytes(4096);
                String fileType = data.consumeBoolean() ? "text/plain" : data.pickValue(new String[] {"application/pdf", "image/png",
                    "text/html", "application/octet-stream", ""});
                upload(world, session, who, rights, "/dossier/ajouter", fields(data, world.uploadForm(), planted), "file",
                        data.consumeBoolean() ? "compte-rendu.txt" : pathSegment(data.consumeString(40)), fileType, content, planted);
            }
            case "counter space code" -> {
                form(world, session, who, rights, "/guichet/espace/code", fields(data, orderedForm("patient", pickPerson(data)), planted), planted);
            }
            case "counter cancellation" -> {
                String id;
                if (data.consumeBoolean()) {
                    // A booking made for this input (the counter's own, over FHIR, checked like any write), then cancelled.
                    HttpResponse<String> made = send(world, session, who, world.seed("Appointment", false), List.of(), rights);
                    Matcher m = Pattern.compile("/Appointment/([0-9a-f-]{36})").matcher(made.headers().firstValue("Location").orElse(""));
                    id = m.find() ? m.group(1) : UUID.randomUUID().toString();
                } else {
                    id = pathSegment(pickId(data));
                }
                form(world, session, who, rights, "/guichet/rendez-vous/" + id + "/annuler", Map.of(), planted);
            }
            case "FHIR Patient" -> {
                Request seed = world.patientResource();
                String nir = nirOf(seed.body());
                HttpResponse<String> r = send(world, session, who, mutated(data, seed, planted), planted, rights);
                if (r.statusCode() >= 400) {
                    assertThat(r.body()).as("POST /fhir/Patient as %s → %d: a refusal never quotes the NIR", who, r.statusCode())
                            .doesNotContain(nir);
                }
            }
            case "reply with a file" -> {
                world.conversation(); // made first: Dr Leroy's own message carries an uploaded file, which is not the reply's
                long uploadedBefore = world.uploadedAttachments();
                byte[] content = data.consumeBoolean() ? "Compte rendu : examen normal.".getBytes(StandardCharsets.UTF_8)
                        : data.consumeBytes(4096);
                upload(world, session, who, rights, "/messages/" + pickOr(data, world.conversation()) + "/repondre",
                        fields(data, world.replyForm(), planted), data.consumeBoolean() ? "fichier" : "file",
                        data.consumeBoolean() ? "resultats.txt" : pathSegment(data.consumeString(40)),
                        data.consumeBoolean() ? "text/plain" : "application/pdf", content, planted);
                assertThat(world.uploadedAttachments()).as("a file sent with the person's reply is stored nowhere (%s)", who)
                        .isEqualTo(uploadedBefore);
            }
            case "messages without Écrire" -> {
                WebSession reader = world.readingRepresentative();
                String reading = "the representative without « Écrire »";
                Rights readOnly = Rights.REPRESENTATIVE_WITHOUT_WRITING;
                switch (data.pickValue(MESSAGE_FORMS)) {
                    case "new" -> form(world, reader, reading, readOnly, "/messages/nouveau", fields(data, world.newMessageForm(), planted), planted);
                    case "reply" -> form(world, reader, reading, readOnly, "/messages/" + pickOr(data, world.conversation()) + "/repondre",
                            fields(data, world.replyForm(), planted), planted);
                    default -> form(world, reader, reading, readOnly, "/messages/pieces-jointes/" + pickOr(data, world.attachment()) + "/classer",
                            fields(data, world.fileAttachmentForm(), planted), planted);
                }
            }
            default -> {
                Request seed = new Request("POST", "/api/v1/patients", world.registrationJson(), "application/json");
                planted.add(nirOf(seed.body()));
                registration(world, session, who, rights, mutated(data, seed, planted).body(), planted);
            }
        }
    }

    /** The world's object (most often), or any id or text (one byte decides, so that the seeds stay readable). */
    private String pickOr(FuzzedDataProvider data, String id) {
        return data.consumeInt(0, 3) == 3 ? pathSegment(pickId(data)) : id;
    }

    /** A person for the counter's activation code: the person, the other one (both have a space), one without a space, anyone. */
    private String pickPerson(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> world.withoutSpace().value().toString();
            case 1 -> world.personId.value().toString();
            case 2 -> world.other.value().toString();
            default -> pickId(data);
        };
    }

    private String pickSlot(FuzzedDataProvider data) {
        // One byte (the seeds stay readable): a slot of the test's agenda, or (255) one that does not exist.
        int i = data.consumeInt(0, 255);
        return i == 255 ? UUID.randomUUID().toString() : world.slots.get(i % world.slots.size()).id().value().toString();
    }

    /** A form's fields in the order given (names and values alternating): the fuzzer consumes its data field by field. */
    private static Map<String, String> orderedForm(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    /** A valid form, each field kept, dropped, or replaced: the marker, any text, a control character, a huge value, a date, an id. */
    private Map<String, String> fields(FuzzedDataProvider data, Map<String, String> valid, List<String> planted) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : valid.entrySet()) {
            switch (data.consumeInt(0, 9)) {
                case 0 -> {
                    String t = MARKER + data.consumeString(40);
                    planted.add(t);
                    out.put(f.getKey(), t);
                }
                case 1 -> out.put(f.getKey(), data.consumeString(60));
                case 2 -> out.put(f.getKey(), f.getValue() + "\u0000");
                case 3 -> out.put(f.getKey(), (f.getValue().isEmpty() ? "x" : f.getValue()).repeat(data.consumeInt(1, 20_000)));
                case 4 -> out.put(f.getKey(), data.pickValue(DATES));
                case 5 -> out.put(f.getKey(), pickId(data));
                case 6 -> {
                    // dropped
                }
                default -> out.put(f.getKey(), f.getValue());
            }
        }
        return out;
    }

    /** Posts a web form with a session and checks the invariants; returns the answer. */
    private HttpResponse<String> form(World w, WebSession session, String who, Rights rights, String path, Map<String, String> fields,
            List<String> planted) {
        return posted(w, who, rights, path, () -> session.postForm(path, fields));
    }

    /** Posts a form with a file (multipart, as a browser sends an upload) and checks the invariants of {@link #form}. */
    private HttpResponse<String> upload(World w, WebSession session, String who, Rights rights, String path, Map<String, String> fields,
            String fileField, String fileName, String fileType, byte[] content, List<String> planted) {
        return posted(w, who, rights, path, () -> session.postMultipart(path, fields, fileField, fileName, fileType, content));
    }

    private HttpResponse<String> posted(World w, String who, Rights rights, String path, java.util.function.Supplier<HttpResponse<String>> post) {
        Map<PatientId, String> before = w.footprints();
        long orphansBefore = w.orphans();
        HttpResponse<String> r = post.get();
        Map<PatientId, String> after = w.footprints();
        String what = "POST " + path + " as " + who + " → " + r.statusCode();
        assertThat(r.statusCode()).as("%s: %s", what, abbreviate(r.body())).isLessThan(500);
        if (r.statusCode() >= 400) {
            assertThat(after).as("%s: a refused form stores nothing", what).isEqualTo(before);
            if (r.statusCode() == 400) {
                assertThat(r.body()).as("%s: a form refused says what is wrong", what).contains("alert-error");
            }
            String errors = errorSummary(r.body()).toLowerCase(Locale.ROOT);
            assertThat(errors).as("%s: the error summary does not quote what was typed: %s", what, abbreviate(errors)).doesNotContain(MARKER);
        }
        assertThat(r.body()).as("%s: no stack trace, no internal name: %s", what, abbreviate(r.body()))
                .doesNotContain("\tat ", "at fr.hygie.", "org.postgresql", "SQLException", "PSQLException", "NullPointerException");
        assertThat(w.orphans()).as("%s: nothing is stored about a person who does not exist", what).isEqualTo(orphansBefore);
        assertWithinRights(w, what, rights, before, after);
        return r;
    }

    /** The counter's two steps: the person (registered, or name, birth date and phone), then the slot. Returns the last answer's status. */
    private int counterBooking(World w, WebSession session, String who, Rights rights, Map<String, String> person, String slot,
            Map<String, String> booking, List<String> planted) {
        HttpResponse<String> chosen = form(w, session, who, rights, "/guichet/rendez-vous/personne", person, planted);
        if (chosen.statusCode() != 302) {
            return chosen.statusCode();
        }
        return form(w, session, who, rights, "/guichet/rendez-vous/creneau/" + slot, booking, planted).statusCode();
    }

    /** Registers a person over the JSON API and checks the invariants (a refusal is problem+json; the NIR never comes back). */
    private int registration(World w, WebSession session, String who, Rights rights, String json, List<String> planted) {
        Map<PatientId, String> before = w.footprints();
        long orphansBefore = w.orphans();
        HttpResponse<String> r = session.postJson("/api/v1/patients", json);
        Map<PatientId, String> after = w.footprints();
        String what = "POST /api/v1/patients as " + who + " → " + r.statusCode();
        assertThat(r.statusCode()).as("%s: %s", what, abbreviate(r.body())).isLessThan(500);
        if (r.statusCode() >= 400) {
            assertThat(after).as("%s: a refused registration stores nothing", what).isEqualTo(before);
            assertThat(r.body().toLowerCase(Locale.ROOT)).as("%s: a refusal does not quote what it was sent: %s", what, abbreviate(r.body()))
                    .doesNotContain(MARKER);
        }
        for (String p : planted) {
            if (p.matches("[0-9]{15}")) {
                assertThat(r.body() + r.headers().map()).as("%s: the NIR never comes back", what).doesNotContain(p);
            }
        }
        assertThat(r.body()).as("%s: no stack trace, no internal name: %s", what, abbreviate(r.body()))
                .doesNotContain("\tat ", "at fr.hygie.", "org.postgresql", "SQLException", "PSQLException", "NullPointerException");
        assertThat(w.orphans()).as("%s: nothing is stored about a person who does not exist", what).isEqualTo(orphansBefore);
        assertWithinRights(w, what, rights, before, after);
        return r.statusCode();
    }

    /** The page's error summary (« Le formulaire contient… »), where a refusal says why: empty when there is none. */
    private static String errorSummary(String page) {
        int at = page.indexOf("alert-error");
        if (at < 0) {
            return "";
        }
        int end = page.indexOf("</div>", at);
        return page.substring(at, end < 0 ? page.length() : end);
    }

    private static String nirOf(String registrationJson) {
        Matcher m = Pattern.compile("\"(?:matricule\": |value\":)\"([0-9]{15})\"").matcher(registrationJson);
        return m.find() ? m.group(1) : "";
    }

    private void write(FuzzedDataProvider data) {
        boolean professional = data.consumeBoolean();
        String kind = data.pickValue(KINDS);
        List<String> planted = new ArrayList<>();
        Request request = mutated(data, world.seed(kind, professional), planted);
        send(world, professional, request, planted);
    }

    /** The seed as it is, or mutated (values, fields, references, ids, sizes, types), or replaced by a body that is not JSON. */
    private Request mutated(FuzzedDataProvider data, Request seed, List<String> planted) {
        if (data.consumeInt(0, 31) == 0) {
            // Not JSON at all (or not a resource): the parser's answer must be as clean as the validator's.
            return new Request(seed.method(), seed.path(), data.consumeString(2000), seed.contentType());
        }
        String body;
        try {
            JsonNode root = JSON.readTree(seed.body());
            int mutations = data.consumeInt(0, 6);
            for (int i = 0; i < mutations; i++) {
                root = mutate(data, root, planted);
            }
            body = JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String path = seed.path();
        if (seed.method().equals("PUT") && data.consumeInt(0, 7) == 0) {
            path = path.substring(0, path.lastIndexOf('/') + 1) + pathSegment(pickId(data));
        }
        String contentType = data.consumeInt(0, 15) == 0 ? data.pickValue(CONTENT_TYPES) : seed.contentType();
        return new Request(seed.method(), path, body, contentType);
    }

    /** Sends a write and checks every invariant; returns the answer. */
    private HttpResponse<String> send(World w, boolean professional, Request request, List<String> planted) {
        return professional ? send(w, w.professional, "the professional", request, planted, Rights.ANYONE)
                : send(w, w.person, "the person", request, planted, Rights.OWN_RECORD);
    }

    /**
     * What a session may change besides the refused-write rule: a professional adds to anyone's record; a person changes
     * only her own; her representative (an active mandate without « Gérer le partage ») never another person's, and never
     * her record or her sharing choices (adding needs MANAGE_SHARING); a counter agent books, for anyone, and changes
     * nothing else of anyone's.
     */
    enum Rights {
        ANYONE, OWN_RECORD, REPRESENTATIVE, COUNTER,
        /** A representative whose mandate lacks « Écrire » (and « Gérer le partage »): also never changes her messages. */
        REPRESENTATIVE_WITHOUT_WRITING
    }

    /** Tables of a person's footprint a session of these rights must leave as they were. */
    private static boolean untouchable(Rights rights, boolean represented, String table) {
        switch (rights) {
            case OWN_RECORD:
                return !represented;
            case REPRESENTATIVE:
                return !represented || table.startsWith("record.") || table.startsWith("access.") || table.startsWith("identity.");
            case REPRESENTATIVE_WITHOUT_WRITING:
                return !represented || table.startsWith("record.") || table.startsWith("access.") || table.startsWith("identity.")
                        || table.startsWith("messaging.");
            case COUNTER:
                return !table.startsWith("appointments.");
            default:
                return false;
        }
    }

    private static String only(String footprint, Rights rights, boolean represented) {
        return java.util.Arrays.stream(footprint.split(";")).filter(e -> e.indexOf('=') > 0
                && untouchable(rights, represented, e.substring(0, e.indexOf('=')))).collect(java.util.stream.Collectors.joining(";"));
    }

    /** Sends a FHIR write with a session and checks every invariant; returns the answer. */
    private HttpResponse<String> send(World w, WebSession session, String who, Request request, List<String> planted, Rights rights) {
        Map<PatientId, String> before = w.footprints();
        long orphansBefore = w.orphans();
        HttpResponse<String> r = session.request(request.method(), request.path(),
                Map.of("Content-Type", request.contentType(), "Accept", "application/fhir+json"), request.body());
        Map<PatientId, String> after = w.footprints();
        String what = request.method() + " " + request.path() + " as " + who + " → " + r.statusCode();
        assertThat(r.statusCode()).as("%s: %s", what, abbreviate(r.body())).isLessThan(500);
        if (r.statusCode() >= 400) {
            assertThat(r.body()).as("%s: a refusal is an OperationOutcome", what).contains("OperationOutcome");
            assertThat(after).as("%s: a refused write stores nothing", what).isEqualTo(before);
            assertThat(r.body().toLowerCase(Locale.ROOT)).as("%s: a refusal does not quote what it was sent: %s", what, abbreviate(r.body()))
                    .doesNotContain(MARKER);
        }
        if (r.statusCode() / 100 != 2) {
            assertThat(r.body()).as("%s: no stack trace, no internal name: %s", what, abbreviate(r.body()))
                    .doesNotContain("\tat ", "at fr.hygie.", "at ca.uhn.", "at org.", "at java.", "org.postgresql", "SQLException",
                            "PSQLException", "NullPointerException", "ClassCastException", "IllegalStateException");
        }
        assertThat(w.orphans()).as("%s: nothing is stored about a person who does not exist", what).isEqualTo(orphansBefore);
        assertWithinRights(w, what, rights, before, after);
        return r;
    }

    private static void assertWithinRights(World w, String what, Rights rights, Map<PatientId, String> before, Map<PatientId, String> after) {
        for (PatientId p : List.of(w.personId, w.other)) {
            boolean represented = p.equals(w.personId);
            assertThat(only(after.get(p), rights, represented)).as("%s: %s stays within its rights (%s's rows)", what, rights,
                    represented ? "the person" : "another person").isEqualTo(only(before.get(p), rights, represented));
        }
    }

    /**
     * Any text as one path segment of a URL (a raw one may not even make a URI): percent-encoded, without the characters
     * Tomcat refuses in a path before any application sees it (a slash or backslash, encoded or not, a control
     * character: its own 400, not ours).
     */
    static String pathSegment(String text) {
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(c -> c > 0x20 && c != 0x7F && c != '/' && c != '\\' && !Character.isISOControl(c)
                && !Character.isSurrogate((char) c)).forEach(kept::appendCodePoint);
        return URLEncoder.encode(kept.toString(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "…";
    }

    // ------------------------------------------------------------------ mutations

    /** A place in the JSON tree: a field of an object or an element of an array. */
    private record Place(JsonNode container, String field, int index) {
        void set(JsonNode value) {
            if (container instanceof ObjectNode o) {
                o.set(field, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }

        void remove() {
            if (container instanceof ObjectNode o) {
                o.remove(field);
            } else {
                ((ArrayNode) container).remove(index);
            }
        }

        JsonNode value() {
            return container instanceof ObjectNode o ? o.get(field) : container.get(index);
        }
    }

    private static void places(JsonNode node, List<Place> out) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                out.add(new Place(o, n, -1));
                places(o.get(n), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Place(a, null, i));
                places(a.get(i), out);
            }
        }
    }

    private static void objects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> objects(child, out));
        }
    }

    private JsonNode mutate(FuzzedDataProvider data, JsonNode root, List<String> planted) {
        List<Place> places = new ArrayList<>();
        places(root, places);
        List<ObjectNode> objects = new ArrayList<>();
        objects(root, objects);
        int op = data.consumeInt(0, 10);
        if (places.isEmpty() || objects.isEmpty()) {
            return value(data, planted);
        }
        Place place = places.get(data.consumeInt(0, places.size() - 1));
        ObjectNode object = objects.get(data.consumeInt(0, objects.size() - 1));
        ObjectNode top = root instanceof ObjectNode r ? r : object;
        switch (op) {
            case 0, 1 -> place.set(value(data, planted));
            case 2 -> place.remove();
            case 3 -> object.set(data.consumeString(16), value(data, planted));
            case 4 -> {
                // A reference somewhere else: another person, nobody, another type, a malformed or absolute one.
                List<ObjectNode> refs = objects.stream().filter(o -> o.has("reference")).toList();
                ObjectNode target = refs.isEmpty() ? object : refs.get(data.consumeInt(0, refs.size() - 1));
                target.put("reference", pickReference(data));
            }
            case 5 -> {
                String id = data.consumeBoolean() ? pickId(data) : MARKER + data.consumeString(60);
                planted.add(id);
                top.put("id", id);
            }
            case 6 -> {
                ObjectNode ext = NODES.objectNode();
                ext.put("url", data.consumeBoolean() ? "https://hygie.fr/fhir/StructureDefinition/" + data.consumeString(20)
                        : data.consumeString(40));
                ext.set(data.pickValue(new String[] {"valueString", "valueReference", "valueInteger", "valueBoolean", "valueDateTime",
                    "valueCode", data.consumeString(12)}), value(data, planted));
                ArrayNode list = NODES.arrayNode().add(ext);
                object.set(data.consumeBoolean() ? "extension" : "modifierExtension", list);
            }
            case 7 -> {
                // Sizes: a huge string, a long array.
                String unit = data.consumeBoolean() ? data.consumeString(8) : "A";
                int times = data.consumeInt(1, 100_000 / Math.max(1, unit.length()));
                if (data.consumeBoolean()) {
                    place.set(NODES.textNode(unit.repeat(times)));
                } else {
                    ArrayNode many = NODES.arrayNode();
                    JsonNode copy = place.value() == null ? NODES.nullNode() : place.value();
                    for (int i = 0; i < Math.min(times, 2000); i++) {
                        many.add(copy.deepCopy());
                    }
                    place.set(many);
                }
            }
            case 8 -> {
                if (place.container() instanceof ArrayNode a && a.size() > 0) {
                    a.add(a.get(0).deepCopy());
                } else {
                    place.set(NODES.arrayNode().add(place.value() == null ? NODES.nullNode() : place.value().deepCopy()));
                }
            }
            case 9 -> object.put("resourceType", data.consumeBoolean() ? data.pickValue(TYPES) : data.consumeString(20));
            default -> {
                ObjectNode contained = NODES.objectNode();
                contained.put("resourceType", data.pickValue(TYPES));
                contained.put("id", data.consumeBoolean() ? "c1" : data.consumeString(10));
                contained.set(data.consumeString(10), value(data, planted));
                top.set("contained", NODES.arrayNode().add(contained));
            }
        }
        return root;
    }

    /** Any JSON value: text (sometimes carrying the marker), numbers of every size, booleans, null, containers, broken dates. */
    private JsonNode value(FuzzedDataProvider data, List<String> planted) {
        switch (data.consumeInt(0, 9)) {
            case 0:
                String text = MARKER + data.consumeString(40);
                planted.add(text);
                return NODES.textNode(text);
            case 1:
                return NODES.textNode(data.consumeString(60));
            case 2:
                return NODES.numberNode(data.consumeInt());
            case 3:
                double d = data.consumeDouble();
                return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(Double.toString(d));
            case 4:
                return NODES.booleanNode(data.consumeBoolean());
            case 5:
                return NODES.nullNode();
            case 6:
                return NODES.objectNode();
            case 7:
                return NODES.arrayNode();
            case 8:
                return NODES.numberNode(new BigDecimal(data.consumeBoolean() ? "1e400" : "-0.000000000000000000000000000000000001"));
            default:
                return NODES.textNode(data.pickValue(DATES));
        }
    }

    private String pickReference(FuzzedDataProvider data) {
        World w = world;
        String[] refs = {"Patient/" + w.other.value(), "Patient/" + w.personId.value(), "Patient/" + UUID.randomUUID(), "Patient/",
            "Patient/not-a-uuid", "Patient/" + w.personId.value() + "/_history/1", "#c1", "urn:uuid:" + UUID.randomUUID(),
            "http://example.org/fhir/Patient/" + w.personId.value(), "Practitioner/" + w.medecin.value(),
            "Practitioner/" + UUID.randomUUID(), "Organization/" + UUID.randomUUID(), "DocumentReference/" + w.document,
            "Communication/" + w.message, "Slot/" + w.slots.get(w.slots.size() - 1).id().value(), "Slot/" + UUID.randomUUID(),
            "../Patient/x", "Patient/" + w.personId.value() + "?x=1", data.consumeString(60)};
        return data.pickValue(refs);
    }

    private String pickId(FuzzedDataProvider data) {
        World w = world;
        String[] ids = {w.document, w.booking, w.message, w.other.value().toString(), UUID.randomUUID().toString(), "", "..", "x".repeat(70),
            data.consumeString(40)};
        return data.pickValue(ids);
    }

    // ------------------------------------------------------------------ the world written to

    record Request(String method, String path, String body, String contentType) {
    }

    /**
     * Two fresh persons (the one written about, and another one whose record must never change through the first
     * one's session), the sessions, and the objects the updates start from: a document Dr Leroy sent the person, a
     * message he wrote to her, a booking she made on the test's own agenda.
     */
    private final class World {
        final String personLogin = cast.newPatient();
        final PatientId personId = cast.patient(personLogin);
        final PatientId other = cast.patient(cast.newPatient());
        final ProfessionalId medecin = cast.professional("medecin");
        final WebSession professional = new WebSession(port).loggedInAs("medecin");
        final WebSession person = new WebSession(port).loggedInAs(personLogin);
        final List<Slot> slots;
        final String document;
        final String message;
        final String booking;
        final String documentAsRead;
        final String appointmentAsRead;
        final WebSession representative;
        final WebSession counter;
        /** A conversation Dr Leroy opened with the person, with a text attachment (session 7's messaging inputs): made on first use. */
        private String conversation;
        private String attachment;
        /** A second representative of the person, without « Écrire » (session 8's inputs): made on first use. */
        private WebSession readingRepresentative;
        /** A person registered at the counter, without a digital space yet (the counter's activation code): made on first use. */
        private PatientId withoutSpace;
        private final PersonFootprint footprint;
        private final String orphansSql;

        World() {
            String first10 = "3" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
            ProfessionalId pro = professionals.register(new NewProfessional(Rpps.parse(Rpps.withCheckDigit(first10)), "10", null,
                    "FUZZ", "Agenda", Sex.FEMALE, null, InseeCommuneCode.parse("29019"), 48.3904, -4.4861, 1, false, List.of("fr")));
            agendas.open(pro);
            List<WeeklyHours> rows = new ArrayList<>();
            for (DayOfWeek d : DayOfWeek.values()) {
                rows.add(new WeeklyHours(null, d, LocalTime.of(8, 0), LocalTime.of(20, 0), 30));
            }
            agendas.replaceWeekly(pro, rows);
            slots = directory.freeSlots(pro, clock.instant().plus(Duration.ofDays(2)), clock.instant().plus(Duration.ofDays(30)), 400);
            assertThat(slots).hasSizeGreaterThan(10);
            document = created(professional.request("POST", "/fhir/DocumentReference", FHIR_JSON, documentJson(personId)));
            message = created(professional.request("POST", "/fhir/Communication", FHIR_JSON, communication(personId,
                    "Patient/" + personId.value(), null)));
            booking = created(person.request("POST", "/fhir/Appointment", FHIR_JSON, appointment(slots.get(0))));
            documentAsRead = read(person, "/fhir/DocumentReference/" + document);
            appointmentAsRead = read(person, "/fhir/Appointment/" + booking);
            // The roles that act for others: a caregiver whom the person gave a mandate without « Gérer le partage »,
            // acting for her on the web (« Agir pour »), and a counter agent of the demo's France services structure.
            String hash = accounts.hash("demo");
            String representativeLogin = "fuzz-aidant-" + Ids.newId().toString().substring(24);
            AccountId representativeAccount = accounts.create(new NewAccount(representativeLogin, hash, Role.REPRESENTATIVE,
                    "Paul Mandataire", null, null, null, false));
            mandates.grant(cast.user(personLogin).accountId(), personId, representativeAccount, MandateKind.CAREGIVER,
                    EnumSet.of(MandateScope.VIEW_DOCUMENTS, MandateScope.MANAGE_APPOINTMENTS, MandateScope.READ_MESSAGES,
                            MandateScope.WRITE_MESSAGES), mandates.today(), null);
            representative = new WebSession(port).loggedInAs(representativeLogin);
            assertThat(representative.postForm("/agir-pour", Map.of("patient", personId.value().toString())).statusCode())
                    .as("the representative acts for the person").isEqualTo(302);
            String counterLogin = "fuzz-accueil-" + Ids.newId().toString().substring(24);
            accounts.create(new NewAccount(counterLogin, hash, Role.COUNTER_AGENT, "Agent Fuzz", null, null,
                    cast.user("accueil").structureId().orElse(null), false));
            counter = new WebSession(port).loggedInAs(counterLogin);
            footprint = new PersonFootprint(jdbc);
            orphansSql = "SELECT " + String.join(" + ", tables().stream().map(t -> "(SELECT count(*) FROM " + t + " x WHERE x.patient_id IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM identity.patient i WHERE i.id::text = x.patient_id::text))").toList());
        }

        /**
         * The objects only session 7's inputs use, made on their first use (each replayed seed builds a world: the
         * default build's short run stays as short as before for the other inputs).
         */
        String conversation() {
            if (conversation == null) {
                message();
            }
            return conversation;
        }

        String attachment() {
            if (attachment == null) {
                message();
            }
            return attachment;
        }

        /**
         * A caregiver whom the person gave the web matrix's mandate (documents, appointments, reading messages — not
         * « Écrire », not « Gérer le partage »), acting for her on the web; made on first use.
         */
        WebSession readingRepresentative() {
            if (readingRepresentative == null) {
                conversation(); // a conversation to read, reply to and file from
                String login = "fuzz-lecteur-" + Ids.newId().toString().substring(24);
                AccountId account = accounts.create(new NewAccount(login, accounts.hash("demo"), Role.REPRESENTATIVE, "Paula Lectrice", null,
                        null, null, false));
                mandates.grant(cast.user(personLogin).accountId(), personId, account, MandateKind.CAREGIVER, RouteMatrixTest.REPRESENTATIVE_SCOPES,
                        mandates.today(), null);
                readingRepresentative = new WebSession(port).loggedInAs(login);
                assertThat(readingRepresentative.postForm("/agir-pour", Map.of("patient", personId.value().toString())).statusCode())
                        .as("the second representative acts for the person").isEqualTo(302);
            }
            return readingRepresentative;
        }

        /** Messages of the person's conversations, whoever wrote them. */
        long messagesOfThePerson() {
            return jdbc.sql("SELECT count(*) FROM messaging.message m JOIN messaging.conversation c ON c.id = m.conversation_id WHERE c.patient_id = :p")
                    .param("p", personId.value()).query(Long.class).single();
        }

        /** Attachments of the person's conversations that are not a document of her record: files someone uploaded. */
        long uploadedAttachments() {
            return jdbc.sql("SELECT count(*) FROM messaging.attachment a JOIN messaging.message m ON m.id = a.message_id"
                    + " JOIN messaging.conversation c ON c.id = m.conversation_id WHERE c.patient_id = :p AND a.source_document_id IS NULL")
                    .param("p", personId.value()).query(Long.class).single();
        }

        PatientId withoutSpace() {
            if (withoutSpace == null) {
                HttpResponse<String> registered = counter.postJson("/api/v1/patients", registrationJson());
                Matcher id = Pattern.compile("([0-9a-f]{8}-[0-9a-f-]{27})").matcher(registered.headers().firstValue("Location").orElse(""));
                assertThat(id.find()).as("setting up: a person without a space (%s)", registered.statusCode()).isTrue();
                withoutSpace = new PatientId(UUID.fromString(id.group(1)));
            }
            return withoutSpace;
        }

        private void message() {
            professional.get("/pro/messages/nouveau?patient=" + personId.value());
            HttpResponse<String> sent = professional.postMultipart("/pro/messages/nouveau", Map.of("patient", personId.value().toString(),
                    "objet", "Résultats", "message", "Vos résultats sont joints."), "fichier", "resultats.txt", "text/plain",
                    "Glycémie : 0,95 g/L.".getBytes(StandardCharsets.UTF_8));
            Matcher sentTo = Pattern.compile("/pro/messages/([0-9a-f-]{36})$").matcher(sent.headers().firstValue("Location").orElse(""));
            assertThat(sentTo.find()).as("setting up: a message with an attachment to the person (%s)", sent.statusCode()).isTrue();
            conversation = sentTo.group(1);
            attachment = jdbc.sql("""
                    SELECT a.id FROM messaging.attachment a JOIN messaging.message m ON m.id = a.message_id WHERE m.conversation_id = :c""")
                    .param("c", UUID.fromString(conversation)).query(UUID.class).single().toString();
        }

        private String created(HttpResponse<String> r) {
            assertThat(r.statusCode()).as("setting up the fuzzing target: %s", r.body()).isEqualTo(201);
            Matcher m = Pattern.compile("/([0-9a-f-]{36})(/_history/[^/]+)?$").matcher(r.headers().firstValue("Location").orElse(""));
            assertThat(m.find()).as("Location of a created resource").isTrue();
            return m.group(1);
        }

        private String read(WebSession s, String path) {
            HttpResponse<String> r = s.request("GET", path, FHIR_JSON, null);
            assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
            return r.body();
        }

        /** The valid write of a kind, as this caller would send it. */
        Request seed(String kind, boolean asProfessional) {
            String p = personId.value().toString();
            String subject = "{\"reference\":\"Patient/" + p + "\"}";
            return switch (kind) {
                case "Immunization" -> create(kind, "{\"resourceType\":\"Immunization\",\"status\":\"completed\",\"patient\":" + subject
                        + ",\"vaccineCode\":{\"coding\":[{\"system\":\"http://www.whocc.no/atc\",\"code\":\"J07BB02\"}],\"text\":\"Grippe\"},"
                        + "\"occurrenceDateTime\":\"2026-01-15\",\"note\":[{\"text\":\"Bras gauche\"}]}");
                case "Observation" -> create(kind, "{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":" + subject
                        + ",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}],\"text\":\"Poids\"},"
                        + "\"valueQuantity\":{\"value\":70.5,\"unit\":\"kg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg\"},"
                        + "\"effectiveDateTime\":\"2026-01-15\"}");
                case "Condition" -> create(kind, "{\"resourceType\":\"Condition\",\"clinicalStatus\":{\"coding\":[{\"system\":"
                        + "\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},\"category\":[{\"coding\":"
                        + "[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-category\",\"code\":\"problem-list-item\"}]}],"
                        + "\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10\",\"code\":\"J45\"}],\"text\":\"Asthme\"},"
                        + "\"subject\":" + subject + ",\"onsetDateTime\":\"2020-03-01\"}");
                case "AllergyIntolerance" -> create(kind, "{\"resourceType\":\"AllergyIntolerance\",\"clinicalStatus\":{\"coding\":[{"
                        + "\"system\":\"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical\",\"code\":\"active\"}]},"
                        + "\"code\":{\"text\":\"Pénicilline\"},\"patient\":" + subject + ",\"onsetDateTime\":\"2019-05-02\"}");
                case "MedicationStatement" -> create(kind, "{\"resourceType\":\"MedicationStatement\",\"status\":\"active\","
                        + "\"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.whocc.no/atc\",\"code\":\"N02BE01\"}],"
                        + "\"text\":\"Paracétamol\"},\"subject\":" + subject + ",\"effectiveDateTime\":\"2026-01-15\"}");
                case "DocumentReference" -> create(kind, documentJson(personId));
                case "Communication" -> create(kind, asProfessional ? communication(personId, "Patient/" + p, null)
                        : communication(personId, "Practitioner/" + medecin.value(), message));
                case "Consent" -> create(kind, consent("AUTHORISATION", cast.professional("infirmier").value().toString(), true));
                // Slots 0 to 9 are booked by name (the world's booking, the roles' test); the seeds take the others.
                case "Appointment" -> create(kind, appointment(slots.get(10 + ThreadLocalRandom.current().nextInt(slots.size() - 10))));
                case "Consent update" -> {
                    String body = consent("EMERGENCY_ACCESS", null, ThreadLocalRandom.current().nextBoolean());
                    String id = UUID.nameUUIDFromBytes((p + "|EMERGENCY_ACCESS|").getBytes(StandardCharsets.UTF_8)).toString();
                    yield new Request("PUT", "/fhir/Consent/" + id, body.replace("{\"resourceType\":\"Consent\",",
                            "{\"resourceType\":\"Consent\",\"id\":\"" + id + "\","), "application/fhir+json");
                }
                case "DocumentReference update" -> new Request("PUT", "/fhir/DocumentReference/" + document,
                        ThreadLocalRandom.current().nextBoolean() ? documentAsRead : masked(documentAsRead), "application/fhir+json");
                case "Appointment update" -> new Request("PUT", "/fhir/Appointment/" + booking, appointmentAsRead, "application/fhir+json");
                default -> new Request("POST", "/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                        + "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + seed("Immunization", asProfessional).body()
                        + ",\"request\":{\"method\":\"POST\",\"url\":\"Immunization\"}},"
                        + "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + seed("Observation", asProfessional).body()
                        + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}", "application/fhir+json");
            };
        }

        /** The representative's booking form for the person (the test's agenda has no reasons for visit). */
        Map<String, String> bookingForm() {
            return orderedForm(
                "pour", personId.value().toString(),
                "motif", "",
                "telephone", "0612345678",
                "courriel", "alice@example.org");
        }

        /** Authorising a nurse: the person's sharing choice, which this representative's mandate does not include. */
        Map<String, String> sharingForm() {
            return orderedForm(
                "professionnel", cast.professional("infirmier").value().toString(),
                "valeur", "true",
                "type", "NEW_DOCUMENT",
                "canal", "EMAIL");
        }

        /** The person's wishes (advance directives, organ donation): a change of her record, beyond this mandate. */
        Map<String, String> wishesForm() {
            return orderedForm(
                "directives", "Je refuse l'acharnement thérapeutique.",
                "don", "ACCEPTE");
        }

        /** A new conversation of the person with Dr Leroy, sharing a document of her record. */
        Map<String, String> newMessageForm() {
            return orderedForm(
                "destinataire", "P:" + medecin.value(),
                "objet", "Question",
                "message", "Faut-il un rappel ?",
                "document", document);
        }

        /** Her reply in Dr Leroy's conversation. */
        Map<String, String> replyForm() {
            return orderedForm(
                "message", "Merci, docteur.",
                "document", document);
        }

        /** Filing Dr Leroy's attachment into her record: a change of her record, beyond this mandate. */
        Map<String, String> fileAttachmentForm() {
            return orderedForm(
                "type", "11502-2",
                "titre", "Résultats",
                "date", "2026-01-15",
                "conversation", conversation());
        }

        /** A document added to her record with a file (« Ajouter un document »): beyond this mandate too. */
        Map<String, String> uploadForm() {
            return orderedForm(
                "type", "11502-2",
                "title", "Compte rendu",
                "date", "2026-01-15");
        }

        /** A FHIR Patient to create (the counter registers a person by her INS): a fresh matricule, born in Paris. */
        Request patientResource() {
            String json = registrationJson();
            String nir = nirOf(json);
            Matcher birth = Pattern.compile("\"birthDate\": \"([0-9-]{10})\"").matcher(json);
            assertThat(birth.find()).isTrue();
            String insee = "{\"url\":\"https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code\",\"valueCoding\":"
                    + "{\"system\":\"https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM\",\"code\":\"75056\"}}";
            return create("Patient", "{\"resourceType\":\"Patient\",\"extension\":[{\"url\":"
                    + "\"http://hl7.org/fhir/StructureDefinition/patient-birthPlace\",\"valueAddress\":{\"extension\":[" + insee + "]}}],"
                    + "\"identifier\":[{\"use\":\"official\",\"system\":\"urn:oid:1.2.250.1.213.1.4.8\",\"value\":\"" + nir + "\"}],"
                    + "\"active\":true,\"name\":[{\"use\":\"official\",\"family\":\"Fuzz\",\"given\":[\"Alice\"]},"
                    + "{\"use\":\"usual\",\"family\":\"Martin\",\"given\":[\"Alice\"]}],\"telecom\":[{\"system\":\"phone\","
                    + "\"value\":\"0612121212\"}],\"gender\":\"female\",\"birthDate\":\"" + birth.group(1) + "\","
                    + "\"address\":[{\"extension\":[" + insee + "],\"use\":\"home\",\"line\":[\"3 rue des Lilas\"],"
                    + "\"postalCode\":\"75011\",\"country\":\"FR\"}]}");
        }

        /** The counter's person: the registered person by id, or someone without a digital space by name, birth date and phone. */
        Map<String, String> counterPersonForm(boolean registered) {
            return registered ? orderedForm("patient", personId.value().toString())
                    : orderedForm("nomPersonne", "Lefèvre", "prenom", "Jeanne", "naissance", "1948-03-04", "telephone", "0612345678");
        }

        /** The counter's booking of the slot chosen (no reason for visit on the test's agenda). */
        Map<String, String> counterSlotForm() {
            return orderedForm(
                "motif", "",
                "telephone", "0612345678");
        }

        /** A person to register by her INS: a woman born in Paris with a fresh matricule (its key computed). */
        String registrationJson() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            java.time.LocalDate birth = java.time.LocalDate.of(1940 + random.nextInt(60), 1 + random.nextInt(12), 10);
            String body = "2" + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue()) + "75056"
                    + String.format("%03d", 1 + random.nextInt(998));
            return "{\"matricule\": \"" + body + Nir.key(body) + "\", \"birthName\": \"Fuzz\", \"firstNames\": \"Alice\", "
                    + "\"birthDate\": \"" + birth + "\", \"sex\": \"F\", \"birthPlace\": \"75056\", \"usedName\": \"Martin\", "
                    + "\"addressLine\": \"3 rue des Lilas\", \"postcode\": \"75011\", \"commune\": \"75056\", \"phone\": \"0612121212\", "
                    + "\"email\": \"alice@example.org\"}";
        }

        private Request create(String type, String body) {
            return new Request("POST", "/fhir/" + type, body, "application/fhir+json");
        }

        private String consent(String kind, String practitioner, boolean permit) {
            String actor = practitioner == null ? "" : ",\"actor\":[{\"role\":{\"coding\":[{\"system\":"
                    + "\"http://terminology.hl7.org/CodeSystem/v3-RoleClass\",\"code\":\"PROV\"}]},\"reference\":{\"reference\":"
                    + "\"Practitioner/" + practitioner + "\"}}]";
            return "{\"resourceType\":\"Consent\",\"status\":\"active\",\"scope\":{\"coding\":[{\"system\":"
                    + "\"http://terminology.hl7.org/CodeSystem/consentscope\",\"code\":\"patient-privacy\"}]},\"category\":["
                    + "{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"59284-0\"}]},"
                    + "{\"coding\":[{\"system\":\"https://hygie.fr/fhir/CodeSystem/consent-kind\",\"code\":\"" + kind + "\"}]}],"
                    + "\"patient\":{\"reference\":\"Patient/" + personId.value() + "\"},\"policyRule\":{\"coding\":[{\"system\":"
                    + "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"" + (permit ? "OPTIN" : "OPTOUT") + "\"}]},"
                    + "\"provision\":{\"type\":\"" + (permit ? "permit" : "deny") + "\"" + actor + "}}";
        }

        private String masked(String document) {
            try {
                ObjectNode d = (ObjectNode) JSON.readTree(document);
                ObjectNode coding = NODES.objectNode().put("system",
                        "https://mos.esante.gouv.fr/NOS/TRE_A07-StatutVisibiliteDocument/FHIR/TRE-A07-StatutVisibiliteDocument")
                        .put("code", "MASQUE_PS");
                d.set("securityLabel", NODES.arrayNode().add(NODES.objectNode().set("coding", NODES.arrayNode().add(coding))));
                return JSON.writeValueAsString(d);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private String appointment(Slot slot) {
            return "{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"start\":\"" + slot.startsAt() + "\",\"end\":\""
                    + slot.endsAt() + "\",\"slot\":[{\"reference\":\"Slot/" + slot.id().value() + "\"}],\"participant\":[{\"actor\":"
                    + "{\"reference\":\"Patient/" + personId.value() + "\"},\"status\":\"accepted\"}]}";
        }

        /**
         * What the persons' records hold: per table with a {@code patient_id}, the number of rows and a hash of their
         * whole content (a change in place shows too); the messages of their conversations; the number of persons (a
         * transaction may create one). Not the journal, which records every refusal by design, nor the notifications,
         * which the notifications module writes after an accepted write commits, on its own thread (they could land
         * while the next input is being checked).
         */
        Map<PatientId, String> footprints() {
            Map<PatientId, String> out = new LinkedHashMap<>();
            for (PatientId p : List.of(personId, other)) {
                out.put(p, footprint.of(p.value()));
            }
            out.put(new PatientId(new UUID(0, 0)), jdbc.sql("SELECT count(*) FROM identity.patient").query(Long.class).single().toString());
            // Bookings of persons without a digital space (the counter's) have no patient_id.
            out.put(new PatientId(new UUID(0, 1)), jdbc.sql("SELECT count(*) FROM appointments.booking WHERE patient_id IS NULL")
                    .query(Long.class).single().toString());
            return out;
        }

        /** Rows about a person who does not exist (a reference to nobody accepted as a subject), over every such table. */
        long orphans() {
            return jdbc.sql(orphansSql).query(Long.class).single();
        }

        private List<String> tables() {
            return PersonFootprint.tables(jdbc);
        }
    }

    static String documentJson(PatientId p) {
        String data = Base64.getEncoder().encodeToString("Examen clinique normal.".getBytes(StandardCharsets.UTF_8));
        return "{\"resourceType\":\"DocumentReference\",\"status\":\"current\",\"type\":{\"coding\":[{\"system\":\"http://loinc.org\","
                + "\"code\":\"11488-4\"}]},\"subject\":{\"reference\":\"Patient/" + p.value() + "\"},\"description\":\"Compte rendu\","
                + "\"context\":{\"period\":{\"start\":\"2026-01-15\"}},\"content\":[{\"attachment\":{\"contentType\":\"text/plain\","
                + "\"data\":\"" + data + "\"}}]}";
    }

    static String communication(PatientId subject, String recipient, String inResponseTo) {
        return "{\"resourceType\":\"Communication\",\"status\":\"completed\",\"subject\":{\"reference\":\"Patient/" + subject.value()
                + "\"}," + (inResponseTo == null ? "" : "\"inResponseTo\":[{\"reference\":\"Communication/" + inResponseTo + "\"}],")
                + "\"recipient\":[{\"reference\":\"" + recipient + "\"}],\"topic\":{\"text\":\"Résultats\"},"
                + "\"payload\":[{\"contentString\":\"Bonjour, vos résultats sont dans votre dossier.\"}]}";
    }
}
