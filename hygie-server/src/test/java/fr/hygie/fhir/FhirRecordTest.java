package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.access.Actor;
import fr.hygie.access.CareTeam;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.Ids;
import fr.hygie.record.DocumentFilter;
import fr.hygie.record.DocumentSummary;
import fr.hygie.record.Documents;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.ProfileSectionKind;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Documents, the medical profile and the sharing choices over FHIR, against the web's own answers
 * (the record module's lists for the same actor): the API hides and refuses exactly as the web does,
 * totals included. Every resource the server returns passes the HAPI validator.
 */
@HygieIntegrationTest
class FhirRecordTest {

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
    Documents documents;
    @Autowired
    MedicalProfile profile;
    @Autowired
    CareTeam careTeam;
    @Autowired
    Journal journal;

    FhirTestClient client;

    @BeforeEach
    void setUp() {
        client = new FhirTestClient(port);
    }

    <T extends IBaseResource> T parse(HttpResponse<String> r, Class<T> type) {
        return FhirTesting.parse(fhir, validation, r, type);
    }

    List<DocumentSummary> webList(String login, PatientId p) {
        return documents.list(cast.actor(login), p, DocumentFilter.all(), JournalChannel.WEB);
    }

    List<String> ids(Bundle b) {
        return b.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    /** Every page of a search, following the next links. */
    List<String> allPages(String query, String token) {
        List<String> all = new ArrayList<>();
        String next = query;
        int total = -1;
        while (next != null) {
            Bundle page = parse(client.get(next, token), Bundle.class);
            if (total >= 0) {
                assertThat(page.getTotal()).as("the total is the same on every page").isEqualTo(total);
            }
            total = page.getTotal();
            all.addAll(ids(page));
            next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
        }
        assertThat(all).hasSize(total);
        return all;
    }

    // ------------------------------------------------------------------ DocumentReference

    @Test
    void eachReaderFindsExactlyTheDocumentsTheWebShowsThemWithExactTotalsOverPages() {
        PatientId p = cast.patient("patient");
        for (String login : List.of("patient", "medecin", "pharmacien", "dentiste", "medecin2")) {
            FhirTestClient.Tokens t = client.login(login, ALL);
            List<String> web = webList(login, p).stream().map(d -> d.id().value().toString()).toList();
            List<String> api = allPages("/fhir/DocumentReference?patient=Patient/" + p.value() + "&_count=2", t.access());
            assertThat(api).as(login).containsExactlyInAnyOrderElementsOf(web);
        }
        // The person does not see the result her doctor has not released; a pharmacist does not see the masked consultation.
        assertThat(titles(webList("patient", p))).doesNotContain("Résultat d'anatomopathologie").contains("Consultation de psychiatrie");
        assertThat(titles(webList("pharmacien", p))).doesNotContain("Consultation de psychiatrie");
        assertThat(webList("medecin2", p)).isEmpty();
    }

    private static List<String> titles(List<DocumentSummary> docs) {
        return docs.stream().map(DocumentSummary::title).toList();
    }

    @Test
    void aHiddenDocumentAndAnAbsentOneGiveTheSame404() {
        PatientId p = cast.patient("patient");
        DocumentSummary masked = webList("patient", p).stream().filter(d -> d.title().equals("Consultation de psychiatrie")).findFirst().orElseThrow();
        String unknown = Ids.newId().toString();
        for (String login : List.of("medecin2", "pharmacien")) {
            FhirTestClient.Tokens t = client.login(login, ALL);
            for (String type : List.of("DocumentReference", "Binary")) {
                HttpResponse<String> hidden = client.get("/fhir/" + type + "/" + masked.id().value(), t.access());
                HttpResponse<String> absent = client.get("/fhir/" + type + "/" + unknown, t.access());
                assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(absent.statusCode());
                assertThat(hidden.body().replace(masked.id().value().toString(), "ID")).isEqualTo(absent.body().replace(unknown, "ID"));
            }
        }
        // Her médecin traitant sees it, with its TRE_A07 label.
        FhirTestClient.Tokens medecin = client.login("medecin", ALL);
        DocumentReference d = parse(client.get("/fhir/DocumentReference/" + masked.id().value(), medecin.access()), DocumentReference.class);
        assertThat(d.getSecurityLabel()).singleElement().satisfies(c -> {
            assertThat(c.getCodingFirstRep().getSystem()).isEqualTo(ClinicalMapper.TRE_A07);
            assertThat(c.getCodingFirstRep().getCode()).isEqualTo("MASQUE_PS");
        });
        assertThat(d.getContentFirstRep().getAttachment().getUrl()).isEqualTo("Binary/" + masked.id().value());
    }

    @Test
    void thePersonReadsTheContentThroughBinaryAndTheReadIsJournaled() {
        PatientId p = cast.patient("patient");
        DocumentSummary doc = webList("patient", p).stream().filter(d -> d.title().equals("Bilan sanguin annuel")).findFirst().orElseThrow();
        FhirTestClient.Tokens t = client.login("patient", ALL);
        long before = journal.countForPatient(p.value());
        Binary b = parse(client.get("/fhir/Binary/" + doc.id().value(), t.access()), Binary.class);
        assertThat(new String(b.getContent(), StandardCharsets.UTF_8)).startsWith("Hémoglobine 13,8 g/dL");
        assertThat(b.getContentType()).isEqualTo("text/plain");
        assertThat(journal.countForPatient(p.value())).isGreaterThan(before);
        assertThat(journal.forPatient(p.value(), 0, 1).get(0).channel()).isEqualTo(JournalChannel.FHIR);
    }

    @Test
    void documentSearchByTypeCategoryDateAndSortedByDate() {
        PatientId p = cast.patient("patient");
        FhirTestClient.Tokens t = client.login("medecin", ALL);
        String base = "/fhir/DocumentReference?subject=Patient/" + p.value();
        Bundle biology = parse(client.get(base + "&type=http://loinc.org%7C11502-2", t.access()), Bundle.class);
        assertThat(biology.getTotal()).isEqualTo(2);
        assertThat(biology.getEntry()).allSatisfy(e -> assertThat(((DocumentReference) e.getResource()).getType().getCodingFirstRep().getCode()).isEqualTo("11502-2"));
        Bundle results = parse(client.get(base + "&category=RESULTATS", t.access()), Bundle.class);
        assertThat(results.getTotal()).isEqualTo(3);
        LocalDate today = LocalDate.now();
        Bundle recent = parse(client.get(base + "&date=ge" + today.minusMonths(3) + "&_sort=date", t.access()), Bundle.class);
        List<LocalDate> dates = recent.getEntry().stream().map(e -> LocalDate.parse(((DocumentReference) e.getResource())
                .getContext().getPeriod().getStartElement().getValueAsString())).toList();
        assertThat(dates).isNotEmpty().isSorted().allSatisfy(d -> assertThat(d).isAfterOrEqualTo(today.minusMonths(3)));
        Bundle newest = parse(client.get(base + "&_sort=-date&_count=1", t.access()), Bundle.class);
        assertThat(newest.getEntry()).hasSize(1);
        assertThat(newest.getLink(Bundle.LINK_NEXT).getUrl()).contains("_offset=1");
        // A professional must name the person.
        assertThat(client.get("/fhir/DocumentReference", t.access()).statusCode()).isEqualTo(400);
    }

    @Test
    void aProfessionalAddsADocumentAndInvalidInputStoresNothing() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        assertThat(careTeam.authorise(cast.actor(login), p, cast.professional("medecin"), JournalChannel.WEB).done()).isTrue();
        FhirTestClient.Tokens medecin = client.login("medecin", ALL);
        String invalid = documentJson(p, "11488-4", "Consultation FHIR").replace("\"status\":\"current\",", "");
        HttpResponse<String> refused = client.fhir("POST", "/fhir/DocumentReference", medecin.access(), invalid);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(parse(refused, OperationOutcome.class).getIssue()).anyMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
        assertThat(webList(login, p)).isEmpty();
        HttpResponse<String> unknownType = client.fhir("POST", "/fhir/DocumentReference", medecin.access(), documentJson(p, "99999-9", "X"));
        assertThat(unknownType.statusCode()).isEqualTo(422);
        assertThat(webList(login, p)).isEmpty();

        HttpResponse<String> created = client.fhir("POST", "/fhir/DocumentReference", medecin.access(),
                documentJson(p, "11488-4", "Consultation FHIR").replace("\"content\"",
                        "\"securityLabel\":[{\"coding\":[{\"system\":\"" + ClinicalMapper.TRE_A07 + "\",\"code\":\"INVISIBLE_PATIENT\"}]}],\"content\""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        DocumentReference d = parse(created, DocumentReference.class);
        assertThat(d.getDescription()).isEqualTo("Consultation FHIR");
        assertThat(d.getAuthorFirstRep().getIdentifier().getValue()).startsWith("8");
        assertThat(webList("medecin", p)).hasSize(1);
        // Hidden from the person until released, exactly as on the web.
        assertThat(webList(login, p)).isEmpty();
        // A counter agent never touches health content (403, nothing stored). A professional outside the
        // care team may still send a document (DOMAIN), as on the web.
        FhirTestClient.Tokens accueil = client.login("accueil", ALL);
        HttpResponse<String> outsider = client.fhir("POST", "/fhir/DocumentReference", accueil.access(), documentJson(p, "11488-4", "Intrus"));
        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(webList("medecin", p)).hasSize(1);
    }

    static String documentJson(PatientId p, String type, String title) {
        String data = Base64.getEncoder().encodeToString("Examen clinique normal.".getBytes(StandardCharsets.UTF_8));
        return """
                {"resourceType":"DocumentReference","status":"current",
                 "type":{"coding":[{"system":"http://loinc.org","code":"%s"}]},
                 "subject":{"reference":"Patient/%s"},"description":"%s",
                 "context":{"period":{"start":"%s"}},
                 "content":[{"attachment":{"contentType":"text/plain","data":"%s"}}]}
                """.formatted(type, p.value(), title, LocalDate.now().minusDays(1), data);
    }

    // ------------------------------------------------------------------ medical profile

    @Test
    void theProfileSectionsMapToFhirTypesWithTheWebsVisibility() {
        PatientId p = cast.patient("patient");
        for (String login : List.of("patient", "medecin", "dentiste", "medecin2")) {
            FhirTestClient.Tokens t = client.login(login, ALL);
            var view = profile.view(cast.actor(login), p, JournalChannel.WEB);
            for (ProfileSectionKind kind : ProfileSectionKind.values()) {
                String type = ClinicalMapper.typeOf(kind);
                List<String> web = new ArrayList<>();
                view.sections().forEach((k, items) -> {
                    if (ClinicalMapper.typeOf(k).equals(type)) {
                        items.forEach(i -> web.add(i.id().toString()));
                    }
                });
                List<String> api = allPages("/fhir/" + type + "?patient=Patient/" + p.value() + "&_count=3", t.access());
                assertThat(api).as(login + " " + type).containsExactlyInAnyOrderElementsOf(web);
            }
        }
        FhirTestClient.Tokens medecin2 = client.login("medecin2", ALL);
        assertThat(parse(client.get("/fhir/Observation?patient=Patient/" + p.value(), medecin2.access()), Bundle.class).getTotal()).isZero();
    }

    @Test
    void profileSearchByCodeCategoryAndDate() {
        PatientId p = cast.patient("patient");
        FhirTestClient.Tokens t = client.login("patient", ALL);
        String obs = "/fhir/Observation?patient=Patient/" + p.value();
        Bundle weight = parse(client.get(obs + "&code=http://loinc.org%7C29463-7", t.access()), Bundle.class);
        assertThat(weight.getTotal()).isEqualTo(1);
        Observation w = (Observation) weight.getEntryFirstRep().getResource();
        assertThat(w.getValueQuantity().getCode()).isEqualTo("kg");
        assertThat(w.getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(w.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
        assertThat(parse(client.get(obs + "&category=laboratory", t.access()), Bundle.class).getTotal()).isEqualTo(1);
        assertThat(parse(client.get(obs + "&category=vital-signs", t.access()), Bundle.class).getTotal()).isEqualTo(4);
        Bundle old = parse(client.get("/fhir/Condition?patient=Patient/" + p.value() + "&date=lt" + LocalDate.now().minusYears(15)
                + "&_sort=date", t.access()), Bundle.class);
        assertThat(old.getEntry()).extracting(e -> ((Condition) e.getResource()).getCode().getCodingFirstRep().getCode()).containsExactly("J45");
        Bundle family = parse(client.get("/fhir/Condition?patient=Patient/" + p.value() + "&category=FAMILY_HISTORY", t.access()), Bundle.class);
        assertThat(family.getTotal()).isEqualTo(1);
        Bundle withoutPatient = parse(client.get("/fhir/Immunization?_sort=-date", t.access()), Bundle.class);
        assertThat(withoutPatient.getTotal()).as("her own and her daughter's").isGreaterThanOrEqualTo(2);
        String id = ids(withoutPatient).get(0);
        parse(client.get("/fhir/Immunization/" + id, t.access()), org.hl7.fhir.r4.model.Immunization.class);
        FhirTestClient.Tokens medecin2 = client.login("medecin2", ALL);
        HttpResponse<String> hidden = client.get("/fhir/Immunization/" + id, medecin2.access());
        String unknown = Ids.newId().toString();
        HttpResponse<String> absent = client.get("/fhir/Immunization/" + unknown, medecin2.access());
        assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(absent.statusCode());
        assertThat(hidden.body().replace(id, "ID")).isEqualTo(absent.body().replace(unknown, "ID"));
    }

    @Test
    void aProfessionalAddsAMeasurementAndInvalidInputStoresNothing() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        assertThat(careTeam.authorise(cast.actor(login), p, cast.professional("medecin"), JournalChannel.WEB).done()).isTrue();
        FhirTestClient.Tokens medecin = client.login("medecin", ALL);
        String good = """
                {"resourceType":"Observation","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}],"text":"Poids"},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":71.2,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}
                """.formatted(p.value(), LocalDate.now().minusDays(2));
        HttpResponse<String> invalid = client.fhir("POST", "/fhir/Observation", medecin.access(), good.replace("\"status\":\"final\",", ""));
        assertThat(invalid.statusCode()).isEqualTo(422);
        parse(invalid, OperationOutcome.class);
        assertThat(profile.view(cast.actor(login), p, JournalChannel.WEB).sections().get(ProfileSectionKind.MEASUREMENTS)).isEmpty();
        HttpResponse<String> created = client.fhir("POST", "/fhir/Observation", medecin.access(), good);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Observation o = parse(created, Observation.class);
        assertThat(o.getValueQuantity().getValue()).isEqualByComparingTo("71.2");
        assertThat(profile.view(cast.actor(login), p, JournalChannel.WEB).sections().get(ProfileSectionKind.MEASUREMENTS)).hasSize(1);
        FhirTestClient.Tokens accueil = client.login("accueil", ALL);
        assertThat(client.fhir("POST", "/fhir/Observation", accueil.access(), good).statusCode()).isEqualTo(403);
        assertThat(profile.view(cast.actor(login), p, JournalChannel.WEB).sections().get(ProfileSectionKind.MEASUREMENTS)).hasSize(1);
    }

    // ------------------------------------------------------------------ Consent and scopes

    @Test
    void thePersonSeesHerSharingChoicesAsConsentsAndProfessionalsSeeNothing() {
        PatientId p = cast.patient("patient");
        FhirTestClient.Tokens t = client.login("patient", ALL);
        Bundle mine = parse(client.get("/fhir/Consent?patient=Patient/" + p.value(), t.access()), Bundle.class);
        List<String> kinds = mine.getEntry().stream().map(e -> ((Consent) e.getResource()).getCategory().get(1).getCodingFirstRep().getCode()).toList();
        assertThat(kinds).contains("TREATING_PHYSICIAN", "EMERGENCY_ACCESS").filteredOn("AUTHORISATION"::equals).hasSizeGreaterThanOrEqualTo(4);
        String id = ids(mine).get(0);
        assertThat(parse(client.get("/fhir/Consent/" + id, t.access()), Consent.class).getIdElement().getIdPart()).isEqualTo(id);
        FhirTestClient.Tokens medecin = client.login("medecin", ALL);
        assertThat(parse(client.get("/fhir/Consent?patient=Patient/" + p.value(), medecin.access()), Bundle.class).getTotal()).isZero();
        assertThat(client.get("/fhir/Consent/" + id, medecin.access()).statusCode()).isEqualTo(404);
        // A block is a deny Consent the person sees; the blocked professional finds nothing, as anyone else.
        String login = cast.newPatient();
        PatientId q = cast.patient(login);
        assertThat(careTeam.block(cast.actor(login), q, cast.professional("medecin2"), JournalChannel.WEB).done()).isTrue();
        FhirTestClient.Tokens own = client.login(login, ALL);
        Bundle choices = parse(client.get("/fhir/Consent", own.access()), Bundle.class);
        assertThat(choices.getEntry()).anySatisfy(e -> assertThat(((Consent) e.getResource()).getProvision().getType())
                .isEqualTo(Consent.ConsentProvisionType.DENY));
    }

    @Test
    void anAppWithoutTheScopeIsRefusedAndAPatientScopeStaysWithItsPatient() {
        FhirTestClient.Tokens t = client.login("patient", "openid launch/patient patient/Observation.rs");
        PatientId p = cast.patient("patient");
        assertThat(client.get("/fhir/DocumentReference?patient=Patient/" + p.value(), t.access()).statusCode()).isEqualTo(403);
        assertThat(parse(client.get("/fhir/Observation", t.access()), Bundle.class).getEntry())
                .allSatisfy(e -> assertThat(((Observation) e.getResource()).getSubject().getReference()).isEqualTo("Patient/" + p.value()));
        // The daughter's data are beyond this app's patient context: nothing, like an unknown person.
        PatientId minor = cast.patient("mineur");
        assertThat(parse(client.get("/fhir/Immunization?patient=Patient/" + minor.value(), client.login("patient",
                "openid launch/patient patient/Immunization.rs").access()), Bundle.class).getTotal()).isZero();
        // The browser session answers like a token with every scope.
        WebSession web = new WebSession(port).loggedInAs("patient");
        HttpResponse<String> viaSession = web.get("/fhir/DocumentReference?patient=Patient/" + p.value());
        assertThat(parse(viaSession, Bundle.class).getTotal()).isEqualTo(webList("patient", p).size());
    }
}
