package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.HygieApplication;
import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.BookedFor;
import fr.hygie.appointments.BookingOutcome;
import fr.hygie.appointments.BookingRequest;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.Slot;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.MandateId;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.Role;
import java.util.EnumSet;
import org.hl7.fhir.r4.model.RelatedPerson;
import fr.hygie.messaging.Conversations;
import fr.hygie.research.Objections;
import fr.hygie.research.ObjectionScope;
import fr.hygie.research.OrganisationKind;
import fr.hygie.messaging.NewAttachment;
import fr.hygie.messaging.PostOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Appointment;
import fr.hygie.access.CareTeam;
import fr.hygie.access.SharingSettings;
import fr.hygie.identity.ForeignIdentifier;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.journal.JournalChannel;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Leave with everything: export the directory and a handful of persons chosen to cover every exported
 * type (a rich record, a minor, a person with sharing choices of every kind, a person without INS from
 * another system), check that EVERY exported resource passes the HAPI validator, import them into an
 * EMPTY Hygie (a second Spring context on a fresh database of the same embedded server), import again
 * (nothing created twice), export again: the same content, type by type, once server-assigned ids and
 * meta are set aside and references are compared through the identifiers they point to.
 */
@HygieIntegrationTest
class FhirRoundTripTest {

    @Autowired
    FhirExporter exporter;
    @Autowired
    FhirImporter importer;
    @Autowired
    FhirContext fhir;
    @Autowired
    FhirValidation validation;
    @Autowired
    Patients patients;
    @Autowired
    Cast cast;
    @Autowired
    CareTeam careTeam;
    @Autowired
    SharingSettings sharing;
    @Autowired
    Bookings bookings;
    @Autowired
    Directory directory;
    @Autowired
    Agendas agendas;
    @Autowired
    Accounts accounts;
    @Autowired
    Clock clock;
    @Autowired
    Conversations conversations;
    @Autowired
    Objections objections;
    @Autowired
    Mandates mandates;
    @Autowired
    fr.hygie.research.Registry registry;

