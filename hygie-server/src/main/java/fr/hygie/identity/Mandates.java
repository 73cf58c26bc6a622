package fr.hygie.identity;

import fr.hygie.platform.Ids;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Representatives and their mandates (mandats). The person grants a scoped, dated mandate and can
 * revoke it at once; a parent represents a minor until the minor's 16th birthday, after which the
 * young person has their own access (DOMAIN: minors).
 */
@Service
public class Mandates {

    /** Age at which a minor gets their own access and parents lose theirs by default. */
    public static final int OWN_ACCESS_AGE = 16;
    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Mandates(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(FRANCE));
    }

    /**
     * The person (logged in as {@code grantor}, who must be the person themself) gives a mandate.
     * A representative acting for the person cannot do this: only the person's own account may.
     */
    @Transactional
    public MandateId grant(AccountId grantor, PatientId patient, AccountId representative, MandateKind kind,
            Set<MandateScope> scopes, LocalDate validFrom, LocalDate validUntil) {
        if (kind == MandateKind.LEGAL_REPRESENTATIVE) {
            throw new MandateRefused("La représentation légale d'un mineur est enregistrée par l'accueil, pas par un mandat.");
        }
        if (scopes.isEmpty()) {
            throw new MandateRefused("Choisissez au moins une chose que la personne pourra faire pour vous.");
        }
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new MandateRefused("La date de fin du mandat est avant sa date de début.");
        }
        if (grantor.equals(representative)) {
            throw new MandateRefused("Vous ne pouvez pas vous donner un mandat à vous-même.");
        }
        return insert(patient, representative, kind, scopes, validFrom, validUntil, grantor);
    }

    /** Records a parent as legal representative of a minor, until the minor's 16th birthday. */
    @Transactional
    public MandateId recordLegalRepresentative(PatientId minor, LocalDate minorBirthDate, AccountId parent, AccountId recordedBy) {
        LocalDate until = minorBirthDate.plusYears(OWN_ACCESS_AGE).minusDays(1);
        if (until.isBefore(today())) {
            throw new MandateRefused("La personne a 16 ans ou plus : elle accède elle-même à son espace.");
        }
        return insert(minor, parent, MandateKind.LEGAL_REPRESENTATIVE, EnumSet.allOf(MandateScope.class),
                today(), until, recordedBy);
    }

    private MandateId insert(PatientId patient, AccountId representative, MandateKind kind, Set<MandateScope> scopes,
            LocalDate from, LocalDate until, AccountId grantor) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO identity.mandate (id, patient_id, representative_account_id, kind, scopes, valid_from,
                    valid_until, granted_by_account_id)
                VALUES (:id, :patient, :rep, :kind, :scopes, :from, :until, :grantor)""")
                .param("id", id).param("patient", patient.value()).param("rep", representative.value())
                .param("kind", kind.name())
                .param("scopes", scopes.stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("from", from).param("until", until).param("grantor", grantor == null ? null : grantor.value())
                .update();
        MandateId mandateId = new MandateId(id);
        events.publishEvent(new MandateGranted(mandateId, patient, representative, kind));
        return mandateId;
    }

    /**
     * Brings back a mandate from an export (« réversibilité ») as it was: its id (the key that makes
     * importing twice create nothing twice), kind, scopes, validity and revocation. The person's own past
     * act (or the counter's, for a legal representative), replayed without the checks of who may grant
     * (nobody is acting) and without the events of a new grant (nobody is told again); the same rules on
     * scopes and dates hold. The representative's account must exist here already: accounts hold
     * credentials and never travel. Returns false when the mandate is already there.
     */
    @Transactional
    public boolean importMandate(MandateId id, PatientId patient, AccountId representative, MandateKind kind, Set<MandateScope> scopes,
            LocalDate validFrom, LocalDate validUntil, Instant revokedAt) {
        if (id == null || patient == null || representative == null || kind == null || validFrom == null) {
            throw new MandateRefused("Mandat sans identifiant, personne, représentant, nature ou date de début.");
        }
        if (jdbc.sql("SELECT count(*) FROM identity.mandate WHERE id = :id").param("id", id.value()).query(Long.class).single() > 0) {
            return false;
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new MandateRefused("Un mandat donne au moins un droit au représentant.");
        }
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new MandateRefused("La date de fin du mandat est avant sa date de début.");
        }
        jdbc.sql("""
                INSERT INTO identity.mandate (id, patient_id, representative_account_id, kind, scopes, valid_from,
                    valid_until, granted_by_account_id, revoked_at)
                VALUES (:id, :patient, :rep, :kind, :scopes, :from, :until, NULL, :revoked)""")
                .param("id", id.value()).param("patient", patient.value()).param("rep", representative.value())
                .param("kind", kind.name()).param("scopes", scopes.stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("from", validFrom).param("until", validUntil)
                .param("revoked", revokedAt == null ? null : java.sql.Timestamp.from(revokedAt.truncatedTo(ChronoUnit.MICROS))).update();
        return true;
    }

    /** Revokes a mandate at once; only the person (or, for a legal representative, the counter) does it. */
    @Transactional
    public boolean revoke(MandateId id, PatientId patient) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int n = jdbc.sql("UPDATE identity.mandate SET revoked_at = :now WHERE id = :id AND patient_id = :p AND revoked_at IS NULL")
                .param("now", java.sql.Timestamp.from(now)).param("id", id.value()).param("p", patient.value()).update();
        if (n == 1) {
            events.publishEvent(new MandateRevoked(id, patient));
        }
        return n == 1;
    }

    /** The mandate that lets {@code representative} act for {@code patient} today, if any. */
    public Optional<Mandate> active(AccountId representative, PatientId patient) {
        LocalDate today = today();
        return jdbc.sql(SELECT + " WHERE representative_account_id = :r AND patient_id = :p ORDER BY created_at DESC")
                .param("r", representative.value()).param("p", patient.value())
                .query(this::mandate).list().stream().filter(m -> m.activeOn(today)).findFirst();
    }

    /** Every mandate a representative holds and that is active today. */
    public List<Mandate> activeFor(AccountId representative) {
        LocalDate today = today();
        return jdbc.sql(SELECT + " WHERE representative_account_id = :r ORDER BY created_at")
                .param("r", representative.value()).query(this::mandate).list()
                .stream().filter(m -> m.activeOn(today)).toList();
    }

    /** Every mandate a person gave or that concerns them, active or not (for their own page). */
    public List<Mandate> of(PatientId patient) {
        return jdbc.sql(SELECT + " WHERE patient_id = :p ORDER BY created_at DESC")
                .param("p", patient.value()).query(this::mandate).list();
    }

    private static final String SELECT = """
            SELECT id, patient_id, representative_account_id, kind, scopes, valid_from, valid_until, revoked_at
            FROM identity.mandate""";

    private Mandate mandate(ResultSet rs, int n) throws SQLException {
        Array a = rs.getArray("scopes");
        EnumSet<MandateScope> scopes = EnumSet.noneOf(MandateScope.class);
        for (Object s : (Object[]) a.getArray()) {
            scopes.add(MandateScope.valueOf((String) s));
        }
        java.sql.Timestamp revoked = rs.getTimestamp("revoked_at");
        java.sql.Date until = rs.getDate("valid_until");
        return new Mandate(new MandateId(rs.getObject("id", UUID.class)), new PatientId(rs.getObject("patient_id", UUID.class)),
                new AccountId(rs.getObject("representative_account_id", UUID.class)),
                MandateKind.valueOf(rs.getString("kind")), scopes, rs.getDate("valid_from").toLocalDate(),
                until == null ? null : until.toLocalDate(), Optional.ofNullable(revoked).map(java.sql.Timestamp::toInstant));
    }
}
