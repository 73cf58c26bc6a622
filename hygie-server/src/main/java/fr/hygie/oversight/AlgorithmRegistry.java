package fr.hygie.oversight;

import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public registry of the platform's algorithms (registre des algorithmes) and their supervision:
 * an admin registers an algorithm or a new version, a reviewer approves it, an admin or a reviewer
 * suspends it (at once: the status is read by every run and every validation), a reviewer resumes it.
 * Each change is a history row and a journal entry; refusals are values naming the current state.
 */
@Service
public class AlgorithmRegistry {

    static final String OBJECT_TYPE = "Algorithm";

    private final JdbcClient jdbc;
    private final Journal journal;
    private final Professionals professionals;
    private final Clock clock;

    AlgorithmRegistry(JdbcClient jdbc, Journal journal, Professionals professionals, Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.professionals = professionals;
        this.clock = clock;
    }

    public List<Algorithm> all() {
        return jdbc.sql(SELECT + " ORDER BY name").query(AlgorithmRegistry::map).list();
    }

    public Optional<Algorithm> byCode(String code) {
        return jdbc.sql(SELECT + " WHERE code = :c").param("c", code).query(AlgorithmRegistry::map).optional();
    }

    public Optional<Algorithm> byId(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(AlgorithmRegistry::map).optional();
    }

