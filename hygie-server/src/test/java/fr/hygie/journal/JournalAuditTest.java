package fr.hygie.journal;

import static fr.hygie.journal.Drafts.draft;
import static fr.hygie.journal.Drafts.professional;
import static fr.hygie.journal.Drafts.read;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.TestClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each scenario happens on its own dates (set on the test clock), so the scenarios do not see each other. */
@JournalTest
class JournalAuditTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    Journal journal;

    @Autowired
    JournalAudit audit;

    @Autowired
    TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void aProfessionalWithFarMoreEmergencyAccessesThanPeersStandsOut() {
        JournalActor outlier = professional("Dr Outlier");
        List<JournalActor> peers = List.of(professional("Dr A"), professional("Dr B"), professional("Dr C"));
        at("2024-02-05T10:00");
        for (JournalActor peer : peers) {
            journal.append(draft(peer, UUID.randomUUID(), JournalAction.EMERGENCY_ACCESS, JournalDecision.PERMIT));
        }
        journal.append(draft(peers.get(0), UUID.randomUUID(), JournalAction.EMERGENCY_ACCESS, JournalDecision.PERMIT));
        for (int i = 0; i < 9; i++) {
            journal.append(draft(outlier, UUID.randomUUID(), JournalAction.EMERGENCY_ACCESS, JournalDecision.PERMIT));
        }

        List<Anomaly> found = audit.emergencyAccessOutliers(paris("2024-02-01T00:00"), paris("2024-02-08T00:00"));

        // counts 1, 1, 2, 9: median 1.5; 9 ≥ 3 and 9 > 4.5; 2 is not flagged.
        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Anomaly.Kind.EMERGENCY_ACCESS_OUTLIER);
            assertThat(a.actor()).isEqualTo(outlier);
            assertThat(a.count()).isEqualTo(9);
            assertThat(a.explanation()).contains("bris de glace").contains("médiane (1,5)");
        });
    }

    @Test
    void accessesAtNightParisTimeAreShownButAPatientReadingTheirOwnRecordIsNot() {
        JournalActor nightOwl = professional("Dr Nuit");
        JournalActor dayWorker = professional("Dr Jour");
        JournalActor patient = new JournalActor(UUID.randomUUID(), "Jeanne Patient", "PATIENT");
        at("2024-03-10T23:30");
        journal.append(read(nightOwl, UUID.randomUUID()));
        journal.append(read(patient, UUID.randomUUID()));
        at("2024-03-11T05:59");
        journal.append(read(nightOwl, UUID.randomUUID()));
        at("2024-03-11T06:00");
        journal.append(read(dayWorker, UUID.randomUUID()));
        at("2024-03-11T21:59");
        journal.append(read(dayWorker, UUID.randomUUID()));

        List<Anomaly> found = audit.unusualHours(paris("2024-03-10T00:00"), paris("2024-03-12T00:00"));

        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Anomaly.Kind.UNUSUAL_HOURS);
            assertThat(a.actor()).isEqualTo(nightOwl);
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.explanation()).contains("entre 22 h et 6 h");
        });
    }

    @Test
    void readingMoreThanFiftyPatientsInOneDayStandsOut() {
        JournalActor wide = professional("Dr Large");
        JournalActor busy = professional("Dr Occupé");
        at("2024-04-02T09:00");
        for (int i = 0; i < 51; i++) {
            UUID p = UUID.randomUUID();
            journal.append(read(wide, p));
            journal.append(draft(wide, p, JournalAction.LIST, JournalDecision.PERMIT));
        }
        UUID same = UUID.randomUUID();
        for (int i = 0; i < 49; i++) { // 49 + 1 = 50 distinct patients, many reads: at the threshold, not above
            journal.append(read(busy, UUID.randomUUID()));
            journal.append(read(busy, same));
        }

        List<Anomaly> found = audit.manyPatientsInOneDay(paris("2024-04-01T00:00"), paris("2024-04-05T00:00"));

        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Anomaly.Kind.MANY_PATIENTS_IN_ONE_DAY);
            assertThat(a.actor()).isEqualTo(wide);
            assertThat(a.count()).isEqualTo(51);
            assertThat(a.from()).isEqualTo(paris("2024-04-02T00:00"));
            assertThat(a.to()).isEqualTo(paris("2024-04-03T00:00"));
            assertThat(a.explanation()).contains("51 patients").contains("2 avril 2024");
        });
        assertThat(audit.anomalies(paris("2024-04-01T00:00"), paris("2024-04-05T00:00"))).hasSize(1);
    }

    @Test
    void auditorsSearchByActorPatientActionDecisionAndPeriodPageByPage() {
        JournalActor doctor = professional("Dr Recherche");
        UUID patient = UUID.randomUUID();
        at("2024-05-06T10:00");
        journal.append(read(doctor, patient));
        journal.append(draft(doctor, patient, JournalAction.READ, JournalDecision.DENY));
        at("2024-05-07T10:00");
        journal.append(draft(doctor, UUID.randomUUID(), JournalAction.EXPORT, JournalDecision.PERMIT));
        journal.append(read(doctor, patient));
        journal.append(read(professional("Dr Autre"), patient));

        AuditQuery byDoctor = AuditQuery.any().byActor(doctor.accountId());
        JournalPage first = audit.search(byDoctor, 0, 3);
        JournalPage second = audit.search(byDoctor, 3, 3);

        assertThat(first.total()).isEqualTo(4);
        assertThat(first.entries()).hasSize(3);
        assertThat(second.entries()).hasSize(1);
        assertThat(first.entries().get(0).at()).isAfterOrEqualTo(second.entries().get(0).at());
        assertThat(audit.search(byDoctor.withDecision(JournalDecision.DENY), 0, 10).total()).isEqualTo(1);
        assertThat(audit.search(byDoctor.withAction(JournalAction.EXPORT), 0, 10).entries())
                .extracting(JournalEntry::action).containsExactly(JournalAction.EXPORT);
        assertThat(audit.search(AuditQuery.any().aboutPatient(patient), 0, 10).total()).isEqualTo(4);
        assertThat(audit.search(AuditQuery.any().aboutPatient(patient)
                .between(paris("2024-05-07T00:00"), paris("2024-05-08T00:00")), 0, 10).total()).isEqualTo(2);
    }

    @Autowired
    FormerChains formerChains;

    /**
     * Issue 4: the auditor's search covers the former platforms' journals of persons who moved here, in one order
     * with this platform's entries and an exact total, each former entry marked with its platform and the person
     * here; a criterion on an actor of this platform never matches a former platform's entry.
     */
    @Test
    void theAuditorsSearchCoversTheFormerPlatformsJournalsOfPersonsWhoMovedHereMarkedAsSuch() {
        UUID person = UUID.randomUUID();
        JournalActor doctorHere = professional("Dr Ici");
        JournalActor doctorThere = professional("Dr Là-bas");
        ForeignPlatform former = new ForeignPlatform();
        TransferredChain there = former.chain(List.of(
                new ForeignPlatform.Access(doctorThere, "READ", paris("2024-06-03T10:00")),
                new ForeignPlatform.Access(doctorThere, "EXPORT", paris("2024-06-05T10:00")),
                new ForeignPlatform.Access(doctorThere, "READ", paris("2024-06-07T10:00"))), paris("2024-06-08T00:00"));
        at("2024-06-10T09:00");
        assertThat(formerChains.importChain(person, there)).isInstanceOf(FormerChains.Imported.class); // + IMPORT here
        at("2024-06-04T10:00");
        journal.append(read(doctorHere, person));
        at("2024-06-06T10:00");
        journal.append(read(doctorHere, person));

        AuditQuery aboutPerson = AuditQuery.any().aboutPatient(person);
        JournalPage all = audit.search(aboutPerson, 0, 10);
        assertThat(all.total()).isEqualTo(6);
        // Newest first across both journals.
        assertThat(all.entries()).extracting(JournalEntry::at).containsExactly(paris("2024-06-10T09:00"), paris("2024-06-07T10:00"),
                paris("2024-06-06T10:00"), paris("2024-06-05T10:00"), paris("2024-06-04T10:00"), paris("2024-06-03T10:00"));
        assertThat(all.hits()).extracting(JournalPage.Hit::former).containsExactly(false, true, false, true, false, true);
        assertThat(all.hits()).filteredOn(JournalPage.Hit::former).allSatisfy(h -> {
            assertThat(h.formerKeyId()).isEqualTo(former.keyId());
            assertThat(h.personHere()).isEqualTo(person);
            assertThat(h.entry().chain()).isEqualTo(there.chain());
        });
        assertThat(all.hits()).filteredOn(h -> !h.former()).allSatisfy(h -> assertThat(h.personHere()).isEqualTo(person));
        // Pages: the exact total on each, every entry once.
        JournalPage first = audit.search(aboutPerson, 0, 4);
        JournalPage second = audit.search(aboutPerson, 4, 4);
        assertThat(first.total()).isEqualTo(6);
        assertThat(second.total()).isEqualTo(6);
        assertThat(second.entries()).hasSize(2);
        assertThat(java.util.stream.Stream.concat(first.entries().stream(), second.entries().stream()).toList())
                .isEqualTo(all.entries());
        // Criteria apply to both: action, decision, period.
        assertThat(audit.search(aboutPerson.withAction(JournalAction.EXPORT), 0, 10).hits()).singleElement()
                .satisfies(h -> assertThat(h.former()).isTrue());
        assertThat(audit.search(aboutPerson.withAction(JournalAction.READ)
                .between(paris("2024-06-04T00:00"), paris("2024-06-08T00:00")), 0, 10).total()).isEqualTo(3);
        assertThat(audit.search(aboutPerson.withDecision(JournalDecision.DENY), 0, 10).total()).isZero();
        // An account of this platform never wrote a former platform's entry, even one with the same id.
        assertThat(audit.search(AuditQuery.any().byActor(doctorThere.accountId()), 0, 10).total()).isZero();
        assertThat(audit.search(AuditQuery.any().byActor(doctorHere.accountId()), 0, 10).total()).isEqualTo(2);
    }

    /**
     * Decision written in JournalAudit: the anomaly rules run over the former platforms' journals too, each former
     * platform apart (its actors compared with its own actors only), each anomaly naming that platform.
     */
    @Test
    void anomaliesInAFormerPlatformsJournalAreFoundPerPlatformAndMarkedAsThatPlatforms() {
        ForeignPlatform former = new ForeignPlatform();
        JournalActor outlier = professional("Dr Urgences Là-bas");
        List<ForeignPlatform.Access> accesses = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            accesses.add(new ForeignPlatform.Access(outlier, "EMERGENCY_ACCESS", paris("2024-07-02T10:00").plusSeconds(i)));
        }
        for (int i = 0; i < 3; i++) {
            accesses.add(new ForeignPlatform.Access(professional("Dr Pair " + i), "EMERGENCY_ACCESS", paris("2024-07-03T10:00").plusSeconds(i)));
        }
        // At night, Paris time, on that platform.
        accesses.add(new ForeignPlatform.Access(professional("Dr Nuit Là-bas"), "READ", paris("2024-07-03T23:30")));
        at("2024-07-20T10:00");
        assertThat(formerChains.importChain(UUID.randomUUID(), former.chain(accesses, paris("2024-07-10T00:00"))))
                .isInstanceOf(FormerChains.Imported.class);
        // Here, one professional with 4 emergency accesses: alone, not an outlier here; with the other platform's
        // actors as peers (median 1) they would be.
        JournalActor here = professional("Dr Urgences Ici");
        at("2024-07-04T10:00");
        for (int i = 0; i < 4; i++) {
            journal.append(draft(here, UUID.randomUUID(), JournalAction.EMERGENCY_ACCESS, JournalDecision.PERMIT));
        }

        List<Anomaly> found = audit.anomalies(paris("2024-07-01T00:00"), paris("2024-07-08T00:00"));

        assertThat(found).hasSize(2).allSatisfy(a -> {
            assertThat(a.former()).isTrue();
            assertThat(a.formerKeyId()).isEqualTo(former.keyId());
            assertThat(a.explanation()).startsWith("Sur une ancienne plateforme (clé du journal " + former.keyId() + ")");
        });
        assertThat(found).filteredOn(a -> a.kind() == Anomaly.Kind.EMERGENCY_ACCESS_OUTLIER).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo(outlier);
            assertThat(a.count()).isEqualTo(9);
            assertThat(a.explanation()).contains("médiane (1)").contains("des 4 professionnels");
        });
        assertThat(found).filteredOn(a -> a.kind() == Anomaly.Kind.UNUSUAL_HOURS).singleElement()
                .satisfies(a -> assertThat(a.actor().displayName()).isEqualTo("Dr Nuit Là-bas"));
    }

    private void at(String parisLocal) {
        clock.set(paris(parisLocal));
    }

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }
}
