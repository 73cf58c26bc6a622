package fr.hygie.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.CareTeam;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Patient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalChannel;
import fr.hygie.notifications.Notifications;
import fr.hygie.oversight.SuggestionStatus.Decision;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The garantie humaine of the prevention reminders: nothing reaches anyone before a named médecin validated it. */
@HygieIntegrationTest
class SupervisedRemindersTest {

    @Autowired Cast cast;
    @Autowired PreventionReminders reminders;
    @Autowired AlgorithmRegistry registry;
    @Autowired Patients patients;
    @Autowired CareTeam careTeam;
    @Autowired Notifications notifications;
    @Autowired Journal journal;
    @Autowired JdbcClient jdbc;

    /** A fresh adult whose médecin traitant is {@code medecin}, with suggestions generated. */
    PatientId personWithSuggestions(String login) {
        PatientId id = cast.patient(login);
        careTeam.declareTreatingPhysician(cast.actor(login), id, cast.professional("medecin"), LocalDate.now().minusDays(1), JournalChannel.WEB);
        GenerationReport r = reminders.generate(List.of(person(id)));
        assertThat(r.ran()).isTrue();
        return id;
    }

    Patient person(PatientId id) {
        return patients.byId(id).orElseThrow();
    }

    List<PendingSuggestion> queueOf(String login, PatientId patient) {
        return reminders.queueFor(cast.user(login), 10_000).stream().filter(s -> s.patient().equals(patient)).toList();
    }

    long preventionNotifications(PatientId id) {
        return notifications.of(id, 100).stream().filter(n -> n.kind().equals("PREVENTION")).count();
    }

