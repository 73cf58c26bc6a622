package fr.hygie.journal;

import fr.hygie.platform.Ids;
import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes drafts onto their hash chains in the transaction of the connection behind {@code jdbc}:
 * locks the chain heads (in chain order, so two writers never deadlock), links each entry to the
 * previous hash, inserts the entries and moves the heads. Used by {@link Journal#appendAll} (the
 * caller's transaction) and by {@link GroupCommitWriter} (its own transaction, one per batch).
 */
final class ChainWriter {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ChainWriter(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    record Head(long seq, byte[] hash) {
    }

    /** Appends every draft (validated by the caller) at {@code at}; locks every chain and waits for it. */
    List<JournalEntry> write(List<JournalEntryDraft> drafts, Instant at) {
        TreeMap<String, List<Integer>> byChain = byChain(drafts);
        return write(drafts, byChain, lockHeads(new ArrayList<>(byChain.keySet()), false), at);
    }

    /**
     * The drafts grouped by chain, chains in byte order, drafts in their given order within a chain.
     */
    static TreeMap<String, List<Integer>> byChain(List<JournalEntryDraft> drafts) {
        TreeMap<String, List<Integer>> byChain = new TreeMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            byChain.computeIfAbsent(Journal.chainOf(drafts.get(i).patientId()), c -> new ArrayList<>()).add(i);
        }
        return byChain;
    }

    /**
     * Writes the drafts of the chains whose heads are given (already locked in this transaction);
     * the result holds null for a draft whose chain is not in {@code heads}.
     */
    List<JournalEntry> write(List<JournalEntryDraft> drafts, Map<String, List<Integer>> byChain, Map<String, Head> heads,
            Instant at) {
        Plan plan = plan(drafts, byChain, heads, at);
        if (plan.rows.size() >= COPY_FROM) {
            copy(plan.rows);
            // Every moved head in one statement (a batch of N updates costs N executions in PostgreSQL).
            template.update(MOVE_HEADS, plan.chains.toArray(String[]::new), plan.seqs.toArray(Long[]::new),
                    plan.hashes.toArray(byte[][]::new));
        } else if (!plan.rows.isEmpty()) {
            Set<String> written = writeIfHeadsAre(plan, at);
            if (written.size() != plan.chains.size()) {
                throw new IllegalStateException("Journal chain heads moved while this transaction held them");
            }
        }
        return plan.entries(null);
    }

    /** What one write did: one entry per draft (null where its chain was not written), and the chains' new heads. */
    record Written(List<JournalEntry> entries, Map<String, Head> heads) {
    }

    /**
     * For the group commit, which knows the heads it committed last: in ONE statement, locks every head that is
     * still as {@code expected} (skipping a head another transaction holds), moves it and inserts its chain's
     * entries. A chain whose head moved since, or is held elsewhere, is left untouched (null entries). Issue 13:
     * the head stays locked until the commit and every reader of one person waits for that person's head; this
     * takes one round trip under the lock instead of three (lock, insert, move).
     */
    Written writeWhereHeadsAre(List<JournalEntryDraft> drafts, Map<String, List<Integer>> byChain, Map<String, Head> expected,
            Instant at) {
        Plan plan = plan(drafts, byChain, expected, at);
        Set<String> written = plan.rows.isEmpty() ? Set.of() : writeIfHeadsAre(plan, at);
        Map<String, Head> moved = new HashMap<>();
        for (int c = 0; c < plan.chains.size(); c++) {
            if (written.contains(plan.chains.get(c))) {
                moved.put(plan.chains.get(c), new Head(plan.seqs.get(c), plan.hashes.get(c)));
            }
        }
        return new Written(plan.entries(written), moved);
    }

    /** The entries of a write, linked to the given heads, before anything is sent. */
    private static final class Plan {
        final StoredEntry[] stored;
        final List<StoredEntry> rows;
        final List<String> chains = new ArrayList<>();
        final List<Long> oldSeqs = new ArrayList<>();
        final List<byte[]> oldHashes = new ArrayList<>();
        final List<Long> seqs = new ArrayList<>();
        final List<byte[]> hashes = new ArrayList<>();

        Plan(int drafts) {
            stored = new StoredEntry[drafts];
            rows = new ArrayList<>(drafts);
        }

        /** One entry per draft; null where its chain was not written ({@code written} null: every chain planned). */
        List<JournalEntry> entries(Set<String> written) {
            return Arrays.stream(stored).map(s -> s == null || (written != null && !written.contains(s.chain())) ? null
                    : s.toEntry()).toList();
        }
    }

    private static Plan plan(List<JournalEntryDraft> drafts, Map<String, List<Integer>> byChain, Map<String, Head> heads,
            Instant at) {
        Plan plan = new Plan(drafts.size());
        for (var chain : byChain.entrySet()) {
            Head head = heads.get(chain.getKey());
            if (head == null) {
                continue;
            }
            long seq = head.seq();
            byte[] prev = head.hash();
            for (int i : chain.getValue()) {
                StoredEntry e = unsealed(drafts.get(i), chain.getKey(), ++seq, at, prev);
                byte[] hash = Hashing.entryHash(e);
                plan.stored[i] = withHash(e, hash);
                plan.rows.add(plan.stored[i]);
                prev = hash;
            }
            plan.chains.add(chain.getKey());
            plan.oldSeqs.add(head.seq());
            plan.oldHashes.add(head.hash());
            plan.seqs.add(seq);
            plan.hashes.add(prev);
        }
        return plan;
    }

    /**
     * ONE statement: locks the heads still as planned (SKIP LOCKED), moves them, inserts the entries of those
     * chains only; the rows go as one array per column, so the statement's text never changes (prepared once,
     * whatever the batch's size). Returns the chains written.
     */
    private Set<String> writeIfHeadsAre(Plan plan, Instant at) {
        int n = plan.rows.size();
        String[] id = new String[n];
        String[] chain = new String[n];
        Long[] seq = new Long[n];
        String[] actor = new String[n];
        String[] actorName = new String[n];
        String[] actorRole = new String[n];
        String[] forAccount = new String[n];
        String[] forName = new String[n];
        String[] forRole = new String[n];
        String[] patient = new String[n];
        String[] action = new String[n];
        String[] objectType = new String[n];
        String[] objectId = new String[n];
        String[] decision = new String[n];
        String[] reason = new String[n];
        String[] channel = new String[n];
        String[] justification = new String[n];
        byte[][] prev = new byte[n][];
        byte[][] hash = new byte[n][];
        for (int r = 0; r < n; r++) {
            StoredEntry e = plan.rows.get(r);
            id[r] = e.id().toString();
            chain[r] = e.chain();
            seq[r] = e.seq();
            actor[r] = text(e.actorAccountId());
            actorName[r] = e.actorName();
            actorRole[r] = e.actorRole();
            forAccount[r] = text(e.actingForAccountId());
            forName[r] = e.actingForName();
            forRole[r] = e.actingForRole();
            patient[r] = text(e.patientId());
            action[r] = e.action();
            objectType[r] = e.objectType();
            objectId[r] = e.objectId();
            decision[r] = e.decision();
            reason[r] = e.reasonCode();
            channel[r] = e.channel();
            justification[r] = e.justification();
            prev[r] = e.prevHash();
            hash[r] = e.hash();
        }
        List<String> written = template.queryForList(WRITE_IF_HEADS_ARE, String.class,
                plan.chains.toArray(String[]::new), plan.oldSeqs.toArray(Long[]::new), plan.oldHashes.toArray(byte[][]::new),
                plan.seqs.toArray(Long[]::new), plan.hashes.toArray(byte[][]::new),
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                id, chain, seq, actor, actorName, actorRole, forAccount, forName, forRole, patient, action, objectType,
                objectId, decision, reason, channel, justification, prev, hash);
        Set<String> chains = new HashSet<>(written);
        long expectedRows = plan.rows.stream().filter(e -> chains.contains(e.chain())).count();
        if (written.size() != expectedRows) {
            throw new IllegalStateException("Journal INSERT wrote " + written.size() + " rows instead of " + expectedRows);
        }
        return chains;
    }

    private static String text(java.util.UUID u) {
        return u == null ? null : u.toString();
    }

    private static final String WRITE_IF_HEADS_ARE = """
            WITH k AS (
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS bytea[]), CAST(? AS bigint[]),
                                     CAST(? AS bytea[])) AS k(chain, old_seq, old_hash, seq, hash)),
            locked AS (
                SELECT h.chain FROM journal.chain_head h JOIN k ON h.chain = k.chain
                WHERE h.seq = k.old_seq AND h.hash = k.old_hash
                ORDER BY h.chain FOR UPDATE OF h SKIP LOCKED),
            moved AS (
                UPDATE journal.chain_head h SET seq = k.seq, hash = k.hash FROM k
                WHERE h.chain = k.chain AND h.chain IN (SELECT chain FROM locked)
                RETURNING h.chain)
            INSERT INTO journal.entry (""" + StoredEntry.COLUMNS + """
            )
            SELECT CAST(e.id AS uuid), e.chain, e.seq, CAST(? AS timestamptz), CAST(e.actor AS uuid), e.actor_name,
                   e.actor_role, CAST(e.for_account AS uuid), e.for_name, e.for_role, CAST(e.patient AS uuid), e.action,
                   e.object_type, e.object_id, e.decision, e.reason, e.channel, e.justification, e.prev, e.hash
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bytea[]), CAST(? AS bytea[]))
                 AS e(id, chain, seq, actor, actor_name, actor_role, for_account, for_name, for_role, patient, action,
                      object_type, object_id, decision, reason, channel, justification, prev, hash)
            WHERE e.chain IN (SELECT chain FROM moved)
            RETURNING chain""";

    /** Moves every head of the batch: chains, new last sequence numbers and new last hashes (bytes), as three arrays. */
    private static final String MOVE_HEADS = """
            UPDATE journal.chain_head h SET seq = u.seq, hash = u.hash
            FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS bytea[])) AS u(chain, seq, hash)
            WHERE h.chain = u.chain""";

    /**
     * Locks the heads of these chains (creating the missing ones). With {@code skipLocked}, a head
     * another transaction holds is left out of the result instead of waited for.
     */
    Map<String, Head> lockHeads(List<String> chains, boolean skipLocked) {
        Map<String, Head> heads = selectForUpdate(chains, skipLocked);
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
            heads.putAll(selectForUpdate(missing, skipLocked));
        }
        if (!skipLocked && heads.size() < chains.size()) {
            throw new IllegalStateException("Journal chain head missing after creation");
        }
        return heads;
    }

    private Map<String, Head> selectForUpdate(List<String> chains, boolean skipLocked) {
        Map<String, Head> heads = new LinkedHashMap<>();
        jdbc.sql("SELECT chain, seq, hash FROM journal.chain_head WHERE chain = ANY(CAST(:chains AS text[])) ORDER BY chain "
                        + (skipLocked ? "FOR UPDATE SKIP LOCKED" : "FOR UPDATE"))
                .param("chains", chains.toArray(String[]::new))
                .query(rs -> {
                    heads.put(rs.getString(1), new Head(rs.getLong(2), rs.getBytes(3)));
                });
        return new HashMap<>(heads);
    }

    /**
     * From this many rows on, {@code COPY} (no statement to parse or plan per row; a group-commit batch holds
     * up to a thousand entries); below, a plain (prepared) INSERT: COPY's protocol costs one more round trip,
     * which a single change's entry or a small batch pays in full (docs/benchmarks.md, session 3).
     */
    static final int COPY_FROM = 32;

    /**
     * Inserts the rows with one {@code COPY … FROM STDIN} (text format; every value is escaped exactly: the
     * hash covers the strings as stored, EncodingTest and JournalAppendTest), for {@link #COPY_FROM} rows or more.
     */
    private void copy(List<StoredEntry> entries) {
        StringBuilder rows = new StringBuilder(entries.size() * 400);
        for (StoredEntry e : entries) {
            field(rows, e.id()).append('\t');
            field(rows, e.chain()).append('\t');
            rows.append(e.seq()).append('\t');
            rows.append(e.at()).append('\t'); // ISO-8601 in UTC ("…Z"), microseconds at most
            field(rows, e.actorAccountId()).append('\t');
            field(rows, e.actorName()).append('\t');
            field(rows, e.actorRole()).append('\t');
            field(rows, e.actingForAccountId()).append('\t');
            field(rows, e.actingForName()).append('\t');
            field(rows, e.actingForRole()).append('\t');
            field(rows, e.patientId()).append('\t');
            field(rows, e.action()).append('\t');
            field(rows, e.objectType()).append('\t');
            field(rows, e.objectId()).append('\t');
            field(rows, e.decision()).append('\t');
            field(rows, e.reasonCode()).append('\t');
            field(rows, e.channel()).append('\t');
            field(rows, e.justification()).append('\t');
            rows.append("\\\\x").append(Hashing.hex(e.prevHash())).append('\t');
            rows.append("\\\\x").append(Hashing.hex(e.hash())).append('\n');
        }
        String sql = "COPY journal.entry (" + StoredEntry.COLUMNS + ") FROM STDIN";
        Long copied = template.execute((ConnectionCallback<Long>) con -> {
            try {
                return con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
            } catch (IOException e) {
                throw new SQLException("COPY into journal.entry failed", e);
            }
        });
        if (copied == null || copied != entries.size()) {
            throw new IllegalStateException("Journal COPY wrote " + copied + " rows instead of " + entries.size());
        }
    }

    /** A value in COPY's text format: {@code \N} for null, backslash and control characters escaped. */
    private static StringBuilder field(StringBuilder out, Object value) {
        if (value == null) {
            return out.append("\\N");
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out;
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
}
