package fr.hygie.web.prescriptions;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.prescriptions.PrescriptionId;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The three parties' pages over real HTTP (no JavaScript), the FHIR resources they expose, and the
 * pharmacist's pages in a real browser with axe-core. Refused moves answer 409 naming the state.
 */
@HygieIntegrationTest
class PrescriptionPagesTest {

    static final Pattern CODE = Pattern.compile("code d(?:'|&#39;)accès est imprimé sur le PDF : <strong>([0-9A-Z-]{19})</strong>");
    static final Pattern NUMBER = Pattern.compile("Ordonnance n° <span>([0-9A-Z-]{14})</span>");

    @LocalServerPort
    int port;
    @Autowired
    Cast cast;
    @Autowired
    Patients patients;
    @Autowired
    Prescriptions prescriptions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FhirContext fhir;

    record Written(String login, PatientId patient, String id, String number, String code) {
    }

    /** The prescriber finds a fresh person by INS traits, writes two lines and signs, through the pages. */
    Written writeThroughThePages(WebSession medecin) {
        String login = cast.newPatient();
        PatientId patient = cast.patient(login);
        var person = patients.byId(patient).orElseThrow();
        HttpResponse<String> search = medecin.get("/pro/ordonnances?nom=TESTEUSE&prenom=ALICE&naissance=" + person.birthDate());
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains(patient.value().toString());
        HttpResponse<String> created = medecin.postForm("/pro/ordonnances", Map.of("patient", patient.value().toString(), "type", "MEDICATION"));
        assertThat(created.statusCode()).isEqualTo(302);
        String path = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        String id = path.substring(path.lastIndexOf('/') + 1);
        assertThat(medecin.get(path).body()).contains("brouillon");
        assertThat(medecin.postForm(path + "/lignes", Map.of("produit", "M014", "posologie", "1 gélule matin et soir", "quantite", "2"))
                .statusCode()).isEqualTo(302);
        assertThat(medecin.postForm(path + "/lignes", Map.of("produit", "M085", "posologie", "1 le soir", "quantite", "1"))
                .statusCode()).isEqualTo(302);
        HttpResponse<String> signed = medecin.follow(medecin.postForm(path + "/signature", Map.of()));
        assertThat(signed.statusCode()).isEqualTo(200);
        Matcher code = CODE.matcher(signed.body());
        Matcher number = NUMBER.matcher(signed.body());
        assertThat(code.find()).as(signed.body()).isTrue();
        assertThat(number.find()).isTrue();
        return new Written(login, patient, id, number.group(1), code.group(1));
    }

