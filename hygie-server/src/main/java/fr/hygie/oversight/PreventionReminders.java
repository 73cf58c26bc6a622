package fr.hygie.oversight;

import fr.hygie.access.AccessControl;
import fr.hygie.access.Actor;
import fr.hygie.access.CareTeam;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Patient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.notifications.Notifications;
import fr.hygie.notifications.Outbox;
import fr.hygie.notifications.OutboxChannel;
import fr.hygie.oversight.SuggestionStatus.Decision;
import fr.hygie.platform.Ids;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.ProfileItem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first supervised algorithm: prevention reminders (rappels de prévention) from the French public
 * calendars ({@link PreventionRules}, a versioned data file). It reads coded profile lines through the
 * record module's platform API (journaled in each person's journal), stores each suggestion with its
 * algorithm version, rules version and « pourquoi » text, and routes it to the person's médecin traitant
 * or, without one, to the professional the admin designated.
 *
 * <p>Nothing reaches a person before a professional of the required profession accepted (or edited) it
 * (EU AI Act art. 14; CSP L4001-3): only {@link #decide} delivers, and the table refuses a delivery
 * without a named decider. The person's opt-out (« ne plus recevoir de messages de prévention », no
 * reason asked) is honoured when suggestions are made and again when one is delivered.
 *
 * <p>What the person receives: a prevention reminder inevitably names the screening or vaccine, so the
 * text is the invitation of the public programme and nothing more: never a result, a value, a diagnosis
 * or the profile lines that made it due (those stay behind « pourquoi ce message ? », inside the
 * logged-in space). Digital users get an in-app notification; others a letter through the outbox. Never
 * an SMS (read over shoulders, kept on shared phones) and never an e-mail (we do not control its
 * storage): those channels carry only the generic notifications of the notifications module.
 */
@Service
public class PreventionReminders {

    public static final String CODE = "rappels-prevention";
    public static final String NAME = "Rappels de prévention (calendriers publics)";
    static final String SUGGESTION = "PreventionSuggestion";
    static final String REMINDER = "PreventionReminder";
    /** What a representative reads (VIEW_DOCUMENTS) or changes (MANAGE_SHARING) in the access policy. */
    public static final String PREVENTION_SCOPE = "HYGIE-PREVENTION";
    static final String NOTIFICATION_KIND = "PREVENTION";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final JdbcClient jdbc;
    private final AlgorithmRegistry registry;
    private final MedicalProfile profile;
    private final CareTeam careTeam;
    private final Patients patients;
    private final Professionals professionals;
    private final AccessControl access;
    private final Notifications notifications;
    private final Outbox outbox;
    private final Journal journal;
    private final Clock clock;
    private final PreventionRules rules = PreventionRules.shipped();
    private final Territories territories = Territories.shipped();

    PreventionReminders(JdbcClient jdbc, AlgorithmRegistry registry, MedicalProfile profile, CareTeam careTeam, Patients patients,
            Professionals professionals, AccessControl access, Notifications notifications, Outbox outbox, Journal journal, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.profile = profile;
        this.careTeam = careTeam;
        this.patients = patients;
        this.professionals = professionals;
        this.access = access;
        this.notifications = notifications;
        this.outbox = outbox;
        this.journal = journal;
        this.clock = clock;
    }

    public PreventionRules rules() {
        return rules;
    }

    /** The registry sheet an admin starts from when registering this algorithm. */
    public NewAlgorithm registrySheet() {
        return new NewAlgorithm(CODE, NAME,
                "Proposer à chaque personne les dépistages organisés, vaccinations, examens de l'enfant et examens bucco-dentaires "
                        + "recommandés par les calendriers publics et qui n'apparaissent pas dans son profil, pour que son médecin "
                        + "traitant décide s'il faut l'inviter.",
                "Hygie (logiciel libre), règles écrites à partir des calendriers publics",
                rules.version(),
                "Sexe et date de naissance (identité), lignes codées du profil médical : codes CIM-10, ATC, LOINC, CCAM et NGAP "
                        + "avec leur date (jamais les notes ni les valeurs mesurées), médecin traitant déclaré.",
                "Système à règles sans apprentissage : les règles (fichier « " + PreventionRules.RESOURCE + " », version "
                        + rules.version() + ") reprennent le calendrier des vaccinations, les programmes de dépistage organisé "
                        + "de l'INCa et de l'Assurance maladie, les examens obligatoires de l'enfant et M'T dents. Validées par "
                        + "relecture du comité contre ces sources et par des tests sur des profils construits.",
                "Exactitude des règles vérifiée par tests (âges limites, intervalles, exclusions). Performance en usage : part des "
                        + "propositions acceptées par les médecins, publiée ci-dessous par sexe, âge et région.",
                "Médecin traitant (ou médecin désigné par l'administration) pour chaque proposition ; comité d'évaluation pour "
                        + "l'algorithme",
                "10");
    }