    @Test
    void everyExportedTypeRoundTripsThroughAnEmptyDatabase(@TempDir Path tmp) throws Exception {
        List<PatientId> chosen = handful(tmp);
        Path first = Files.createDirectories(tmp.resolve("first"));
        Path second = Files.createDirectories(tmp.resolve("second"));
        Map<String, Long> exported = export(exporter, chosen, first);
        // Every type of the export.
        assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(FhirExporter.TYPES);
        assertThat(exported.get("Patient")).isEqualTo(chosen.size());
        // The demo's rich record holds a dispensed prescription (two lines) and a signed one waiting at no pharmacy.
        assertThat(exported.get("MedicationRequest")).isGreaterThanOrEqualTo(3);
        assertThat(exported.get("MedicationDispense")).isGreaterThanOrEqualTo(2);
        // ... and a signed laboratory prescription (two LOINC tests), as ServiceRequest.
        assertThat(exported.get("ServiceRequest")).isGreaterThanOrEqualTo(2);
        // The demo's conversations (one with a structure's mailbox) and the fresh person's, with an attachment and a reply.
        assertThat(exported.get("Communication")).isGreaterThanOrEqualTo(5);
        // The demo's appointments of the rich record and the minor, one booked online by the fresh person, one at a counter.
        assertThat(exported.get("Appointment")).isGreaterThanOrEqualTo(4);
        org.slf4j.LoggerFactory.getLogger(FhirRoundTripTest.class).info("Round trip: exported {}", exported);
        Map<String, List<Resource>> a = read(first);
        assertThat(a.get("RelatedPerson")).hasSizeGreaterThanOrEqualTo(2);
        // Where professionals practise, their sector and teleconsultation travel with the directory.
        assertThat(a.get("PractitionerRole")).anySatisfy(r -> assertThat(((PractitionerRole) r).getExtensionByUrl(FhirMapper.SECTOR_EXTENSION)).isNotNull());
        assertThat(a.get("Practitioner")).anySatisfy(r -> assertThat(((Practitioner) r).getAddressFirstRep()
                .getExtensionByUrl(FhirMapper.GEOLOCATION_EXTENSION)).isNotNull());
        // The fresh person's research objections, the withdrawn one included.
        assertThat(a.get("Consent")).filteredOn(r -> ObjectionTransfer.isObjection((Consent) r)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(a.get("Communication")).anySatisfy(r -> assertThat(((org.hl7.fhir.r4.model.Communication) r).getPayload())
                .anySatisfy(p -> assertThat(p.hasContentAttachment() && p.getContentAttachment().hasData()).isTrue()));
        // Which record document an attachment was filed as or came from, and who read the conversation up to when.
        List<org.hl7.fhir.r4.model.Extension> messageTransfers = a.get("Communication").stream().map(r -> ((org.hl7.fhir.r4.model.Communication) r)
                .getExtensionByUrl(MessageTransfer.TRANSFER_EXTENSION)).toList();
        assertThat(messageTransfers).anySatisfy(x -> assertThat(x.getExtensionsByUrl("attachment"))
                .anySatisfy(ax -> assertThat(ax.getExtensionByUrl("filed")).isNotNull()));
        assertThat(messageTransfers).anySatisfy(x -> assertThat(x.getExtensionsByUrl("attachment"))
                .anySatisfy(ax -> assertThat(ax.getExtensionByUrl("source")).isNotNull()));
        assertThat(messageTransfers).anySatisfy(x -> assertThat(x.getExtensionsByUrl("readMark")).isNotEmpty());
        // Everything emitted passes the validator: every resource of every type, not a sample.
        // (Slots: thousands that differ only in id, times and status: each shape validated, every id and instant checked.)
        a.forEach((type, list) -> {
            if ("Slot".equals(type)) {
                AgendaRoundTripTest.assertSlotsValid(validation, fhir, list);
            } else {
                list.forEach(r -> FhirTesting.assertValid(validation, r));
            }
        });

        // Every research project, with the operator's transfer extension: steps, results and the extraction run's counts.
        assertThat(a.get("ResearchStudy")).hasSizeGreaterThanOrEqualTo(5).allSatisfy(r -> assertThat(((org.hl7.fhir.r4.model.ResearchStudy) r)
                .getExtensionByUrl(ResearchTransfer.TRANSFER_EXTENSION)).isNotNull());
        assertThat(a.get("ResearchStudy")).anySatisfy(r -> {
            org.hl7.fhir.r4.model.Extension x = ((org.hl7.fhir.r4.model.ResearchStudy) r).getExtensionByUrl(ResearchTransfer.TRANSFER_EXTENSION);
            assertThat(x.getExtensionsByUrl("step")).hasSizeGreaterThanOrEqualTo(5);
            assertThat(x.getExtensionByUrl("results")).isNotNull();
            assertThat(x.getExtensionsByUrl("extractionRun")).isNotEmpty();
        });
        List<fr.hygie.research.RegistryEntry> registryBefore = registry.list(fr.hygie.research.RegistryFilter.none());
        List<org.hl7.fhir.r4.model.AuditEvent> journalA = a.get("AuditEvent").stream().map(r -> (org.hl7.fhir.r4.model.AuditEvent) r).toList();
        List<fr.hygie.journal.TransferredChain> chainsA = everyPersonsJournalTravelsVerifiable(journalA, chosen);

        try (ConfigurableApplicationContext empty = emptyHygie()) {
            FhirImporter other = empty.getBean(FhirImporter.class);
            assertThat(empty.getBean(Patients.class).count()).isZero();
            // Accounts hold credentials and never travel: the operator opens the representatives' accounts first, same logins.
            Accounts otherAccounts = empty.getBean(Accounts.class);
            for (Resource r : a.getOrDefault("RelatedPerson", List.of())) {
                RelatedPerson rp = (RelatedPerson) r;
                String repLogin = rp.getExtensionByUrl(MandateTransfer.TRANSFER_EXTENSION).getExtensionByUrl("representativeLogin")
                        .getValue().primitiveValue();
                if (otherAccounts.byUsername(repLogin).isEmpty()) {
                    otherAccounts.create(new NewAccount(repLogin, otherAccounts.hash("demo"), Role.REPRESENTATIVE,
                            rp.getNameFirstRep().getText(), null, null, null, false));
                }
            }
            List<String> rejectedAtRead = new ArrayList<>();
            List<FhirImporter.Entry> entries = other.read(first, rejectedAtRead);
            FhirImporter.Summary once = other.importAll(entries, rejectedAtRead, n -> { });
            assertThat(once.rejected()).isEmpty();
            assertThat(sum(once.created(), once.alreadyThere())).isEqualTo(exported);
            // Only the choices equal to the defaults (emergency access on, sharing with the care team on) are "already there".
            Map<String, Long> createdButConsent = new TreeMap<>(once.created());
            Map<String, Long> exportedButConsent = new TreeMap<>(exported);
            createdButConsent.remove("Consent");
            exportedButConsent.remove("Consent");
            assertThat(createdButConsent).isEqualTo(exportedButConsent);
            assertThat(once.created().get("Consent")).isPositive();
            researchProjectsMoveWithTheirRegistry(empty, other, a, registryBefore);
            // Read marks travel by login: the operator opens the readers' accounts (same logins) and imports again,
            // which adds the marks of accounts opened since and creates nothing.
            for (String login : researcherLogins(a).values()) {
                if (otherAccounts.byUsername(login).isEmpty()) {
                    otherAccounts.create(new NewAccount(login, otherAccounts.hash("demo"), Role.RESEARCHER, login, null, null, null, false));
                }
            }
            for (Resource r : a.get("Communication")) {
                for (org.hl7.fhir.r4.model.Extension mark : ((org.hl7.fhir.r4.model.Communication) r)
                        .getExtensionByUrl(MessageTransfer.TRANSFER_EXTENSION).getExtensionsByUrl("readMark")) {
                    String reader = mark.getExtensionByUrl("login").getValue().primitiveValue();
                    if (otherAccounts.byUsername(reader).isEmpty()) {
                        otherAccounts.create(new NewAccount(reader, otherAccounts.hash("demo"), Role.REPRESENTATIVE, reader, null, null, null,
                                false));
                    }
                }
            }
            FhirImporter.Summary twice = other.importAll(other.read(first, new ArrayList<>()), List.of(), n -> { });
            assertThat(twice.rejected()).isEmpty();
            assertThat(twice.created().values()).allMatch(n -> n == 0);
            assertThat(twice.alreadyThere()).isEqualTo(exported);
            formerJournalsAreKeptVerifiedAndAForgeryIsRefused(empty, other, a.get("Patient"), journalA, chainsA);
            // Importing again once the researcher's account is open (same login) gives them their projects; nothing is created.
            Map<String, String> logins = researcherLogins(a);
            assertThat(empty.getBean(fr.hygie.research.Projects.class).forExport()).allSatisfy(e -> assertThat(e.project().researcher())
                    .isEqualTo(otherAccounts.byUsername(logins.get(e.project().id().toString())).orElseThrow().id()));
            Map<String, Long> again = FhirCommands.ExportCommand.export(empty.getBean(FhirExporter.class), fhir, second, null);
            // The same counts, but the journal: the new platform exports the former chains AND its own chains of these
            // persons (the imports it journaled there).
            Map<String, Long> againButJournal = new TreeMap<>(again);
            Map<String, Long> exportedButJournal = new TreeMap<>(exported);
            assertThat(againButJournal.remove("AuditEvent")).isGreaterThan(exportedButJournal.remove("AuditEvent"));
            assertThat(againButJournal).isEqualTo(exportedButJournal);
            movedPrescriptionsKeepTheirReceiptAndCopy(empty, chosen);
            sentPrescriptionsAreInThePharmacysQueueAgain(empty, chosen);
        }
        Map<String, List<Resource>> b = read(second);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        formerJournalsMoveAgainUnchanged(a, b, chainsA);
        for (String type : a.keySet()) {
            if ("AuditEvent".equals(type)) {
                continue;
            }
            // Sorted lists: the same multiset, compared in n log n (thousands of Slots).
            assertThat(normalised(b, type).stream().sorted().toList()).as(type).isEqualTo(normalised(a, type).stream().sorted().toList());
        }
    }

    /**
     * The access journal in the operator's export: every chosen person's chain (each AuditEvent with the transfer
     * extension; the chain's last one with the signed checkpoint, the inclusion proof and the public key), which
     * verifies as it stands (FormerChains.problem, what the import runs).
     */
    private List<fr.hygie.journal.TransferredChain> everyPersonsJournalTravelsVerifiable(List<org.hl7.fhir.r4.model.AuditEvent> events,
            List<PatientId> chosen) {
        assertThat(events).allSatisfy(e -> assertThat(e.getExtensionByUrl(JournalTransfer.TRANSFER_EXTENSION)).isNotNull());
        List<fr.hygie.journal.TransferredChain> chains = JournalTransfer.chains(events);
        // Every chosen person whose chain holds entries (the person imported from another system has none yet).
        assertThat(chains).extracting(fr.hygie.journal.TransferredChain::chain).hasSizeGreaterThanOrEqualTo(3)
                .containsExactlyInAnyOrderElementsOf(chosen.stream().filter(p -> journal.countForPatient(p.value()) > 0)
                        .map(p -> p.value().toString()).toList());
        assertThat(chains).allSatisfy(c -> {
            assertThat(fr.hygie.journal.FormerChains.problem(c)).as(c.chain()).isEmpty();
            assertThat(c.entries()).extracting(fr.hygie.journal.ChainEntry::seq).first().isEqualTo(1L);
        });
        assertThat(events).filteredOn(e -> e.getExtensionByUrl(JournalTransfer.TRANSFER_EXTENSION).getExtensionByUrl("seal") != null)
                .hasSize(chains.size());
        return chains;
    }

    /**
     * On the new platform: each chain was kept as the person's former journal (verified again by
     * {@code journal verify}); a forged copy of one (one hashed field changed) is refused with its reason in the
     * import report and changes nothing (every other forgery: journal.FormerChainsTest).
     */
    private void formerJournalsAreKeptVerifiedAndAForgeryIsRefused(ConfigurableApplicationContext empty, FhirImporter other,
            List<Resource> persons, List<org.hl7.fhir.r4.model.AuditEvent> journalA, List<fr.hygie.journal.TransferredChain> chainsA) {
        fr.hygie.journal.VerificationReport report = empty.getBean(fr.hygie.journal.JournalVerifier.class).verify();
        assertThat(report.intact()).as("%s", report.firstBreak()).isTrue();
        assertThat(report.formerChains()).isEqualTo(chainsA.size());
        fr.hygie.journal.FormerChains moved = empty.getBean(fr.hygie.journal.FormerChains.class);
        for (fr.hygie.journal.TransferredChain c : chainsA) {
            fr.hygie.journal.FormerChains.FormerEntry head = moved.entry(c.chain(), c.headSeq()).orElseThrow();
            assertThat(moved.of(head.patientId())).extracting(fr.hygie.journal.FormerChain::chain).contains(c);
        }
        // The same persons (already there) and every chain, one of them with a hashed field changed (who accessed).
        String target = chainsA.get(0).chain();
        List<FhirImporter.Entry> entries = new ArrayList<>();
        persons.forEach(r -> entries.add(new FhirImporter.Entry(r, null)));
        for (org.hl7.fhir.r4.model.AuditEvent e : journalA) {
            org.hl7.fhir.r4.model.AuditEvent copy = e.copy();
            org.hl7.fhir.r4.model.Extension x = copy.getExtensionByUrl(JournalTransfer.TRANSFER_EXTENSION);
            if (target.equals(x.getExtensionByUrl("chain").getValue().primitiveValue())
                    && "1".equals(x.getExtensionByUrl("seq").getValue().primitiveValue())) {
                x.getExtensionByUrl("actorName").setValue(new org.hl7.fhir.r4.model.StringType("Personne"));
            }
            entries.add(new FhirImporter.Entry(copy, null));
        }
        FhirImporter.Summary refused = other.importAll(entries, List.of(), n -> { });
        assertThat(refused.created()).doesNotContainKey("AuditEvent");
        assertThat(refused.rejected()).hasSize(1).allSatisfy(r -> assertThat(r).contains("chaîne " + target)
                .contains("rien n'en est gardé").contains("l'entrée n°1 ne correspond plus à son empreinte"));
        fr.hygie.journal.FormerChains.FormerEntry first = moved.entry(target, 1).orElseThrow();
        assertThat(moved.of(first.patientId())).extracting(fr.hygie.journal.FormerChain::chain).containsExactly(chainsA.get(0));
        assertThat(first.entry().actorName()).isNotEqualTo("Personne");
    }

    /**
     * Export, import into an empty database, export again: the former chains come out identical (once the person
     * reference is read through the person's identifier), with their origin (the former platform's checkpoint and
     * key), and they still verify, so they move again (A → B → C); the new platform's own chains of these persons
     * come with its own key.
     */
    private void formerJournalsMoveAgainUnchanged(Map<String, List<Resource>> a, Map<String, List<Resource>> b,
            List<fr.hygie.journal.TransferredChain> chainsA) {
        java.util.Set<String> names = new java.util.HashSet<>(chainsA.stream().map(fr.hygie.journal.TransferredChain::chain).toList());
        List<Resource> former = b.get("AuditEvent").stream().filter(r -> names.contains(((org.hl7.fhir.r4.model.AuditEvent) r)
                .getExtensionByUrl(JournalTransfer.TRANSFER_EXTENSION).getExtensionByUrl("chain").getValue().primitiveValue())).toList();
        Map<String, List<Resource>> formerOnly = new TreeMap<>(b);
        formerOnly.put("AuditEvent", former);
        assertThat(normalised(formerOnly, "AuditEvent").stream().sorted().toList())
                .isEqualTo(normalised(a, "AuditEvent").stream().sorted().toList());
        List<fr.hygie.journal.TransferredChain> chainsB = JournalTransfer.chains(b.get("AuditEvent").stream()
                .map(r -> (org.hl7.fhir.r4.model.AuditEvent) r).toList());
        assertThat(chainsB).containsAll(chainsA);
        assertThat(chainsB).hasSizeGreaterThan(chainsA.size()).allSatisfy(c -> assertThat(fr.hygie.journal.FormerChains.problem(c)).isEmpty());
        String keyA = chainsA.get(0).seal().keyId();
        assertThat(chainsB).filteredOn(c -> !names.contains(c.chain())).allSatisfy(c -> assertThat(c.seal().keyId()).isNotEqualTo(keyA));
    }

    @Autowired
    fr.hygie.journal.Journal journal;
    @Autowired
    fr.hygie.prescriptions.Prescriptions prescriptions;
    @Autowired
    fr.hygie.identity.Professionals professionals;
    @Autowired
    fr.hygie.identity.Structures structures;

    /**
     * On the new platform: the public registry lists the same projects (same ids, so same addresses; same steps,
     * results and extraction counts), although the researcher has no account there yet (accounts never travel);
     * a ResearchStudy from another system (no transfer extension) and a project whose route this platform would
     * not have made are refused with their French reason and store nothing.
     */
    private void researchProjectsMoveWithTheirRegistry(ConfigurableApplicationContext empty, FhirImporter other,
            Map<String, List<Resource>> a, List<fr.hygie.research.RegistryEntry> registryBefore) {
        fr.hygie.research.Registry movedRegistry = empty.getBean(fr.hygie.research.Registry.class);
        Map<String, String> logins = researcherLogins(a);
        assertThat(logins.values()).allSatisfy(login -> assertThat(empty.getBean(Accounts.class).byUsername(login)).isEmpty());
        assertThat(movedRegistry.list(fr.hygie.research.RegistryFilter.none())).containsExactlyInAnyOrderElementsOf(registryBefore);
        assertThat(empty.getBean(fr.hygie.research.Projects.class).forExport()).hasSize(logins.size()).allSatisfy(e -> {
            assertThat(e.project().researcher()).isNull();
            assertThat(e.researcherLogin()).isEqualTo(logins.get(e.project().id().toString()));
        });

        org.hl7.fhir.r4.model.ResearchStudy foreign = new org.hl7.fhir.r4.model.ResearchStudy();
        foreign.setId(UUID.randomUUID().toString());
        foreign.setTitle("Étude d'un autre entrepôt");
        foreign.setStatus(org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyStatus.ACTIVE);
        org.hl7.fhir.r4.model.ResearchStudy tampered = ((org.hl7.fhir.r4.model.ResearchStudy) a.get("ResearchStudy").get(0)).copy();
        tampered.setId(UUID.randomUUID().toString());
        org.hl7.fhir.r4.model.Extension x = tampered.getExtensionByUrl(ResearchTransfer.TRANSFER_EXTENSION);
        x.getExtension().removeIf(e -> "step".equals(e.getUrl()));
        x.getExtensionByUrl("status").setValue(new org.hl7.fhir.r4.model.CodeType("CLOSED"));
        FhirImporter.Summary refused = other.importAll(List.of(new FhirImporter.Entry(foreign, null), new FhirImporter.Entry(tampered, null)),
                List.of(), n -> { });
        assertThat(refused.created().values()).allMatch(n -> n == 0);
        assertThat(refused.rejected()).hasSize(2);
        assertThat(refused.rejected().get(0)).contains("sans l'extension de transfert Hygie");
        assertThat(refused.rejected().get(1)).contains("ne suit pas des étapes");
        for (String id : List.of(foreign.getIdPart(), tampered.getIdPart())) {
            assertThat(movedRegistry.entry(fr.hygie.research.ProjectId.parse(id).orElseThrow())).isEmpty();
        }
    }

    /**
     * On the new platform (its own receipt key): the signed receipt of a completed dispensation verifies (with the
     * former platform's key, which came with it), and every prescription that had a copy in the person's record
     * points to the imported record document of that person.
     */
    private void movedPrescriptionsKeepTheirReceiptAndCopy(ConfigurableApplicationContext empty, List<PatientId> chosen) {
        fr.hygie.prescriptions.Prescriptions moved = empty.getBean(fr.hygie.prescriptions.Prescriptions.class);
        fr.hygie.record.Documents movedDocuments = empty.getBean(fr.hygie.record.Documents.class);
        List<fr.hygie.prescriptions.ExportedPrescription> after = empty.getBean(Patients.class).page(null, 1000).stream()
                .flatMap(p -> moved.forExport(p.id()).stream()).toList();
        List<fr.hygie.prescriptions.ExportedPrescription> before = chosen.stream().flatMap(p -> prescriptions.forExport(p).stream()).toList();
        assertThat(after).filteredOn(e -> e.receipt() != null).hasSize((int) before.stream().filter(e -> e.receipt() != null).count())
                .isNotEmpty().allSatisfy(e -> {
                    assertThat(e.receipt().keyId()).isNotEqualTo(moved.receiptKeyId());
                    assertThat(moved.verifyReceipt(e.receipt().payload(), e.receipt().signature())).isTrue();
                    assertThat(moved.verifyReceipt(e.receipt().payload().replace("\"quantity\":1", "\"quantity\":9"), e.receipt().signature()))
                            .isFalse();
                });
        assertThat(after).filteredOn(e -> e.prescription().document() != null)
                .hasSize((int) before.stream().filter(e -> e.prescription().document() != null).count()).isNotEmpty()
                .allSatisfy(e -> assertThat(movedDocuments.patientOf(new fr.hygie.record.DocumentId(e.prescription().document())))
                        .contains(e.prescription().patient()));
    }

    /** Each exported project's researcher login (from the transfer extension), by project id. */
    private static Map<String, String> researcherLogins(Map<String, List<Resource>> export) {
        Map<String, String> out = new HashMap<>();
        for (Resource r : export.getOrDefault("ResearchStudy", List.of())) {
            out.put(r.getIdElement().getIdPart(), ((org.hl7.fhir.r4.model.ResearchStudy) r).getExtensionByUrl(ResearchTransfer.TRANSFER_EXTENSION)
                    .getExtensionByUrl("researcherLogin").getValue().primitiveValue());
        }
        return out;
    }

    /**
     * The person had one prescription dispensed by the demo's pharmacy (so they used it), then sent it a medication
     * and a laboratory prescription, which it has not taken yet.
     */
    private void sendToTheirPharmacy(String login, PatientId person) {
        fr.hygie.access.Actor medecin = cast.actor("medecin");
        fr.hygie.access.Actor pharmacien = cast.actor("pharmacien");
        fr.hygie.prescriptions.Signed used = signed(medecin, person, fr.hygie.prescriptions.PrescriptionKind.MEDICATION, "M014");
        fr.hygie.prescriptions.Accepted taken = prescriptions.accept(pharmacien, used.prescription().number().value(),
                used.accessCode().value(), JournalChannel.WEB);
        prescriptions.dispense(pharmacien, used.prescription().id(), taken.secret(), 1, null, 1, JournalChannel.WEB);
        prescriptions.complete(pharmacien, used.prescription().id(), taken.secret(), JournalChannel.WEB);
        fr.hygie.identity.StructureId pharmacy = prescriptions.pharmaciesUsed(person).get(0).id();
        for (fr.hygie.prescriptions.Signed s : List.of(signed(medecin, person, fr.hygie.prescriptions.PrescriptionKind.MEDICATION, "M073"),
                signed(medecin, person, fr.hygie.prescriptions.PrescriptionKind.LAB, "L003"))) {
            prescriptions.sendTo(cast.actor(login), person, s.prescription().id(), pharmacy, JournalChannel.WEB);
        }
    }

    private fr.hygie.prescriptions.Signed signed(fr.hygie.access.Actor prescriber, PatientId person,
            fr.hygie.prescriptions.PrescriptionKind kind, String product) {
        fr.hygie.prescriptions.Prescription draft = prescriptions.draft(prescriber, person, kind, JournalChannel.WEB);
        prescriptions.addLine(prescriber, draft.id(), product, "1 le soir", 1, JournalChannel.WEB);
        return prescriptions.sign(prescriber, draft.id(), JournalChannel.WEB);
    }

    /**
     * On the new platform, the prescriptions a person sent to a pharmacy (« envoi à la pharmacie ») are sent to the
     * same pharmacy (found by FINESS), at the same instant, and that pharmacy's queue shows them again: its pharmacist
     * (same RPPS; accounts never travel, the operator opens theirs) may take them without the code.
     */
    private void sentPrescriptionsAreInThePharmacysQueueAgain(ConfigurableApplicationContext empty, List<PatientId> chosen) {
        fr.hygie.prescriptions.Prescriptions moved = empty.getBean(fr.hygie.prescriptions.Prescriptions.class);
        List<fr.hygie.prescriptions.Prescription> sent = chosen.stream().flatMap(p -> prescriptions.forExport(p).stream())
                .map(fr.hygie.prescriptions.ExportedPrescription::prescription)
                .filter(p -> p.sentTo() != null && p.status() == fr.hygie.prescriptions.PrescriptionStatus.READY).toList();
        assertThat(sent).extracting(fr.hygie.prescriptions.Prescription::kind).contains(fr.hygie.prescriptions.PrescriptionKind.MEDICATION,
                fr.hygie.prescriptions.PrescriptionKind.LAB);
        fr.hygie.identity.Professional pharmacist = professionals.byId(cast.professional("pharmacien")).orElseThrow();
        String finess = structures.byId(sent.get(0).sentTo()).orElseThrow().finess();
        fr.hygie.identity.ProfessionalId movedPharmacist = empty.getBean(fr.hygie.identity.Professionals.class).byRpps(pharmacist.rpps())
                .orElseThrow().id();
        fr.hygie.identity.StructureId movedPharmacy = empty.getBean(fr.hygie.identity.Structures.class).byFiness(finess).orElseThrow().id();
        Accounts otherAccounts = empty.getBean(Accounts.class);
        String login = "pharmacien-" + UUID.randomUUID().toString().substring(0, 8);
        otherAccounts.create(new NewAccount(login, otherAccounts.hash("demo"), Role.PROFESSIONAL, pharmacist.displayName(), null,
                movedPharmacist, movedPharmacy, false));
        fr.hygie.access.Actor movedPharmacien = fr.hygie.access.Actor.of(otherAccounts.loadUserByUsername(login));
        assertThat(moved.sentToMyPharmacy(movedPharmacien)).extracting(v -> v.prescription().number())
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(fr.hygie.prescriptions.Prescription::number).toList());
        Map<String, fr.hygie.prescriptions.Prescription> after = new HashMap<>();
        empty.getBean(Patients.class).page(null, 1000).forEach(p -> moved.forExport(p.id())
                .forEach(e -> after.put(e.prescription().number().value(), e.prescription())));
        assertThat(sent).allSatisfy(p -> {
            fr.hygie.prescriptions.Prescription a = after.get(p.number().value());
            assertThat(a.sentTo()).isEqualTo(movedPharmacy);
            // To the millisecond, as every instant of the transfer extension (FHIR dateTime).
            assertThat(a.sentAt()).isNotNull().isEqualTo(p.sentAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        });
    }

    /** A second Hygie on a fresh database of the same embedded server, no demo, no web server: where imports land. */
    static ConfigurableApplicationContext emptyHygie() {
        SpringApplication app = new SpringApplication(HygieApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("hygie.cli.active", "true", "hygie.demo.enabled", "false",
                "hygie.fhir.validator.warm-up", "false"));
        return app.run();
    }

    /**
     * The persons to export: the demo's rich record and the minor, a fresh person with a block, an
     * authorisation, emergency access off and an objection to sharing with the care team, and a person
     * without INS imported from another system (with a measurement).
     */
    private List<PatientId> handful(Path tmp) throws IOException {
        String login = cast.newPatient();
        PatientId choices = cast.patient(login);
        assertThat(careTeam.block(cast.actor(login), choices, cast.professional("medecin2"), JournalChannel.WEB).done()).isTrue();
        assertThat(careTeam.authorise(cast.actor(login), choices, cast.professional("infirmier"), JournalChannel.WEB).done()).isTrue();
        assertThat(sharing.setEmergencyAccessAllowed(cast.actor(login), choices, false, JournalChannel.WEB).done()).isTrue();
        assertThat(sharing.setShareAdditionsWithCareTeam(cast.actor(login), choices, false, JournalChannel.WEB).done()).isTrue();
        // Mandates: a caregiver in force, a mediator revoked.
        AccountId grantor = accounts.byUsername(login).orElseThrow().id();
        AccountId proche = accounts.create(new NewAccount("proche-" + UUID.randomUUID().toString().substring(0, 8), accounts.hash("demo"),
                Role.REPRESENTATIVE, "Paul Proche", null, null, null, false));
        mandates.grant(grantor, choices, proche, MandateKind.CAREGIVER, EnumSet.of(MandateScope.VIEW_DOCUMENTS,
                MandateScope.MANAGE_APPOINTMENTS), mandates.today(), mandates.today().plusYears(1));
        MandateId mediator = mandates.grant(grantor, choices, proche, MandateKind.MEDIATOR, EnumSet.of(MandateScope.READ_MESSAGES),
                mandates.today(), null);
        assertThat(mandates.revoke(mediator, choices)).isTrue();
        // Research objections: one in force, one withdrawn (the dated history travels).
        assertThat(objections.object(cast.actor(login), choices, ObjectionScope.organisationKind(OrganisationKind.COMMERCIAL),
                JournalChannel.WEB).done()).isTrue();
        assertThat(objections.object(cast.actor(login), choices, ObjectionScope.GLOBAL, JournalChannel.WEB).done()).isTrue();
        assertThat(objections.withdraw(cast.actor(login), choices, ObjectionScope.GLOBAL, JournalChannel.WEB).done()).isTrue();
        PostOutcome posted = conversations.startWithPatient(cast.actor("medecin"), choices, false, "Votre compte rendu",
                "Bonjour, voici le compte rendu de la consultation.", List.of(new NewAttachment.Upload("compte-rendu.txt",
                        "Compte rendu de consultation : examen normal.\n".getBytes(StandardCharsets.UTF_8))), JournalChannel.WEB);
        assertThat(posted).isInstanceOf(PostOutcome.Posted.class);
        // The person files the attachment into their record, then replies with that document attached from the record.
        fr.hygie.messaging.ConversationId conversation = ((PostOutcome.Posted) posted).conversation();
        fr.hygie.messaging.AttachmentId attachment = conversations.open(cast.actor(login), conversation, JournalChannel.WEB).orElseThrow()
                .messages().get(0).attachments().get(0).id();
        fr.hygie.messaging.FileOutcome filed = conversations.fileIntoRecord(cast.actor(login), attachment, "11488-4", "Compte rendu",
                LocalDate.now(clock), JournalChannel.WEB);
        assertThat(filed).isInstanceOf(fr.hygie.messaging.FileOutcome.Filed.class);
        assertThat(conversations.reply(cast.actor(login), conversation, "Merci, bien reçu.", List.of(new NewAttachment.FromRecord(
                ((fr.hygie.messaging.FileOutcome.Filed) filed).document())), JournalChannel.WEB)).isInstanceOf(PostOutcome.Posted.class);
        // Prescriptions the person sent to the pharmacy they used, before it took them (medication and laboratory).
        sendToTheirPharmacy(login, choices);
        List<Slot> free = directory.freeSlots(cast.professional("medecin"), clock.instant().plus(Duration.ofDays(2)),
                clock.instant().plus(Duration.ofDays(30)), 2);
        assertThat(bookings.book(accounts.loadUserByUsername(login), new BookingRequest(free.get(0).id(), reasonOf("medecin"),
                new BookedFor.Registered(choices), "0611223344", null))).isInstanceOf(BookingOutcome.Booked.class);
        assertThat(bookings.book(accounts.loadUserByUsername("accueil"), new BookingRequest(free.get(1).id(), reasonOf("medecin"),
                new BookedFor.Unregistered("Sans-Espace", "Jeanne", LocalDate.of(1950, 2, 3), "0699887766"), null, null)))
                .isInstanceOf(BookingOutcome.Booked.class);

        String ipp = "IPP-" + UUID.randomUUID();
        Path bundle = tmp.resolve("foreign.json");
        Files.writeString(bundle, FhirImportTest.foreignBundle(ipp, "Martin", "2019-03-04"), StandardCharsets.UTF_8);
        List<String> rejected = new ArrayList<>();
        FhirImporter.Summary s = importer.importAll(importer.read(bundle, rejected), rejected, n -> { });
        assertThat(s.rejected()).isEmpty();
        PatientId foreign = patients.byIdentifier(new ForeignIdentifier(FhirImportTest.IPP_SYSTEM, ipp)).orElseThrow();
        return List.of(cast.patient("patient"), cast.patient("mineur"), choices, foreign);
    }

    private java.util.UUID reasonOf(String login) {
        return agendas.reasons(cast.professional(login), true).stream().findFirst().map(r -> r.id()).orElse(null);
    }

    /** The operator's export (same code as {@code ./hygie export}) of the whole directory and of the chosen persons only. */
    private Map<String, Long> export(FhirExporter exporter, List<PatientId> persons, Path out) throws IOException {
        return export(exporter, fhir, patients, persons, new LinkedHashSet<>(FhirExporter.TYPES), out);
    }

    /** The same, of {@code types} only, from any platform (its exporter and its persons). */
    static Map<String, Long> export(FhirExporter exporter, FhirContext fhir, Patients patients, List<PatientId> persons, Set<String> types,
            Path out) throws IOException {
        Map<String, Writer> writers = new HashMap<>();
        Map<String, Long> counts = new TreeMap<>();
        FhirExporter.Sink sink = (type, resource) -> {
            try {
                Writer w = writers.get(type);
                if (w == null) {
                    w = Files.newBufferedWriter(out.resolve(type + ".ndjson"), StandardCharsets.UTF_8);
                    writers.put(type, w);
                }
                w.write(fhir.newJsonParser().encodeResourceToString(resource));
                w.write('\n');
                counts.merge(type, 1L, Long::sum);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try {
            fr.hygie.journal.FormerChains.ExportSeal seal = exporter.journalSeal(types);
            exporter.exportDirectory(types, sink);
            for (PatientId p : persons) {
                exporter.exportOperatorPerson(patients.byId(p).orElseThrow(), types, sink, seal);
            }
            exporter.exportWithoutPerson(types, sink);
        } finally {
            for (Writer w : writers.values()) {
                w.close();
            }
        }
        return counts;
    }

    private static Map<String, Long> sum(Map<String, Long> x, Map<String, Long> y) {
        Map<String, Long> m = new TreeMap<>(x);
        y.forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }

    private Map<String, List<Resource>> read(Path dir) throws Exception {
        return read(fhir, dir);
    }

    /** Every resource of an NDJSON export, by type (file name). */
    static Map<String, List<Resource>> read(FhirContext fhir, Path dir) throws IOException {
        Map<String, List<Resource>> all = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                List<Resource> list = new ArrayList<>();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        list.add((Resource) fhir.newJsonParser().parseResource(line));
                    }
                }
                all.put(f.getFileName().toString().replace(".ndjson", ""), list);
            }
        }
        return all;
    }

    private static String firstValue(List<Identifier> ids) {
        return ids.stream().map(Identifier::getValue).findFirst().orElse("?");
    }

    /**
     * Resources without what the server assigns (ids, meta, the Binary url); references replaced by what
     * they designate: persons by their first identifier (INS or the other system's), professionals by
     * RPPS, structures by FINESS.
     */
    List<String> normalised(Map<String, List<Resource>> export, String type) {
        Map<String, String> byId = new HashMap<>();
        for (Resource r : export.getOrDefault("Patient", List.of())) {
            byId.put("Patient/" + r.getIdElement().getIdPart(), "person " + firstValue(((Patient) r).getIdentifier()));
        }
        for (Resource r : export.getOrDefault("Practitioner", List.of())) {
            byId.put("Practitioner/" + r.getIdElement().getIdPart(), "professional " + firstValue(((Practitioner) r).getIdentifier()));
            // An agenda (Schedule) and the role have the professional's id.
            byId.put("PractitionerRole/" + r.getIdElement().getIdPart(), "role " + firstValue(((Practitioner) r).getIdentifier()));
            byId.put("Schedule/" + r.getIdElement().getIdPart(), "agenda " + firstValue(((Practitioner) r).getIdentifier()));
        }
        for (Resource r : export.getOrDefault("Organization", List.of())) {
            byId.put("Organization/" + r.getIdElement().getIdPart(), "structure " + firstValue(((Organization) r).getIdentifier()));
        }
        for (Resource r : export.getOrDefault("MedicationRequest", List.of())) {
            String id = r.getIdElement().getIdPart();
            byId.put("MedicationRequest/" + id, "request " + ((MedicationRequest) r).getGroupIdentifier().getValue() + " line "
                    + id.substring(id.lastIndexOf('-') + 1));
        }
        List<String> out = new ArrayList<>();
        for (Resource original : export.get(type)) {
            Resource r = original.copy();
            r.setId((String) null);
            r.setMeta(null);
            Reference subject = ClinicalMapper.subject(r);
            if (subject != null) {
                replace(subject, byId);
            }
            if (r instanceof DocumentReference d) {
                d.getAuthor().forEach(x -> replace(x, byId));
                d.getContent().forEach(c -> c.getAttachment().setUrl(null));
            } else if (r instanceof Consent c) {
                replace(c.getPatient(), byId);
                c.getProvision().getActor().forEach(x -> replace(x.getReference(), byId));
            } else if (r instanceof PractitionerRole role) {
                replace(role.getPractitioner(), byId);
                replace(role.getOrganization(), byId);
            } else if (r instanceof org.hl7.fhir.r4.model.Communication c) {
                replace(c.getSubject(), byId);
                replace(c.getSender(), byId);
                c.getRecipient().forEach(x -> replace(x, byId));
            } else if (r instanceof RelatedPerson rp) {
                replace(rp.getPatient(), byId);
            } else if (r instanceof Appointment ap) {
                ap.getParticipant().forEach(x -> replace(x.getActor(), byId));
            } else if (r instanceof MedicationRequest m) {
                replace(m.getSubject(), byId);
                replace(m.getRequester(), byId);
            } else if (r instanceof org.hl7.fhir.r4.model.ServiceRequest sr) {
                replace(sr.getSubject(), byId);
                replace(sr.getRequester(), byId);
                sr.getPerformer().forEach(x -> replace(x, byId));
            } else if (r instanceof MedicationDispense m) {
                replace(m.getSubject(), byId);
                m.getPerformer().forEach(x -> replace(x.getActor(), byId));
                m.getAuthorizingPrescription().forEach(x -> replace(x, byId));
            } else if (r instanceof Organization o) {
                replace(o.getPartOf(), byId);
            } else if (r instanceof org.hl7.fhir.r4.model.Schedule sc) {
                sc.getActor().forEach(x -> replace(x, byId));
            } else if (r instanceof org.hl7.fhir.r4.model.Slot sl) {
                replace(sl.getSchedule(), byId);
            } else if (r instanceof org.hl7.fhir.r4.model.AuditEvent ae) {
                ae.getEntity().forEach(x -> replace(x.getWhat(), byId));
            }
            out.add(fhir.newJsonParser().encodeResourceToString(r));
        }
        return out;
    }

    private static void replace(Reference ref, Map<String, String> byId) {
        if (ref != null && ref.hasReference()) {
            assertThat(byId).as("reference %s points into the export", ref.getReference()).containsKey(ref.getReference());
            ref.setReference(byId.get(ref.getReference()));
        }
    }
}
