package fr.hygie.fhir;

import static fr.hygie.fhir.FhirTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.access.SharingTransfer;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalEntry;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.DocumentId;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Writes through the API where the web allows the same action: the person's sharing choices as
 * Consents, the confidentiality labels of a document. Same decisions and journal as the web; invalid
 * input is a 422 with an OperationOutcome and changes nothing; the CapabilityStatement says so.
 */
@HygieIntegrationTest
class FhirWriteTest {

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
    SharingTransfer sharing;
    @Autowired
    Documents documents;
    @Autowired
    Journal journal;

    FhirTestClient client;

    @BeforeEach
    void setUp() {
        client = new FhirTestClient(port);
    }

    private static Consent consent(PatientId p, String kind, boolean permit, ProfessionalId pro, Consent.ConsentState status) {
        Consent c = ConsentResourceProvider.base(p, kind, pro, permit);
        c.setStatus(status);
        if (pro != null) {
            c.getProvision().addActor().setReference(new Reference("Practitioner/" + pro.value())).setRole(new CodeableConcept()
                    .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PROV", "healthcare provider")));
        }
        return c;
    }

    private String json(org.hl7.fhir.instance.model.api.IBaseResource r) {
        return fhir.newJsonParser().encodeResourceToString(r);
    }

    private List<JournalEntry> fhirEntries(PatientId p, JournalAction action) {
        return journal.forPatient(p.value(), 0, 200).stream().filter(e -> e.action() == action && e.channel() == JournalChannel.FHIR).toList();
    }

    @Test
    void thePersonBlocksUnblocksAndAuthorisesThroughConsentAsOnTheWebAndProfessionalsCannot() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        ProfessionalId medecin2 = cast.professional("medecin2");
        ProfessionalId infirmier = cast.professional("infirmier");
        FhirTestClient.Tokens t = client.login(login, ALL);

        HttpResponse<String> created = client.fhir("POST", "/fhir/Consent", t.access(), json(consent(p, "BLOCK", false, medecin2,
                Consent.ConsentState.ACTIVE)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Consent block = parse(fhir, validation, created, Consent.class);
        assertThat(sharing.choicesOf(p).careTeam().blocked()).extracting(b -> b.professional()).containsExactly(medecin2);
        assertThat(fhirEntries(p, JournalAction.BLOCK)).hasSize(1);
        assertThat(parse(fhir, validation, client.get("/fhir/Consent/" + block.getIdElement().getIdPart(), t.access()), Consent.class)
                .getProvision().getType()).isEqualTo(Consent.ConsentProvisionType.DENY);

        // Unblock: the same choice, now inactive.
        Consent unblock = consent(p, "BLOCK", false, medecin2, Consent.ConsentState.INACTIVE);
        HttpResponse<String> updated = client.fhir("PUT", "/fhir/Consent/" + block.getIdElement().getIdPart(), t.access(), json(unblock));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(sharing.choicesOf(p).careTeam().blocked()).isEmpty();
        assertThat(fhirEntries(p, JournalAction.UNBLOCK)).hasSize(1);

        Consent authorise = consent(p, "AUTHORISATION", true, infirmier, Consent.ConsentState.ACTIVE);
        assertThat(client.fhir("PUT", "/fhir/Consent/" + authorise.getIdElement().getIdPart(), t.access(), json(authorise)).statusCode())
                .isEqualTo(200);
        assertThat(sharing.choicesOf(p).careTeam().authorised()).extracting(a -> a.professional()).containsExactly(infirmier);
        Consent emergency = consent(p, "EMERGENCY_ACCESS", false, null, Consent.ConsentState.ACTIVE);
        assertThat(client.fhir("PUT", "/fhir/Consent/" + emergency.getIdElement().getIdPart(), t.access(), json(emergency)).statusCode())
                .isEqualTo(200);
        assertThat(sharing.choicesOf(p).settings().emergencyAccessAllowed()).isFalse();

        // A professional cannot change the person's choices: refused, journaled, nothing changed.
        FhirTestClient.Tokens pro = client.login("medecin2", ALL);
        Consent revoke = consent(p, "AUTHORISATION", true, infirmier, Consent.ConsentState.INACTIVE);
        HttpResponse<String> refused = client.fhir("PUT", "/fhir/Consent/" + revoke.getIdElement().getIdPart(), pro.access(), json(revoke));
        assertThat(refused.statusCode()).isEqualTo(403);
        parse(fhir, validation, refused, OperationOutcome.class);
        assertThat(sharing.choicesOf(p).careTeam().authorised()).hasSize(1);
        assertThat(journal.forPatient(p.value(), 0, 200)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(JournalAction.REVOKE_AUTHORISATION);
            assertThat(e.decision()).isEqualTo(fr.hygie.journal.JournalDecision.DENY);
        });
    }

    @Test
    void anInvalidOrMeaninglessConsentIs422AndChangesNothing() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        ProfessionalId medecin2 = cast.professional("medecin2");
        FhirTestClient.Tokens t = client.login(login, ALL);
        // Fails the validator (status is required in R4).
        Consent noStatus = consent(p, "BLOCK", false, medecin2, Consent.ConsentState.ACTIVE);
        noStatus.setStatus(null);
        // A block that permits is not a block.
        Consent permitBlock = consent(p, "BLOCK", false, medecin2, Consent.ConsentState.ACTIVE);
        permitBlock.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        // A PUT on another choice's id.
        Consent other = consent(p, "BLOCK", false, medecin2, Consent.ConsentState.ACTIVE);
        String otherId = consent(p, "AUTHORISATION", true, medecin2, Consent.ConsentState.ACTIVE).getIdElement().getIdPart();
        other.setId(otherId);
        for (HttpResponse<String> r : List.of(
                client.fhir("POST", "/fhir/Consent", t.access(), json(noStatus)),
                client.fhir("POST", "/fhir/Consent", t.access(), json(permitBlock)),
                client.fhir("PUT", "/fhir/Consent/" + otherId, t.access(), json(other)))) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            OperationOutcome oo = parse(fhir, validation, r, OperationOutcome.class);
            assertThat(oo.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        }
        assertThat(sharing.choicesOf(p).careTeam().blocked()).isEmpty();
        assertThat(sharing.choicesOf(p).careTeam().authorised()).isEmpty();
    }

