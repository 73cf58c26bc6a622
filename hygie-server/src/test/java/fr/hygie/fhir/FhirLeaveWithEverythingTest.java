package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.access.Actor;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionKind;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.prescriptions.Signed;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 4, « leave with everything »: what the round-trip test does not show on its own — laboratory
 * prescriptions on the API (ServiceRequest, same parties as MedicationRequest) and in the person's export.
 */
@HygieIntegrationTest
class FhirLeaveWithEverythingTest {

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
    Prescriptions prescriptions;
    @Autowired
    Accounts accounts;
    @Autowired
    Journal journal;
    @Autowired
    FhirExporter exporter;

    FhirTestClient client;

    @BeforeEach
    void setUp() {
        client = new FhirTestClient(port);
    }

    /** A fresh person with a signed laboratory prescription of two LOINC tests by « medecin ». */
    private Signed labFor(PatientId patient) {
        Actor medecin = cast.actor("medecin");
        Prescription lab = prescriptions.draft(medecin, patient, PrescriptionKind.LAB, JournalChannel.WEB);
        prescriptions.addLine(medecin, lab.id(), "L007", "à jeun", 1, JournalChannel.WEB);
        prescriptions.addLine(medecin, lab.id(), "L004", "", 1, JournalChannel.WEB);
        return prescriptions.sign(medecin, lab.id(), JournalChannel.WEB);
    }

    private Bundle bundle(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return FhirTesting.parse(fhir, validation, r, Bundle.class);
    }