    @Test
    void noSuggestionReachesThePatientBeforeValidation() {
        String login = cast.newPatient();
        PatientId id = personWithSuggestions(login);
        List<PendingSuggestion> queue = queueOf("medecin", id);
        assertThat(queue).isNotEmpty();
        assertThat(preventionNotifications(id)).isZero();
        assertThat(reminders.remindersOf(cast.actor(login), id)).hasValue(List.of());

        Outcome o = reminders.decide(cast.user("medecin"), queue.get(0).id(), Decision.ACCEPT, null, "Conforme au calendrier.");

        assertThat(o.done()).as(o.message()).isTrue();
        assertThat(preventionNotifications(id)).isEqualTo(1);
        List<DeliveredReminder> received = reminders.remindersOf(cast.actor(login), id).orElseThrow();
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.validatedBy()).isEqualTo(cast.user("medecin").displayName());
            assertThat(r.why()).contains("Source :");
            assertThat(r.algorithmName()).isEqualTo(PreventionReminders.NAME);
        });
        assertThat(notifications.of(id, 100).get(0).text()).contains("Proposé par un algorithme, validé par");
        assertThat(journal.forPatient(id.value(), 0, 500)).anySatisfy(e -> assertThat(e.objectType()).isEqualTo("PreventionSuggestion"));
    }

    @Test
    void onlyTheTreatingPhysicianSeesAndValidatesThePatientsSuggestions() {
        PatientId id = personWithSuggestions(cast.newPatient());
        UUID suggestion = queueOf("medecin", id).get(0).id();

        assertThat(queueOf("medecin2", id)).isEmpty();
        Outcome byOther = reminders.decide(cast.user("medecin2"), suggestion, Decision.ACCEPT, null, "ok");
        Outcome byPharmacist = reminders.decide(cast.user("pharmacien"), suggestion, Decision.ACCEPT, null, "ok");

        assertThat(byOther.done()).isFalse();
        assertThat(byOther.message()).isEqualTo("Cette proposition n'est pas dans votre file de validation.");
        assertThat(byPharmacist.done()).isFalse();
        assertThat(preventionNotifications(id)).isZero();
    }

    @Test
    void aRejectedSuggestionNeverReachesThePatient() {
        String login = cast.newPatient();
        PatientId id = personWithSuggestions(login);
        UUID suggestion = queueOf("medecin", id).get(0).id();

        assertThat(reminders.decide(cast.user("medecin"), suggestion, Decision.REJECT, null, "").done()).isFalse();
        assertThat(reminders.decide(cast.user("medecin"), suggestion, Decision.REJECT, null, "Fait la semaine dernière.").done()).isTrue();
        Outcome again = reminders.decide(cast.user("medecin"), suggestion, Decision.ACCEPT, null, "Finalement oui.");

        assertThat(again.done()).isFalse();
        assertThat(again.message()).contains("« refusée »");
        assertThat(preventionNotifications(id)).isZero();
        assertThat(reminders.remindersOf(cast.actor(login), id)).hasValue(List.of());
        assertThat(count("id = '" + suggestion + "' AND delivery IS NOT NULL")).isZero();
    }

    @Test
    void anEditedSuggestionReachesThePatientWithTheProfessionalsText() {
        String login = cast.newPatient();
        PatientId id = personWithSuggestions(login);
        UUID suggestion = queueOf("medecin", id).get(0).id();

        reminders.decide(cast.user("medecin"), suggestion, Decision.EDIT, "Parlons-en à votre prochaine consultation.", "Contexte connu.");

        assertThat(reminders.remindersOf(cast.actor(login), id).orElseThrow()).singleElement()
                .satisfies(r -> {
                    assertThat(r.text()).isEqualTo("Parlons-en à votre prochaine consultation.");
                    assertThat(r.edited()).isTrue();
                });
    }

    @Test
    void aSuspendedAlgorithmProducesNothingAndItsSuggestionsCannotBeValidated() {
        String login = cast.newPatient();
        PatientId pending = personWithSuggestions(login);
        UUID suggestion = queueOf("medecin", pending).get(0).id();
        String other = cast.newPatient();
        PatientId later = cast.patient(other);
        HygieUser admin = cast.user("admin");
        assertThat(registry.suspend(admin, PreventionReminders.CODE, "Erreur signalée sur une règle").done()).isTrue();
        try {
            GenerationReport r = reminders.generate(List.of(person(later)));
            Outcome validation = reminders.decide(cast.user("medecin"), suggestion, Decision.ACCEPT, null, "ok");

            assertThat(r.ran()).isFalse();
            assertThat(r.refusal()).contains("« suspendu »");
            assertThat(count("patient_id = '" + later.value() + "'")).isZero();
            assertThat(journal.forPatient(later.value(), 0, 500)).as("not even the profile was read")
                    .noneMatch(e -> e.objectType().equals("HYGIE-PROFIL-CODES"));
            assertThat(validation.done()).isFalse();
            assertThat(queueOf("medecin", pending)).isEmpty();
            assertThat(preventionNotifications(pending)).isZero();
            assertThat(registry.suspend(admin, PreventionReminders.CODE, "encore").message()).contains("« suspendu »");
        } finally {
            assertThat(registry.resume(cast.user("comite"), PreventionReminders.CODE, "Règle corrigée").done()).isTrue();
        }
        assertThat(registry.history(registry.byCode(PreventionReminders.CODE).orElseThrow().id()))
                .extracting(AlgorithmChange::kind).contains(AlgorithmChange.Kind.SUSPENDED, AlgorithmChange.Kind.RESUMED);
    }

    @Test
    void theOptOutIsHonouredWhenSuggestionsAreMade() {
        String login = cast.newPatient();
        PatientId id = cast.patient(login);
        assertThat(reminders.optOut(cast.actor(login), id).done()).isTrue();

        GenerationReport r = reminders.generate(List.of(person(id)));

        assertThat(r.skippedOptedOut()).isEqualTo(1);
        assertThat(count("patient_id = '" + id.value() + "'")).isZero();
    }

    @Test
    void theOptOutIsHonouredWhenAValidatedSuggestionIsDelivered() {
        String login = cast.newPatient();
        PatientId id = personWithSuggestions(login);
        UUID suggestion = queueOf("medecin", id).get(0).id();
        reminders.optOut(cast.actor(login), id);

        Outcome o = reminders.decide(cast.user("medecin"), suggestion, Decision.ACCEPT, null, "Conforme.");

        assertThat(o.done()).isTrue();
        assertThat(o.message()).contains("rien ne lui est envoyé");
        assertThat(preventionNotifications(id)).isZero();
        assertThat(reminders.remindersOf(cast.actor(login), id)).hasValue(List.of());
        assertThat(count("id = '" + suggestion + "' AND delivery = 'OPTED_OUT'")).isEqualTo(1);
    }

    @Test
    void anotherPersonCannotSwitchSomeonesMessagesOff() {
        PatientId id = cast.patient(cast.newPatient());
        assertThat(reminders.optOut(cast.actor("patient2"), id).done()).isFalse();
        assertThat(reminders.optedOut(id)).isFalse();
    }

    @Test
    void theCoverageReportCountsPersonsByGroupAndSuppressesSmallCounts() {
        HygieUser admin = cast.user("admin");
        String code = "test-couverture-" + UUID.randomUUID().toString().substring(0, 8);
        registry.register(admin, new NewAlgorithm(code, "Test", "p", "p", "1", "i", "d", "perf", "role", "10"));
        UUID algorithm = registry.byCode(code).orElseThrow().id();
        // 40 women of 50-64 in Île-de-France, 25 reached (one of them with two suggestions, counted once);
        // 12 men of 75+ without digital use, 3 reached by letter.
        for (int i = 0; i < 40; i++) {
            UUID patient = UUID.randomUUID();
            insert(algorithm, patient, "F", "50-64", "Île-de-France", true, i < 25 ? "APP" : null);
            if (i == 0) {
                insert(algorithm, patient, "F", "50-64", "Île-de-France", true, null);
            }
        }
        for (int i = 0; i < 12; i++) {
            insert(algorithm, UUID.randomUUID(), "M", "75+", "Bretagne", false, i < 3 ? "LETTER" : null);
        }

        CoverageReport r = reminders.coverage(algorithm, java.time.Instant.parse("2001-01-01T00:00:00Z"),
                java.time.Instant.parse("2002-01-01T00:00:00Z"));

        assertThat(r.overall().total()).isEqualTo(52);
        assertThat(r.overall().count()).isEqualTo(28);
        GroupFigure women = figure(r, "sexe", "femmes");
        assertThat(women.total()).isEqualTo(40);
        assertThat(women.count()).isEqualTo(25);
        assertThat(women.rateShown()).isEqualTo("63 %");
        GroupFigure men = figure(r, "sexe", "hommes");
        assertThat(men.countShown()).isEqualTo("moins de 11");
        assertThat(men.rateShown()).isEqualTo("non publié");
        assertThat(figure(r, "usage du numérique", "n'utilise pas l'espace numérique").total()).isEqualTo(12);
        assertThat(figure(r, "région", "Île-de-France").count()).isEqualTo(25);
        assertThat(figure(r, "tranche d'âge", "75+").count()).isEqualTo(3);
        assertThat(r.byOutcome()).anySatisfy(o -> {
            assertThat(o.group()).isEqualTo("en attente de validation");
            assertThat(o.count()).isEqualTo(25);
        });
    }

    private static GroupFigure figure(CoverageReport r, String dimension, String group) {
        return r.byGroup().stream().filter(g -> g.dimension().equals(dimension) && g.group().equals(group)).findFirst().orElseThrow();
    }

    private void insert(UUID algorithm, UUID patient, String sex, String band, String region, boolean digital, String delivery) {
        boolean delivered = delivery != null;
        jdbc.sql("""
                INSERT INTO oversight.suggestion (id, algorithm_id, algorithm_version, rule_code, rules_version, patient_id, status,
                    why_text, proposed_text, created_at, decided_at, decided_by_name, decision_reason, delivered_at, delivery,
                    sex, age_band, region, digital_user)
                VALUES (:id, :a, '1', 'depistage-cancer-sein', '2026.1', :p, :status, 'why', 'text', '2001-03-01T10:00:00Z',
                    :decided, :by, :reason, :decided, :delivery, :sex, :band, :region, :digital)""")
                .param("id", UUID.randomUUID()).param("a", algorithm).param("p", patient)
                .param("status", delivered ? "ACCEPTED" : "PENDING")
                .param("decided", delivered ? java.sql.Timestamp.from(java.time.Instant.parse("2001-03-02T10:00:00Z")) : null)
                .param("by", delivered ? "Dr Test" : null).param("reason", delivered ? "ok" : null).param("delivery", delivery)
                .param("sex", sex).param("band", band).param("region", region).param("digital", digital).update();
    }

    private long count(String where) {
        return jdbc.sql("SELECT count(*) FROM oversight.suggestion WHERE " + where).query(Long.class).single();
    }
}