    @Test
    void prescriberPatientAndPharmacistGoThroughTheirPagesAndIllegalMovesAnswer409NamingTheState() {
        WebSession medecin = new WebSession(port).loggedInAs("medecin");
        Written w = writeThroughThePages(medecin);
        String pro = "/pro/ordonnances/" + w.id();

        // Signing again: 409 with the state named.
        HttpResponse<String> again = medecin.postForm(pro + "/signature", Map.of());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("READY").contains("prête");

        // The patient: list, page with QR image and PDF download.
        WebSession patient = new WebSession(port).loggedInAs(w.login());
        assertThat(patient.get("/ordonnances").body()).contains(w.number());
        HttpResponse<String> page = patient.get("/ordonnances/" + w.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/ordonnances/" + w.id() + "/qr.png").contains("download=\"ordonnance.pdf\"").contains(w.code());
        HttpResponse<String> qr = patient.get("/ordonnances/" + w.id() + "/qr.png");
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        HttpResponse<String> pdf = patient.get("/ordonnances/" + w.id() + "/ordonnance.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.body()).startsWith("%PDF-");
        // Someone else's prescription does not exist for another person.
        WebSession stranger = new WebSession(port).loggedInAs(cast.newPatient());
        assertThat(stranger.get("/ordonnances/" + w.id()).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/ordonnances/" + w.id() + "/qr.png").statusCode()).isEqualTo(404);

        // The pharmacist accepts with number and code, dispenses one line partially, completes.
        WebSession pharmacien = new WebSession(port).loggedInAs("pharmacien");
        HttpResponse<String> wrong = pharmacien.postForm("/pharmacie/prise-en-charge", Map.of("numero", w.number(), "code", "0000-0000-0000-0000"));
        assertThat(wrong.statusCode()).isEqualTo(404);
        HttpResponse<String> accepted = pharmacien.postForm("/pharmacie/prise-en-charge", Map.of("numero", w.number(), "code", w.code()));
        assertThat(accepted.statusCode()).isEqualTo(302);
        String held = "/pharmacie/ordonnances/" + w.id();
        assertThat(accepted.headers().firstValue("Location").orElseThrow()).endsWith(held);
        HttpResponse<String> counter = pharmacien.get(held);
        assertThat(counter.statusCode()).isEqualTo(200);
        assertThat(counter.body()).contains("Amoxicilline 500 mg").doesNotContain("Mes documents");
        // A second pharmacy session with the same code: the prescription is taken.
        WebSession other = new WebSession(port).loggedInAs("pharmacien");
        HttpResponse<String> late = other.postForm("/pharmacie/prise-en-charge", Map.of("numero", w.number(), "code", w.code()));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("IN_PROGRESS");
        assertThat(other.get(held).statusCode()).isEqualTo(403);
        // The prescriber can no longer cancel.
        assertThat(medecin.postForm(pro + "/annulation", Map.of()).statusCode()).isEqualTo(409);

        assertThat(pharmacien.postForm(held + "/lignes/1", Map.of("produit", "", "quantite", "1")).statusCode()).isEqualTo(302);
        HttpResponse<String> done = pharmacien.postForm(held + "/cloture", Map.of());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Délivrance terminée");

        // The patient sees the receipt and verifies it on the public page.
        HttpResponse<String> withReceipt = patient.get("/ordonnances/" + w.id());
        assertThat(withReceipt.body()).contains("Preuve de délivrance signée").contains("Vérifier la signature");
        var receipt = prescriptions.forPatient(cast.actor(w.login()), w.patient(), PrescriptionId.parse(w.id()).orElseThrow(),
                fr.hygie.journal.JournalChannel.WEB).orElseThrow().receipt().orElseThrow();
        HttpResponse<String> verified = patient.postForm("/ordonnances/verification", Map.of("recu", receipt.payload(), "signature", receipt.signature()));
        assertThat(verified.body()).contains("Signature valide");
        WebSession anyone = new WebSession(port);
        anyone.get("/ordonnances/verification");
        assertThat(anyone.postForm("/ordonnances/verification", Map.of("recu", receipt.payload().replace("\"quantity\":1", "\"quantity\":9"),
                "signature", receipt.signature())).body()).contains("Signature invalide");
        assertThat(anyone.get("/ordonnances/cle-publique").body()).startsWith("-----BEGIN PUBLIC KEY-----");

        // The prescriber sees what was dispensed.
        assertThat(medecin.get(pro).body()).contains("Délivrance").contains("Preuve de délivrance signée");
    }

    @Test
    void fhirMedicationRequestAndDispenseAreReadAndSearchedByThePartiesOnlyWithExactTotals() {
        WebSession medecin = new WebSession(port).loggedInAs("medecin");
        Written w = writeThroughThePages(medecin);
        WebSession pharmacien = new WebSession(port).loggedInAs("pharmacien");
        pharmacien.postForm("/pharmacie/prise-en-charge", Map.of("numero", w.number(), "code", w.code()));
        pharmacien.postForm("/pharmacie/ordonnances/" + w.id() + "/lignes/2", Map.of("produit", "M086", "quantite", "1"));
        pharmacien.postForm("/pharmacie/ordonnances/" + w.id() + "/cloture", Map.of());

        WebSession patient = new WebSession(port).loggedInAs(w.login());
        String ref = "patient=Patient/" + w.patient().value();
        Bundle requests = bundle(patient.get("/fhir/MedicationRequest?" + ref));
        assertThat(requests.getTotal()).isEqualTo(2);
        Bundle firstPage = bundle(patient.get("/fhir/MedicationRequest?" + ref + "&_count=1"));
        assertThat(firstPage.getTotal()).isEqualTo(2);
        assertThat(firstPage.getEntry()).hasSize(1);
        assertThat(bundle(patient.get("/fhir/MedicationRequest?" + ref + "&status=completed")).getTotal()).isEqualTo(2);
        assertThat(bundle(patient.get("/fhir/MedicationRequest?" + ref + "&status=active")).getTotal()).isZero();
        MedicationRequest line1 = fhir.newJsonParser().parseResource(MedicationRequest.class,
                patient.get("/fhir/MedicationRequest/" + w.id() + "-1").body());
        assertThat(line1.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("J01CA04");
        assertThat(line1.getGroupIdentifier().getValue()).isEqualTo(w.number());

        Bundle dispenses = bundle(patient.get("/fhir/MedicationDispense?" + ref));
        assertThat(dispenses.getTotal()).isEqualTo(1);
        MedicationDispense d = (MedicationDispense) dispenses.getEntryFirstRep().getResource();
        assertThat(d.getSubstitution().getWasSubstituted()).isTrue();
        assertThat(d.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("R06AX27");

        // The prescriber sees both; another médecin sees nothing, with the same 404 as an unknown id.
        assertThat(bundle(medecin.get("/fhir/MedicationDispense?" + ref)).getTotal()).isEqualTo(1);
        WebSession medecin2 = new WebSession(port).loggedInAs("medecin2");
        assertThat(bundle(medecin2.get("/fhir/MedicationRequest?" + ref)).getTotal()).isZero();
        assertThat(medecin2.get("/fhir/MedicationRequest/" + w.id() + "-1").statusCode()).isEqualTo(404);
        assertThat(medecin2.get("/fhir/MedicationRequest/" + java.util.UUID.randomUUID() + "-1").statusCode()).isEqualTo(404);

        // Once the patient objects, the prescriber no longer sees the dispensation over FHIR either.
        patient.postForm("/ordonnances/objection", Map.of("opposition", "true"));
        assertThat(bundle(medecin.get("/fhir/MedicationDispense?" + ref)).getTotal()).isZero();
        assertThat(medecin.get("/fhir/MedicationDispense/" + w.id() + "-2").statusCode()).isEqualTo(404);
        assertThat(bundle(medecin.get("/fhir/MedicationRequest?" + ref)).getTotal()).isEqualTo(2);
    }

    @Test
    void thePharmacistsCounterPagesPassAxeInARealBrowser() {
        WebSession medecin = new WebSession(port).loggedInAs("medecin");
        Written w = writeThroughThePages(medecin);
        try (BrowserSession b = BrowserSession.open(port).loggedInAs("pharmacien")) {
            var page = b.go("/pharmacie");
            b.assertNoAxeViolations(page);
            page.fill("#numero", w.number());
            page.fill("#code", w.code());
            page.click("form[action$='/pharmacie/prise-en-charge'] button[type=submit]");
            page.waitForLoadState();
            assertThat(page.url()).endsWith("/pharmacie/ordonnances/" + w.id());
            b.assertNoAxeViolations(page);
            page.click("form[action$='/cloture'] button[type=submit]");
            page.waitForLoadState();
            assertThat(page.content()).contains("Enregistrez au moins une ligne");
            b.assertNoAxeViolations(page);
            b.go("/pharmacie/ordonnances/" + w.id());
            page.click("form[action$='/lignes/1'] button[type=submit]");
            page.waitForLoadState();
            page.click("form[action$='/cloture'] button[type=submit]");
            page.waitForLoadState();
            assertThat(page.content()).contains("Délivrance terminée");
            b.assertNoAxeViolations(page);
            b.assertNoCspViolations();
        }
        try (BrowserSession b = BrowserSession.open(port).loggedInAs("medecin")) {
            var page = b.go("/pro/ordonnances/" + w.id());
            b.assertNoAxeViolations(page);
            var draft = b.go("/pro/ordonnances");
            b.assertNoAxeViolations(draft);
        }
    }

    Bundle bundle(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return fhir.newJsonParser().parseResource(Bundle.class, r.body());
    }
}