    @Test
    void aLaboratoryPrescriptionIsAServiceRequestForItsPartiesOnlyAndEachReadIsJournaled() {
        String login = cast.newPatient();
        PatientId patient = cast.patient(login);
        Signed lab = labFor(patient);
        String ref = "patient=Patient/" + patient.value();
        FhirTestClient.Tokens person = client.login(login, ALL);
        long before = journal.countForPatient(patient.value());

        Bundle mine = bundle(client.get("/fhir/ServiceRequest?" + ref, person.access()));
        assertThat(mine.getTotal()).isEqualTo(2);
        assertThat(bundle(client.get("/fhir/ServiceRequest?" + ref + "&status=active", person.access())).getTotal()).isEqualTo(2);
        assertThat(bundle(client.get("/fhir/ServiceRequest?" + ref + "&status=completed", person.access())).getTotal()).isZero();
        HttpResponse<String> read = client.get("/fhir/ServiceRequest/" + lab.prescription().id() + "-1", person.access());
        ServiceRequest line1 = FhirTesting.parse(fhir, validation, read, ServiceRequest.class);
        assertThat(line1.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(line1.getRequisition().getValue()).isEqualTo(lab.prescription().number().value());
        assertThat(line1.getPatientInstruction()).isEqualTo("à jeun");
        assertThat(line1.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        // A laboratory prescription is not a medication one: it never shows up as MedicationRequest.
        assertThat(bundle(client.get("/fhir/MedicationRequest?" + ref, person.access())).getTotal()).isZero();
        // Each read and search was decided and journaled by the prescriptions module, channel FHIR.
        assertThat(journal.forPatient(patient.value(), 0, (int) (journal.countForPatient(patient.value()) - before)))
                .anyMatch(e -> e.action() == JournalAction.READ && e.channel() == JournalChannel.FHIR);

        // The prescriber sees it; another médecin sees nothing, with the same 404 as an unknown id.
        FhirTestClient.Tokens medecin = client.login("medecin", ALL);
        assertThat(bundle(client.get("/fhir/ServiceRequest?" + ref, medecin.access())).getTotal()).isEqualTo(2);
        FhirTestClient.Tokens medecin2 = client.login("medecin2", ALL);
        assertThat(bundle(client.get("/fhir/ServiceRequest?" + ref, medecin2.access())).getTotal()).isZero();
        assertThat(client.get("/fhir/ServiceRequest/" + lab.prescription().id() + "-1", medecin2.access()).statusCode()).isEqualTo(404);
        assertThat(client.get("/fhir/ServiceRequest/" + java.util.UUID.randomUUID() + "-1", medecin2.access()).statusCode()).isEqualTo(404);
        // A medication line id read as a ServiceRequest is not found either.
        assertThat(client.get("/fhir/ServiceRequest/not-an-id", person.access()).statusCode()).isEqualTo(404);
    }

    @Test
    void aPersonsOwnExportHoldsTheirLaboratoryPrescriptionsWithoutTheOperatorsExtension() {
        String login = cast.newPatient();
        PatientId patient = cast.patient(login);
        labFor(patient);
        Map<String, List<Resource>> out = exportPerson(login, patient);
        assertThat(out.get("ServiceRequest")).hasSize(2).allSatisfy(r -> {
            assertThat(((ServiceRequest) r).getSubject().getReference()).isEqualTo("Patient/" + patient.value());
            assertThat(((ServiceRequest) r).hasExtension(PrescriptionTransfer.TRANSFER_EXTENSION)).isFalse();
            FhirTesting.assertValid(validation, r);
        });
    }

    @Test
    void aPersonsOwnExportHoldsTheirWholeAccessJournalAndARepresentativeGetsItOnlyWithTheRightToSeeDocuments() {
        String login = cast.newPatient();
        PatientId patient = cast.patient(login);
        labFor(patient);
        long before = journal.countForPatient(patient.value());
        Map<String, List<Resource>> out = exportPerson(login, patient);
        List<Resource> events = out.get("AuditEvent");
        // The whole chain up to the export's own decision to read it: seq 1 .. n, none missing, none twice.
        assertThat(events).hasSizeGreaterThan((int) before);
        assertThat(events).extracting(r -> r.getIdElement().getIdPart()).doesNotHaveDuplicates()
                .contains(patient.value() + "-1", patient.value() + "-" + before);
        events.forEach(r -> FhirTesting.assertValid(validation, r));
        // Reading the journal for the export was itself decided and journaled (channel FHIR), as on the web page.
        assertThat(journal.forPatient(patient.value(), 0, 100)).anyMatch(e -> e.action() == JournalAction.READ
                && "AuditEvent".equals(e.objectType()) && e.channel() == JournalChannel.FHIR);

        // Representatives: as the web page « Qui a consulté mes données », within VIEW_DOCUMENTS only.
        fr.hygie.identity.AccountId grantor = accounts.byUsername(login).orElseThrow().id();
        String seer = representative(grantor, patient, java.util.EnumSet.of(fr.hygie.identity.MandateScope.VIEW_DOCUMENTS));
        String booker = representative(grantor, patient, java.util.EnumSet.of(fr.hygie.identity.MandateScope.MANAGE_APPOINTMENTS));
        assertThat(exportPerson(seer, patient).get("AuditEvent")).hasSizeGreaterThan(events.size());
        assertThat(exportPerson(booker, patient)).doesNotContainKey("AuditEvent");
        // The person's own export carries no transfer extension (the operator's export does, JournalTransfer).
        assertThat(events).noneMatch(r -> ((org.hl7.fhir.r4.model.AuditEvent) r).hasExtension(JournalTransfer.TRANSFER_EXTENSION));
    }

    @Autowired
    fr.hygie.journal.FormerChains formerChains;
    @Autowired
    java.time.Clock clock;

    /** A fresh person who moved here with their former platform's journal: three entries, 200 days old. */
    private record Moved(String login, PatientId patient, fr.hygie.journal.ForeignPlatform former, fr.hygie.journal.TransferredChain chain) {
    }

    private Moved movedHere() {
        String login = cast.newPatient();
        PatientId patient = cast.patient(login);
        fr.hygie.journal.ForeignPlatform former = new fr.hygie.journal.ForeignPlatform();
        fr.hygie.journal.TransferredChain chain = former.chain(3, clock.instant().minus(java.time.Duration.ofDays(200)));
        assertThat(formerChains.importChain(patient.value(), chain)).isInstanceOf(fr.hygie.journal.FormerChains.Imported.class);
        return new Moved(login, patient, former, chain);
    }

    /**
     * A person who moved here reads their former platform's journal on the API (search and read, the id it had
     * there, the source naming that platform) and finds it in their own export, valid; another person finds nothing.
     */
    @Test
    void aPersonReadsTheirFormerPlatformsJournalOnTheApiAndInTheirExportAndNobodyElseDoes() {
        Moved moved = movedHere();
        String login = moved.login();
        PatientId patient = moved.patient();
        fr.hygie.journal.ForeignPlatform former = moved.former();
        fr.hygie.journal.TransferredChain chain = moved.chain();
        FhirTestClient.Tokens person = client.login(login, ALL);
        Bundle all = bundle(client.get("/fhir/AuditEvent?patient=Patient/" + patient.value() + "&_count=100", person.access()));
        assertThat(all.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains(chain.chain() + "-1", chain.chain() + "-2", chain.chain() + "-3");
        assertThat(all.getTotal()).isEqualTo(all.getEntry().size());
        org.hl7.fhir.r4.model.AuditEvent second = FhirTesting.parse(fhir, validation,
                client.get("/fhir/AuditEvent/" + chain.chain() + "-2", person.access()), org.hl7.fhir.r4.model.AuditEvent.class);
        assertThat(second.getSource().getSite()).contains(former.keyId());
        assertThat(second.getAgentFirstRep().getWho().getDisplay()).isEqualTo("Dr Ancienne Plateforme 2");
        assertThat(second.getEntity()).anySatisfy(e -> assertThat(e.getWhat().getReference()).isEqualTo("Patient/" + patient.value()));
        // Someone else: the same 404 as an unknown id.
        FhirTestClient.Tokens other = client.login("patient", ALL);
        assertThat(client.get("/fhir/AuditEvent/" + chain.chain() + "-2", other.access()).statusCode()).isEqualTo(404);
        assertThat(client.get("/fhir/AuditEvent/" + chain.chain() + "-9", person.access()).statusCode()).isEqualTo(404);
        // Representatives: as on the web page, within VIEW_DOCUMENTS only (the decision journaled, channel FHIR).
        fr.hygie.identity.AccountId grantor = accounts.byUsername(login).orElseThrow().id();
        FhirTestClient.Tokens seer = client.login(representative(grantor, patient, java.util.EnumSet.of(
                fr.hygie.identity.MandateScope.VIEW_DOCUMENTS)), "openid fhirUser user/AuditEvent.rs");
        FhirTestClient.Tokens booker = client.login(representative(grantor, patient, java.util.EnumSet.of(
                fr.hygie.identity.MandateScope.MANAGE_APPOINTMENTS)), "openid fhirUser user/AuditEvent.rs");
        assertThat(client.get("/fhir/AuditEvent/" + chain.chain() + "-2", seer.access()).statusCode()).isEqualTo(200);
        assertThat(bundle(client.get("/fhir/AuditEvent?patient=Patient/" + patient.value() + "&_count=100", seer.access())).getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart()).contains(chain.chain() + "-1", patient.value() + "-1");
        assertThat(client.get("/fhir/AuditEvent/" + chain.chain() + "-2", booker.access()).statusCode()).isEqualTo(404);
        assertThat(client.get("/fhir/AuditEvent/" + patient.value() + "-1", booker.access()).statusCode()).isEqualTo(404);
        assertThat(bundle(client.get("/fhir/AuditEvent?patient=Patient/" + patient.value(), booker.access())).getTotal()).isZero();
        assertThat(journal.forPatient(patient.value(), 0, 20)).anyMatch(e -> e.action() == JournalAction.READ
                && "AuditEvent".equals(e.objectType()) && e.channel() == JournalChannel.FHIR && e.actingFor() != null);

        List<Resource> exported = exportPerson(login, patient).get("AuditEvent");
        assertThat(exported).extracting(r -> r.getIdElement().getIdPart()).contains(chain.chain() + "-1", chain.chain() + "-3");
        exported.stream().filter(r -> r.getIdElement().getIdPart().startsWith(chain.chain()))
                .forEach(r -> FhirTesting.assertValid(validation, r));
    }

    @Autowired
    fr.hygie.identity.Mandates mandates;

    /**
     * The auditor's AuditEvent search covers the former platforms' journals of persons who moved here: one list,
     * newest first, exact total and paging, each former entry with the id it had there, {@code source.site} naming the
     * former platform and the person entity pointing to the person here.
     */
    @Test
    void theAuditorsSearchCoversAPersonsFormerPlatformsJournalWithExactTotalsAndPaging() {
        Moved moved = movedHere();
        PatientId patient = moved.patient();
        fr.hygie.journal.ForeignPlatform former = moved.former();
        fr.hygie.journal.TransferredChain chain = moved.chain();
        long here = journal.countForPatient(patient.value());
        FhirTestClient.Tokens auditor = client.login("cnil", "openid user/AuditEvent.rs");
        String search = "/fhir/AuditEvent?patient=Patient/" + patient.value();
        Bundle all = bundle(client.get(search + "&_count=100", auditor.access()));
        assertThat(all.getTotal()).isEqualTo((int) here + 3);
        assertThat(all.getEntry()).hasSize(all.getTotal());
        List<String> ids = all.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
        // The former platform's entries are 200 days old: after every entry here, newest first.
        assertThat(ids.subList((int) here, ids.size())).containsExactly(chain.chain() + "-3", chain.chain() + "-2", chain.chain() + "-1");
        for (Bundle.BundleEntryComponent e : all.getEntry()) {
            org.hl7.fhir.r4.model.AuditEvent a = (org.hl7.fhir.r4.model.AuditEvent) e.getResource();
            boolean fromFormer = a.getIdElement().getIdPart().startsWith(chain.chain());
            assertThat(a.getSource().getSite() != null && a.getSource().getSite().contains(former.keyId())).isEqualTo(fromFormer);
            if (fromFormer) {
                assertThat(a.getEntity()).anySatisfy(x -> assertThat(x.getWhat().getReference()).isEqualTo("Patient/" + patient.value()));
            }
        }
        // Pages of 2: the exact total on each, every entry once, in the same order.
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < all.getTotal(); offset += 2) {
            Bundle page = bundle(client.get(search + "&_count=2&_offset=" + offset, auditor.access()));
            assertThat(page.getTotal()).isEqualTo(all.getTotal());
            page.getEntry().forEach(e -> paged.add(e.getResource().getIdElement().getIdPart()));
        }
        assertThat(paged).isEqualTo(ids);
        // The auditor reads one by id, as before.
        assertThat(client.get("/fhir/AuditEvent/" + chain.chain() + "-2", auditor.access()).statusCode()).isEqualTo(200);
    }

    @Test
    void aReceiptThatDoesNotVerifyWithTheKeyThatCameWithItIsRefusedAndNothingIsStored() {
        fr.hygie.prescriptions.ExportedPrescription done = prescriptions.forExport(cast.patient("patient")).stream()
                .filter(e -> e.receipt() != null).findFirst().orElseThrow();
        fr.hygie.prescriptions.Receipt r = done.receipt();
        Prescription p = done.prescription();
        fr.hygie.prescriptions.PrescriptionNumber number = fr.hygie.prescriptions.PrescriptionNumber.derivedFrom(
                "test|" + java.util.UUID.randomUUID());
        java.util.function.Function<fr.hygie.prescriptions.Receipt, fr.hygie.prescriptions.ImportedPrescription> moving = receipt ->
                new fr.hygie.prescriptions.ImportedPrescription(number, p.kind(), p.patient(), p.prescriber().id(), p.prescriber().name(),
                        p.status(), p.signedAt(), p.expiresAt(), p.closedAt(), p.lines(), p.dispensing().pharmacy(), p.dispensing().pharmacist(),
                        p.dispensing().pharmacistName(), p.dispensing().acceptedAt(), done.dispensed(), null, null, null, receipt,
                        done.receiptPublicKeyPem());
        fr.hygie.prescriptions.Receipt forged = new fr.hygie.prescriptions.Receipt(r.payload().replace("\"quantity\":1", "\"quantity\":9"),
                r.signature(), r.keyId(), r.signedAt());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> prescriptions.importPrescription(moving.apply(forged)))
                .isInstanceOf(fr.hygie.platform.web.InvalidInput.class).hasMessageContaining("preuve de délivrance");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> prescriptions.importPrescription(moving.apply(
                new fr.hygie.prescriptions.Receipt(r.payload(), r.signature(), "0123456789abcdef", r.signedAt()))))
                .isInstanceOf(fr.hygie.platform.web.InvalidInput.class);
        assertThat(prescriptions.forExport(p.patient())).noneMatch(e -> e.prescription().number().equals(number));
    }

    private String representative(fr.hygie.identity.AccountId grantor, PatientId patient,
            java.util.Set<fr.hygie.identity.MandateScope> scopes) {
        String login = "rep-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        fr.hygie.identity.AccountId rep = accounts.create(new fr.hygie.identity.NewAccount(login, accounts.hash("demo"),
                fr.hygie.identity.Role.REPRESENTATIVE, "Proche " + login, null, null, null, false));
        mandates.grant(grantor, patient, rep, fr.hygie.identity.MandateKind.CAREGIVER, scopes, mandates.today(), mandates.today().plusYears(1));
        return login;
    }

    /** The person's own export ({@code Patient/$export}), as BulkExport runs it for them. */
    Map<String, List<Resource>> exportPerson(String login, PatientId patient) {
        HygieUser user = accounts.loadUserByUsername(login);
        Map<String, List<Resource>> out = new TreeMap<>();
        Set<String> types = new LinkedHashSet<>(FhirExporter.PERSON_TYPES);
        exporter.exportPerson(new FhirCaller(user, SmartScopes.ALL, null), patient, types,
                (type, r) -> out.computeIfAbsent(type, t -> new ArrayList<>()).add(r));
        return out;
    }
}
