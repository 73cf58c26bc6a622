package fr.hygie.journal;

import static fr.hygie.journal.Drafts.draft;
import static fr.hygie.journal.Drafts.professional;
import static fr.hygie.journal.Drafts.read;
import static org.assertj.core.api.Assertions.assertThat;

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

    private void at(String parisLocal) {
        clock.set(paris(parisLocal));
    }

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }
}
