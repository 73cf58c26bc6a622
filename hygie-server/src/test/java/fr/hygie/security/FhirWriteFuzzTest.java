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
import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.identity.NewProfessional;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Rpps;
import fr.hygie.identity.Sex;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
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
 * shared); the slots booked are those of an agenda the test opens for a professional of its own. Every build replays
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

    private World world;

    @FuzzTest(maxDuration = "5m")
    void aFhirWriteIsStoredOrRefusedWithAnOutcomeThatStoresAndEchoesNothing(FuzzedDataProvider data) {
        // Jazzer's SSRF detector refuses network connections; this target talks to its own server only, and the server
        // to its embedded PostgreSQL (its pools open connections while fuzzing: a write's journal group commit, say).
        try (SilentCloseable local = BugDetectors.allowNetworkConnections((host, p) -> "localhost".equals(host) || "127.0.0.1".equals(host))) {
            if (world == null) {
                world = new World();
            }
            write(data);
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
     * ten characters), a line or a document about a person who does not exist (stored for nobody). Now each
     * is stored, or refused with an OperationOutcome that stores nothing.
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
        findings.forEach((type, body) -> {
            for (boolean professional : new boolean[] {true, false}) {
                send(w, professional, new Request("POST", "/fhir/" + type.strip(), body, "application/fhir+json"), List.of());
            }
        });
    }

    private void write(FuzzedDataProvider data) {
        boolean professional = data.consumeBoolean();
        String kind = data.pickValue(KINDS);
        Request seed = world.seed(kind, professional);
        List<String> planted = new ArrayList<>();
        Request request;
        if (data.consumeInt(0, 31) == 0) {
            // Not JSON at all (or not a resource): the parser's answer must be as clean as the validator's.
            request = new Request(seed.method(), seed.path(), data.consumeString(2000), seed.contentType());
        } else {
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
                path = path.substring(0, path.lastIndexOf('/') + 1) + pickId(data);
            }
            String contentType = data.consumeInt(0, 15) == 0 ? data.pickValue(CONTENT_TYPES) : seed.contentType();
            request = new Request(seed.method(), path, body, contentType);
        }
        send(world, professional, request, planted);
    }

    /** Sends a write and checks every invariant; returns the answer. */
    private HttpResponse<String> send(World w, boolean professional, Request request, List<String> planted) {
        Map<PatientId, String> before = w.footprints();
        long orphansBefore = w.orphans();
        WebSession session = professional ? w.professional : w.person;
        HttpResponse<String> r = session.request(request.method(), request.path(),
                Map.of("Content-Type", request.contentType(), "Accept", "application/fhir+json"), request.body());
        Map<PatientId, String> after = w.footprints();
        String what = request.method() + " " + request.path() + " as " + (professional ? "the professional" : "the person") + " → "
                + r.statusCode();
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
        if (!professional) {
            assertThat(after.get(w.other)).as("%s: a person's session never changes another person's record", what)
                    .isEqualTo(before.get(w.other));
        }
        return r;
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
        private final String footprintSql;
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
            footprintSql = footprintQuery();
            orphansSql = "SELECT " + String.join(" + ", tables().stream().map(t -> "(SELECT count(*) FROM " + t + " x WHERE x.patient_id IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM identity.patient i WHERE i.id::text = x.patient_id::text))").toList());
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
                case "Appointment" -> create(kind, appointment(slots.get(1 + ThreadLocalRandom.current().nextInt(slots.size() - 1))));
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
                out.put(p, String.join(";", jdbc.sql(footprintSql).param("p", p.value().toString())
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2) + ":" + rs.getString(3)).list()));
            }
            out.put(new PatientId(new UUID(0, 0)), jdbc.sql("SELECT count(*) FROM identity.patient").query(Long.class).single().toString());
            return out;
        }

        /** Rows about a person who does not exist (a reference to nobody accepted as a subject), over every such table. */
        long orphans() {
            return jdbc.sql(orphansSql).query(Long.class).single();
        }

        private List<String> tables() {
            return jdbc.sql("""
                    SELECT table_schema || '.' || table_name FROM information_schema.columns
                    WHERE column_name = 'patient_id' AND table_schema NOT IN ('journal', 'notifications', 'pg_catalog', 'information_schema')
                    AND table_name IN (SELECT table_name FROM information_schema.tables t WHERE t.table_schema = columns.table_schema
                        AND t.table_type = 'BASE TABLE')
                    ORDER BY 1""").query(String.class).list();
        }

        private String footprintQuery() {
            List<String> parts = new ArrayList<>();
            for (String t : tables()) {
                parts.add("SELECT '" + t + "', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM " + t
                        + " x WHERE x.patient_id::text = :p");
            }
            parts.add("""
                    SELECT 'messaging.message', count(*), md5(coalesce(string_agg(m::text, '|' ORDER BY m::text), ''))
                    FROM messaging.message m JOIN messaging.conversation c ON c.id = m.conversation_id WHERE c.patient_id::text = :p""");
            return String.join(" UNION ALL ", parts);
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