    @Test
    void thePersonMasksADocumentThroughTheApiAndNothingElseOfItCanChange() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        AddOutcome added = documents.add(cast.actor(login), new NewDocument(p, "57833-6", "Mon ordonnance", LocalDate.now(), Set.of(), null,
                "Paracétamol 1 g".getBytes(StandardCharsets.UTF_8)), JournalChannel.WEB);
        DocumentId id = ((AddOutcome.Added) added).document().id();
        FhirTestClient.Tokens t = client.login(login, ALL);
        String path = "/fhir/DocumentReference/" + id.value();
        DocumentReference read = parse(fhir, validation, client.get(path, t.access()), DocumentReference.class);

        DocumentReference masked = read.copy();
        masked.addSecurityLabel(new CodeableConcept().addCoding(new Coding(ClinicalMapper.TRE_A07, "MASQUE_PS", null)));
        HttpResponse<String> r = client.fhir("PUT", path, t.access(), json(masked));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(parse(fhir, validation, r, DocumentReference.class).getSecurityLabel()).hasSize(1);
        assertThat(documents.summary(cast.actor(login), id, JournalChannel.WEB).orElseThrow().labels())
                .containsExactly(ConfidentialityLabel.MASQUE_PS);
        assertThat(fhirEntries(p, JournalAction.MASK)).hasSize(1);

        // Anything but the labels: 422, nothing stored (still masked, same title).
        DocumentReference retitled = read.copy();
        retitled.setDescription("Autre titre");
        HttpResponse<String> refused = client.fhir("PUT", path, t.access(), json(retitled));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(parse(fhir, validation, refused, OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains("securityLabel");
        // A label that nobody changes after filing: 422.
        DocumentReference hidden = masked.copy();
        hidden.addSecurityLabel(new CodeableConcept().addCoding(new Coding(ClinicalMapper.TRE_A07, "INVISIBLE_REPRESENTANTS_LEGAUX", null)));
        assertThat(client.fhir("PUT", path, t.access(), json(hidden)).statusCode()).isEqualTo(422);
        var summary = documents.summary(cast.actor(login), id, JournalChannel.WEB).orElseThrow();
        assertThat(summary.labels()).containsExactly(ConfidentialityLabel.MASQUE_PS);
        assertThat(summary.title()).isEqualTo("Mon ordonnance");

        // Unmask.
        assertThat(client.fhir("PUT", path, t.access(), json(read)).statusCode()).isEqualTo(200);
        assertThat(documents.summary(cast.actor(login), id, JournalChannel.WEB).orElseThrow().labels()).isEmpty();
    }

    @Test
    void theCapabilityStatementListsTheUpdatesThatExistAndNoOther() {
        CapabilityStatement cs = parse(fhir, validation, client.get("/fhir/metadata", null), CapabilityStatement.class);
        var rest = cs.getRestFirstRep();
        var consent = rest.getResource().stream().filter(x -> x.getType().equals("Consent")).findFirst().orElseThrow();
        assertThat(consent.getInteraction()).extracting(i -> i.getCode().toCode())
                .containsExactlyInAnyOrder("read", "search-type", "create", "update");
        var doc = rest.getResource().stream().filter(x -> x.getType().equals("DocumentReference")).findFirst().orElseThrow();
        assertThat(doc.getInteraction()).extracting(i -> i.getCode().toCode())
                .containsExactlyInAnyOrder("read", "search-type", "create", "update");
        var patient = rest.getResource().stream().filter(x -> x.getType().equals("Patient")).findFirst().orElseThrow();
        assertThat(patient.getInteraction()).extracting(i -> i.getCode().toCode()).doesNotContain("update");
    }
}
