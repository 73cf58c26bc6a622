package fr.hygie.journal;

import fr.hygie.platform.Ids;
import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
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
        StoredEntry[] stored = new StoredEntry[drafts.size()];
        List<StoredEntry> rows = new ArrayList<>(drafts.size());
        List<String> movedChains = new ArrayList<>();
        List<Long> movedSeqs = new ArrayList<>();
        List<String> movedHashes = new ArrayList<>();
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
                stored[i] = withHash(e, hash);
                rows.add(stored[i]);
                prev = hash;
            }
            movedChains.add(chain.getKey());
            movedSeqs.add(seq);
            movedHashes.add(Hashing.hex(prev));
        }
        if (rows.size() >= COPY_FROM) {
            copy(rows);
            // Every moved head in one statement (a batch of N updates costs N executions in PostgreSQL).
            template.update(MOVE_HEADS, movedChains.toArray(String[]::new), movedSeqs.toArray(Long[]::new),
                    movedHashes.toArray(String[]::new));
        } else if (!rows.isEmpty()) {
            insertAndMoveHeads(rows, movedChains.toArray(String[]::new), movedSeqs.toArray(Long[]::new),
                    movedHashes.toArray(String[]::new));
        }
        return Arrays.stream(stored).map(s -> s == null ? null : s.toEntry()).toList();
    }

    /** Moves every head of the batch: chains, new last sequence numbers and new last hashes (hex), as three arrays. */
    private static final String MOVE_HEADS = """
            UPDATE journal.chain_head h SET seq = u.seq, hash = decode(u.hash, 'hex')
            FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[])) AS u(chain, seq, hash)
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

    /**
     * Fewer than {@link #COPY_FROM} rows: ONE statement inserts them and moves the heads (a data-modifying
     * {@code WITH}), one round trip fewer while the heads are locked than an INSERT then an UPDATE (issue 13: the
     * heads stay locked until the commit, and every reader of one person waits for that person's head).
     */
    private void insertAndMoveHeads(List<StoredEntry> entries, String[] chains, Long[] seqs, String[] hashes) {
        StringBuilder sql = new StringBuilder(200 + entries.size() * 64).append("WITH moved AS (").append(MOVE_HEADS)
                .append(" RETURNING h.chain) INSERT INTO journal.entry (").append(StoredEntry.COLUMNS).append(") VALUES ");
        List<Object> args = new ArrayList<>(3 + entries.size() * 20);
        args.add(chains);
        args.add(seqs);
        args.add(hashes);
        for (int r = 0; r < entries.size(); r++) {
            StoredEntry e = entries.get(r);
            sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            Collections.addAll(args, e.id(), e.chain(), e.seq(), OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC),
                    uuid(e.actorAccountId()), e.actorName(), e.actorRole(), uuid(e.actingForAccountId()),
                    text(e.actingForName()), text(e.actingForRole()), uuid(e.patientId()), e.action(),
                    e.objectType(), text(e.objectId()), e.decision(), text(e.reasonCode()), e.channel(),
                    text(e.justification()), e.prevHash(), e.hash());
        }
        int inserted = template.update(sql.toString(), args.toArray());
        if (inserted != entries.size()) {
            throw new IllegalStateException("Journal INSERT wrote " + inserted + " rows instead of " + entries.size());
        }
    }

    private static SqlParameterValue uuid(java.util.UUID u) {
        return new SqlParameterValue(Types.OTHER, u);
    }

    private static SqlParameterValue text(String s) {
        return new SqlParameterValue(Types.VARCHAR, s);
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
