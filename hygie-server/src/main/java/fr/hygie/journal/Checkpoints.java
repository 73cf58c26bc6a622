package fr.hygie.journal;

import fr.hygie.platform.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signed checkpoints of the journal: the Merkle root of every chain head, signed with the
 * installation's Ed25519 key. Once a checkpoint is published, rewriting any entry it covers is visible
 * to anyone who kept it, even someone holding the database.
 */
@Service
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final CheckpointKeys keys;
    private final Clock clock;

    Checkpoints(JdbcClient jdbc, JdbcTemplate template, CheckpointKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(template.getDataSource());
        this.streaming.setFetchSize(1000);
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Takes a checkpoint now. The heads are copied with one {@code INSERT … SELECT} (one consistent
     * snapshot; appends are not blocked: plain reads do not wait for row locks), then read back in chain
     * order to build the tree, so the signed root is exactly the root of the stored heads.
     */
    @Transactional
    public Checkpoint take() {
        UUID id = Ids.newId();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO journal.checkpoint_head (checkpoint_id, chain, seq, hash)
                SELECT :id, chain, seq, hash FROM journal.chain_head WHERE seq > 0""")
                .param("id", id).update();
        MerkleTree tree = new MerkleTree();
        streaming.query("SELECT chain, seq, hash FROM journal.checkpoint_head WHERE checkpoint_id = ? ORDER BY chain",
                rs -> {
                    tree.add(rs.getString(1), rs.getLong(2), rs.getBytes(3));
                }, id);
        byte[] root = tree.root();
        String keyId = keys.keyId();
        byte[] signature = keys.sign(Checkpoint.message(id, at, tree.leaves(), root, keyId));
        jdbc.sql("""
                INSERT INTO journal.checkpoint (id, at, merkle_root, chain_count, signature, key_id)
                VALUES (:id, :at, :root, :count, :signature, :keyId)""")
                .param("id", id).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("root", root)
                .param("count", tree.leaves()).param("signature", signature).param("keyId", keyId)
                .update();
        log.info("Journal checkpoint {} over {} chains", id, tree.leaves());
        return new Checkpoint(id, at, Hashing.hex(root), tree.leaves(), Base64.getEncoder().encodeToString(signature),
                keyId);
    }

    /** Takes a checkpoint unless no chain moved since the latest one (the scheduled path). */
    @Transactional
    public Optional<Checkpoint> takeIfChanged() {
        Optional<Checkpoint> last = latest(1).stream().findFirst();
        if (last.isPresent()) {
            boolean changed = jdbc.sql("""
                    SELECT EXISTS (
                        SELECT 1 FROM journal.chain_head h
                        LEFT JOIN journal.checkpoint_head c ON c.checkpoint_id = :id AND c.chain = h.chain
                        WHERE h.seq > 0 AND (c.seq IS NULL OR c.seq <> h.seq))""")
                    .param("id", last.get().id()).query(Boolean.class).single();
            if (!changed) {
                return Optional.empty();
            }
        }
        return Optional.of(take());
    }

    /** The latest checkpoints, newest first. */
    @Transactional(readOnly = true)
    public List<Checkpoint> latest(int limit) {
        return jdbc.sql("""
                SELECT id, at, merkle_root, chain_count, signature, key_id FROM journal.checkpoint
                ORDER BY at DESC, id DESC LIMIT :limit""")
                .param("limit", Math.max(0, limit))
                .query((rs, n) -> new Checkpoint(rs.getObject("id", UUID.class),
                        rs.getObject("at", OffsetDateTime.class).toInstant(), Hashing.hex(rs.getBytes("merkle_root")),
                        rs.getLong("chain_count"), Base64.getEncoder().encodeToString(rs.getBytes("signature")),
                        rs.getString("key_id")))
                .list();
    }

    /** The public key that verifies checkpoint signatures, PEM (X.509 SubjectPublicKeyInfo). */
    public String publicKeyPem() {
        return keys.publicKeyPem();
    }
}
