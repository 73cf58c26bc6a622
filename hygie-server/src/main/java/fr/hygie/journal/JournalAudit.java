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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The auditors' view of the journal (contrôle des accès): search and anomaly detection. The access
 * module decides who may call this (role AUDITOR); this service only reads.
 *
 * <p>Both cover this platform's journal and the former platforms' journals of persons who moved here
 * ({@link FormerChains}, « journal de l'ancienne plateforme », kept read-only once verified): an auditor
 * investigating a person's history sees all of it, each former entry marked with its platform (its checkpoint key
 * id). In a search, a criterion on the person matches the person here; a criterion on the actor (an account of
 * this platform) never matches a former entry, whose actors are the former platform's accounts.
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
 *
 * <p>The same rules run over the former platforms' journals, each former platform apart (its actors are compared
 * only with its own actors: the median of the first rule is that platform's), and every anomaly found there names
 * that platform ({@link Anomaly#formerKeyId()}). Decision (issue 4, session 6): an auditor here answers for this
 * platform's staff, but a person who moved here may ask what happened to their data before; the rules are worth
 * running there, marked as another platform's, provided the auditor reads them for what they are: this platform
 * holds only the chains of the persons who moved here, so the counts over there are lower bounds (a professional
 * there may have read many more persons than the ones who came here), and the former platform's own auditor is the
 * one who can act on its staff.
 */
@Service
@Transactional(readOnly = true)
public class JournalAudit {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String STAFF_ONLY = " AND actor_account_id IS NOT NULL"
            + " AND actor_role NOT IN ('PATIENT', 'REPRESENTATIVE', 'SYSTEM')";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    /** The entry columns of a former entry ({@code e}), in the order of {@link StoredEntry#COLUMNS}. */
    private static final String FORMER_COLUMNS = Arrays.stream(StoredEntry.COLUMNS.split(",")).map(c -> "e." + c.strip())
            .collect(Collectors.joining(", "));
    private static final String FORMER_ENTRIES = " FROM journal.former_entry e JOIN journal.former_chain c ON c.id = e.former_chain_id AND"
            + FormerChains.NEWEST;

    /**
     * Where a rule looks: this platform's journal ({@code platform} always null), or the former platforms' journals
     * ({@code platform}: the former platform's key id).
     */
    private record Source(String from, String platform) {
    }

    private static final Source HERE = new Source("journal.entry", "CAST(NULL AS VARCHAR(64))");
    private static final Source FORMER = new Source("(SELECT c.key_id AS former_key, e.*" + FORMER_ENTRIES + ") f", "former_key");

    private final JdbcClient jdbc;
    private final JournalProperties properties;

    JournalAudit(JdbcClient jdbc, JournalProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * Entries matching every given criterion, newest first, this platform's and the former platforms' ones in one
     * order (same instant: chain, then sequence, newest first), with the exact total of both.
     */
    public JournalPage search(AuditQuery q, int offset, int limit) {
        StringBuilder here = new StringBuilder(" WHERE true");
        StringBuilder former = new StringBuilder(" WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        // An account of this platform never wrote a former platform's entry.
        boolean withFormer = q.actorAccountId() == null;
        if (q.actorAccountId() != null) {
            here.append(" AND actor_account_id = :actor");
            params.put("actor", q.actorAccountId());
        }
        if (q.patientId() != null) {
            here.append(" AND chain = :chain"); // a patient's entries are exactly their chain
            params.put("chain", Journal.chainOf(q.patientId()));
            former.append(" AND c.patient_id = :patient"); // the person here, whatever their id was there
            params.put("patient", q.patientId());
        }
        if (q.action() != null) {
            here.append(" AND action = :action");
            former.append(" AND e.action = :action");
            params.put("action", q.action().name());
        }
        if (q.decision() != null) {
            here.append(" AND decision = :decision");
            former.append(" AND e.decision = :decision");
            params.put("decision", q.decision().name());
        }
        if (q.from() != null) {
            here.append(" AND at >= :from");
            former.append(" AND e.at >= :from");
            params.put("from", utc(q.from()));
        }
        if (q.to() != null) {
            here.append(" AND at < :to");
            former.append(" AND e.at < :to");
            params.put("to", utc(q.to()));
        }
        long total = jdbc.sql("SELECT count(*) FROM journal.entry" + here).params(params).query(Long.class).single();
        String union = "SELECT CAST(NULL AS VARCHAR(64)) AS former_key, CAST(NULL AS UUID) AS here_patient, " + StoredEntry.COLUMNS
                + " FROM journal.entry" + here;
        if (withFormer) {
            total += jdbc.sql("SELECT count(*)" + FORMER_ENTRIES + former).params(params).query(Long.class).single();
            union += " UNION ALL SELECT c.key_id, c.patient_id, " + FORMER_COLUMNS + FORMER_ENTRIES + former;
        }
        List<JournalPage.Hit> hits = jdbc.sql("SELECT * FROM (" + union + ") found"
                        + " ORDER BY at DESC, chain, seq DESC, former_key NULLS FIRST OFFSET :offset LIMIT :limit")
                .params(params).param("offset", Math.max(0, offset)).param("limit", Math.max(0, limit))
                .query((rs, n) -> {
                    JournalEntry e = StoredEntry.read(rs).toEntry();
                    String key = rs.getString("former_key");
                    return new JournalPage.Hit(e, key, key == null ? e.patientId() : rs.getObject("here_patient", UUID.class));
                }).list();
        return new JournalPage(hits, total, offset, limit);
    }

    /** All three rules over one period, this platform's journal then the former platforms' ones. */
    public List<Anomaly> anomalies(Instant from, Instant to) {
        List<Anomaly> all = new ArrayList<>(emergencyAccessOutliers(from, to));
        all.addAll(unusualHours(from, to));
        all.addAll(manyPatientsInOneDay(from, to));
        return all;
    }

    public List<Anomaly> emergencyAccessOutliers(Instant from, Instant to) {
        List<Anomaly> found = new ArrayList<>(emergencyAccessOutliers(HERE, from, to));
        found.addAll(emergencyAccessOutliers(FORMER, from, to));
        return found;
    }

    public List<Anomaly> unusualHours(Instant from, Instant to) {
        List<Anomaly> found = new ArrayList<>(unusualHours(HERE, from, to));
        found.addAll(unusualHours(FORMER, from, to));
        return found;
    }

    public List<Anomaly> manyPatientsInOneDay(Instant from, Instant to) {
        List<Anomaly> found = new ArrayList<>(manyPatientsInOneDay(HERE, from, to));
        found.addAll(manyPatientsInOneDay(FORMER, from, to));
        return found;
    }

    private List<Anomaly> emergencyAccessOutliers(Source source, Instant from, Instant to) {
        record Count(String platform, JournalActor actor, long count) {
        }
        List<Count> counts = jdbc.sql("SELECT " + source.platform() + """
                 AS platform, actor_account_id, max(actor_name) AS actor_name, max(actor_role) AS actor_role, count(*) AS n
                FROM """ + " " + source.from() + """

                WHERE action = 'EMERGENCY_ACCESS' AND at >= :from AND at < :to AND actor_account_id IS NOT NULL
                GROUP BY 1, actor_account_id ORDER BY 1, n DESC, actor_account_id""")
                .param("from", utc(from)).param("to", utc(to))
                .query((rs, n) -> new Count(rs.getString("platform"), actor(rs), rs.getLong("n"))).list();
        // Peers are the actors of the same platform: each former platform's median is its own.
        Map<String, List<Count>> byPlatform = new LinkedHashMap<>();
        counts.forEach(c -> byPlatform.computeIfAbsent(c.platform() == null ? "" : c.platform(), k -> new ArrayList<>()).add(c));
        List<Anomaly> found = new ArrayList<>();
        for (List<Count> peers : byPlatform.values()) {
            double median = median(peers.stream().mapToLong(Count::count).sorted().toArray());
            for (Count c : peers) {
                if (c.count() >= properties.emergencyMinimum() && c.count() > properties.emergencyFactor() * median) {
                    found.add(new Anomaly(Anomaly.Kind.EMERGENCY_ACCESS_OUTLIER, c.actor(), c.count(), from, to, where(c.platform())
                            + c.count() + " accès en urgence (bris de glace) sur la période, plus de "
                            + format(properties.emergencyFactor()) + " fois la médiane (" + format(median)
                            + ") des " + peers.size() + " professionnels qui y ont eu recours", c.platform()));
                }
            }
        }
        return found;
    }

    private List<Anomaly> unusualHours(Source source, Instant from, Instant to) {
        return jdbc.sql("SELECT " + source.platform() + """
                 AS platform, actor_account_id, max(actor_name) AS actor_name, max(actor_role) AS actor_role, count(*) AS n
                FROM """ + " " + source.from() + """

                WHERE at >= :from AND at < :to AND patient_id IS NOT NULL
                  AND (extract(hour FROM at AT TIME ZONE 'Europe/Paris') >= 22
                       OR extract(hour FROM at AT TIME ZONE 'Europe/Paris') < 6)""" + STAFF_ONLY + """
                 GROUP BY 1, actor_account_id ORDER BY 1, n DESC, actor_account_id""")
                .param("from", utc(from)).param("to", utc(to))
                .query((rs, n) -> new Anomaly(Anomaly.Kind.UNUSUAL_HOURS, actor(rs), rs.getLong("n"), from, to,
                        where(rs.getString("platform")) + rs.getLong("n")
                                + " accès à des données de patients entre 22 h et 6 h (heure de Paris)", rs.getString("platform")))
                .list();
    }

    private List<Anomaly> manyPatientsInOneDay(Source source, Instant from, Instant to) {
        int threshold = properties.distinctPatientsPerDay();
        return jdbc.sql("SELECT " + source.platform() + """
                 AS platform, actor_account_id, max(actor_name) AS actor_name, max(actor_role) AS actor_role,
                       CAST(at AT TIME ZONE 'Europe/Paris' AS date) AS day, count(DISTINCT patient_id) AS n
                FROM """ + " " + source.from() + """

                WHERE action IN ('READ', 'LIST') AND at >= :from AND at < :to AND patient_id IS NOT NULL""" + STAFF_ONLY + """
                 GROUP BY 1, actor_account_id, day HAVING count(DISTINCT patient_id) > :threshold
                ORDER BY 1, day, n DESC, actor_account_id""")
                .param("from", utc(from)).param("to", utc(to)).param("threshold", threshold)
                .query((rs, n) -> {
                    LocalDate day = rs.getObject("day", LocalDate.class);
                    return new Anomaly(Anomaly.Kind.MANY_PATIENTS_IN_ONE_DAY, actor(rs), rs.getLong("n"),
                            day.atStartOfDay(PARIS).toInstant(), day.plusDays(1).atStartOfDay(PARIS).toInstant(),
                            where(rs.getString("platform")) + "dossiers de " + rs.getLong("n") + " patients différents consultés le "
                                    + DAY.format(day) + " (seuil : " + threshold + " par jour)", rs.getString("platform"));
                })
                .list();
    }

    /** How an anomaly of a former platform begins: which platform, and that its counts are lower bounds. */
    private static String where(String formerKeyId) {
        return formerKeyId == null ? "" : "Sur une ancienne plateforme (clé du journal " + formerKeyId + "), d'après les seuls journaux"
                + " des personnes venues ici (au moins) : ";
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
