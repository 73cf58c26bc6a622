package fr.hygie.journal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Another Hygie platform, for tests: its own Ed25519 checkpoint key (made here, in memory), a person's hash chain
 * written as {@link ChainWriter} writes one, and a signed checkpoint over that chain and a few other persons'
 * heads, with the chain head's inclusion proof: what that platform's operator export carries.
 */
public final class ForeignPlatform {

    private final KeyPair keys;

    public ForeignPlatform() {
        try {
            keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    public String keyId() {
        return CheckpointKeys.keyIdOf(keys.getPublic());
    }

    /** A person's chain of {@code n} entries (professionals reading documents), from {@code start}, sealed. */
    public TransferredChain chain(int n, Instant start) {
        UUID person = UUID.randomUUID();
        String chain = person.toString();
        List<ChainEntry> entries = new ArrayList<>();
        byte[] prev = Hashing.GENESIS;
        for (int i = 1; i <= n; i++) {
            StoredEntry e = new StoredEntry(UUID.randomUUID(), chain, i, start.plusSeconds(60L * i).truncatedTo(ChronoUnit.MICROS)
                    .plusNanos(123_000), UUID.randomUUID(), "Dr Ancienne Plateforme " + i, "PROFESSIONAL", null, null, null, person,
                    "READ", "DocumentReference", UUID.randomUUID().toString(), "PERMIT", i == 1 ? "" : "CARE_TEAM", "WEB", null, prev,
                    null);
            byte[] hash = Hashing.entryHash(e);
            entries.add(ChainEntry.of(new StoredEntry(e.id(), e.chain(), e.seq(), e.at(), e.actorAccountId(), e.actorName(),
                    e.actorRole(), e.actingForAccountId(), e.actingForName(), e.actingForRole(), e.patientId(), e.action(),
                    e.objectType(), e.objectId(), e.decision(), e.reasonCode(), e.channel(), e.justification(), e.prevHash(), hash)));
            prev = hash;
        }
        return seal(chain, entries, prev, start.plusSeconds(60L * (n + 1)));
    }

    /** What happened on that platform to one person: who, which action, when (the entry's fields, the rest fixed). */
    public record Access(JournalActor actor, String action, Instant at) {
    }

    /** A person's chain whose entries are {@code accesses}, in this order, sealed at {@code sealedAt}. */
    public TransferredChain chain(List<Access> accesses, Instant sealedAt) {
        UUID person = UUID.randomUUID();
        List<ChainEntry> entries = entries(person.toString(), person, accesses);
        return seal(person.toString(), entries, java.util.HexFormat.of().parseHex(entries.get(entries.size() - 1).hash()), sealedAt);
    }

    /**
     * The first {@code keep} entries of {@code base}, then {@code more}, chained on and sealed by this platform: a longer
     * version of the chain (the person came back here and left again) or, when {@code keep} is less than its length,
     * a version that contradicts it.
     */
    public TransferredChain extend(TransferredChain base, int keep, List<Access> more, Instant sealedAt) {
        List<ChainEntry> entries = new ArrayList<>(base.entries().subList(0, keep));
        entries.addAll(entries(base.chain(), base.entries().get(0).patientId(), more, keep + 1,
                java.util.HexFormat.of().parseHex(entries.get(keep - 1).hash())));
        return seal(base.chain(), entries, java.util.HexFormat.of().parseHex(entries.get(entries.size() - 1).hash()), sealedAt);
    }

    /** Hash-chained entries of {@code chain} (about {@code person}), as {@link ChainWriter} writes them. */
    static List<ChainEntry> entries(String chain, UUID person, List<Access> accesses) {
        return entries(chain, person, accesses, 1, Hashing.GENESIS);
    }

    private static List<ChainEntry> entries(String chain, UUID person, List<Access> accesses, long firstSeq, byte[] prevHash) {
        List<ChainEntry> entries = new ArrayList<>();
        byte[] prev = prevHash;
        long seq = firstSeq;
        for (Access a : accesses) {
            StoredEntry e = new StoredEntry(UUID.randomUUID(), chain, seq++, a.at().truncatedTo(ChronoUnit.MICROS), a.actor().accountId(),
                    a.actor().displayName(), a.actor().role(), null, null, null, person, a.action(), "DocumentReference",
                    UUID.randomUUID().toString(), "PERMIT", "CARE_TEAM", "WEB", null, prev, null);
            byte[] hash = Hashing.entryHash(e);
            entries.add(ChainEntry.of(new StoredEntry(e.id(), e.chain(), e.seq(), e.at(), e.actorAccountId(), e.actorName(),
                    e.actorRole(), e.actingForAccountId(), e.actingForName(), e.actingForRole(), e.patientId(), e.action(),
                    e.objectType(), e.objectId(), e.decision(), e.reasonCode(), e.channel(), e.justification(), e.prevHash(), hash)));
            prev = hash;
        }
        return entries;
    }

    /** Seals {@code entries} as they are (forged or not) with a checkpoint over their last hash and four other heads. */
    public TransferredChain seal(String chain, List<ChainEntry> entries, byte[] head, Instant at) {
        return sealWith(this::sign, keyId(), CheckpointKeys.pem("PUBLIC KEY", keys.getPublic().getEncoded()), chain, entries, head, at);
    }

    /** The same with any signer: {@code keyId} and {@code publicKeyPem} name the key that {@code signer} signs with. */
    static TransferredChain sealWith(java.util.function.Function<byte[], byte[]> signer, String keyId, String publicKeyPem, String chain,
            List<ChainEntry> entries, byte[] head, Instant at) {
        TreeMap<String, byte[]> heads = new TreeMap<>();
        heads.put(chain, MerkleTree.leafHash(chain, entries.size(), head));
        for (int i = 0; i < 4; i++) {
            String other = UUID.randomUUID().toString();
            heads.put(other, MerkleTree.leafHash(other, 1 + i, Hashing.sha256(other.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        byte[] leaves = new byte[heads.size() * Hashing.HASH_BYTES];
        int i = 0;
        int index = -1;
        for (var e : heads.entrySet()) {
            if (e.getKey().equals(chain)) {
                index = i;
            }
            System.arraycopy(e.getValue(), 0, leaves, i++ * Hashing.HASH_BYTES, Hashing.HASH_BYTES);
        }
        MerkleProofs tree = new MerkleProofs(leaves, heads.size());
        UUID checkpoint = UUID.randomUUID();
        Instant when = at.truncatedTo(ChronoUnit.MICROS);
        byte[] signature = signer.apply(Checkpoint.message(checkpoint, when, heads.size(), tree.root(), keyId));
        return new TransferredChain(chain, entries, new ChainSeal(checkpoint, when, Hashing.hex(tree.root()), heads.size(),
                Base64.getEncoder().encodeToString(signature), keyId, publicKeyPem, tree.proof(index)));
    }

    byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(keys.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same chain with entry {@code seq} changed (its hash kept: a forgery). */
    public static TransferredChain withEntry(TransferredChain c, long seq, UnaryOperator<ChainEntry> change) {
        return new TransferredChain(c.chain(), c.entries().stream().map(e -> e.seq() == seq ? change.apply(e) : e).toList(), c.seal());
    }

    /** The same chain with another seal. */
    public static TransferredChain withSeal(TransferredChain c, UnaryOperator<ChainSeal> change) {
        return new TransferredChain(c.chain(), c.entries(), change.apply(c.seal()));
    }
}