    /** The history, oldest first. */
    public List<AlgorithmChange> history(UUID algorithmId) {
        return jdbc.sql("SELECT at, kind, version, actor_name, actor_role, detail FROM oversight.algorithm_change "
                        + "WHERE algorithm_id = :a ORDER BY at, id")
                .param("a", algorithmId)
                .query((rs, n) -> new AlgorithmChange(rs.getTimestamp(1).toInstant(), AlgorithmChange.Kind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    /** An admin registers an algorithm, or a new version of a registered one (which then waits for approval again). */
    @Transactional
    public Outcome register(HygieUser admin, NewAlgorithm a) {
        if (admin.role() != Role.ADMIN) {
            return Outcome.refused(Outcome.Wording.ONLY_ADMIN_REGISTERS);
        }
        Optional<Outcome.Wording> invalid = invalid(a);
        if (invalid.isPresent()) {
            return Outcome.refused(invalid.get());
        }
        Instant now = now();
        Optional<Algorithm> known = byCode(a.code().strip());
        if (known.isPresent()) {
            if (known.get().version().equals(a.version().strip())) {
                return Outcome.refused(Outcome.Wording.VERSION_EXISTS, a.version().strip());
            }
            jdbc.sql("""
                    UPDATE oversight.algorithm SET name = :name, purpose = :purpose, provider = :provider, version = :version,
                        inputs = :inputs, training_data = :data, performance = :perf, supervisor_role = :role,
                        validator_profession = :prof, status = 'PROPOSED', status_changed_at = :now WHERE id = :id""")
                    .param("id", known.get().id()).params(fields(a)).param("now", Timestamp.from(now)).update();
            change(admin, known.get().id(), AlgorithmChange.Kind.NEW_VERSION, a.version().strip(),
                    "Version précédente : " + known.get().version() + ".");
            return Outcome.done(Outcome.Wording.NEW_VERSION_REGISTERED);
        }
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO oversight.algorithm (id, code, name, purpose, provider, version, inputs, training_data, performance,
                    supervisor_role, validator_profession, status, created_at, status_changed_at)
                VALUES (:id, :code, :name, :purpose, :provider, :version, :inputs, :data, :perf, :role, :prof, 'PROPOSED', :now, :now)""")
                .param("id", id).param("code", a.code().strip()).params(fields(a)).param("now", Timestamp.from(now)).update();
        change(admin, id, AlgorithmChange.Kind.REGISTERED, a.version().strip(), null);
        return Outcome.done(Outcome.Wording.REGISTERED);
    }

    /** A reviewer (comité d'évaluation) approves the registered version. */
    @Transactional
    public Outcome approve(HygieUser reviewer, String code, String note) {
        if (reviewer.role() != Role.REVIEWER) {
            return Outcome.refused(Outcome.Wording.ONLY_REVIEWER_APPROVES);
        }
        return move(reviewer, code, AlgorithmChange.Kind.APPROVED, note, Outcome.Wording.APPROVED);
    }

    /** Stops the algorithm at once: nothing is produced and nothing pending can be validated until a reviewer resumes it. */
    @Transactional
    public Outcome suspend(HygieUser user, String code, String reason) {
        if (user.role() != Role.ADMIN && user.role() != Role.REVIEWER) {
            return Outcome.refused(Outcome.Wording.ONLY_ADMIN_OR_REVIEWER_SUSPENDS);
        }
        if (reason == null || reason.isBlank()) {
            return Outcome.refused(Outcome.Wording.SUSPENSION_REASON);
        }
        return move(user, code, AlgorithmChange.Kind.SUSPENDED, reason, Outcome.Wording.SUSPENDED);
    }

    @Transactional
    public Outcome resume(HygieUser reviewer, String code, String note) {
        if (reviewer.role() != Role.REVIEWER) {
            return Outcome.refused(Outcome.Wording.ONLY_REVIEWER_RESUMES);
        }
        return move(reviewer, code, AlgorithmChange.Kind.RESUMED, note, Outcome.Wording.RESUMED);
    }

    /**
     * An admin designates the professional who validates outputs for persons without a médecin traitant
     * (e.g. a physician of the centre régional de coordination des dépistages des cancers).
     */
    @Transactional
    public Outcome designateValidator(HygieUser admin, String code, ProfessionalId professional) {
        if (admin.role() != Role.ADMIN) {
            return Outcome.refused(Outcome.Wording.ONLY_ADMIN_DESIGNATES);
        }
        Optional<Algorithm> a = lockedByCode(code);
        if (a.isEmpty()) {
            return Outcome.refused(Outcome.Wording.UNKNOWN_ALGORITHM);
        }
        Optional<Professional> pro = professional == null ? Optional.empty() : professionals.byId(professional);
        if (pro.isEmpty()) {
            return Outcome.refused(Outcome.Wording.UNKNOWN_PROFESSIONAL);
        }
        if (!a.get().validatorProfession().equals(pro.get().professionCode())) {
            return Outcome.refused(Outcome.Wording.WRONG_PROFESSION_TO_DESIGNATE);
        }
        String name = pro.get().givenName() + " " + pro.get().familyName();
        jdbc.sql("UPDATE oversight.algorithm SET designated_professional_id = :p, designated_professional_name = :n WHERE id = :id")
                .param("p", professional.value()).param("n", name).param("id", a.get().id()).update();
        // Suggestions that waited for lack of a validator now go to the designated professional's queue.
        jdbc.sql("UPDATE oversight.suggestion SET validator_professional_id = :p, status = 'PENDING' "
                        + "WHERE algorithm_id = :a AND status = 'UNASSIGNED'")
                .param("p", professional.value()).param("a", a.get().id()).update();
        change(admin, a.get().id(), AlgorithmChange.Kind.VALIDATOR_DESIGNATED, a.get().version(), name + " (RPPS " + pro.get().rpps() + ")");
        return Outcome.done(Outcome.Wording.VALIDATOR_DESIGNATED, name);
    }

    /**
     * Bias evaluation computed on the platform's own data: among the suggestions a human decided on,
     * the share accepted (as is or edited), by sex, age band and région. A group where humans reject the
     * algorithm more often is where it errs more. Small counts suppressed.
     */
    public List<GroupFigure> acceptanceByGroup(UUID algorithmId) {
        return jdbc.sql("""
                SELECT CASE WHEN GROUPING(sex) = 0 THEN 'sexe' WHEN GROUPING(age_band) = 0 THEN 'tranche d''âge' ELSE 'région' END AS dim,
                       COALESCE(CASE sex WHEN 'F' THEN 'femmes' WHEN 'M' THEN 'hommes' ELSE NULL END, age_band, region, 'indéterminé') AS grp,
                       count(*) AS total, count(*) FILTER (WHERE status IN ('ACCEPTED', 'EDITED')) AS accepted
                FROM oversight.suggestion
                WHERE algorithm_id = :a AND status IN ('ACCEPTED', 'EDITED', 'REJECTED')
                GROUP BY GROUPING SETS ((sex), (age_band), (region))
                ORDER BY 1 DESC, 2""")
                .param("a", algorithmId)
                .query((rs, n) -> new GroupFigure(rs.getString("dim"), rs.getString("grp"), rs.getLong("total"), rs.getLong("accepted")))
                .list();
    }

    private Outcome move(HygieUser user, String code, AlgorithmChange.Kind kind, String note, Outcome.Wording doneMessage) {
        Optional<Algorithm> a = lockedByCode(code);
        if (a.isEmpty()) {
            return Outcome.refused(Outcome.Wording.UNKNOWN_ALGORITHM);
        }
        AlgorithmStatus from = a.get().status();
        Optional<AlgorithmStatus> to = from.after(kind);
        if (to.isEmpty()) {
            return Outcome.refused(Outcome.Wording.valueOf("ILLEGAL_" + kind.name()), from);
        }
        jdbc.sql("UPDATE oversight.algorithm SET status = :s, status_changed_at = :now WHERE id = :id")
                .param("s", to.get().name()).param("now", Timestamp.from(now())).param("id", a.get().id()).update();
        change(user, a.get().id(), kind, a.get().version(), note == null || note.isBlank() ? null : note.strip());
        return Outcome.done(doneMessage);
    }

    private Optional<Algorithm> lockedByCode(String code) {
        return jdbc.sql(SELECT + " WHERE code = :c FOR UPDATE").param("c", code == null ? "" : code).query(AlgorithmRegistry::map).optional();
    }

    private void change(HygieUser user, UUID algorithmId, AlgorithmChange.Kind kind, String version, String detail) {
        jdbc.sql("""
                INSERT INTO oversight.algorithm_change (id, algorithm_id, at, kind, version, actor_account, actor_name, actor_role, detail)
                VALUES (:id, :a, :at, :kind, :v, :acc, :name, :role, :detail)""")
                .param("id", Ids.newId()).param("a", algorithmId).param("at", Timestamp.from(now())).param("kind", kind.name())
                .param("v", version).param("acc", user.accountId().value()).param("name", user.displayName())
                .param("role", user.role().name()).param("detail", detail).update();
        journal.append(new JournalEntryDraft(new JournalActor(user.accountId().value(), user.displayName(), user.role().name()),
                null, null, kind == AlgorithmChange.Kind.REGISTERED || kind == AlgorithmChange.Kind.NEW_VERSION
                        ? JournalAction.CREATE : JournalAction.UPDATE,
                OBJECT_TYPE, algorithmId.toString(), JournalDecision.PERMIT, kind.name(), JournalChannel.WEB, detail));
    }

    private static Optional<Outcome.Wording> invalid(NewAlgorithm a) {
        if (blank(a.code()) || !a.code().strip().matches("[a-z0-9-]{3,64}")) {
            return Optional.of(Outcome.Wording.CODE_REQUIRED);
        }
        if (blank(a.name()) || blank(a.purpose()) || blank(a.provider()) || blank(a.version()) || blank(a.inputs())
                || blank(a.trainingData()) || blank(a.performance()) || blank(a.supervisorRole())) {
            return Optional.of(Outcome.Wording.SHEET_INCOMPLETE);
        }
        if (a.version().strip().length() > 32) {
            return Optional.of(Outcome.Wording.VERSION_TOO_LONG);
        }
        if (blank(a.validatorProfession()) || !a.validatorProfession().strip().matches("[0-9]{2}")) {
            return Optional.of(Outcome.Wording.PROFESSION_REQUIRED);
        }
        return Optional.empty();
    }

    private static java.util.Map<String, Object> fields(NewAlgorithm a) {
        return java.util.Map.of("name", a.name().strip(), "purpose", a.purpose().strip(), "provider", a.provider().strip(),
                "version", a.version().strip(), "inputs", a.inputs().strip(), "data", a.trainingData().strip(),
                "perf", a.performance().strip(), "role", a.supervisorRole().strip(), "prof", a.validatorProfession().strip());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static final String SELECT = """
            SELECT id, code, name, purpose, provider, version, inputs, training_data, performance, supervisor_role,
                   validator_profession, designated_professional_id, designated_professional_name, status, created_at,
                   status_changed_at
            FROM oversight.algorithm""";

    private static Algorithm map(ResultSet rs, int n) throws SQLException {
        UUID designated = rs.getObject("designated_professional_id", UUID.class);
        return new Algorithm(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"), rs.getString("purpose"),
                rs.getString("provider"), rs.getString("version"), rs.getString("inputs"), rs.getString("training_data"),
                rs.getString("performance"), rs.getString("supervisor_role"), rs.getString("validator_profession"),
                Optional.ofNullable(designated).map(ProfessionalId::new), rs.getString("designated_professional_name"),
                AlgorithmStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("status_changed_at").toInstant());
    }
}
