package fr.hygie.research;

import fr.hygie.access.AccessControl;
import fr.hygie.access.AccessDecision;
import fr.hygie.access.Actor;
import fr.hygie.access.ControlOutcome;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The person's objections to secondary use (droit d'opposition, EHDS art. 71; French "consentement à
 * défaut d'opposition"): default inclusion, objection globally or finely. Kept as a dated history, never
 * overwritten. Changes are made by the person or a representative holding MANAGE_SHARING, decided and
 * journaled by the access module (SETTINGS_CHANGE, object type {@value #OBJECT_TYPE}).
 */
@Service
public class Objections {

    public static final String OBJECT_TYPE = "ResearchObjection";
    static final String NOT_ALLOWED = "Vous ne pouvez pas modifier les choix de recherche de cette personne.";

    /** The person's choices as their page shows them: in force now, and the whole dated history. */
    public record Choices(PatientId person, Set<ObjectionScope> inForce, List<Objection> history) {
        public boolean objects(String code) {
            return inForce.stream().anyMatch(s -> s.code().equals(code));
        }
    }

    private final JdbcClient jdbc;
    private final AccessControl access;
    private final Journal journal;
    private final Clock clock;

    Objections(JdbcClient jdbc, AccessControl access, Journal journal, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Records objections collected outside the platform (a paper form handed in at a counter, a previous
     * system's opposition register) for persons who have no account. Adds to what is in force, never
     * withdraws. Each person's journal shows one SETTINGS_CHANGE by the system actor naming {@code source}.
     */
    @Transactional
    public void importObjections(Map<PatientId, ? extends Collection<ObjectionScope>> objections, String source) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<JournalEntryDraft> drafts = new java.util.ArrayList<>();
        for (var e : objections.entrySet()) {
            Set<ObjectionScope> current = inForceAt(e.getKey(), now);
            for (ObjectionScope scope : e.getValue()) {
                if (!current.contains(scope)) {
                    jdbc.sql("INSERT INTO research.objection (id, patient_id, scope, recorded_at) VALUES (:id, :p, :scope, :at)")
                            .param("id", Ids.newId()).param("p", e.getKey().value()).param("scope", scope.code())
                            .param("at", Timestamp.from(now)).update();
                }
            }
            drafts.add(new JournalEntryDraft(JournalActor.system(source), null, e.getKey().value(), JournalAction.SETTINGS_CHANGE,
                    OBJECT_TYPE, null, JournalDecision.PERMIT, "IMPORTED", JournalChannel.SYSTEM, null));
        }
        journal.appendAll(drafts);
    }

    /**
     * The person's whole dated history of objections (in force and withdrawn), oldest first, for the
     * operator's whole-platform export (« réversibilité »), which its caller has decided and journaled.
     */
    @Transactional(readOnly = true)
    public List<Objection> forExport(PatientId person) {
        List<Objection> h = new java.util.ArrayList<>(history(person));
        java.util.Collections.reverse(h);
        return h;
    }

    static final String IMPORTER = "Import de données (réversibilité)";

    /**
     * Brings back one objection of a person's history from an export, with its dates: the person's own past
     * choice, replayed without a decision (nobody is acting), journaled on the person's chain as an IMPORT by
     * the platform. Idempotent: the same scope recorded at the same instant, or a scope already in force
     * when this one is still in force, is left alone (false). A withdrawal before the objection is refused.
     */
    @Transactional
    public boolean importObjection(PatientId person, ObjectionScope scope, Instant recordedAt, Instant withdrawnAt) {
        if (person == null || scope == null || recordedAt == null) {
            throw new fr.hygie.platform.web.InvalidInput("OBJECTION", null, "Opposition sans personne, périmètre ou date.");
        }
        Instant recorded = recordedAt.truncatedTo(ChronoUnit.MICROS);
        Instant withdrawn = withdrawnAt == null ? null : withdrawnAt.truncatedTo(ChronoUnit.MICROS);
        if (withdrawn != null && withdrawn.isBefore(recorded)) {
            throw new fr.hygie.platform.web.InvalidInput("OBJECTION_PERIOD", "provision.period",
                    "Le retrait d'une opposition ne peut pas précéder l'opposition.");
        }
        boolean same = jdbc.sql("SELECT count(*) FROM research.objection WHERE patient_id = :p AND scope = :s AND recorded_at = :at")
                .param("p", person.value()).param("s", scope.code()).param("at", Timestamp.from(recorded)).query(Long.class).single() > 0;
        if (same || withdrawn == null && inForceAt(person, clock.instant()).contains(scope)) {
            return false;
        }
        jdbc.sql("INSERT INTO research.objection (id, patient_id, scope, recorded_at, withdrawn_at) VALUES (:id, :p, :scope, :at, :w)")
                .param("id", Ids.newId()).param("p", person.value()).param("scope", scope.code()).param("at", Timestamp.from(recorded))
                .param("w", withdrawn == null ? null : Timestamp.from(withdrawn)).update();
        journal.append(new JournalEntryDraft(JournalActor.system(IMPORTER), null, person.value(), JournalAction.IMPORT, OBJECT_TYPE,
                scope.code(), JournalDecision.PERMIT, "PLATFORM_IMPORT", JournalChannel.SYSTEM, null));
        return true;
    }

    /** The choices of {@code person}, for the person or their representative; empty for anyone else (journaled). */
    @Transactional
    public Optional<Choices> choices(Actor actor, PatientId person, JournalChannel channel) {
        if (!personOrRepresentative(actor)) {
            return Optional.empty();
        }
        AccessDecision d = access.checkPatientAction(actor, person, JournalAction.READ, OBJECT_TYPE, channel);
        if (d.denied()) {
            return Optional.empty();
        }
        List<Objection> history = history(person);
        Instant now = clock.instant();
        Set<ObjectionScope> inForce = history.stream().filter(o -> o.inForceAt(now)).map(Objection::scope)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return Optional.of(new Choices(person, inForce, history));
    }

    /**
     * Sets the objections in force to exactly {@code wanted}: new scopes are recorded, scopes no longer
     * wanted are withdrawn, the others stay untouched (their dates kept). One journal entry per call.
     */
    @Transactional
    public ControlOutcome set(Actor actor, PatientId person, Collection<ObjectionScope> wanted, JournalChannel channel) {
        if (!personOrRepresentative(actor)) {
            return ControlOutcome.refused(fr.hygie.access.ReasonCode.ROLE_NEVER_SEES_CONTENT, NOT_ALLOWED);
        }
        AccessDecision d = access.checkPatientAction(actor, person, JournalAction.SETTINGS_CHANGE, OBJECT_TYPE, channel);
        if (d.denied()) {
            return ControlOutcome.refused(d.reason(), NOT_ALLOWED);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Set<String> want = wanted.stream().map(ObjectionScope::code).collect(Collectors.toSet());
        Set<String> current = jdbc.sql("SELECT scope FROM research.objection WHERE patient_id = :p AND withdrawn_at IS NULL FOR UPDATE")
                .param("p", person.value()).query(String.class).list().stream().collect(Collectors.toSet());
        UUID by = actor.user().accountId().value();
        for (String scope : new TreeSet<>(want)) {
            if (!current.contains(scope)) {
                jdbc.sql("""
                        INSERT INTO research.objection (id, patient_id, scope, recorded_at, recorded_by_account_id)
                        VALUES (:id, :p, :scope, :at, :by)""")
                        .param("id", Ids.newId()).param("p", person.value()).param("scope", scope)
                        .param("at", Timestamp.from(now)).param("by", by).update();
            }
        }
        for (String scope : current) {
            if (!want.contains(scope)) {
                jdbc.sql("""
                        UPDATE research.objection SET withdrawn_at = :at, withdrawn_by_account_id = :by
                        WHERE patient_id = :p AND scope = :scope AND withdrawn_at IS NULL""")
                        .param("at", Timestamp.from(now)).param("by", by).param("p", person.value()).param("scope", scope)
                        .update();
            }
        }
        return ControlOutcome.done(d.reason());
    }

    /** Objects to one more scope (the others unchanged). */
    @Transactional
    public ControlOutcome object(Actor actor, PatientId person, ObjectionScope scope, JournalChannel channel) {
        Set<ObjectionScope> wanted = new LinkedHashSet<>(inForceAt(person, clock.instant()));
        wanted.add(scope);
        return set(actor, person, wanted, channel);
    }

    /** Withdraws one objection (the others unchanged). */
    @Transactional
    public ControlOutcome withdraw(Actor actor, PatientId person, ObjectionScope scope, JournalChannel channel) {
        Set<ObjectionScope> wanted = new LinkedHashSet<>(inForceAt(person, clock.instant()));
        wanted.remove(scope);
        return set(actor, person, wanted, channel);
    }

    /** The scopes of this person in force at {@code instant} (for the platform's own checks; no journal). */
    @Transactional(readOnly = true)
    public Set<ObjectionScope> inForceAt(PatientId person, Instant instant) {
        return history(person).stream().filter(o -> o.inForceAt(instant)).map(Objection::scope)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Every objection in force at {@code snapshot}, one row per person and scope, ordered by person: the
     * export the research engine reads before computing a cohort (it then applies {@link ObjectionPolicy}
     * and reports the snapshot it honoured). No name, no NIR: person ids only.
     */
    @Transactional(readOnly = true)
    public List<ObjectionRow> objectionsAt(Instant snapshot) {
        return jdbc.sql("""
                SELECT patient_id, scope, recorded_at FROM research.objection
                WHERE recorded_at <= :s AND (withdrawn_at IS NULL OR withdrawn_at > :s)
                ORDER BY patient_id, scope""")
                .param("s", Timestamp.from(snapshot))
                .query((rs, n) -> new ObjectionRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /**
     * Every person whose objections in force at {@code snapshot} exclude them from a processing of this profile
     * ({@link ObjectionPolicy}): for aggregates over the whole population, such as territorial indicators.
     */
    @Transactional(readOnly = true)
    public Set<UUID> excludedAt(ProjectProfile profile, Instant snapshot) {
        Map<UUID, Set<ObjectionScope>> scopes = new HashMap<>();
        for (ObjectionRow row : objectionsAt(snapshot)) {
            ObjectionScope.parse(row.scope()).ifPresent(s -> scopes.computeIfAbsent(row.personId(), k -> new LinkedHashSet<>()).add(s));
        }
        Set<UUID> excluded = new LinkedHashSet<>();
        scopes.forEach((person, inForce) -> {
            if (ObjectionPolicy.excludes(inForce, profile)) {
                excluded.add(person);
            }
        });
        return excluded;
    }

    /** The scopes in force at {@code snapshot} for each of these persons (absent: no objection). */
    @Transactional(readOnly = true)
    public Map<UUID, Set<ObjectionScope>> inForceAt(Collection<UUID> persons, Instant snapshot) {
        Map<UUID, Set<ObjectionScope>> out = new HashMap<>();
        if (persons.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                SELECT patient_id, scope FROM research.objection
                WHERE patient_id = ANY(:ids) AND recorded_at <= :s AND (withdrawn_at IS NULL OR withdrawn_at > :s)""")
                .param("ids", persons.toArray(UUID[]::new)).param("s", Timestamp.from(snapshot))
                .query(rs -> {
                    UUID person = rs.getObject(1, UUID.class);
                    ObjectionScope.parse(rs.getString(2)).ifPresent(scope ->
                            out.computeIfAbsent(person, k -> new LinkedHashSet<>()).add(scope));
                });
        return out;
    }

    private List<Objection> history(PatientId person) {
        return jdbc.sql("SELECT patient_id, scope, recorded_at, withdrawn_at FROM research.objection WHERE patient_id = :p ORDER BY recorded_at DESC, scope")
                .param("p", person.value()).query(Objections::objection).list().stream()
                .filter(o -> o != null).toList();
    }

    private static Objection objection(ResultSet rs, int n) throws SQLException {
        Optional<ObjectionScope> scope = ObjectionScope.parse(rs.getString("scope"));
        if (scope.isEmpty()) {
            return null;
        }
        Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        return new Objection(new PatientId(rs.getObject("patient_id", UUID.class)), scope.get(),
                rs.getTimestamp("recorded_at").toInstant(), Optional.ofNullable(withdrawn).map(Timestamp::toInstant));
    }

    private static boolean personOrRepresentative(Actor actor) {
        Role role = actor.user().role();
        return role == Role.PATIENT || role == Role.REPRESENTATIVE;
    }
}
