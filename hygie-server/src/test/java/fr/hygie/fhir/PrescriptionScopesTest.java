package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.access.Actor;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.security.oauth.ScopeDescriptions;
import fr.hygie.prescriptions.Accepted;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionKind;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.prescriptions.Signed;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * SMART scopes for prescriptions: MedicationRequest, MedicationDispense and ServiceRequest are in the catalogue
 * offered to registered apps, so an app asking {@code patient/MedicationRequest.rs} gets it on the consent screen
 * (« écran de consentement ») and reads the person's prescriptions with that token; a token without the scope of
 * a type is refused for that type (403), whatever else it holds.
 */
@HygieIntegrationTest
class PrescriptionScopesTest {

    @LocalServerPort
    int port;
    @Autowired
    FhirContext fhir;
    @Autowired
    FhirValidation validation;
    @Autowired
    Cast cast;
    @Autowired
    Prescriptions prescriptions;
    @Autowired
    ScopeDescriptions scopeDescriptions;

    FhirTestClient client;

    @BeforeEach
    void setUp() {
        client = new FhirTestClient(port);
    }

    <T extends IBaseResource> T parse(HttpResponse<String> r, Class<T> type) {
        return FhirTesting.parse(fhir, validation, r, type);
    }

    @Test
    void anAppGrantedPatientMedicationRequestReadsThePersonsPrescriptionsAndNothingElseOfThem() {
        // A fresh person (never connected the demo app: the consent screen is shown) with one dispensed medication
        // prescription and one laboratory prescription.
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Signed medication = signed(person, PrescriptionKind.MEDICATION, "M014");
        Actor pharmacien = cast.actor("pharmacien");
        Accepted taken = prescriptions.accept(pharmacien, medication.prescription().number().value(), medication.accessCode().value(),
                JournalChannel.WEB);
        prescriptions.dispense(pharmacien, medication.prescription().id(), taken.secret(), 1, null, 1, JournalChannel.WEB);
        prescriptions.complete(pharmacien, medication.prescription().id(), taken.secret(), JournalChannel.WEB);
        Signed lab = signed(person, PrescriptionKind.LAB, "L003");

        FhirTestClient.Tokens t = client.login(login, "openid launch/patient patient/MedicationRequest.rs");
        // Granted on the consent screen (the test client ticks every scope the page offers).
        assertThat(t.scope().split(" ")).contains("patient/MedicationRequest.rs");
        assertThat(t.patient()).isEqualTo(person.value().toString());
        Bundle requests = parse(client.get("/fhir/MedicationRequest?patient=Patient/" + person.value(), t.access()), Bundle.class);
        assertThat(requests.getTotal()).isEqualTo(1);
        MedicationRequest r = (MedicationRequest) requests.getEntryFirstRep().getResource();
        assertThat(r.getSubject().getReference()).isEqualTo("Patient/" + person.value());
        assertThat(r.getGroupIdentifier().getValue()).isEqualTo(medication.prescription().number().value());
        HttpResponse<String> read = client.get("/fhir/MedicationRequest/" + r.getIdElement().getIdPart(), t.access());
        assertThat(parse(read, MedicationRequest.class).getGroupIdentifier().getValue()).isEqualTo(medication.prescription().number().value());
        // The same token reaches neither the dispensation nor the laboratory prescription: other types, not granted.
        assertThat(client.get("/fhir/MedicationDispense?patient=Patient/" + person.value(), t.access()).statusCode()).isEqualTo(403);
        assertThat(client.get("/fhir/ServiceRequest?patient=Patient/" + person.value(), t.access()).statusCode()).isEqualTo(403);

        // A token without MedicationRequest is refused for it.
        FhirTestClient.Tokens other = client.login(login, "openid launch/patient patient/Observation.rs");
        assertThat(other.scope().split(" ")).doesNotContain("patient/MedicationRequest.rs");
        assertThat(client.get("/fhir/MedicationRequest?patient=Patient/" + person.value(), other.access()).statusCode()).isEqualTo(403);
        assertThat(client.get("/fhir/MedicationRequest/" + r.getIdElement().getIdPart(), other.access()).statusCode()).isEqualTo(403);

        // The two other types, once granted, answer too.
        FhirTestClient.Tokens both = client.login(login, "openid launch/patient patient/MedicationDispense.rs patient/ServiceRequest.rs");
        assertThat(both.scope().split(" ")).contains("patient/MedicationDispense.rs", "patient/ServiceRequest.rs");
        Bundle dispenses = parse(client.get("/fhir/MedicationDispense?patient=Patient/" + person.value(), both.access()), Bundle.class);
        assertThat(dispenses.getEntry()).singleElement().satisfies(e -> assertThat(((MedicationDispense) e.getResource())
                .getSubject().getReference()).isEqualTo("Patient/" + person.value()));
        Bundle labs = parse(client.get("/fhir/ServiceRequest?patient=Patient/" + person.value(), both.access()), Bundle.class);
        assertThat(labs.getEntry()).singleElement().satisfies(e -> assertThat(((ServiceRequest) e.getResource())
                .getRequisition().getValue()).isEqualTo(lab.prescription().number().value()));
    }

    @Test
    void thePrescriptionScopesAreOfferedAndLabelledInBothLanguages() {
        for (String type : List.of("MedicationRequest", "MedicationDispense", "ServiceRequest")) {
            assertThat(FhirConfiguration.RESOURCE_TYPES).contains(type);
            String scope = "patient/" + type + ".rs";
            assertThat(scopeDescriptions.describe(scope, Locale.FRENCH)).isEqualTo("Lire les données de type " + type
                    + " de votre espace santé");
            assertThat(scopeDescriptions.describe(scope, Locale.ENGLISH)).isEqualTo("Read the data of type " + type
                    + " of your health space");
        }
    }

    private Signed signed(PatientId person, PrescriptionKind kind, String product) {
        Actor medecin = cast.actor("medecin");
        Prescription draft = prescriptions.draft(medecin, person, kind, JournalChannel.WEB);
        prescriptions.addLine(medecin, draft.id(), product, "1 le soir", 1, JournalChannel.WEB);
        return prescriptions.sign(medecin, draft.id(), JournalChannel.WEB);
    }
}
