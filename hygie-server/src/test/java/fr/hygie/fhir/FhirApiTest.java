package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.access.Actor;
import fr.hygie.access.CareTeam;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.InsIdentity;
import fr.hygie.identity.InsStatus;
import fr.hygie.identity.InsTraits;
import fr.hygie.identity.NewPatient;
import fr.hygie.identity.Nir;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.identity.Sex;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.Ids;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The FHIR API over real HTTP, with tokens from the real authorization code + PKCE flow and with the
 * browser session. Every resource the server returns in these tests passes the HAPI validator.
 */
@HygieIntegrationTest
class FhirApiTest {

    static final String NIR = "urn:oid:1.2.250.1.213.1.4.8";
    static final String ALL_READ = "openid fhirUser launch/patient offline_access patient/*.rs user/*.rs";

    @LocalServerPort
    int port;
    @Autowired
    FhirContext fhir;
    @Autowired
    FhirValidation validation;
    @Autowired
    Patients patients;
    @Autowired
    Professionals professionals;
    @Autowired
    CareTeam careTeam;

    FhirTestClient client;
    final Random random = new Random();

    @BeforeEach
    void setUp() {
        client = new FhirTestClient(port);
    }

    // ------------------------------------------------------------------ capability, authentication

    @Test
    void theCapabilityStatementIsPublicAndListsOnlyWhatIsServed() {
        HttpResponse<String> r = client.get("/fhir/metadata", null);
        assertThat(r.statusCode()).isEqualTo(200);
        CapabilityStatement cs = parse(r, CapabilityStatement.class);
        var rest = cs.getRestFirstRep();
        assertThat(rest.getResource()).extracting(x -> x.getType())
                .contains("Patient", "Practitioner", "PractitionerRole", "Organization", "AuditEvent");
        var audit = rest.getResource().stream().filter(x -> x.getType().equals("AuditEvent")).findFirst().orElseThrow();
        assertThat(audit.getInteraction()).extracting(i -> i.getCode().toCode()).containsExactlyInAnyOrder("read", "search-type");
        // The journal's hash chain belongs to its platform: read-only, never appended here, moved whole and verified
        // as a former platform's journal, and the statement says so.
        assertThat(audit.getDocumentation()).contains("Jamais importé dans la chaîne d'ici", "preuve d'inclusion");
        assertThat(rest.getDocumentation()).contains("MedicationRequest", "Appointment", "Communication", "RelatedPerson")
                .contains("AuditEvent : chaque chaîne du journal des accès");
        var patient = rest.getResource().stream().filter(x -> x.getType().equals("Patient")).findFirst().orElseThrow();
        assertThat(patient.getInteraction()).extracting(i -> i.getCode().toCode()).containsExactlyInAnyOrder("read", "search-type", "create");
        assertThat(patient.getSearchParam()).extracting(p -> p.getName()).contains("identifier", "name", "family", "given", "birthdate");
        assertThat(rest.getSecurity().getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
        HttpResponse<String> smart = client.get("/fhir/.well-known/smart-configuration", null);
        assertThat(smart.statusCode()).isEqualTo(200);
        assertThat(smart.body()).contains("\"token_endpoint\"", "S256", "permission-v2", "patient/*.rs");
        assertThat(client.get("/.well-known/smart-configuration", null).body()).contains("authorization_endpoint");
    }

    @Test
    void anAnonymousCallGets401WithAnOperationOutcome() {
        HttpResponse<String> r = client.get("/fhir/Patient?identifier=x", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        parse(r, OperationOutcome.class);
        HttpResponse<String> bad = client.get("/fhir/Patient?identifier=x", "not-a-token");
        assertThat(bad.statusCode()).isEqualTo(401);
        parse(bad, OperationOutcome.class);
    }

    // ------------------------------------------------------------------ Patient

    @Test
    void aPatientReadsTheirOwnIdentityWithATokenAndRefreshesIt() {
        FhirTestClient.Tokens t = client.login("patient", ALL_READ);
        assertThat(t.refresh()).as("offline_access gives a refresh token to the public app").isNotBlank();
        assertThat(t.patient()).as("launch/patient gives the patient context").isNotBlank();
        Patient me = parse(client.get("/fhir/Patient/" + t.patient(), t.access()), Patient.class);
        assertThat(me.getIdentifierFirstRep().getSystem()).isEqualTo(NIR);
        assertThat(me.getNameFirstRep().getFamily()).isEqualTo("DURAND");
        String nir = me.getIdentifierFirstRep().getValue();

        Bundle found = parse(client.get("/fhir/Patient?identifier=" + NIR + "%7C" + nir, t.access()), Bundle.class);
        assertThat(found.getTotal()).isEqualTo(1);
        // The mother sees herself and her minor daughter (legal representative), nobody else.
        Bundle mine = parse(client.get("/fhir/Patient?_sort=birthdate", t.access()), Bundle.class);
        assertThat(mine.getTotal()).isEqualTo(2);
        assertThat(((Patient) mine.getEntry().get(0).getResource()).getNameFirstRep().getGivenAsSingleString()).contains("MARIE");

        FhirTestClient.Tokens refreshed = client.refresh(t.refresh());
        assertThat(refreshed.access()).isNotEqualTo(t.access());
        assertThat(refreshed.refresh()).as("rotated").isNotEqualTo(t.refresh());
        assertThat(client.get("/fhir/Patient/" + t.patient(), refreshed.access()).statusCode()).isEqualTo(200);
    }

    @Test
    void aProfessionalOutsideTheCareTeamGetsExactlyWhatAnAbsentPersonGivesUntilAuthorised() {
        Person p = registerPerson("FHIRVU" + letters(6), LocalDate.of(1980, 3, 14));
        String absentNir = unusedNir();
        FhirTestClient.Tokens medecin2 = client.login("medecin2", "openid user/*.rs");

        HttpResponse<String> hidden = client.get("/fhir/Patient/" + p.id().value(), medecin2.access());
        String unknownId = Ids.newId().toString();
        HttpResponse<String> absent = client.get("/fhir/Patient/" + unknownId, medecin2.access());
        assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(absent.statusCode());
        assertThat(hidden.body().replace(p.id().value().toString(), "ID")).isEqualTo(absent.body().replace(unknownId, "ID"));
        parse(hidden, OperationOutcome.class);

        Bundle hiddenSearch = parse(client.get("/fhir/Patient?identifier=" + NIR + "%7C" + p.nir(), medecin2.access()), Bundle.class);
        Bundle absentSearch = parse(client.get("/fhir/Patient?identifier=" + NIR + "%7C" + absentNir, medecin2.access()), Bundle.class);
        assertThat(hiddenSearch.getTotal()).isZero().isEqualTo(absentSearch.getTotal());
        assertThat(hiddenSearch.getEntry()).isEmpty();
        assertThat(hiddenSearch.getLink()).extracting(l -> l.getRelation()).containsExactlyElementsOf(
                absentSearch.getLink().stream().map(l -> l.getRelation()).toList());

        authorise(p, "medecin2");
        Patient seen = parse(client.get("/fhir/Patient/" + p.id().value(), medecin2.access()), Patient.class);
        assertThat(seen.getIdentifierFirstRep().getValue()).isEqualTo(p.nir());
        assertThat(parse(client.get("/fhir/Patient?identifier=" + NIR + "%7C" + p.nir(), medecin2.access()), Bundle.class)
                .getTotal()).isEqualTo(1);
    }

    @Test
    void searchTotalsAndPagesCountOnlyWhatTheReaderMaySee() {
        String family = "FHIRPAGE" + letters(6);
        LocalDate born = LocalDate.of(1975, 6, 2);
        List<Person> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(registerPerson(family, born));
        }
        List<Person> authorised = all.subList(0, 4);
        authorised.forEach(p -> authorise(p, "medecin"));
        List<String> hiddenIds = all.subList(4, 7).stream().map(p -> p.id().value().toString()).toList();

        FhirTestClient.Tokens medecin = client.login("medecin", "openid user/Patient.rs");
        String query = "/fhir/Patient?family=" + family + "&birthdate=1975-06-02&_count=3";
        HttpResponse<String> first = client.get(query, medecin.access());
        Bundle page1 = parse(first, Bundle.class);
        assertThat(page1.getTotal()).isEqualTo(4);
        assertThat(page1.getEntry()).hasSize(3);
        String next = page1.getLink(Bundle.LINK_NEXT).getUrl();
        assertThat(next).contains("_offset=3").contains("_count=3");
        Bundle page2 = parse(client.get(next, medecin.access()), Bundle.class);
        assertThat(page2.getTotal()).isEqualTo(4);
        assertThat(page2.getEntry()).hasSize(1);
        assertThat(page2.getLink(Bundle.LINK_NEXT)).isNull();
        assertThat(page2.getLink(Bundle.LINK_PREV)).isNotNull();
        List<String> seen = new ArrayList<>();
        page1.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
        page2.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(authorised.stream().map(p -> p.id().value().toString()).toList());
        for (String hiddenId : hiddenIds) {
            assertThat(first.body()).doesNotContain(hiddenId);
            assertThat(page1.getLink()).allSatisfy(l -> assertThat(l.getUrl()).doesNotContain(hiddenId));
        }
        // Sorted by birth name then first names, descending on request.
        Bundle sorted = parse(client.get(query.replace("_count=3", "_count=10&_sort=-given"), medecin.access()), Bundle.class);
        List<String> given = sorted.getEntry().stream().map(e -> ((Patient) e.getResource()).getNameFirstRep().getGivenAsSingleString()).toList();
        assertThat(given).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // Someone outside every care team: nothing, and a total of zero.
        FhirTestClient.Tokens medecin2 = client.login("medecin2", "openid user/Patient.rs");
        Bundle none = parse(client.get(query, medecin2.access()), Bundle.class);
        assertThat(none.getTotal()).isZero();
        assertThat(none.getEntry()).isEmpty();

        // The browser session gives the same answer as the token.
        WebSession web = new WebSession(port).loggedInAs("medecin");
        HttpResponse<String> viaSession = web.get(query);
        assertThat(viaSession.statusCode()).isEqualTo(200);
        assertThat(parse(viaSession, Bundle.class).getTotal()).isEqualTo(4);
    }

    @Test
    void aProfessionalSearchNeedsAnInsOrNameAndBirthDate() {
        FhirTestClient.Tokens medecin = client.login("medecin", "openid user/Patient.rs");
        HttpResponse<String> r = client.get("/fhir/Patient?family=DURAND", medecin.access());
        assertThat(r.statusCode()).isEqualTo(400);
        parse(r, OperationOutcome.class);
    }

    // ------------------------------------------------------------------ scopes

    @Test
    void anAppGrantedOnlyObservationsCannotReadPatientNorAuditEvent() {
        FhirTestClient.Tokens t = client.login("patient", "openid launch/patient patient/Observation.rs");
        HttpResponse<String> patient = client.get("/fhir/Patient/" + t.patient(), t.access());
        assertThat(patient.statusCode()).isEqualTo(403);
        parse(patient, OperationOutcome.class);
        HttpResponse<String> audit = client.get("/fhir/AuditEvent?patient=Patient/" + t.patient(), t.access());
        assertThat(audit.statusCode()).isEqualTo(403);
        parse(audit, OperationOutcome.class);
    }

    @Test
    void aPatientScopedTokenReachesOnlyThePatientInContext() {
        FhirTestClient.Tokens t = client.login("patient", "openid launch/patient patient/Patient.rs");
        assertThat(client.get("/fhir/Patient/" + t.patient(), t.access()).statusCode()).isEqualTo(200);
        // The daughter is visible to her mother on the web, but not through an app limited to the mother's own data.
        Bundle mine = parse(client.get("/fhir/Patient", t.access()), Bundle.class);
        assertThat(mine.getTotal()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ AuditEvent

    @Test
    void aReadThroughFhirShowsUpInThePatientsAuditEvents() {
        Person p = registerPerson("FHIRAUDIT" + letters(5), LocalDate.of(1990, 1, 20));
        authorise(p, "medecin");
        FhirTestClient.Tokens medecin = client.login("medecin", "openid user/*.rs");
        assertThat(client.get("/fhir/Patient/" + p.id().value(), medecin.access()).statusCode()).isEqualTo(200);

        FhirTestClient.Tokens auditor = client.login("cnil", "openid user/AuditEvent.rs");
        Bundle events = parse(client.get("/fhir/AuditEvent?patient=Patient/" + p.id().value() + "&_count=50", auditor.access()), Bundle.class);
        List<AuditEvent> reads = events.getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .filter(e -> e.getSubtype().stream().anyMatch(c -> "READ".equals(c.getCode())))
                .filter(e -> e.getSubtype().stream().anyMatch(c -> "FHIR".equals(c.getCode())))
                .filter(e -> e.getEntity().stream().anyMatch(x -> "Patient".equals(x.getName())))
                .toList();
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).getAgentFirstRep().getWho().getDisplay()).isEqualTo("Dr Paul Leroy");
        assertThat(reads.get(0).getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(events.getTotal()).isEqualTo(events.getEntry().size());
        AuditEvent one = parse(client.get("/fhir/AuditEvent/" + reads.get(0).getIdElement().getIdPart(), auditor.access()), AuditEvent.class);
        assertThat(one.getRecorded()).isEqualTo(reads.get(0).getRecorded());

        // A professional finds no journal, even of a person they may read; the same 404 as an unknown entry.
        assertThat(parse(client.get("/fhir/AuditEvent?patient=Patient/" + p.id().value(), medecin.access()), Bundle.class).getTotal()).isZero();
        assertThat(client.get("/fhir/AuditEvent/" + reads.get(0).getIdElement().getIdPart(), medecin.access()).statusCode()).isEqualTo(404);
    }

    @Test
    void aPatientReadsTheirOwnJournalWithExactTotalsAndPages() {
        FhirTestClient.Tokens t = client.login("patient2", ALL_READ);
        assertThat(client.get("/fhir/Patient/" + t.patient(), t.access()).statusCode()).isEqualTo(200);
        Bundle page = parse(client.get("/fhir/AuditEvent?_count=1", t.access()), Bundle.class);
        assertThat(page.getTotal()).isGreaterThanOrEqualTo(1);
        assertThat(page.getEntry()).hasSize(1);
        AuditEvent newest = (AuditEvent) page.getEntryFirstRep().getResource();
        assertThat(newest.getSubtype()).extracting(Coding::getCode).contains("READ", "FHIR");
        if (page.getTotal() > 1) {
            assertThat(page.getLink(Bundle.LINK_NEXT).getUrl()).contains("_offset=1");
        }
        // Another person's journal: nothing.
        FhirTestClient.Tokens other = client.login("patient", ALL_READ);
        assertThat(parse(client.get("/fhir/AuditEvent?patient=Patient/" + t.patient(), other.access()), Bundle.class).getTotal()).isZero();
    }

    // ------------------------------------------------------------------ directory

    @Test
    void theDirectoryGivesPractitionersWithRppsAndTheirRoles() {
        FhirTestClient.Tokens t = client.login("patient", "openid user/Practitioner.rs user/PractitionerRole.rs user/Organization.rs");
        var medecin = professionals.byRpps(fr.hygie.identity.Rpps.withCheckDigit("1000100001")).orElseThrow();
        Bundle byRpps = parse(client.get("/fhir/Practitioner?identifier=https://rpps.esante.gouv.fr%7C" + medecin.rpps(), t.access()), Bundle.class);
        assertThat(byRpps.getTotal()).isEqualTo(1);
        Practitioner pr = (Practitioner) byRpps.getEntryFirstRep().getResource();
        assertThat(pr.getIdentifier()).extracting(i -> i.getValue()).contains("8" + medecin.rpps(), medecin.rpps());
        Bundle roles = parse(client.get("/fhir/PractitionerRole?practitioner=Practitioner/" + medecin.id().value(), t.access()), Bundle.class);
        PractitionerRole role = (PractitionerRole) roles.getEntryFirstRep().getResource();
        assertThat(role.getCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("10");
        assertThat(role.getSpecialtyFirstRep().getCodingFirstRep().getCode()).isEqualTo("SM54");
        String org = role.getOrganization().getReferenceElement().getIdPart();
        org.hl7.fhir.r4.model.Organization o = parse(client.get("/fhir/Organization/" + org, t.access()), org.hl7.fhir.r4.model.Organization.class);
        assertThat(o.getIdentifierFirstRep().getSystem()).isEqualTo("urn:oid:1.2.250.1.71.4.2.2");
        Bundle byFiness = parse(client.get("/fhir/Organization?identifier=" + o.getIdentifierFirstRep().getValue(), t.access()), Bundle.class);
        assertThat(byFiness.getTotal()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ writes

    @Test
    void aCounterAgentRegistersAPersonAndABadNirIsRefusedWith422AndNothingStored() {
        FhirTestClient.Tokens accueil = client.login("accueil", "openid user/Patient.cruds");
        String good = unusedNir();
        String badKey = good.substring(0, 13) + String.format("%02d", Integer.parseInt(good.substring(13)) % 97 + 1);
        HttpResponse<String> refused = client.fhir("POST", "/fhir/Patient", accueil.access(), patientJson(badKey, "MARTIN", "1984-07-01", "69123"));
        assertThat(refused.statusCode()).isEqualTo(422);
        OperationOutcome oo = parse(refused, OperationOutcome.class);
        assertThat(oo.getIssueFirstRep().getDetails().getCoding()).extracting(Coding::getCode).containsExactly("NIR_KEY");
        assertThat(patients.byMatricule(badKey)).isEmpty();

        // The FHIR validator refuses first: a contact with neither details nor organisation (pat-1).
        String invalid = patientJson(good, "MARTIN", "1984-07-01", "69123").replaceFirst("\\{", "{\"contact\":[{\"gender\":\"male\"}],");
        HttpResponse<String> notValid = client.fhir("POST", "/fhir/Patient", accueil.access(), invalid);
        assertThat(notValid.statusCode()).isEqualTo(422);
        assertThat(parse(notValid, OperationOutcome.class).getIssue()).anyMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
        assertThat(patients.byMatricule(good)).isEmpty();

        HttpResponse<String> created = client.fhir("POST", "/fhir/Patient", accueil.access(), patientJson(good, "MARTIN", "1984-07-01", "69123"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(patients.byMatricule(good)).isPresent();
        // The counter agent then finds the person by INS (identity only).
        Bundle found = parse(client.get("/fhir/Patient?identifier=" + NIR + "%7C" + good, accueil.access()), Bundle.class);
        assertThat(found.getTotal()).isEqualTo(1);

        // A professional may not register people; a session write needs a FHIR body (no cross-site form).
        FhirTestClient.Tokens medecin = client.login("medecin", "openid user/Patient.cruds");
        assertThat(client.fhir("POST", "/fhir/Patient", medecin.access(), patientJson(unusedNir(), "MARTIN", "1984-07-01", "69123"))
                .statusCode()).isEqualTo(403);
        WebSession web = new WebSession(port).loggedInAs("accueil");
        assertThat(web.postForm("/fhir/Patient", java.util.Map.of("a", "b")).statusCode()).isEqualTo(415);
    }

    // ------------------------------------------------------------------ helpers

    record Person(PatientId id, String nir) {
    }

    /** Registers a person with a qualified INS born in Lyon (69123), with a fresh order number. */
    private Person registerPerson(String birthName, LocalDate born) {
        for (int attempt = 0; attempt < 50; attempt++) {
            String body = "2" + String.format("%02d%02d", born.getYear() % 100, born.getMonthValue()) + "69123"
                    + String.format("%03d", 1 + random.nextInt(999));
            String nir = body + Nir.key(body);
            if (patients.byMatricule(nir).isPresent()) {
                continue;
            }
            InsIdentity ins = InsIdentity.of(Nir.parse(nir), new InsTraits(birthName, letters(5) + " CLAIRE", born, Sex.FEMALE, "69123"),
                    InsStatus.QUALIFIED);
            PatientId id = patients.register(new NewPatient(ins, null, "1 rue de la République", "69002",
                    fr.hygie.identity.InseeCommuneCode.parse("69382"), null, null, null, null, true));
            return new Person(id, nir);
        }
        throw new IllegalStateException("no free NIR");
    }

    private String unusedNir() {
        for (int attempt = 0; attempt < 50; attempt++) {
            String body = "18407" + "69123" + String.format("%03d", 1 + random.nextInt(999));
            String nir = body + Nir.key(body);
            if (patients.byMatricule(nir).isEmpty()) {
                return nir;
            }
        }
        throw new IllegalStateException("no free NIR");
    }

    /** The person authorises a professional, as they would on their care-team page. */
    private void authorise(Person p, String professionalLogin) {
        HygieUser self = new HygieUser(new AccountId(Ids.newId()), "test-" + p.id().value(), null, Role.PATIENT,
                "Personne de test", p.id(), null, null, true);
        var pro = professionals.byRpps(fr.hygie.identity.Rpps.withCheckDigit(
                "medecin".equals(professionalLogin) ? "1000100001" : "1000100002")).orElseThrow();
        assertThat(careTeam.authorise(Actor.of(self), p.id(), pro.id(), JournalChannel.WEB).done()).isTrue();
    }

    private String letters(int n) {
        return random.ints(n, 'A', 'Z' + 1).mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
    }

    private static String patientJson(String nir, String birthName, String birthDate, String birthPlace) {
        return """
                {"resourceType":"Patient",
                 "identifier":[{"system":"urn:oid:1.2.250.1.213.1.4.8","value":"%s"}],
                 "name":[{"use":"official","family":"%s","given":["PAUL"]}],
                 "gender":"male","birthDate":"%s",
                 "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthPlace","valueAddress":{
                   "extension":[{"url":"https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code",
                     "valueCoding":{"system":"https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM","code":"%s"}}]}}]}
                """.formatted(nir, birthName, birthDate, birthPlace);
    }

    /** Parses a response and checks that what the server emitted passes the HAPI validator. */
    private <T extends IBaseResource> T parse(HttpResponse<String> r, Class<T> type) {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("json");
        IBaseResource resource = fhir.newJsonParser().parseResource(r.body());
        var errors = FhirValidation.errors(validation.validate(resource)).stream()
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
        assertThat(errors).as("validation errors of %s", resource.fhirType()).isEmpty();
        if (resource instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                assertThat(FhirValidation.errors(validation.validate(e.getResource())).stream()
                        .map(m -> m.getLocationString() + " " + m.getMessage()).toList()).isEmpty();
            }
        }
        assertThat(resource).as("status %s body %s", r.statusCode(), r.body()).isInstanceOf(type);
        return type.cast(resource);
    }
}
