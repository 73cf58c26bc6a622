package fr.hygie.journal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The auditors' view of the journal (contrôle des accès): search and anomaly detection. The access
 * module decides who may call this (role AUDITOR); this service only reads.
 *
 * <p>Anomaly rules, documented because auditors must be able to explain them:
 * <ul>
 * <li>emergency accesses (bris de glace): among the actors who used emergency access in the period, one
 * is flagged when their count is at least {@code hygie.journal.emergency-minimum} (3) and more than
 * {@code hygie.journal.emergency-factor} (3) times the median count of those actors;</li>
 * <li>unusual hours: any access to a patient's data between 22:00 and 06:00, Paris time;</li>
 * <li>many patients: READ or LIST of more than {@code hygie.journal.distinct-patients-per-day} (50)
 * distinct patients in one Paris calendar day.</li>
 * </ul>
 * The last two look at staff only: patients, their representatives and the platform itself are left out
 * (a patient reading their own record at night is not an anomaly).
 */
@Service
@Transactional(readOnly = true)
public class JournalAudit {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String STAFF_ONLY = " AND actor_account_id IS NOT NULL"
            + " AND actor_role NOT IN ('PATIENT', 'REPRESENTATIVE', 'SYSTEM')";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    private final JdbcClient jdbc;
    private final JournalProperties properties;

    JournalAudit(JdbcClient jdbc, JournalProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Entries matching every given criterion, newest first. */
    public JournalPage search(AuditQuery q, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (q.actorAccountId() != null) {
            where.append(" AND actor_account_id = :actor");
            params.put("actor", q.actorAccountId());
        }
        if (q.patientId() != null) {
            where.append(" AND chain = :chain"); // a patient's entries are exactly their chain
            params.put("chain", Journal.chainOf(q.patientId()));
        }
        if (q.action() != null) {
            where.append(" AND action = :action");
            params.put("action", q.action().name());
        }
        if (q.decision() != null) {
            where.append(" AND decision = :decision");
            params.put("decision", q.decision().name());
        }
        if (q.from() != null) {
            where.append(" AND at >= :from");
            params.put("from", utc(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND at < :to");
            params.put("to", utc(q.to()));
        }
        long total = jdbc.sql("SELECT count(*) FROM journal.entry" + where).params(params).query(Long.class).single();
        List<JournalEntry> entries = jdbc.sql("SELECT " + StoredEntry.COLUMNS + " FROM journal.entry" + where
                        + " ORDER BY at DESC, chain, seq DESC OFFSET :offset LIMIT :limit")
                .params(params).param("offset", Math.max(0, offset)).param("limit", Math.max(0, limit))
                .query((rs, n) -> StoredEntry.read(rs).toEntry()).list();
        return new JournalPage(entries, total, offset, limit);
    }

    /** All three rules over one period. */
    public List<Anomaly> anomalies(Instant from, Instant to) {
        List<Anomaly> all = new ArrayList<>(emergencyAccessOutliers(from, to));
        all.addAll(unusualHours(from, to));
        all.addAll(manyPatientsInOneDay(from, to));
        return all;
    }

    public List<Anomaly> emergencyAccessOutliers(Instant from, Instant to) {
        record Count(JournalActor actor, long count) {
        }
        List<Count> counts = jdbc.sql("""
                SELECT actor_account_id, max(actor_name) AS actor_name, max(actor_role) AS actor_role, count(*) AS n
                FROM journal.entry
                WHERE action = 'EMERGENCY_ACCESS' AND at >= :from AND at < :to AND actor_account_id IS NOT NULL
                GROUP BY actor_account_id ORDER BY n DESC, actor_account_id""")
                .param("from", utc(from)).param("to", utc(to))
                .query((rs, n) -> new Count(actor(rs), rs.getLong("n"))).list();
        if (counts.isEmpty()) {
            return List.of();
        }
        double median = median(counts.stream().mapToLong(Count::count).sorted().toArray());
        List<Anomaly> found = new ArrayList<>();
        for (Count c : counts) {
            if (c.count() >= properties.emergencyMinimum() && c.count() > properties.emergencyFactor() * median) {
                found.add(new Anomaly(Anomaly.Kind.EMERGENCY_ACCESS_OUTLIER, c.actor(), c.count(), from, to,
                        c.count() + " accès en urgence (bris de glace) sur la période, plus de "
                                + format(properties.emergencyFactor()) + " fois la médiane (" + format(median)
                                + ") des " + counts.size() + " professionnels qui y ont eu recours"));
            }
        }
        return found;
    }

    public List<Anomaly> unusualHours(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT actor_account_id, max(actor_name) AS actor_name, max(actor_role) AS actor_role, count(*) AS n
                FROM journal.entry
                WHERE at >= :from AND at < :to AND patient_id IS NOT NULL
                  AND (extract(hour FROM at AT TIME ZONE 'Europe/Paris') >= 22
                       OR extract(hour FROM at AT TIME ZONE 'Europe/Paris') < 6)""" + STAFF_ONLY + """
                 GROUP BY actor_account_id ORDER BY n DESC, actor_account_id""")
                .param("from", utc(from)).param("to", utc(to))
                .query((rs, n) -> new Anomaly(Anomaly.Kind.UNUSUAL_HOURS, actor(rs), rs.getLong("n"), from, to,
                        rs.getLong("n") + " accès à des données de patients entre 22 h et 6 h (heure de Paris)"))
                .list();
    }

    public List<Anomaly> manyPatientsInOneDay(Instant from, Instant to) {
        int threshold = properties.distinctPatientsPerDay();
        return jdbc.sql("""
                SELECT actor_account_id, max(actor_name) AS actor_name, max(actor_role) AS actor_role,
                       CAST(at AT TIME ZONE 'Europe/Paris' AS date) AS day, count(DISTINCT patient_id) AS n
                FROM journal.entry
                WHERE action IN ('READ', 'LIST') AND at >= :from AND at < :to AND patient_id IS NOT NULL""" + STAFF_ONLY + """
                 GROUP BY actor_account_id, day HAVING count(DISTINCT patient_id) > :threshold
                ORDER BY day, n DESC, actor_account_id""")
                .param("from", utc(from)).param("to", utc(to)).param("threshold", threshold)
                .query((rs, n) -> {
                    LocalDate day = rs.getObject("day", LocalDate.class);
                    return new Anomaly(Anomaly.Kind.MANY_PATIENTS_IN_ONE_DAY, actor(rs), rs.getLong("n"),
                            day.atStartOfDay(PARIS).toInstant(), day.plusDays(1).atStartOfDay(PARIS).toInstant(),
                            "dossiers de " + rs.getLong("n") + " patients différents consultés le " + DAY.format(day)
                                    + " (seuil : " + threshold + " par jour)");
                })
                .list();
    }

    static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.FRENCH, "%.1f", d);
    }

    private static JournalActor actor(ResultSet rs) throws SQLException {
        return new JournalActor(rs.getObject("actor_account_id", UUID.class), rs.getString("actor_name"),
                rs.getString("actor_role"));
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
