package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.hygie.access.CareTeam;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.DocumentFilter;
import fr.hygie.record.Documents;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.ProfileSectionKind;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import fr.hygie.prescriptions.ExportedPrescription;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.research.ObjectionScope;
import fr.hygie.research.Objections;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Transaction Bundles (all or nothing, validated first) and the asynchronous Bulk Data export. */
@HygieIntegrationTest
class FhirExchangeTest {

    static final String ALL = "openid fhirUser launch/patient user/*.cruds patient/*.cruds";

    @LocalServerPort
    int port;
    @Autowired
    FhirContext fhir;
    @Autowired
    FhirValidation validation;
    @Autowired
    Cast cast;
    @Autowired
    CareTeam careTeam;
    @Autowired
    MedicalProfile profile;
    @Autowired
    Documents documents;
    @Autowired
    Patients patients;
    @Autowired
    Journal journal;
    @Autowired
    Prescriptions prescriptions;
    @Autowired
    Objections objections;

    FhirTestClient client;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        client = new FhirTestClient(port);
    }

    private int measurements(String login, PatientId p) {
        return profile.view(cast.actor(login), p, JournalChannel.WEB).sections().get(ProfileSectionKind.MEASUREMENTS).size();
    }

    private static String observation(PatientId p, String fullUrl, boolean valid) {
        return """
                {"fullUrl":"%s","request":{"method":"POST","url":"Observation"},"resource":{"resourceType":"Observation",%s
                 "code":{"coding":[{"system":"http://loinc.org","code":"8302-2"}],"text":"Taille"},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":170,"unit":"cm","system":"http://unitsofmeasure.org","code":"cm"}}}
                """.formatted(fullUrl, valid ? "\"status\":\"final\"," : "", p.value(), LocalDate.now().minusDays(1));
    }

    @Test
    void aTransactionIsAllOrNothingAndValidatedFirst() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        assertThat(careTeam.authorise(cast.actor(login), p, cast.professional("medecin"), JournalChannel.WEB).done()).isTrue();
        FhirTestClient.Tokens medecin = client.login("medecin", ALL);

        String invalid = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + observation(p, "urn:uuid:1", true) + ","
                + observation(p, "urn:uuid:2", false) + "]}";
        HttpResponse<String> refused = client.fhir("POST", "/fhir", medecin.access(), invalid);
        assertThat(refused.statusCode()).isEqualTo(422);
        OperationOutcome oo = FhirTesting.parse(fhir, validation, refused, OperationOutcome.class);
        assertThat(oo.getIssue()).anySatisfy(i -> assertThat(i.getExpression().get(0).getValue()).startsWith("Bundle.entry[1]"));
        assertThat(measurements(login, p)).isZero();

        // Valid for the validator, refused by the record module on the second entry (unknown document type): nothing stays.
        String document = FhirRecordTest.documentJson(p, "99999-9", "Type inconnu");
        String rolledBack = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + observation(p, "urn:uuid:3", true)
                + ",{\"request\":{\"method\":\"POST\",\"url\":\"DocumentReference\"},\"resource\":" + document + "}]}";
        HttpResponse<String> failed = client.fhir("POST", "/fhir", medecin.access(), rolledBack);
        assertThat(failed.statusCode()).isEqualTo(422);
        assertThat(measurements(login, p)).isZero();

        String good = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + observation(p, "urn:uuid:4", true)
                + ",{\"request\":{\"method\":\"POST\",\"url\":\"DocumentReference\"},\"resource\":"
                + FhirRecordTest.documentJson(p, "11488-4", "Consultation") + "}]}";
        HttpResponse<String> ok = client.fhir("POST", "/fhir", medecin.access(), good);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        Bundle response = FhirTesting.parse(fhir, validation, ok, Bundle.class);
        assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("201 Created", "201 Created");
        assertThat(measurements(login, p)).isEqualTo(1);
        assertThat(documents.list(cast.actor(login), p, DocumentFilter.all(), JournalChannel.WEB)).hasSize(1);
    }

    /** Kicks off an export and polls its status until the manifest comes (bounded, no timing assertion). */
    private JsonNode runExport(String path, String token) throws Exception {
        HttpResponse<String> sync = client.get(path, token);
        assertThat(sync.statusCode()).as("respond-async is required").isEqualTo(400);
        HttpResponse<String> kick = client.fhirWithHeaders("GET", path, token, "Prefer", "respond-async");
        assertThat(kick.statusCode()).as(kick.body()).isEqualTo(202);
        String status = kick.headers().firstValue("Content-Location").orElseThrow();
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> poll = client.get(status, token);
            if (poll.statusCode() == 200) {
                return json.readTree(poll.body());
            }
            assertThat(poll.statusCode()).isEqualTo(202);
            assertThat(poll.headers().firstValue("X-Progress")).isPresent();
            Thread.sleep(200);
        }
        throw new AssertionError("export did not finish");
    }

    private List<Resource> file(JsonNode manifest, String type, String token) {
        return file(manifest, type, token, false);
    }

    /**
     * Every line parsed and counted; with {@code byShape}, validated once per shape (the line with its free strings
     * and numbers blanked: codes, systems, units, statuses and urls kept). The platform export holds the
     * whole synthetic population (~10,000 Observations): validating each one was ~5 minutes of this class on a
     * loaded machine, the same mapper producing each shape. The round-trip test validates every resource it exports.
     */
    private List<Resource> file(JsonNode manifest, String type, String token, boolean byShape) {
        java.util.Set<String> shapes = new java.util.HashSet<>();
        List<Resource> out = new ArrayList<>();
        for (JsonNode o : manifest.path("output")) {
            if (type.equals(o.path("type").asText())) {
                HttpResponse<String> r = client.get(o.path("url").asText(), token);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("ndjson");
                for (String line : r.body().split("\n")) {
                    if (!line.isBlank()) {
                        Resource res = (Resource) fhir.newJsonParser().parseResource(line);
                        if (!byShape || shapes.add(shape(line))) {
                            FhirTesting.assertValid(validation, res);
                        }
                        out.add(res);
                    }
                }
                assertThat(out).hasSize(o.path("count").asInt());
            }
        }
        return out;
    }

    @Test
    void aPersonExportsTheirOwnDataAsTheWebShowsThemAndNobodyElseGetsTheFiles() throws Exception {
        PatientId p = cast.patient("patient2");
        FhirTestClient.Tokens t = client.login("patient2", ALL);
        long before = journal.countForPatient(p.value());
        JsonNode manifest = runExport("/fhir/Patient/$export", t.access());
        assertThat(manifest.path("requiresAccessToken").asBoolean()).isTrue();
        assertThat(file(manifest, "Patient", t.access())).hasSize(1);
        List<Resource> docs = file(manifest, "DocumentReference", t.access());
        assertThat(docs).hasSize(documents.list(cast.actor("patient2"), p, DocumentFilter.all(), JournalChannel.WEB).size()).isNotEmpty();
        assertThat(((org.hl7.fhir.r4.model.DocumentReference) docs.get(0)).getContentFirstRep().getAttachment().getData()).isNotEmpty();
        assertThat(journal.forPatient(p.value(), 0, (int) (journal.countForPatient(p.value()) - before)))
                .anyMatch(e -> e.action() == JournalAction.EXPORT);

        // Another account cannot poll or download this job; a professional may not export the platform.
        FhirTestClient.Tokens other = client.login("patient", ALL);
        String url = manifest.path("output").get(0).path("url").asText();
        assertThat(client.get(url, other.access()).statusCode()).isEqualTo(404);
        FhirTestClient.Tokens medecin = client.login("medecin", ALL);
        assertThat(client.fhirWithHeaders("GET", "/fhir/$export", medecin.access(), "Prefer", "respond-async").statusCode()).isEqualTo(403);
        assertThat(client.fhirWithHeaders("GET", "/fhir/Patient/" + p.value() + "/$export", other.access(), "Prefer", "respond-async")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aPersonLeavesWithTheirPrescriptionsMessagesObjectionsAndMandatesWithoutTheOperatorsSecrets() throws Exception {
        // « patient » (demo cast) has dispensed medication prescriptions and messages with an attachment.
        PatientId p = cast.patient("patient");
        FhirTestClient.Tokens t = client.login("patient", ALL);
        JsonNode manifest = runExport("/fhir/Patient/$export", t.access());
        List<Resource> requests = file(manifest, "MedicationRequest", t.access());
        assertThat(requests).isNotEmpty().allMatch(r -> ((MedicationRequest) r).getSubject().getReference().equals("Patient/" + p.value()));
        assertThat(file(manifest, "MedicationDispense", t.access())).isNotEmpty()
                .allMatch(r -> ((MedicationDispense) r).getSubject().getReference().equals("Patient/" + p.value()));
        // Their laboratory prescription (demo cast) and their access journal, over HTTP like any file of the export.
        assertThat(file(manifest, "ServiceRequest", t.access())).isNotEmpty()
                .allMatch(r -> ((org.hl7.fhir.r4.model.ServiceRequest) r).getSubject().getReference().equals("Patient/" + p.value()));
        assertThat(file(manifest, "AuditEvent", t.access(), true)).isNotEmpty()
                .allMatch(r -> r.getIdElement().getIdPart().startsWith(p.value().toString()));
        List<Resource> messages = file(manifest, "Communication", t.access());
        assertThat(messages).isNotEmpty().allMatch(r -> ((Communication) r).getSubject().getReference().equals("Patient/" + p.value()));
        assertThat(messages).anyMatch(r -> ((Communication) r).getPayload().stream()
                .anyMatch(x -> x.hasContentAttachment() && x.getContentAttachment().hasData()));
        String everything = raw(manifest, t.access());
        assertThat(everything).doesNotContain(PrescriptionTransfer.TRANSFER_EXTENSION, MessageTransfer.TRANSFER_EXTENSION,
                "accessCodeHash", "secretHash", "representativeLogin");
        List<ExportedPrescription> operatorCopy = prescriptions.forExport(p);
        assertThat(operatorCopy).anyMatch(e -> e.accessCodeHash() != null);
        for (ExportedPrescription e : operatorCopy) {
            for (String hash : new String[] {e.accessCodeHash(), e.secretHash()}) {
                if (hash != null) {
                    assertThat(everything).doesNotContain(hash);
                }
            }
        }

        // « patient2 » gave a mandate to « aidant »: kind, validity and scopes leave with them, not the login.
        PatientId p2 = cast.patient("patient2");
        FhirTestClient.Tokens t2 = client.login("patient2", ALL);
        JsonNode manifest2 = runExport("/fhir/Patient/$export", t2.access());
        assertThat(file(manifest2, "RelatedPerson", t2.access())).isNotEmpty()
                .allMatch(r -> ((RelatedPerson) r).getPatient().getReference().equals("Patient/" + p2.value()));
        assertThat(raw(manifest2, t2.access())).doesNotContain("representativeLogin", "\"aidant\"");

        // A fresh person with one objection: it leaves as a Consent; nobody else's prescriptions, messages, mandates.
        String login = cast.newPatient();
        PatientId fresh = cast.patient(login);
        assertThat(objections.object(cast.actor(login), fresh, ObjectionScope.GLOBAL, JournalChannel.WEB).done()).isTrue();
        FhirTestClient.Tokens t3 = client.login(login, ALL);
        JsonNode manifest3 = runExport("/fhir/Patient/$export", t3.access());
        assertThat(file(manifest3, "Consent", t3.access())).filteredOn(r -> ObjectionTransfer.isObjection((Consent) r)).hasSize(1)
                .allMatch(r -> ((Consent) r).getPatient().getReference().equals("Patient/" + fresh.value()));
        List<String> types = new ArrayList<>();
        manifest3.path("output").forEach(o -> types.add(o.path("type").asText()));
        assertThat(types).doesNotContain("MedicationRequest", "MedicationDispense", "Communication", "RelatedPerson");
        assertThat(file(manifest, "Consent", t.access())).filteredOn(r -> ObjectionTransfer.isObjection((Consent) r))
                .allMatch(r -> ((Consent) r).getPatient().getReference().equals("Patient/" + p.value()));
    }

    private static String shape(String json) {
        // Free strings (ids, references, names, texts, dates) blanked; systems, codes, units, statuses, urls kept.
        return json.replaceAll("\"(?!(?:system|code|unit|status|resourceType|url)\")([A-Za-z]+)\":\"(?:[^\"\\\\]|\\\\.)*\"", "\"$1\":\"\"")
                .replaceAll(":-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?([,}\\]])", ":0$3");
    }

    private String raw(JsonNode manifest, String token) {
        StringBuilder all = new StringBuilder();
        for (JsonNode o : manifest.path("output")) {
            HttpResponse<String> r = client.get(o.path("url").asText(), token);
            assertThat(r.statusCode()).isEqualTo(200);
            all.append(r.body());
        }
        return all.toString();
    }

    @Test
    void theAdministratorExportsThePlatform() throws Exception {
        FhirTestClient.Tokens admin = client.login("admin", "openid user/*.rs");
        JsonNode manifest = runExport("/fhir/$export?_type=Patient,Observation", admin.access());
        List<String> types = new ArrayList<>();
        manifest.path("output").forEach(o -> types.add(o.path("type").asText()));
        assertThat(types).containsExactlyInAnyOrder("Patient", "Observation");
        for (JsonNode o : manifest.path("output")) {
            if ("Patient".equals(o.path("type").asText())) {
                assertThat(o.path("count").asLong()).isEqualTo(patients.count());
            }
        }
        assertThat(file(manifest, "Observation", admin.access(), true)).isNotEmpty();
    }
}
