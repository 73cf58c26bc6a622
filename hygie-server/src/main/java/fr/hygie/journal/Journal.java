package fr.hygie.journal;

import fr.hygie.platform.Ids;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access journal (journal des accès): appends entries to per-patient hash chains and gives a
 * patient their own journal.
 *
 * <p>Fail closed (ARCHITECTURE: "if the journal cannot be written, the read fails"): appends join the
 * caller's transaction and throw when they cannot write, so the caller's work rolls back with them.
 *
 * <p>Locking: an append locks its chain's head row ({@code SELECT … FOR UPDATE}) until the caller's
 * transaction ends; appends for different patients never wait on each other. A caller that journals
 * several patients in one transaction should use {@link #appendAll}, which locks heads in chain order
 * (no deadlock between two such callers).
 */
@Service
public class Journal {

    /** The chain of events that concern no patient (settings, key rotation…). */
    public static final String PLATFORM_CHAIN = "platform";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;

    Journal(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    /** The chain that holds a patient's entries. */
    public static String chainOf(UUID patientId) {
        return patientId == null ? PLATFORM_CHAIN : patientId.toString();
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public JournalEntry append(JournalEntryDraft draft) {
        return appendAll(List.of(draft)).get(0);
    }

    /** Appends in the given order (within a chain) and returns the entries in that order. */
    @Transactional(propagation = Propagation.REQUIRED)
    public List<JournalEntry> appendAll(List<JournalEntryDraft> drafts) {
        if (drafts == null || drafts.isEmpty()) {
            return List.of();
        }
        drafts.forEach(Journal::validate);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TreeMap<String, List<Integer>> byChain = new TreeMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            byChain.computeIfAbsent(chainOf(drafts.get(i).patientId()), c -> new ArrayList<>()).add(i);
        }
        Map<String, Head> heads = lockHeads(new ArrayList<>(byChain.keySet()));

        StoredEntry[] stored = new StoredEntry[drafts.size()];
        List<Object[]> headUpdates = new ArrayList<>();
        for (var chain : byChain.entrySet()) {
            Head head = heads.get(chain.getKey());
            long seq = head.seq();
            byte[] prev = head.hash();
            for (int i : chain.getValue()) {
                StoredEntry e = unsealed(drafts.get(i), chain.getKey(), ++seq, at, prev);
                byte[] hash = Hashing.entryHash(e);
                stored[i] = withHash(e, hash);
                prev = hash;
            }
            headUpdates.add(new Object[] {seq, prev, chain.getKey()});
        }
        insert(Arrays.asList(stored));
        template.batchUpdate("UPDATE journal.chain_head SET seq = ?, hash = ? WHERE chain = ?", headUpdates);
        return Arrays.stream(stored).map(StoredEntry::toEntry).toList();
    }

    /** A patient's journal, newest first (the patient reads their own journal: DOMAIN "Access journal"). */
    @Transactional(readOnly = true)
    public List<JournalEntry> forPatient(UUID patientId, int offset, int limit) {
        return jdbc.sql("SELECT " + StoredEntry.COLUMNS
                        + " FROM journal.entry WHERE chain = :chain ORDER BY seq DESC OFFSET :offset LIMIT :limit")
                .param("chain", chainOf(patientId)).param("offset", Math.max(0, offset))
                .param("limit", Math.max(0, limit))
                .query((rs, n) -> StoredEntry.read(rs).toEntry()).list();
    }

    public long countForPatient(UUID patientId) {
        return jdbc.sql("SELECT seq FROM journal.chain_head WHERE chain = :chain")
                .param("chain", chainOf(patientId)).query(Long.class).optional().orElse(0L);
    }

    private record Head(long seq, byte[] hash) {
    }

    private Map<String, Head> lockHeads(List<String> chains) {
        Map<String, Head> heads = selectForUpdate(chains);
        if (heads.size() < chains.size()) {
            // First entry of a chain: create its head (genesis), then lock it. With several chains the
            // inserts go in chain order, as the locks do.
            List<String> missing = chains.stream().filter(c -> !heads.containsKey(c)).toList();
            jdbc.sql("""
                    INSERT INTO journal.chain_head (chain, seq, hash)
                    SELECT c, 0, :genesis FROM unnest(CAST(:chains AS text[])) AS c ORDER BY c
                    ON CONFLICT (chain) DO NOTHING""")
                    .param("genesis", Hashing.GENESIS)
                    .param("chains", missing.toArray(String[]::new))
                    .update();
            heads.putAll(selectForUpdate(missing));
        }
        if (heads.size() < chains.size()) {
            throw new IllegalStateException("Journal chain head missing after creation");
        }
        return heads;
    }

    private Map<String, Head> selectForUpdate(List<String> chains) {
        Map<String, Head> heads = new HashMap<>();
        jdbc.sql("""
                SELECT chain, seq, hash FROM journal.chain_head
                WHERE chain = ANY(CAST(:chains AS text[])) ORDER BY chain FOR UPDATE""")
                .param("chains", chains.toArray(String[]::new))
                .query(rs -> {
                    heads.put(rs.getString(1), new Head(rs.getLong(2), rs.getBytes(3)));
                });
        return heads;
    }

    private void insert(List<StoredEntry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (StoredEntry e : entries) {
            rows.add(new Object[] {e.id(), e.chain(), e.seq(), OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC),
                    uuid(e.actorAccountId()), e.actorName(), e.actorRole(), uuid(e.actingForAccountId()),
                    text(e.actingForName()), text(e.actingForRole()), uuid(e.patientId()), e.action(),
                    e.objectType(), text(e.objectId()), e.decision(), text(e.reasonCode()), e.channel(),
                    text(e.justification()), e.prevHash(), e.hash()});
        }
        template.batchUpdate("INSERT INTO journal.entry (" + StoredEntry.COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private static SqlParameterValue uuid(UUID u) {
        return new SqlParameterValue(Types.OTHER, u);
    }

    private static SqlParameterValue text(String s) {
        return new SqlParameterValue(Types.VARCHAR, s);
    }

    private static StoredEntry unsealed(JournalEntryDraft d, String chain, long seq, Instant at, byte[] prev) {
        JournalActor a = d.actor();
        JournalActor f = d.actingFor();
        return new StoredEntry(Ids.newId(), chain, seq, at, a.accountId(), a.displayName(), a.role(),
                f == null ? null : f.accountId(), f == null ? null : f.displayName(), f == null ? null : f.role(),
                d.patientId(), d.action().name(), d.objectType(), d.objectId(), d.decision().name(), d.reasonCode(),
                d.channel().name(), d.justification(), prev, null);
    }

    private static StoredEntry withHash(StoredEntry e, byte[] hash) {
        return new StoredEntry(e.id(), e.chain(), e.seq(), e.at(), e.actorAccountId(), e.actorName(), e.actorRole(),
                e.actingForAccountId(), e.actingForName(), e.actingForRole(), e.patientId(), e.action(),
                e.objectType(), e.objectId(), e.decision(), e.reasonCode(), e.channel(), e.justification(),
                e.prevHash(), hash);
    }

    /** A draft the journal cannot record faithfully is a bug of the caller: refuse before writing anything. */
    static void validate(JournalEntryDraft d) {
        if (d == null) {
            throw new IllegalArgumentException("Journal entry draft is null");
        }
        validate(d.actor(), "actor");
        if (d.actingFor() != null) {
            validate(d.actingFor(), "actingFor");
        }
        require(d.action() != null, "action");
        require(d.objectType() != null && !d.objectType().isBlank(), "objectType");
        require(d.decision() != null, "decision");
        require(d.channel() != null, "channel");
    }

    private static void validate(JournalActor a, String field) {
        require(a != null, field);
        require(a.displayName() != null && !a.displayName().isBlank(), field + ".displayName");
        require(a.role() != null && !a.role().isBlank(), field + ".role");
    }

    private static void require(boolean ok, String field) {
        if (!ok) {
            throw new IllegalArgumentException("Journal entry draft without " + field);
        }
    }
}