    // ------------------------------------------------------------------ generation (platform job)

    /**
     * Evaluates the rules for these persons and stores the due suggestions, waiting for validation.
     * Produces nothing, and reads nothing, unless the algorithm is registered and active.
     */
    @Transactional
    public GenerationReport generate(List<Patient> persons) {
        Optional<Algorithm> found = registry.byCode(CODE);
        if (found.isEmpty()) {
            return GenerationReport.notRun(Outcome.Wording.RUN_NOT_REGISTERED);
        }
        Algorithm algorithm = found.get();
        if (!algorithm.active()) {
            return GenerationReport.notRun(Outcome.Wording.RUN_NOT_ACTIVE, algorithm.status());
        }
        if (persons.isEmpty()) {
            return new GenerationReport(true, null, 0, 0, 0);
        }
        List<PatientId> ids = persons.stream().map(Patient::id).toList();
        Set<PatientId> optedOut = optedOut(ids);
        List<Patient> considered = persons.stream().filter(p -> !optedOut.contains(p.id())).toList();
        List<PatientId> consideredIds = considered.stream().map(Patient::id).toList();
        Map<PatientId, List<ProfileItem>> items = profile.codedItemsForSupervisedAlgorithm(consideredIds,
                NAME + " " + algorithm.version(), "Recherche des rappels de prévention dus (algorithme supervisé)");
        Map<PatientId, ProfessionalId> treating = careTeam.treatingPhysiciansOf(consideredIds);
        Map<PatientId, Set<String>> recent = recentRules(consideredIds);
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        Instant now = now();
        List<JournalEntryDraft> entries = new ArrayList<>();
        int created = 0;
        for (Patient p : considered) {
            PersonFacts facts = new PersonFacts(p.sex(), p.birthDate(), items.getOrDefault(p.id(), List.of()).stream()
                    .map(i -> new PersonFacts.CodedFact(i.codeSystem(), i.code(), i.date())).toList());
            Optional<ProfessionalId> validator = Optional.ofNullable(treating.get(p.id())).or(algorithm::designatedProfessional);
            for (DueReminder due : rules.due(facts, today)) {
                if (recent.getOrDefault(p.id(), Set.of()).contains(due.rule().code())) {
                    continue;
                }
                UUID id = Ids.newId();
                jdbc.sql("""
                        INSERT INTO oversight.suggestion (id, algorithm_id, algorithm_version, rule_code, rules_version, patient_id,
                            validator_professional_id, status, why_text, proposed_text, created_at, sex, age_band, region, digital_user)
                        VALUES (:id, :a, :v, :rule, :rv, :p, :validator, :status, :why, :text, :now, :sex, :band, :region, :digital)""")
                        .param("id", id).param("a", algorithm.id()).param("v", algorithm.version()).param("rule", due.rule().code())
                        .param("rv", rules.version()).param("p", p.id().value())
                        .param("validator", validator.map(ProfessionalId::value).orElse(null))
                        .param("status", validator.isPresent() ? "PENDING" : "UNASSIGNED").param("why", due.why())
                        .param("text", due.rule().invitation()).param("now", Timestamp.from(now))
                        .param("sex", p.sex() == null ? "I" : p.sex()).param("band", Territories.ageBand(p.ageOn(today)))
                        .param("region", territories.region(p.communeInsee())).param("digital", p.digitalUser())
                        .update();
                entries.add(new JournalEntryDraft(JournalActor.system(NAME + " " + algorithm.version()), null, p.id().value(),
                        JournalAction.CREATE, SUGGESTION, id.toString(), JournalDecision.PERMIT, due.rule().code(),
                        JournalChannel.SYSTEM, "Proposition en attente de validation par un professionnel"));
                created++;
            }
        }
        journal.appendAll(entries);
        return new GenerationReport(true, null, considered.size(), optedOut.size(), created);
    }

