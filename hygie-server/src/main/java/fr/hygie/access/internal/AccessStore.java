package fr.hygie.access.internal;

import fr.hygie.access.CareTeamMembers;
import fr.hygie.access.EmergencyKind;
import fr.hygie.access.EmergencySession;
import fr.hygie.access.NotificationChannel;
import fr.hygie.access.NotificationKind;
import fr.hygie.access.PatientSettings;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the access module: the only reader and writer of the {@code access} schema. */
@Repository
public class AccessStore {

    private final JdbcClient jdbc;
    /**
     * The relationship facts between decisions (issue 13). Every method below that changes one of them reports
     * the change to it right after its statement: this class is the only writer of the {@code access} schema, so
     * no writer can forget (docs/security.md, "Relationship facts in memory").
     */
    private final RelationshipCache relationships;

    AccessStore(JdbcClient jdbc, RelationshipCache relationships) {
        this.jdbc = jdbc;
        this.relationships = relationships;
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i.truncatedTo(ChronoUnit.MICROS));
    }

    private static UUID id(AccountId a) {
        return a == null ? null : a.value();
    }

    // ------------------------------------------------------------------ relationship facts

    public Optional<CareTeamMembers.TreatingPhysician> treatingPhysician(PatientId patient) {
        return jdbc.sql("SELECT professional_id, started_on FROM access.treating_physician WHERE patient_id = :p AND ended_on IS NULL")
                .param("p", patient.value())
                .query((rs, n) -> new CareTeamMembers.TreatingPhysician(new ProfessionalId(rs.getObject(1, UUID.class)),
                        rs.getDate(2).toLocalDate()))
                .optional();
    }

    public Map<PatientId, ProfessionalId> treatingPhysicians(java.util.Collection<PatientId> patients) {
        Map<PatientId, ProfessionalId> out = new java.util.HashMap<>();
        if (patients.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT patient_id, professional_id FROM access.treating_physician WHERE ended_on IS NULL AND patient_id IN (:ps)")
                .param("ps", patients.stream().map(PatientId::value).toList())
                .query((rs, n) -> out.put(new PatientId(rs.getObject(1, UUID.class)), new ProfessionalId(rs.getObject(2, UUID.class))))
                .list();
        return out;
    }

    /**
     * Everything that links this professional to this person (the same six facts as {@link #isTreatingPhysician},
     * {@link #isAuthorised}, {@link #isBlocked}, {@link #activeSession}, {@link #isRegulator} and
     * {@link #emergencyAccessAllowed}): an access decision is on the path of every read. Kept in memory between
     * decisions ({@link RelationshipCache}), evicted by the change that makes them false; read in ONE round trip
     * when not kept.
     */
    public fr.hygie.access.RelationshipFacts relationship(PatientId patient, ProfessionalId professional, Instant now) {
        return relationships.facts(patient, professional, now, () -> readRelationship(patient, professional, now));
    }

    private RelationshipCache.Entry readRelationship(PatientId patient, ProfessionalId professional, Instant now) {
        // The sessions not yet expired come as two arrays in the same order (opening, expiry), so that the
        // session flag can be computed again at each decision from the clock.
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM access.treating_physician
                                WHERE patient_id = :p AND professional_id = :pro AND ended_on IS NULL),
                       EXISTS (SELECT 1 FROM access.authorisation WHERE patient_id = :p AND professional_id = :pro),
                       EXISTS (SELECT 1 FROM access.block WHERE patient_id = :p AND professional_id = :pro),
                       EXISTS (SELECT 1 FROM access.regulator WHERE professional_id = :pro),
                       COALESCE((SELECT emergency_access_allowed FROM access.patient_settings WHERE patient_id = :p), true),
                       ARRAY(SELECT opened_at FROM access.emergency_session
                              WHERE professional_id = :pro AND patient_id = :p AND expires_at > :now ORDER BY opened_at, id),
                       ARRAY(SELECT expires_at FROM access.emergency_session
                              WHERE professional_id = :pro AND patient_id = :p AND expires_at > :now ORDER BY opened_at, id)""")
                .param("p", patient.value()).param("pro", professional.value()).param("now", ts(now))
                .query((rs, n) -> new RelationshipCache.Entry(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3),
                        rs.getBoolean(4), rs.getBoolean(5), windows(rs.getArray(6), rs.getArray(7))))
                .single();
    }

    private static List<RelationshipCache.Window> windows(java.sql.Array opened, java.sql.Array expires) throws SQLException {
        Object[] from = (Object[]) opened.getArray();
        Object[] to = (Object[]) expires.getArray();
        List<RelationshipCache.Window> out = new java.util.ArrayList<>(from.length);
        for (int i = 0; i < from.length; i++) {
            out.add(new RelationshipCache.Window(instant(from[i]), instant(to[i])));
        }
        return out;
    }

    private static Instant instant(Object sqlValue) {
        if (sqlValue instanceof Timestamp t) {
            return t.toInstant();
        }
        if (sqlValue instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + sqlValue.getClass());
    }

    public boolean isTreatingPhysician(PatientId patient, ProfessionalId professional) {
        return exists("SELECT count(*) FROM access.treating_physician WHERE patient_id = :p AND professional_id = :pro AND ended_on IS NULL",
                patient, professional);
    }

    public boolean isAuthorised(PatientId patient, ProfessionalId professional) {
        return exists("SELECT count(*) FROM access.authorisation WHERE patient_id = :p AND professional_id = :pro", patient, professional);
    }

    public boolean isBlocked(PatientId patient, ProfessionalId professional) {
        return exists("SELECT count(*) FROM access.block WHERE patient_id = :p AND professional_id = :pro", patient, professional);
    }

    public boolean isRegulator(ProfessionalId professional) {
        return jdbc.sql("SELECT count(*) FROM access.regulator WHERE professional_id = :pro")
                .param("pro", professional.value()).query(Long.class).single() > 0;
    }

    private boolean exists(String sql, PatientId patient, ProfessionalId professional) {
        return jdbc.sql(sql).param("p", patient.value()).param("pro", professional.value()).query(Long.class).single() > 0;
    }

    // ------------------------------------------------------------------ care team changes

    /** Ends the current médecin traitant (if any) and records the new one from {@code since}. */
    public void declareTreatingPhysician(UUID id, PatientId patient, ProfessionalId professional, LocalDate since, AccountId by) {
        jdbc.sql("UPDATE access.treating_physician SET ended_on = greatest(started_on, :d) WHERE patient_id = :p AND ended_on IS NULL")
                .param("d", since).param("p", patient.value()).update();
        jdbc.sql("""
                INSERT INTO access.treating_physician (id, patient_id, professional_id, started_on, declared_by_account_id)
                VALUES (:id, :p, :pro, :since, :by)""")
                .param("id", id).param("p", patient.value()).param("pro", professional.value()).param("since", since)
                .param("by", id(by)).update();
        // The previous médecin traitant (whoever it was) lost the role: every pair of this person.
        relationships.patientChanged(patient);
    }

    public boolean authorise(PatientId patient, ProfessionalId professional, Instant at, AccountId by) {
        boolean added = jdbc.sql("""
                INSERT INTO access.authorisation (patient_id, professional_id, authorised_at, by_account_id)
                VALUES (:p, :pro, :at, :by) ON CONFLICT DO NOTHING""")
                .param("p", patient.value()).param("pro", professional.value()).param("at", ts(at)).param("by", id(by))
                .update() == 1;
        relationships.pairChanged(patient, professional);
        return added;
    }

    public boolean revokeAuthorisation(PatientId patient, ProfessionalId professional) {
        boolean removed = jdbc.sql("DELETE FROM access.authorisation WHERE patient_id = :p AND professional_id = :pro")
                .param("p", patient.value()).param("pro", professional.value()).update() == 1;
        relationships.pairChanged(patient, professional);
        return removed;
    }

    public boolean block(PatientId patient, ProfessionalId professional, Instant at, AccountId by) {
        boolean added = jdbc.sql("""
                INSERT INTO access.block (patient_id, professional_id, blocked_at, by_account_id)
                VALUES (:p, :pro, :at, :by) ON CONFLICT DO NOTHING""")
                .param("p", patient.value()).param("pro", professional.value()).param("at", ts(at)).param("by", id(by))
                .update() == 1;
        relationships.pairChanged(patient, professional);
        return added;
    }

    public boolean unblock(PatientId patient, ProfessionalId professional) {
        boolean removed = jdbc.sql("DELETE FROM access.block WHERE patient_id = :p AND professional_id = :pro")
                .param("p", patient.value()).param("pro", professional.value()).update() == 1;
        relationships.pairChanged(patient, professional);
        return removed;
    }

    public List<CareTeamMembers.Authorised> authorised(PatientId patient) {
        return jdbc.sql("SELECT professional_id, authorised_at FROM access.authorisation WHERE patient_id = :p ORDER BY authorised_at")
                .param("p", patient.value())
                .query((rs, n) -> new CareTeamMembers.Authorised(new ProfessionalId(rs.getObject(1, UUID.class)),
                        rs.getTimestamp(2).toInstant()))
                .list();
    }

    public List<CareTeamMembers.Blocked> blocked(PatientId patient) {
        return jdbc.sql("SELECT professional_id, blocked_at FROM access.block WHERE patient_id = :p ORDER BY blocked_at")
                .param("p", patient.value())
                .query((rs, n) -> new CareTeamMembers.Blocked(new ProfessionalId(rs.getObject(1, UUID.class)),
                        rs.getTimestamp(2).toInstant()))
                .list();
    }

    // ------------------------------------------------------------------ settings

    public boolean emergencyAccessAllowed(PatientId patient) {
        return jdbc.sql("SELECT emergency_access_allowed FROM access.patient_settings WHERE patient_id = :p")
                .param("p", patient.value()).query(Boolean.class).optional().orElse(true);
    }

    public PatientSettings settings(PatientId patient) {
        boolean[] flags = flags(patient);
        Map<NotificationKind, Set<NotificationChannel>> channels = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            channels.put(kind, channelsOnByDefault());
        }
        jdbc.sql("SELECT kind, channel, enabled FROM access.notification_preference WHERE patient_id = :p")
                .param("p", patient.value())
                .query((ResultSet rs) -> {
                    Set<NotificationChannel> on = channels.get(NotificationKind.valueOf(rs.getString(1)));
                    NotificationChannel c = NotificationChannel.valueOf(rs.getString(2));
                    if (rs.getBoolean(3)) {
                        on.add(c);
                    } else {
                        on.remove(c);
                    }
                });
        Map<NotificationKind, Set<NotificationChannel>> frozen = new EnumMap<>(NotificationKind.class);
        channels.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return new PatientSettings(patient, flags[0], flags[1], frozen);
    }

    /**
     * {@link PatientSettings#shareAdditionsWithCareTeam()} alone, in one statement (the notification preferences are
     * not read): what the record module asks at every professional's upload (issue 13, docs/benchmarks.md
     * « Session 9 — upload »). Same answer as {@code settings(patient).shareAdditionsWithCareTeam()}.
     */
    public boolean shareAdditionsWithCareTeam(PatientId patient) {
        return flags(patient)[1];
    }

    /**
     * The channels of one kind, in one statement (the flags are not read): what the notification module asks for each
     * notice, e.g. in every upload's transaction. Same answer as {@code settings(patient).notifications().get(kind)}.
     */
    public Set<NotificationChannel> notificationChannels(PatientId patient, NotificationKind kind) {
        EnumSet<NotificationChannel> on = channelsOnByDefault();
        jdbc.sql("SELECT channel, enabled FROM access.notification_preference WHERE patient_id = :p AND kind = :k")
                .param("p", patient.value()).param("k", kind.name())
                .query((ResultSet rs) -> {
                    NotificationChannel c = NotificationChannel.valueOf(rs.getString(1));
                    if (rs.getBoolean(2)) {
                        on.add(c);
                    } else {
                        on.remove(c);
                    }
                });
        return Set.copyOf(on);
    }

    /** Emergency access allowed, additions shared with the care team: both true when the person never chose. */
    private boolean[] flags(PatientId patient) {
        return jdbc.sql("""
                SELECT emergency_access_allowed, share_additions_with_care_team FROM access.patient_settings WHERE patient_id = :p""")
                .param("p", patient.value())
                .query((rs, n) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)})
                .optional().orElse(new boolean[] {true, true});
    }

    private static EnumSet<NotificationChannel> channelsOnByDefault() {
        EnumSet<NotificationChannel> on = EnumSet.noneOf(NotificationChannel.class);
        for (NotificationChannel c : NotificationChannel.values()) {
            if (c.onByDefault()) {
                on.add(c);
            }
        }
        return on;
    }

    public void setEmergencyAccessAllowed(PatientId patient, boolean allowed, Instant at) {
        jdbc.sql("""
                INSERT INTO access.patient_settings (patient_id, emergency_access_allowed, updated_at) VALUES (:p, :v, :at)
                ON CONFLICT (patient_id) DO UPDATE SET emergency_access_allowed = :v, updated_at = :at""")
                .param("p", patient.value()).param("v", allowed).param("at", ts(at)).update();
        relationships.patientChanged(patient);
    }

    // Sharing of additions, notification preferences and the acknowledgement of emergency alerts are not
    // relationship facts (no decision reads them): nothing to evict.
    public void setShareAdditionsWithCareTeam(PatientId patient, boolean share, Instant at) {
        jdbc.sql("""
                INSERT INTO access.patient_settings (patient_id, share_additions_with_care_team, updated_at) VALUES (:p, :v, :at)
                ON CONFLICT (patient_id) DO UPDATE SET share_additions_with_care_team = :v, updated_at = :at""")
                .param("p", patient.value()).param("v", share).param("at", ts(at)).update();
    }

    public void setNotification(PatientId patient, NotificationKind kind, NotificationChannel channel, boolean enabled, Instant at) {
        jdbc.sql("""
                INSERT INTO access.notification_preference (patient_id, kind, channel, enabled, updated_at)
                VALUES (:p, :k, :c, :e, :at)
                ON CONFLICT (patient_id, kind, channel) DO UPDATE SET enabled = :e, updated_at = :at""")
                .param("p", patient.value()).param("k", kind.name()).param("c", channel.name()).param("e", enabled)
                .param("at", ts(at)).update();
    }

    // ------------------------------------------------------------------ emergency sessions

    public void insertSession(EmergencySession s, AccountId openedBy) {
        jdbc.sql("""
                INSERT INTO access.emergency_session (id, professional_id, patient_id, opened_by_account_id, justification,
                    kind, opened_at, expires_at)
                VALUES (:id, :pro, :p, :by, :j, :k, :at, :until)""")
                .param("id", s.id()).param("pro", s.professional().value()).param("p", s.patient().value())
                .param("by", id(openedBy)).param("j", s.justification()).param("k", s.kind().name())
                .param("at", ts(s.openedAt())).param("until", ts(s.expiresAt())).update();
        relationships.pairChanged(s.patient(), s.professional());
    }

    /**
     * The session of this professional on this person open at {@code now}, if any. Asked on every page of a person's
     * record (the banner); the relationship facts, kept in memory and evicted by the opening of a session
     * ({@link #insertSession}), say whether one is open, so that the session itself is read only then (issue 13:
     * one statement less per page). Same comparison as the facts: {@code opened_at <= now AND expires_at > now}.
     */
    public Optional<EmergencySession> activeSession(ProfessionalId professional, PatientId patient, Instant now) {
        if (!relationship(patient, professional, now).emergencySessionActive()) {
            return Optional.empty();
        }
        return jdbc.sql(SESSION + " " + """
                 WHERE professional_id = :pro AND patient_id = :p AND opened_at <= :now AND expires_at > :now
                 ORDER BY expires_at DESC LIMIT 1""")
                .param("pro", professional.value()).param("p", patient.value()).param("now", ts(now))
                .query(AccessStore::session).optional();
    }

    public List<EmergencySession> unseenSessions(PatientId patient) {
        return jdbc.sql(SESSION + " WHERE patient_id = :p AND seen_by_patient_at IS NULL ORDER BY opened_at")
                .param("p", patient.value()).query(AccessStore::session).list();
    }

    public int acknowledge(PatientId patient, Instant at) {
        return jdbc.sql("UPDATE access.emergency_session SET seen_by_patient_at = :at WHERE patient_id = :p AND seen_by_patient_at IS NULL")
                .param("at", ts(at)).param("p", patient.value()).update();
    }

    private static final String SESSION = """
            SELECT id, professional_id, patient_id, justification, kind, opened_at, expires_at, seen_by_patient_at
            FROM access.emergency_session""";

    private static EmergencySession session(ResultSet rs, int n) throws SQLException {
        Timestamp seen = rs.getTimestamp("seen_by_patient_at");
        return new EmergencySession(rs.getObject("id", UUID.class), new ProfessionalId(rs.getObject("professional_id", UUID.class)),
                new PatientId(rs.getObject("patient_id", UUID.class)), rs.getString("justification"),
                EmergencyKind.valueOf(rs.getString("kind")), rs.getTimestamp("opened_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), Optional.ofNullable(seen).map(Timestamp::toInstant));
    }

    // ------------------------------------------------------------------ regulators

    public boolean addRegulator(ProfessionalId professional, Instant at, AccountId by) {
        boolean added = jdbc.sql("INSERT INTO access.regulator (professional_id, added_at, added_by_account_id) VALUES (:pro, :at, :by) ON CONFLICT DO NOTHING")
                .param("pro", professional.value()).param("at", ts(at)).param("by", id(by)).update() == 1;
        relationships.professionalChanged(professional);
        return added;
    }

    public boolean removeRegulator(ProfessionalId professional) {
        boolean removed = jdbc.sql("DELETE FROM access.regulator WHERE professional_id = :pro").param("pro", professional.value()).update() == 1;
        relationships.professionalChanged(professional);
        return removed;
    }

    public List<ProfessionalId> regulators() {
        return jdbc.sql("SELECT professional_id FROM access.regulator ORDER BY added_at")
                .query((rs, n) -> new ProfessionalId(rs.getObject(1, UUID.class))).list();
    }
}
