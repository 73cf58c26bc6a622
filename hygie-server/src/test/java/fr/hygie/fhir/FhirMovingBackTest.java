package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.journal.FormerChain;
import fr.hygie.journal.FormerChains;
import fr.hygie.journal.ForeignPlatform;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.journal.JournalVerifier;
import fr.hygie.journal.TransferredChain;
import fr.hygie.journal.VerificationReport;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 4, a person moving back (A → B → A) with real operator exports and imports: A is this test's platform, B
 * a second Hygie on a fresh database (its own checkpoint key). B's export carries B's chain of the person, A's old
 * chain and the chain of the platform the person came from before A (C), all as former chains of B. Importing it
 * into A, which still holds its live chain of the person (which went on since the person left) and C's chain: A
 * recognises its own chain (matched with what it holds, nothing stored, counted apart in the import report), C's
 * chain is already there, B's chain is kept as a former chain; nothing is duplicated, nothing refused, everything
 * verifies, and importing again changes nothing.
 */
@HygieIntegrationTest
class FhirMovingBackTest {

    static final Set<String> TYPES = new LinkedHashSet<>(List.of("Patient", "AuditEvent"));

    @Autowired
    FhirExporter exporter;
    @Autowired
    FhirImporter importer;
    @Autowired
    FhirContext fhir;
    @Autowired
    Patients patients;
    @Autowired
    Cast cast;
    @Autowired
    Journal journal;
    @Autowired
    FormerChains formerChains;
    @Autowired
    JournalVerifier verifier;
    @Autowired
    Clock clock;

    @Test
    void aPersonMovingBackFindsOneJournalPerPlatformNothingTwiceAndEverythingVerifiable(@TempDir Path tmp) throws Exception {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        // Before A, the person was on C: A keeps C's chain as a former chain.
        TransferredChain fromC = new ForeignPlatform().chain(4, clock.instant().minus(400, ChronoUnit.DAYS));
        assertThat(formerChains.importChain(person.value(), fromC)).isInstanceOf(FormerChains.Imported.class);
        journal.append(read("Dr Avant Départ", person));
        long aHeadWhenLeaving = journal.countForPatient(person.value());

        // A → B.
        Path toB = Files.createDirectories(tmp.resolve("a-to-b"));
        export(exporter, patients, person, toB);
        String keyA = chainOf(toB, person).seal().keyId();
        // The person is still on A's books meanwhile: A's live chain goes on.
        journal.append(read("Dr Pendant Absence", person));
        try (ConfigurableApplicationContext b = FhirRoundTripTest.emptyHygie()) {
            FhirImporter importerB = b.getBean(FhirImporter.class);
            FormerChains formerChainsB = b.getBean(FormerChains.class);
            List<String> rejected = new ArrayList<>();
            FhirImporter.Summary atB = importerB.importAll(importerB.read(toB, rejected), rejected, n -> { });
            assertThat(atB.rejected()).isEmpty();
            PatientId personB = b.getBean(Patients.class).byMatricule(patients.matricule(person).orElseThrow()).orElseThrow();
            // B keeps A's chain and C's chain as former chains; B's own chain of the person starts there.
            assertThat(formerChainsB.of(personB.value())).extracting(FormerChain::keyId)
                    .containsExactlyInAnyOrder(keyA, fromC.seal().keyId());
            b.getBean(Journal.class).append(read("Dr Sur B", personB));

            // B → A.
            Path toA = Files.createDirectories(tmp.resolve("b-to-a"));
            export(b.getBean(FhirExporter.class), b.getBean(Patients.class), personB, toA);
            List<TransferredChain> carried = JournalTransfer.chains(auditEvents(toA));
            TransferredChain fromB = chainOf(toA, personB);
            String keyB = fromB.seal().keyId();
            assertThat(keyB).isNotEqualTo(keyA);
            // B's export: B's chain, A's old chain (up to where A sealed it when the person left), C's chain.
            assertThat(carried).extracting(c -> c.seal().keyId()).containsExactlyInAnyOrder(keyB, keyA, fromC.seal().keyId());
            TransferredChain aBack = carried.stream().filter(c -> c.seal().keyId().equals(keyA)).findFirst().orElseThrow();
            assertThat(aBack.headSeq()).isEqualTo(aHeadWhenLeaving);
            long aHeadBefore = journal.countForPatient(person.value());
            assertThat(aHeadBefore).isGreaterThan(aHeadWhenLeaving);

            List<String> rejectedAtA = new ArrayList<>();
            FhirImporter.Summary back = importer.importAll(importer.read(toA, rejectedAtA), rejectedAtA, n -> { });
            assertThat(back.rejected()).isEmpty();
            assertThat(back.alreadyThere()).containsEntry("Patient", 1L);
            // A's own chain recognised and matched: reported apart, nothing stored.
            assertThat(back.alreadyThere()).containsEntry(JournalTransfer.OWN_CHAIN_BACK, (long) aBack.entries().size());
            // C's chain: the very one A holds.
            assertThat(back.alreadyThere()).containsEntry("AuditEvent", (long) fromC.entries().size());
            // B's chain: kept as a former chain.
            assertThat(back.created()).containsEntry("AuditEvent", (long) fromB.entries().size());
            List<FormerChain> kept = formerChains.of(person.value());
            assertThat(kept).extracting(FormerChain::keyId).containsExactlyInAnyOrder(fromC.seal().keyId(), keyB);
            assertThat(kept).allSatisfy(f -> assertThat(f.intact()).isTrue());
            assertThat(kept).extracting(FormerChain::chain).contains(fromC, fromB);
            // A's live chain is the same chain, gone on by the import of B's chain only (journaled there).
            assertThat(journal.countForPatient(person.value())).isEqualTo(aHeadBefore + 1);
            assertThat(journal.forPatient(person.value(), 0, 1)).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo(JournalAction.IMPORT);
                assertThat(e.objectId()).isEqualTo(fromB.chain());
            });
            VerificationReport report = verifier.verify();
            assertThat(report.intact()).as("%s", report.firstBreak()).isTrue();

