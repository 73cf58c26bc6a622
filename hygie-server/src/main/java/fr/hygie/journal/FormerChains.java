package fr.hygie.journal;

import fr.hygie.platform.Ids;
import java.io.ByteArrayOutputStream;
import java.security.PublicKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access journal across platforms (« réversibilité » of the journal des accès): a person who moves takes
 * « qui a accédé à mon dossier » with them. A platform cannot append another platform's hash chain into its own
 * (the hashes bind that platform's ids and order), so:
 * <ul>
 * <li>the operator's export carries each person's chain up to the head a checkpoint signed when the export
 * started ({@link #seal}, {@link #forExport}), with that checkpoint, the Merkle inclusion proof of the head and
 * the public key, plus the person's former chains unchanged (a chain that moved A→B moves again B→C with its
 * origin);</li>
 * <li>the import verifies a chain completely ({@link #problem}) and keeps it read-only as a former platform's
 * chain of the person ({@link #importChain}); a forged or broken chain is refused with its French reason and
 * nothing of it is stored; importing again stores nothing twice; this platform's own chain coming back with a
 * person who moves back (A → B → A) is recognised and matched, never stored as a former chain.</li>
 * </ul>
 */
@Service
public class FormerChains {

    /** Former chains read at once by {@link #forEach}: their headers, each chain's entries then read alone. */
    private static final int PAGE = 500;

    /**
     * Only the newest version kept of each former chain ({@code c}: a row of {@code journal.former_chain}); the older
     * versions stay, verified by {@code journal verify}, and hold nothing the newest does not.
     */
    static final String NEWEST = " NOT EXISTS (SELECT 1 FROM journal.former_chain newer WHERE newer.key_id = c.key_id"
            + " AND newer.chain = c.chain AND newer.head_seq > c.head_seq)";

    /** Who the journal names for the import of a former journal. */
    static final String IMPORTER = "Import (journal d'une ancienne plateforme)";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Checkpoints checkpoints;
    private final CheckpointKeys keys;
    private final Journal journal;
    private final Clock clock;

    FormerChains(JdbcClient jdbc, JdbcTemplate template, Checkpoints checkpoints, CheckpointKeys keys, Journal journal, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.journal = journal;
        this.clock = clock;
    }

    /** What an import of one chain did: a decision the operator reads in the import report. */
    public sealed interface ImportOutcome permits Imported, Extended, AlreadyThere, ThisPlatforms, Refused {
    }

    /**
     * A longer version of a former chain kept here (same key, chain and person; every entry the two share is the
     * same): kept beside the older one ({@code previousHead} entries), which is never rewritten; the person's page,
     * the API and the export show the newest version only.
     */
    public record Extended(UUID id, long previousHead) implements ImportOutcome {
    }

    public record Imported(UUID id) implements ImportOutcome {
    }

    /** This very former chain (same key, chain, head and person) is already kept here. */
    public record AlreadyThere() implements ImportOutcome {
    }

    /**
     * The chain is this platform's own journal of the person, coming back (a person who moved A → B → A: B's export
     * carries A's chain as a former chain): it matches what this platform holds up to its head ({@code headSeq}),
     * so nothing is stored; the person's live chain here goes on from where it is ({@code holdsUpTo}).
     */
    public record ThisPlatforms(long headSeq, long holdsUpTo) implements ImportOutcome {
    }

    public record Refused(String reason) implements ImportOutcome {
    }

    /** An entry of a former chain with the person it belongs to here. */
    public record FormerEntry(UUID patientId, String keyId, ChainEntry entry) {
    }

    /**
     * The checkpoint of one operator export, taken when it starts, with the tree of the heads it signed (for the
     * inclusion proofs). The export carries each chain up to the head this checkpoint signed.
     */
    public static final class ExportSeal {
        private final Checkpoint checkpoint;
        private final String publicKeyPem;
        private final String[] chains;
        private final long[] seqs;
        private final MerkleProofs tree;

        ExportSeal(Checkpoint checkpoint, String publicKeyPem, String[] chains, long[] seqs, MerkleProofs tree) {
            this.checkpoint = checkpoint;
            this.publicKeyPem = publicKeyPem;
            this.chains = chains;
            this.seqs = seqs;
            this.tree = tree;
        }

        public Checkpoint checkpoint() {
            return checkpoint;
        }
    }

    /** Takes the export's checkpoint now and builds its tree (64 bytes per chain while the export runs). */
    @Transactional
    public ExportSeal seal() {
        Checkpoint c = checkpoints.take();
        List<String> chains = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        ByteArrayOutputStream leaves = new ByteArrayOutputStream();
        template.query("SELECT chain, seq, hash FROM journal.checkpoint_head WHERE checkpoint_id = ? ORDER BY chain", rs -> {
            chains.add(rs.getString(1));
            seqs.add(rs.getLong(2));
            leaves.writeBytes(MerkleTree.leafHash(rs.getString(1), rs.getLong(2), rs.getBytes(3)));
        }, c.id());
        MerkleProofs tree = new MerkleProofs(leaves.toByteArray(), chains.size());
        if (!Hashing.hex(tree.root()).equals(c.root())) {
            throw new IllegalStateException("Export checkpoint tree differs from the signed root");
        }
        return new ExportSeal(c, keys.publicKeyPem(), chains.toArray(String[]::new), seqs.stream().mapToLong(Long::longValue).toArray(),
                tree);
    }

    /**
     * A person's chains for the operator's export: their chain here up to the head the export's checkpoint signed
     * (none when it was empty then), then their former platforms' chains exactly as they came.
     */
    @Transactional(readOnly = true)
    public List<TransferredChain> forExport(ExportSeal seal, UUID patientId) {
        List<TransferredChain> out = new ArrayList<>();
        String chain = Journal.chainOf(patientId);
        // Chains are ASCII (UUID text), so String order is the byte order of the checkpoint's leaves.
        int i = Arrays.binarySearch(seal.chains, chain);
        if (i >= 0) {
            List<ChainEntry> entries = jdbc.sql("SELECT " + StoredEntry.COLUMNS
                            + " FROM journal.entry WHERE chain = :chain AND seq <= :head ORDER BY seq")
                    .param("chain", chain).param("head", seal.seqs[i])
                    .query((rs, n) -> ChainEntry.of(StoredEntry.read(rs))).list();
            Checkpoint c = seal.checkpoint;
            out.add(new TransferredChain(chain, entries, new ChainSeal(c.id(), c.at(), c.root(), c.chainCount(), c.signature(),
                    c.keyId(), seal.publicKeyPem, seal.tree.proof(i))));
        }
        of(patientId).forEach(f -> out.add(f.chain()));
        return out;
    }

    /**
     * Why a transferred chain does not verify, in French, or empty when it does: entries n°1 to the head, all of
     * this chain, each previous hash the hash of the entry before (zeros for n°1), each hash recomputed from the
     * fields; the public key's id is the checkpoint's key id; the head's leaf, through the inclusion proof, gives
     * the checkpoint's Merkle root; the checkpoint's signature verifies with that key.
     */
    public static Optional<String> problem(TransferredChain c) {
        return problem(c, new HashSet<>());
    }

    /**
     * As {@link #problem(TransferredChain)}, without verifying again a checkpoint signature listed in
     * {@code verifiedSeals} (every chain a platform sent in one export shares its checkpoint: {@code journal verify}
     * checked the same Ed25519 signature 100,000 times for 100,000 persons — docs/benchmarks.md « Session 6 »); adds
     * the ones it verifies.
     */
    static Optional<String> problem(TransferredChain c, Set<String> verifiedSeals) {
        if (c == null || c.chain() == null || c.entries() == null || c.entries().isEmpty()) {
            return Optional.of("chaîne vide");
        }
        ChainSeal s = c.seal();
        if (s == null || s.checkpointId() == null || s.at() == null || s.root() == null || s.signature() == null
                || s.keyId() == null || s.publicKeyPem() == null || s.proof() == null) {
            return Optional.of("sans le point de contrôle signé qui la couvre (ou incomplet)");
        }
        byte[] prev = Hashing.GENESIS;
        long expected = 1;
        for (ChainEntry e : c.entries()) {
            if (e.seq() != expected) {
                return Optional.of("l'entrée n°" + expected + " manque ou est en double");
            }
            if (!c.chain().equals(e.chain())) {
                return Optional.of("l'entrée n°" + e.seq() + " n'appartient pas à cette chaîne");
            }
            if (e.id() == null || e.at() == null || e.at().getNano() % 1000 != 0) {
                return Optional.of("l'entrée n°" + e.seq() + " est incomplète (identifiant ou date à la microseconde)");
            }
            StoredEntry st;
            try {
                st = e.stored();
            } catch (IllegalArgumentException x) {
                return Optional.of("l'empreinte de l'entrée n°" + e.seq() + " est illisible");
            }
            if (st.prevHash() == null || !Arrays.equals(st.prevHash(), prev)) {
                return Optional.of("le lien de l'entrée n°" + e.seq() + " vers l'entrée précédente est rompu");
            }
            if (st.hash() == null || !Arrays.equals(Hashing.entryHash(st), st.hash())) {
                return Optional.of("l'entrée n°" + e.seq() + " ne correspond plus à son empreinte (contenu modifié)");
            }
            prev = st.hash();
            expected++;
        }
        PublicKey key;
        try {
            key = CheckpointKeys.parsePublicKeyPem(s.publicKeyPem());
        } catch (RuntimeException x) {
            return Optional.of("la clé publique du point de contrôle est illisible");
        }
        if (!s.keyId().equals(CheckpointKeys.keyIdOf(key))) {
            return Optional.of("la clé publique fournie n'est pas la clé " + s.keyId() + " qui a signé le point de contrôle");
        }
        byte[] root;
        byte[] signature;
        byte[] reached;
        try {
            root = HexFormat.of().parseHex(s.root());
            signature = Base64.getDecoder().decode(s.signature().strip());
            reached = MerkleProofs.fold(MerkleTree.leafHash(c.chain(), c.headSeq(), prev), s.proof());
        } catch (IllegalArgumentException x) {
            return Optional.of("le point de contrôle est illisible (racine, signature ou preuve d'inclusion)");
        }
        if (!Arrays.equals(reached, root)) {
            return Optional.of("la dernière entrée (n°" + c.headSeq() + ") n'est pas celle que le point de contrôle du " + s.at()
                    + " a signée (preuve d'inclusion fausse)");
        }
        String seal = String.join("|", s.checkpointId().toString(), s.at().toString(), Long.toString(s.chainCount()), s.root(),
                s.keyId(), s.publicKeyPem(), s.signature());
        if (!verifiedSeals.contains(seal)) {
            if (!CheckpointKeys.verify(key, Checkpoint.message(s.checkpointId(), s.at(), s.chainCount(), root, s.keyId()), signature)) {
                return Optional.of("la signature du point de contrôle du " + s.at() + " est fausse (clé " + s.keyId() + ")");
            }
            verifiedSeals.add(seal);
        }
        return Optional.empty();
    }

    /**
     * Verifies a chain and keeps it read-only as a former platform's chain of {@code patientId} (the person here),
     * with every entry as it came; journals the import on the person's chain. Refused (nothing stored) when it
     * does not verify; already there when this very chain (same key, chain, head and person), or an older version
     * of the one kept, was imported; a longer version of a chain kept (the person went back to that platform and
     * left it again) is kept beside it ({@link Extended}); a version that contradicts the kept one on an entry they
     * share is refused.
     *
     * <p>A person moving back (A → B → A) brings A's own chain as one of their former chains: a chain whose seal
     * is this platform's (its key id is this installation's key, or its checkpoint is one this platform signed,
     * before a key change) is recognised as this platform's own and never stored as a former chain (the journal
     * would hold the same entries twice, once under a key that is not a former platform's). It must be the
     * person's chain here, and this platform's chain must hold the same hash at the same sequence number (with the
     * hash chain, the same head hash means the same entries n°1 to the head): then {@link ThisPlatforms}, nothing
     * stored; otherwise refused with the reason, nothing stored (this platform's journal differs from what it
     * signed: {@code ./hygie journal verify} says where).
     */
    @Transactional
    public ImportOutcome importChain(UUID patientId, TransferredChain c) {
        Optional<String> problem = problem(c);
        if (problem.isPresent()) {
            return new Refused(problem.get());
        }
        for (ChainEntry e : c.entries()) {
            try {
                e.toEntry();
            } catch (IllegalArgumentException x) {
                return new Refused("l'entrée n°" + e.seq() + " porte une action, une décision ou un canal que ce journal ne connaît pas");
            }
        }
        ChainSeal s = c.seal();
        byte[] head = HexFormat.of().parseHex(c.entries().get(c.entries().size() - 1).hash());
        if (thisPlatforms(s)) {
            return ownChainBack(patientId, c, head);
        }
        // The newest version kept of this chain, if any (a longer version is kept beside an older one: rows are never
        // rewritten).
        record Held(long headSeq, byte[] headHash, UUID patientId) {
        }
        Optional<Held> held = jdbc.sql("""
                SELECT head_seq, head_hash, patient_id FROM journal.former_chain WHERE key_id = :key AND chain = :chain
                ORDER BY head_seq DESC LIMIT 1""")
                .param("key", s.keyId()).param("chain", c.chain())
                .query((rs, n) -> new Held(rs.getLong(1), rs.getBytes(2), rs.getObject(3, UUID.class))).optional();
        if (held.isPresent()) {
            Held h = held.get();
            if (!h.patientId().equals(patientId)) {
                return new Refused("cette chaîne (clé " + s.keyId() + ") est déjà gardée ici comme le journal d'une autre personne");
            }
            // Versions of one chain agree on every entry they share: the shorter one's head is in the longer one.
            long shared = Math.min(h.headSeq(), c.headSeq());
            byte[] kept = h.headSeq() == shared ? h.headHash() : jdbc.sql("""
                    SELECT e.hash FROM journal.former_entry e JOIN journal.former_chain c ON c.id = e.former_chain_id
                    WHERE c.key_id = :key AND c.chain = :chain AND c.head_seq = :head AND e.seq = :seq""")
                    .param("key", s.keyId()).param("chain", c.chain()).param("head", h.headSeq()).param("seq", shared)
                    .query(byte[].class).single();
            byte[] arriving = HexFormat.of().parseHex(c.entries().get((int) shared - 1).hash());
            if (!Arrays.equals(kept, arriving)) {
                return new Refused("une autre version de cette chaîne (clé " + s.keyId() + ", jusqu'à l'entrée n°" + h.headSeq()
                        + ") est déjà importée et celle-ci la contredit (l'entrée n°" + shared + " diffère) ; la version gardée"
                        + " reste telle quelle");
            }
            if (c.headSeq() <= h.headSeq()) {
                return new AlreadyThere(); // this very version, or an older one of what is kept
            }
            // A longer version (the person came back to that platform and left it again: A → B → A → B): kept beside.
            return new Extended(store(patientId, c, head), h.headSeq());
        }
        return new Imported(store(patientId, c, head));
    }

    /** Stores a verified chain as a former chain of the person and journals the import on the person's chain here. */
    private UUID store(UUID patientId, TransferredChain c, byte[] head) {
        ChainSeal s = c.seal();
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO journal.former_chain (id, patient_id, chain, key_id, public_key, head_seq, head_hash, checkpoint_id,
                    checkpoint_at, checkpoint_root, checkpoint_chain_count, checkpoint_signature, proof, imported_at)
                VALUES (:id, :patient, :chain, :key, :pem, :seq, :hash, :checkpoint, :at, :root, :count, :signature, :proof, :now)""")
                .param("id", id).param("patient", patientId).param("chain", c.chain()).param("key", s.keyId())
                .param("pem", s.publicKeyPem()).param("seq", c.headSeq()).param("hash", head).param("checkpoint", s.checkpointId())
                .param("at", OffsetDateTime.ofInstant(s.at(), ZoneOffset.UTC)).param("root", HexFormat.of().parseHex(s.root()))
                .param("count", s.chainCount()).param("signature", Base64.getDecoder().decode(s.signature().strip()))
                .param("proof", String.join(",", s.proof()))
                .param("now", OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                .update();
        List<Object[]> rows = new ArrayList<>(c.entries().size());
        for (ChainEntry ce : c.entries()) {
            StoredEntry e = ce.stored();
            rows.add(new Object[] {id, e.id(), e.chain(), e.seq(), OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC),
                    uuid(e.actorAccountId()), e.actorName(), e.actorRole(), uuid(e.actingForAccountId()), text(e.actingForName()),
                    text(e.actingForRole()), uuid(e.patientId()), e.action(), e.objectType(), text(e.objectId()), e.decision(),
                    text(e.reasonCode()), e.channel(), text(e.justification()), e.prevHash(), e.hash()});
        }
        template.batchUpdate("INSERT INTO journal.former_entry (former_chain_id, " + StoredEntry.COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        journal.append(new JournalEntryDraft(JournalActor.system(IMPORTER), null, patientId, JournalAction.IMPORT, "AuditEvent",
                c.chain(), JournalDecision.PERMIT, "FORMER_JOURNAL", JournalChannel.SYSTEM, null));
        return id;
    }

    /**
     * Whether a verified seal is this platform's: signed with this installation's key, or a checkpoint this
     * platform took (its key changed since).
     */
    private boolean thisPlatforms(ChainSeal s) {
        return s.keyId().equals(keys.keyId()) || jdbc.sql("SELECT EXISTS (SELECT 1 FROM journal.checkpoint WHERE id = :id AND key_id = :key)")
                .param("id", s.checkpointId()).param("key", s.keyId()).query(Boolean.class).single();
    }

    /** This platform's own chain coming back: it must be the person's and match what this platform holds. */
    private ImportOutcome ownChainBack(UUID patientId, TransferredChain c, byte[] head) {
        if (!c.chain().equals(Journal.chainOf(patientId))) {
            return new Refused("c'est un journal de cette plateforme (clé " + c.seal().keyId() + "), mais celui d'une autre personne"
                    + " (chaîne " + c.chain() + ") : il n'est pas rattaché à cette personne");
        }
        Optional<byte[]> own = jdbc.sql("SELECT hash FROM journal.entry WHERE chain = :chain AND seq = :seq")
                .param("chain", c.chain()).param("seq", c.headSeq()).query(byte[].class).optional();
        if (own.isEmpty() || !Arrays.equals(own.get(), head)) {
            return new Refused("c'est le journal de cette plateforme pour cette personne (clé " + c.seal().keyId() + "), mais l'entrée n°"
                    + c.headSeq() + (own.isEmpty() ? " n'y est pas" : " n'y a pas la même empreinte")
                    + " : le journal d'ici ne correspond plus à ce qu'il a signé le " + c.seal().at()
                    + " (lancez ./hygie journal verify) ; rien n'en est gardé");
        }
        return new ThisPlatforms(c.headSeq(), journal.countForPatient(patientId));
    }

    /** A person's former platforms' chains, oldest import first, each verified again as it is read. */
    @Transactional(readOnly = true)
    public List<FormerChain> of(UUID patientId) {
        return jdbc.sql("SELECT * FROM journal.former_chain c WHERE patient_id = :patient AND" + NEWEST + " ORDER BY imported_at, id")
                .param("patient", patientId).query((rs, n) -> header(rs)).list().stream().map(this::load).toList();
    }

    /**
     * Every former chain here, every version kept (for {@code ./hygie journal verify}), in the order of their ids, one
     * chain in memory at a time: a platform that took in 100,000 persons holds hundreds of thousands of former entries, and reading them all
     * at once did not fit in {@code ./hygie}'s 512 MB heap (docs/benchmarks.md « Session 6 »). Stops when
     * {@code visit} answers false.
     */
    @Transactional(readOnly = true)
    void forEach(Predicate<FormerChain> visit) {
        UUID after = null;
        Set<String> verifiedSeals = new HashSet<>();
        while (true) {
            List<Header> page = (after == null
                    ? jdbc.sql("SELECT * FROM journal.former_chain ORDER BY id LIMIT " + PAGE)
                    : jdbc.sql("SELECT * FROM journal.former_chain WHERE id > :after ORDER BY id LIMIT " + PAGE).param("after", after))
                    .query((rs, n) -> header(rs)).list();
            for (Header h : page) {
                if (!visit.test(load(h, verifiedSeals))) {
                    return;
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** How many entries of former chains a person has. */
    @Transactional(readOnly = true)
    public long countEntries(UUID patientId) {
        return jdbc.sql("SELECT coalesce(sum(head_seq), 0) FROM journal.former_chain c WHERE patient_id = :patient AND" + NEWEST)
                .param("patient", patientId).query(Long.class).single();
    }

    /** A person's former entries, latest import first and newest entry first within a chain. */
    @Transactional(readOnly = true)
    public List<FormerEntry> entries(UUID patientId, int offset, int limit) {
        return jdbc.sql("SELECT c.patient_id AS here_patient, c.key_id AS here_key, e.* FROM journal.former_entry e JOIN journal.former_chain c ON c.id = e.former_chain_id"
                        + " WHERE c.patient_id = :patient AND" + NEWEST + " ORDER BY c.imported_at DESC, c.id DESC, e.seq DESC OFFSET :offset LIMIT :limit")
                .param("patient", patientId).param("offset", Math.max(0, offset)).param("limit", Math.max(0, limit))
                .query((rs, n) -> new FormerEntry(rs.getObject("here_patient", UUID.class), rs.getString("here_key"),
                        ChainEntry.of(StoredEntry.read(rs)))).list();
    }

    /** The former entry {@code seq} of the chain named {@code chain} (on its platform), if it is here. */
    @Transactional(readOnly = true)
    public Optional<FormerEntry> entry(String chain, long seq) {
        return jdbc.sql("SELECT c.patient_id AS here_patient, c.key_id AS here_key, e.* FROM journal.former_entry e JOIN journal.former_chain c ON c.id = e.former_chain_id"
                        + " WHERE c.chain = :chain AND e.seq = :seq ORDER BY c.head_seq DESC, c.imported_at LIMIT 1")
                .param("chain", chain).param("seq", seq)
                .query((rs, n) -> new FormerEntry(rs.getObject("here_patient", UUID.class), rs.getString("here_key"),
                        ChainEntry.of(StoredEntry.read(rs)))).optional();
    }

    private record Header(UUID id, UUID patientId, String chain, Instant importedAt, ChainSeal seal) {
    }

    private static Header header(ResultSet rs) throws SQLException {
        String proof = rs.getString("proof");
        ChainSeal seal = new ChainSeal(rs.getObject("checkpoint_id", UUID.class),
                rs.getObject("checkpoint_at", OffsetDateTime.class).toInstant(), Hashing.hex(rs.getBytes("checkpoint_root")),
                rs.getLong("checkpoint_chain_count"), Base64.getEncoder().encodeToString(rs.getBytes("checkpoint_signature")),
                rs.getString("key_id"), rs.getString("public_key"), proof.isEmpty() ? List.of() : List.of(proof.split(",")));
        return new Header(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class), rs.getString("chain"),
                rs.getObject("imported_at", OffsetDateTime.class).toInstant(), seal);
    }

    private FormerChain load(Header h) {
        return load(h, new HashSet<>());
    }

    private FormerChain load(Header h, Set<String> verifiedSeals) {
        List<ChainEntry> entries = jdbc.sql("SELECT " + StoredEntry.COLUMNS + " FROM journal.former_entry WHERE former_chain_id = :id ORDER BY seq")
                .param("id", h.id()).query((rs, n) -> ChainEntry.of(StoredEntry.read(rs))).list();
        TransferredChain chain = new TransferredChain(h.chain(), entries, h.seal());
        return new FormerChain(h.id(), h.patientId(), h.importedAt(), chain, problem(chain, verifiedSeals).isEmpty());
    }

    private static SqlParameterValue uuid(UUID u) {
        return new SqlParameterValue(Types.OTHER, u);
    }

    private static SqlParameterValue text(String s) {
        return new SqlParameterValue(Types.VARCHAR, s);
    }
}