    /** Rules already proposed to a person: still open, or decided within the last 12 months (no nagging). */
    private Map<PatientId, Set<String>> recentRules(List<PatientId> ids) {
        Map<PatientId, Set<String>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                SELECT patient_id, rule_code FROM oversight.suggestion
                WHERE patient_id IN (:ps) AND (status IN ('PENDING', 'UNASSIGNED') OR decided_at > :since)""")
                .param("ps", ids.stream().map(PatientId::value).toList())
                .param("since", Timestamp.from(clock.instant().minus(365, ChronoUnit.DAYS)))
                .query((rs, n) -> out.computeIfAbsent(new PatientId(rs.getObject(1, UUID.class)), k -> new HashSet<>()).add(rs.getString(2)))
                .list();
        return out;
    }

    // ------------------------------------------------------------------ validation by a professional

    /**
     * The validation queue (file de validation) of a professional: pending suggestions for persons whose
     * médecin traitant they still are, or for whom the admin designated them; none while the algorithm
     * is not active. Showing them is journaled in each person's journal.
     */
    @Transactional
    public List<PendingSuggestion> queueFor(HygieUser pro, int limit) {
        if (pro.role() != Role.PROFESSIONAL || pro.professionalId().isEmpty()) {
            return List.of();
        }
        ProfessionalId me = pro.professionalId().get();
        record Row(UUID id, PatientId patient, String rule, String why, String text, String algorithmName, String version,
                Instant createdAt, UUID algorithmId) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT s.id, s.patient_id, s.rule_code, s.why_text, s.proposed_text, a.name, s.algorithm_version, s.created_at, a.id
                FROM oversight.suggestion s JOIN oversight.algorithm a ON a.id = s.algorithm_id
                WHERE s.validator_professional_id = :me AND s.status = 'PENDING' AND a.status = 'ACTIVE'
                ORDER BY s.created_at, s.id LIMIT :limit""")
                .param("me", me.value()).param("limit", limit)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                        rs.getObject(9, UUID.class)))
                .list();
        Map<PatientId, ProfessionalId> treating = careTeam.treatingPhysiciansOf(rows.stream().map(Row::patient).distinct().toList());
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        List<PendingSuggestion> out = new ArrayList<>();
        List<JournalEntryDraft> entries = new ArrayList<>();
        JournalActor actor = new JournalActor(pro.accountId().value(), pro.displayName(), pro.role().name());
        for (Row r : rows) {
            if (!entitled(me, r.patient(), treating, r.algorithmId())) {
                continue;
            }
            Optional<Patient> person = patients.byId(r.patient());
            if (person.isEmpty()) {
                continue;
            }
            out.add(new PendingSuggestion(r.id(), r.patient(), person.get().displayName(), person.get().ageOn(today),
                    rules.rule(r.rule()).map(PreventionRule::name).orElse(r.rule()), r.why(), r.text(), r.algorithmName(), r.version(),
                    r.createdAt()));
            entries.add(new JournalEntryDraft(actor, null, r.patient().value(), JournalAction.READ, SUGGESTION, r.id().toString(),
                    JournalDecision.PERMIT, "VALIDATOR", JournalChannel.WEB, null));
        }
        journal.appendAll(entries);
        return out;
    }

    /**
     * A professional accepts, edits or rejects a suggestion, always with a reason. Accepted (or edited)
     * suggestions are delivered at once, unless the person opted out meanwhile; rejected ones never
     * reach the person. Refused (nothing changes) when the algorithm is not active, when the
     * professional is not (or no longer) the person's validator, or when the suggestion was decided.
     */
    @Transactional
    public Outcome decide(HygieUser pro, UUID suggestionId, Decision decision, String editedText, String reason) {
        if (pro.role() != Role.PROFESSIONAL || pro.professionalId().isEmpty() || decision == null || suggestionId == null) {
            return Outcome.refused(Outcome.Wording.NOT_YOUR_SUGGESTION);
        }
        ProfessionalId me = pro.professionalId().get();
        record Row(PatientId patient, UUID validator, SuggestionStatus status, UUID algorithmId, String rule, String text) {
        }
        Optional<Row> found = jdbc.sql("""
                SELECT patient_id, validator_professional_id, status, algorithm_id, rule_code, proposed_text
                FROM oversight.suggestion WHERE id = :id FOR UPDATE""")
                .param("id", suggestionId)
                .query((rs, n) -> new Row(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class),
                        SuggestionStatus.valueOf(rs.getString(3)), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6)))
                .optional();
        // The same answer for an unknown suggestion and someone else's: a queue reveals nothing about others' patients.
        if (found.isEmpty() || !me.value().equals(found.get().validator())) {
            return Outcome.refused(Outcome.Wording.NOT_IN_YOUR_QUEUE);
        }
        Row s = found.get();
        Algorithm algorithm = registry.byId(s.algorithmId()).orElseThrow();
        if (!algorithm.active()) {
            return Outcome.refused(Outcome.Wording.ALGORITHM_NOT_ACTIVE, algorithm.status());
        }
        if (!entitled(me, s.patient(), careTeam.treatingPhysiciansOf(List.of(s.patient())), s.algorithmId())) {
            return Outcome.refused(Outcome.Wording.NO_LONGER_VALIDATOR);
        }
        String profession = professionals.byId(me).map(p -> p.professionCode()).orElse("");
        if (!algorithm.validatorProfession().equals(profession)) {
            return Outcome.refused(Outcome.Wording.WRONG_PROFESSION);
        }
        if (s.status().refusalToDecide().isPresent()) {
            return Outcome.refused(Outcome.Wording.SUGGESTION_DECIDED, s.status());
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            return Outcome.refused(Outcome.Wording.DECISION_REASON);
        }
        String text = s.text();
        // A text changed under « accepter » is an edit: what the person receives is what the professional wrote.
        if (decision == Decision.ACCEPT && editedText != null && !editedText.isBlank() && !editedText.strip().equals(text.strip())) {
            decision = Decision.EDIT;
        }
        if (decision == Decision.EDIT) {
            if (editedText == null || editedText.isBlank() || editedText.length() > 1000) {
                return Outcome.refused(Outcome.Wording.EDITED_TEXT_REQUIRED);
            }
            text = editedText.strip();
        }
        SuggestionStatus next = SuggestionStatus.after(decision);
        Instant now = now();
        jdbc.sql("""
                UPDATE oversight.suggestion SET status = :s, final_text = :t, decided_at = :now, decided_by_account = :acc,
                    decided_by_name = :name, decision_reason = :reason WHERE id = :id""")
                .param("s", next.name()).param("t", next == SuggestionStatus.REJECTED ? null : text).param("now", Timestamp.from(now))
                .param("acc", pro.accountId().value()).param("name", pro.displayName()).param("reason", reason.strip())
                .param("id", suggestionId).update();
        journal.append(new JournalEntryDraft(new JournalActor(pro.accountId().value(), pro.displayName(), pro.role().name()), null,
                s.patient().value(), JournalAction.UPDATE, SUGGESTION, suggestionId.toString(), JournalDecision.PERMIT, next.name(),
                JournalChannel.WEB, reason.strip()));
        if (next == SuggestionStatus.REJECTED) {
            return Outcome.done(Outcome.Wording.REJECTED);
        }
        return deliver(suggestionId, s.patient(), s.rule(), text, pro.displayName());
    }

    private boolean entitled(ProfessionalId me, PatientId patient, Map<PatientId, ProfessionalId> treating, UUID algorithmId) {
        if (me.equals(treating.get(patient))) {
            return true;
        }
        return registry.byId(algorithmId).flatMap(Algorithm::designatedProfessional).filter(me::equals).isPresent()
                && !treating.containsKey(patient);
    }

    private Outcome deliver(UUID suggestionId, PatientId patient, String rule, String text, String validatedBy) {
        JournalActor platform = JournalActor.system("Hygie — envoi des rappels de prévention");
        Instant now = now();
        if (optedOut(List.of(patient)).contains(patient)) {
            markDelivered(suggestionId, "OPTED_OUT", now);
            journal.append(new JournalEntryDraft(platform, null, patient.value(), JournalAction.SHARE, REMINDER, suggestionId.toString(),
                    JournalDecision.DENY, "OPTED_OUT", JournalChannel.SYSTEM, null));
            return Outcome.done(Outcome.Wording.ACCEPTED_OPTED_OUT);
        }
        Patient person = patients.byId(patient).orElseThrow();
        String delivery;
        if (person.digitalUser()) {
            notifications.post(patient, NOTIFICATION_KIND, "Rappel de prévention : " + text + " Proposé par un algorithme, validé par "
                    + validatedBy + ". Pourquoi ce message ? Voir « Mes rappels de prévention ».");
            delivery = "APP";
        } else {
            // The letter goes to the postal address of the register; without one, the counter hands it over.
            String address = patients.contact(patient).postalAddress();
            outbox.enqueue(OutboxChannel.LETTER, patient.value(),
                    person.displayName() + ", " + (address != null ? address : "à remettre au guichet (pas d'adresse postale connue)"),
                    "Un rappel de prévention validé par " + validatedBy,
                    "Bonjour,\n\n" + text + "\n\nCe rappel a été proposé par un algorithme à partir des calendriers publics de "
                            + "prévention, puis relu et validé par " + validatedBy + ". Pourquoi ce courrier ? Votre âge, et l'absence "
                            + "de cet examen ou de ce vaccin dans votre espace santé, le rendent recommandé.\n\n"
                            + "Pour ne plus recevoir de courriers de prévention, sans avoir à donner de raison : dites-le à un "
                            + "espace France services, à un accueil de l'Assurance maladie, ou demandez à parler à une personne.",
                    now);
            delivery = "LETTER";
        }
        markDelivered(suggestionId, delivery, now);
        journal.append(new JournalEntryDraft(platform, null, patient.value(), JournalAction.SHARE, REMINDER, suggestionId.toString(),
                JournalDecision.PERMIT, "DELIVERED_" + delivery, JournalChannel.SYSTEM, rule));
        return Outcome.done("APP".equals(delivery) ? Outcome.Wording.DELIVERED_APP : Outcome.Wording.DELIVERED_LETTER);
    }

    private void markDelivered(UUID id, String delivery, Instant at) {
        jdbc.sql("UPDATE oversight.suggestion SET delivery = :d, delivered_at = :at WHERE id = :id")
                .param("d", delivery).param("at", Timestamp.from(at)).param("id", id).update();
    }

    // ------------------------------------------------------------------ the person

    /** The reminders a person received, newest first, when the actor may read them (journaled); empty otherwise. */
    @Transactional
    public Optional<List<DeliveredReminder>> remindersOf(Actor actor, PatientId patient) {
        if (access.checkPatientAction(actor, patient, JournalAction.READ, PREVENTION_SCOPE, JournalChannel.WEB).denied()) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("""
                SELECT s.rule_code, s.final_text, s.why_text, a.name, s.algorithm_version, s.decided_by_name, s.status, s.decided_at,
                       s.delivery
                FROM oversight.suggestion s JOIN oversight.algorithm a ON a.id = s.algorithm_id
                WHERE s.patient_id = :p AND s.delivery IN ('APP', 'LETTER') ORDER BY s.delivered_at DESC""")
                .param("p", patient.value())
                .query((rs, n) -> {
                    Optional<PreventionRule> rule = rules.rule(rs.getString(1));
                    return new DeliveredReminder(rule.map(PreventionRule::name).orElse(rs.getString(1)), rs.getString(2), rs.getString(3),
                            rule.map(PreventionRule::source).orElse(""), rs.getString(4), rs.getString(5), rs.getString(6),
                            "EDITED".equals(rs.getString(7)), rs.getTimestamp(8).toInstant(), rs.getString(9));
                }).list());
    }

    public boolean optedOut(PatientId patient) {
        return optedOut(List.of(patient)).contains(patient);
    }

    /** Switches prevention messages off, at once and without a reason (the person, or a MANAGE_SHARING representative). */
    @Transactional
    public Outcome optOut(Actor actor, PatientId patient) {
        if (access.checkPatientAction(actor, patient, JournalAction.SETTINGS_CHANGE, PREVENTION_SCOPE, JournalChannel.WEB).denied()) {
            return Outcome.refused(Outcome.Wording.CANNOT_CHANGE_SETTING);
        }
        jdbc.sql("INSERT INTO oversight.prevention_opt_out (patient_id, at, by_name) VALUES (:p, :at, :by) ON CONFLICT DO NOTHING")
                .param("p", patient.value()).param("at", Timestamp.from(now())).param("by", actor.user().displayName()).update();
        return Outcome.done(Outcome.Wording.OPTED_OUT);
    }

    @Transactional
    public Outcome optIn(Actor actor, PatientId patient) {
        if (access.checkPatientAction(actor, patient, JournalAction.SETTINGS_CHANGE, PREVENTION_SCOPE, JournalChannel.WEB).denied()) {
            return Outcome.refused(Outcome.Wording.CANNOT_CHANGE_SETTING);
        }
        jdbc.sql("DELETE FROM oversight.prevention_opt_out WHERE patient_id = :p").param("p", patient.value()).update();
        return Outcome.done(Outcome.Wording.OPTED_IN);
    }

    private Set<PatientId> optedOut(List<PatientId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT patient_id FROM oversight.prevention_opt_out WHERE patient_id IN (:ps)")
                .param("ps", ids.stream().map(PatientId::value).toList())
                .query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list());
    }

    // ------------------------------------------------------------------ coverage

    /**
     * Who the reminders reach and who they miss, over the suggestions made in {@code [from, to)}:
     * per person (one line per person, demographics of their latest suggestion), reached when at least
     * one reminder was delivered in the app or by letter. Computed in SQL; small counts suppressed on
     * display ({@link SmallCounts}).
     */
    public CoverageReport coverage(UUID algorithmId, Instant from, Instant to) {
        List<GroupFigure> rows = jdbc.sql("""
                WITH person AS (
                    SELECT patient_id,
                           (array_agg(sex ORDER BY created_at DESC))[1] AS sex,
                           (array_agg(age_band ORDER BY created_at DESC))[1] AS age_band,
                           (array_agg(region ORDER BY created_at DESC))[1] AS region,
                           (array_agg(digital_user ORDER BY created_at DESC))[1] AS digital_user,
                           bool_or(delivery IN ('APP', 'LETTER')) AS reached
                    FROM oversight.suggestion
                    WHERE algorithm_id = :a AND created_at >= :from AND created_at < :to
                    GROUP BY patient_id)
                SELECT CASE WHEN GROUPING(sex) = 0 THEN 'sexe' WHEN GROUPING(age_band) = 0 THEN 'tranche d''âge'
                            WHEN GROUPING(region) = 0 THEN 'région' WHEN GROUPING(digital_user) = 0 THEN 'usage du numérique'
                            ELSE 'ensemble' END AS dim,
                       CASE WHEN GROUPING(sex) = 0 THEN CASE sex WHEN 'F' THEN 'femmes' WHEN 'M' THEN 'hommes' ELSE 'indéterminé' END
                            WHEN GROUPING(age_band) = 0 THEN age_band
                            WHEN GROUPING(region) = 0 THEN region
                            WHEN GROUPING(digital_user) = 0 THEN CASE WHEN digital_user THEN 'utilise l''espace numérique'
                                                                     ELSE 'n''utilise pas l''espace numérique' END
                            ELSE 'toutes les personnes' END AS grp,
                       count(*) AS total, count(*) FILTER (WHERE reached) AS reached
                FROM person
                GROUP BY GROUPING SETS ((), (sex), (age_band), (region), (digital_user))
                ORDER BY GROUPING(sex), GROUPING(age_band), GROUPING(region), GROUPING(digital_user), 2""")
                .param("a", algorithmId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new GroupFigure(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
        GroupFigure overall = rows.stream().filter(r -> r.dimension().equals("ensemble")).findFirst()
                .orElse(new GroupFigure("ensemble", "toutes les personnes", 0, 0));
        List<GroupFigure> groups = rows.stream().filter(r -> !r.dimension().equals("ensemble")).toList();
        List<GroupFigure> outcomes = jdbc.sql("""
                SELECT CASE WHEN delivery = 'APP' THEN 'reçu dans l''espace numérique'
                            WHEN delivery = 'LETTER' THEN 'reçu par courrier'
                            WHEN delivery = 'OPTED_OUT' THEN 'accepté, non envoyé : messages désactivés par la personne'
                            WHEN status = 'REJECTED' THEN 'refusé par le médecin'
                            WHEN status = 'PENDING' THEN 'en attente de validation'
                            ELSE 'sans médecin pour le valider' END AS outcome,
                       count(*) AS n, sum(count(*)) OVER () AS total
                FROM oversight.suggestion
                WHERE algorithm_id = :a AND created_at >= :from AND created_at < :to
                GROUP BY 1 ORDER BY 1""")
                .param("a", algorithmId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new GroupFigure("issue", rs.getString(1), rs.getLong(3), rs.getLong(2)))
                .list();
        return new CoverageReport(overall, groups, outcomes);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