            // Importing again: nothing created, nothing refused, nothing journaled on the person's chain.
            FhirImporter.Summary again = importer.importAll(importer.read(toA, new ArrayList<>()), List.of(), n -> { });
            assertThat(again.rejected()).isEmpty();
            assertThat(again.created().values()).allMatch(n -> n == 0);
            assertThat(again.alreadyThere()).containsEntry("AuditEvent", (long) (fromC.entries().size() + fromB.entries().size()))
                    .containsEntry(JournalTransfer.OWN_CHAIN_BACK, (long) aBack.entries().size());
            assertThat(formerChains.of(person.value())).hasSize(2);
            assertThat(journal.countForPatient(person.value())).isEqualTo(aHeadBefore + 1);

            // A → B again: A's chain whole (longer than the version B keeps), C's and B's chains as they came.
            Path toBAgain = Files.createDirectories(tmp.resolve("a-to-b-again"));
            export(exporter, patients, person, toBAgain);
            List<TransferredChain> next = JournalTransfer.chains(auditEvents(toBAgain));
            assertThat(next).extracting(c -> c.seal().keyId()).containsExactlyInAnyOrder(keyA, fromC.seal().keyId(), keyB);
            assertThat(next).contains(fromC, fromB).allSatisfy(c -> assertThat(FormerChains.problem(c)).isEmpty());
            TransferredChain aWhole = chainOf(toBAgain, person);
            assertThat(aWhole.headSeq()).isGreaterThanOrEqualTo(aHeadBefore + 1);
            long bHead = b.getBean(Journal.class).countForPatient(personB.value());
            FhirImporter.Summary atBAgain = importerB.importAll(importerB.read(toBAgain, new ArrayList<>()), List.of(), n -> { });
            assertThat(atBAgain.rejected()).isEmpty();
            // On B: its own chain recognised, C's chain there, A's longer chain kept beside the older version.
            assertThat(atBAgain.alreadyThere()).containsEntry(JournalTransfer.OWN_CHAIN_BACK, (long) fromB.entries().size())
                    .containsEntry("AuditEvent", (long) (fromC.entries().size() + aHeadWhenLeaving));
            assertThat(atBAgain.created()).containsEntry("AuditEvent", aWhole.headSeq() - aHeadWhenLeaving);
            assertThat(formerChainsB.of(personB.value())).extracting(FormerChain::chain).containsExactlyInAnyOrder(fromC, aWhole);
            assertThat(b.getBean(Journal.class).countForPatient(personB.value())).isEqualTo(bHead + 1);
            VerificationReport reportB = b.getBean(JournalVerifier.class).verify();
            assertThat(reportB.intact()).as("%s", reportB.firstBreak()).isTrue();
            assertThat(reportB.formerChains()).isEqualTo(3); // C's, A's first version, A's longer version
        }
    }

    /** The chain named after {@code person} (their chain on the platform that exported them) in an export. */
    private TransferredChain chainOf(Path dir, PatientId person) throws IOException {
        return JournalTransfer.chains(auditEvents(dir)).stream().filter(c -> c.chain().equals(person.value().toString())).findFirst()
                .orElseThrow();
    }

    private static JournalEntryDraft read(String who, PatientId person) {
        return new JournalEntryDraft(new JournalActor(UUID.randomUUID(), who, "PROFESSIONAL"), null, person.value(), JournalAction.READ,
                "DocumentReference", UUID.randomUUID().toString(), JournalDecision.PERMIT, "CARE_TEAM", JournalChannel.WEB, null);
    }

    /** The operator's export (same code as {@code ./hygie export}) of one person: the person and their journals only. */
    private void export(FhirExporter from, Patients persons, PatientId person, Path out) throws IOException {
        FhirRoundTripTest.export(from, fhir, persons, List.of(person), TYPES, out);
    }

    private List<org.hl7.fhir.r4.model.AuditEvent> auditEvents(Path dir) throws IOException {
        return FhirRoundTripTest.read(fhir, dir).get("AuditEvent").stream().map(r -> (org.hl7.fhir.r4.model.AuditEvent) r).toList();
    }
}
