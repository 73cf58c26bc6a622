package fr.hygie.journal;

import fr.hygie.journal.VerificationReport.Break;
import fr.hygie.journal.VerificationReport.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the whole journal (vérification d'intégrité): every chain recomputed from genesis (contiguous
 * seq, previous-hash links, recomputed hash equal to the stored one), every head equal to its chain's
 * last entry, every checkpoint's heads equal to the stored entries, its Merkle root recomputed and its
 * signature valid. Stops at the first break.
 *
 * <p>Streams: one pass over the entries in (chain, seq) order merged with the heads in chain order,
 * then one pass per checkpoint, with database cursors of {@value #BATCH} rows, so memory does not grow
 * with the journal. It runs in one REPEATABLE READ transaction: a consistent snapshot while appends go on.
 */
@Service
public class JournalVerifier {

    static final int BATCH = 1000;

    private final DataSource dataSource;
    private final TransactionTemplate snapshot;
    private final CheckpointKeys keys;
    private final FormerChains formerChains;

    JournalVerifier(DataSource dataSource, PlatformTransactionManager transactions, CheckpointKeys keys, FormerChains formerChains) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.formerChains = formerChains;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    public VerificationReport verify() {
        return verify(n -> {
        });
    }

    /** @param progress told how many entries were checked, batch by batch */
    public VerificationReport verify(LongConsumer progress) {
        long start = System.nanoTime();
        Run run = snapshot.execute(status -> {
            Connection c = DataSourceUtils.getConnection(dataSource);
            try {
                Run r = new Run(progress);
                r.chains(c);
                if (r.broken == null) {
                    r.checkpoints(c);
                }
                if (r.broken == null) {
                    r.formerChains();
                }
                return r;
            } catch (SQLException e) {
                throw new IllegalStateException("Journal verification could not read the journal", e);
            } finally {
                DataSourceUtils.releaseConnection(c, dataSource);
            }
        });
        return new VerificationReport(run.chains, run.entries, run.checkpoints, run.formerChains,
                Duration.ofNanos(System.nanoTime() - start), run.broken);
    }

    /** Total entries the heads announce, for a progress bar. */
    public long expectedEntries() {
        return snapshot.execute(status -> new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                .queryForObject("SELECT coalesce(sum(seq), 0) FROM journal.chain_head", Long.class));
    }

    private final class Run {
        private final LongConsumer progress;
        long chains;
        long entries;
        long checkpoints;
        long formerChains;
        Break broken;

        Run(LongConsumer progress) {
            this.progress = progress;
        }

        void chains(Connection c) throws SQLException {
            try (PreparedStatement hs = cursor(c, "SELECT chain, seq, hash FROM journal.chain_head ORDER BY chain");
                 PreparedStatement es = cursor(c, "SELECT " + StoredEntry.COLUMNS
                         + " FROM journal.entry ORDER BY chain, seq");
                 ResultSet heads = hs.executeQuery();
                 ResultSet rows = es.executeQuery()) {
                boolean hasHead = heads.next();
                StoredEntry e = rows.next() ? StoredEntry.read(rows) : null;
                long sinceProgress = 0;
                while (hasHead || e != null) {
                    String headChain = hasHead ? heads.getString(1) : null;
                    if (e != null && (headChain == null || e.chain().compareTo(headChain) < 0)) {
                        broken = new Break(Problem.UNEXPECTED_ENTRY, e.chain(), e.seq(), e.id(), null,
                                "entrée n°" + e.seq() + " d'une chaîne sans tête");
                        return;
                    }
                    long headSeq = heads.getLong(2);
                    byte[] headHash = heads.getBytes(3);
                    long expected = 1;
                    byte[] prev = Hashing.GENESIS;
                    while (e != null && e.chain().equals(headChain)) {
                        if (e.seq() != expected) {
                            broken = e.seq() > expected
                                    ? new Break(Problem.MISSING_ENTRY, headChain, expected, null, null,
                                            "l'entrée n°" + expected + " manque (la suivante est n°" + e.seq() + ")")
                                    : new Break(Problem.UNEXPECTED_ENTRY, headChain, e.seq(), e.id(), null,
                                            "entrée n°" + e.seq() + " hors séquence");
                            return;
                        }
                        if (!Arrays.equals(e.prevHash(), prev)) {
                            broken = new Break(Problem.PREVIOUS_HASH_MISMATCH, headChain, e.seq(), e.id(), null,
                                    "le lien vers l'entrée précédente ne correspond pas");
                            return;
                        }
                        if (!Arrays.equals(Hashing.entryHash(e), e.hash())) {
                            broken = new Break(Problem.HASH_MISMATCH, headChain, e.seq(), e.id(), null,
                                    "le contenu de l'entrée ne correspond plus à son empreinte");
                            return;
                        }
                        prev = e.hash();
                        expected++;
                        entries++;
                        if (++sinceProgress == BATCH) {
                            progress.accept(sinceProgress);
                            sinceProgress = 0;
                        }
                        e = rows.next() ? StoredEntry.read(rows) : null;
                    }
                    long last = expected - 1;
                    if (headSeq > last) {
                        broken = new Break(Problem.MISSING_ENTRY, headChain, last + 1, null, null,
                                "la tête de chaîne annonce " + headSeq + " entrées, la chaîne s'arrête à " + last);
                        return;
                    }
                    if (headSeq < last) {
                        broken = new Break(Problem.UNEXPECTED_ENTRY, headChain, headSeq + 1, null, null,
                                "des entrées suivent la tête de chaîne (n°" + headSeq + ")");
                        return;
                    }
                    if (!Arrays.equals(headHash, prev)) {
                        broken = new Break(Problem.HEAD_MISMATCH, headChain, headSeq, null, null,
                                "la tête de chaîne ne correspond pas à la dernière entrée");
                        return;
                    }
                    chains++;
                    hasHead = heads.next();
                }
                progress.accept(sinceProgress);
            }
        }

        void checkpoints(Connection c) throws SQLException {
            try (PreparedStatement cs = cursor(c, """
                    SELECT id, at, merkle_root, chain_count, signature, key_id FROM journal.checkpoint
                    ORDER BY at, id""");
                 ResultSet list = cs.executeQuery()) {
                while (list.next()) {
                    UUID id = list.getObject("id", UUID.class);
                    var at = list.getObject("at", OffsetDateTime.class).toInstant();
                    byte[] root = list.getBytes("merkle_root");
                    long count = list.getLong("chain_count");
                    byte[] signature = list.getBytes("signature");
                    String keyId = list.getString("key_id");
                    MerkleTree tree = new MerkleTree();
                    try (PreparedStatement hs = cursor(c, """
                            SELECT h.chain, h.seq, h.hash, e.hash AS entry_hash, e.id AS entry_id
                            FROM journal.checkpoint_head h
                            LEFT JOIN journal.entry e ON e.chain = h.chain AND e.seq = h.seq
                            WHERE h.checkpoint_id = ? ORDER BY h.chain""")) {
                        hs.setObject(1, id);
                        try (ResultSet heads = hs.executeQuery()) {
                            while (heads.next()) {
                                String chain = heads.getString(1);
                                long seq = heads.getLong(2);
                                byte[] hash = heads.getBytes(3);
                                if (!Arrays.equals(hash, heads.getBytes(4))) {
                                    broken = new Break(Problem.CHECKPOINT_ENTRY_MISMATCH, chain, seq,
                                            heads.getObject(5, UUID.class), id,
                                            "le point de contrôle du " + at + " a signé une autre entrée n°" + seq);
                                    return;
                                }
                                tree.add(chain, seq, hash);
                            }
                        }
                    }
                    if (tree.leaves() != count || !Arrays.equals(tree.root(), root)) {
                        broken = new Break(Problem.CHECKPOINT_ROOT_MISMATCH, null, null, null, id,
                                "la racine de Merkle du point de contrôle du " + at + " ne correspond pas à ses têtes");
                        return;
                    }
                    if (!keys.verify(keyId, Checkpoint.message(id, at, count, root, keyId), signature)) {
                        broken = new Break(Problem.CHECKPOINT_SIGNATURE_INVALID, null, null, null, id,
                                "la signature du point de contrôle du " + at + " est invalide (clé " + keyId + ")");
                        return;
                    }
                    checkpoints++;
                }
            }
        }

        /**
         * The former platforms' chains (read-only once imported): each recomputed and its checkpoint verified with
         * the former platform's key that came with it ({@link FormerChains#problem}). One chain in memory at a time.
         */
        void formerChains() {
            JournalVerifier.this.formerChains.forEach(f -> {
                if (!f.intact()) { // checked as it was read; the reason only when it fails
                    java.util.Optional<String> problem = FormerChains.problem(f.chain());
                    broken = new Break(Problem.FORMER_CHAIN_INVALID, f.chain().chain(), null, null, f.chain().seal().checkpointId(),
                            "chaîne d'une ancienne plateforme (clé " + f.keyId() + ") : " + problem.orElse("invalide"));
                    return false;
                }
                formerChains++;
                entries += f.chain().entries().size();
                return true;
            });
        }

        private PreparedStatement cursor(Connection c, String sql) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(BATCH);
            return ps;
        }
    }
}
