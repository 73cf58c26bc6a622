package fr.hygie.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The published encodings: unambiguous entry fields, RFC 6962-shaped Merkle root. */
class EncodingTest {

    @Property(tries = 60)
    void theStreamingMerkleRootIsTheRfc6962TreeHash(@ForAll @IntRange(min = 0, max = 70) int leaves) {
        MerkleTree streaming = new MerkleTree();
        byte[][] leafHashes = new byte[leaves][];
        for (int i = 0; i < leaves; i++) {
            String chain = String.format("chain-%03d", i);
            byte[] hash = Hashing.sha256(chain.getBytes());
            streaming.add(chain, i + 1, hash);
            leafHashes[i] = MerkleTree.leafHash(chain, i + 1, hash);
        }

        assertThat(streaming.root()).isEqualTo(rfc6962(leafHashes));
        assertThat(streaming.leaves()).isEqualTo(leaves);
    }

    @Test
    void nullAndEmptyTextHashDifferently() {
        StoredEntry withNull = entry(null);
        StoredEntry withEmpty = entry("");

        assertThat(Hashing.entryHash(withNull)).isNotEqualTo(Hashing.entryHash(withEmpty));
    }

    @Test
    void movingTextFromOneFieldToTheNextChangesTheHash() {
        StoredEntry a = entry("ab");
        StoredEntry b = new StoredEntry(a.id(), a.chain(), a.seq(), a.at(), a.actorAccountId(), a.actorName(),
                a.actorRole(), null, null, null, a.patientId(), a.action(), a.objectType(), "a", a.decision(),
                "b", a.channel(), null, a.prevHash(), null);
        StoredEntry c = new StoredEntry(a.id(), a.chain(), a.seq(), a.at(), a.actorAccountId(), a.actorName(),
                a.actorRole(), null, null, null, a.patientId(), a.action(), a.objectType(), "ab", a.decision(),
                "", a.channel(), null, a.prevHash(), null);

        assertThat(Hashing.entryHash(b)).isNotEqualTo(Hashing.entryHash(c));
    }

    /**
     * The entry hash v1 as published, computed the plain way (a fresh {@code ByteArrayOutputStream}, {@code getBytes(UTF_8)}):
     * the reused, in-place encoder of {@link Hashing#entryHash} must give the same bytes for any text, including accents,
     * characters outside the BMP, unpaired surrogates and nulls — otherwise every stored chain would stop verifying.
     */
    @Property(tries = 300)
    void theEntryHashIsThePublishedEncodingHashedForAnyText(@ForAll String name, @ForAll String objectId,
            @ForAll @IntRange(min = 0, max = 3) int nulls, @ForAll long seq) {
        StoredEntry e = new StoredEntry(UUID.randomUUID(), "chain-é", seq, Instant.parse("2026-11-30T08:00:00.654321Z"),
                nulls == 1 ? null : UUID.randomUUID(), name, "PROFESSIONAL", nulls == 2 ? UUID.randomUUID() : null,
                nulls == 2 ? objectId : null, nulls == 2 ? "CAREGIVER" : null, nulls == 3 ? null : UUID.randomUUID(), "READ",
                "DocumentReference", nulls == 1 ? null : objectId, "PERMIT", "CARE_TEAM", "WEB",
                nulls == 3 ? name + objectId : null, Hashing.sha256(name.getBytes(StandardCharsets.UTF_8)), null);

        assertThat(Hashing.entryHash(e)).isEqualTo(plainEntryHash(e));
    }

    @Test
    void anEntryWithUnpairedSurrogatesAndSupplementaryCharactersHashesAsPublished() {
        for (String text : new String[] {"\uD83D\uDE00 ok", "a\uD800b", "\uDC00", "x\uD800", "Émile Zoë 中文", "", "\u007F\u0080\u07FF\u0800\uFFFF"}) {
            StoredEntry e = new StoredEntry(UUID.randomUUID(), text, 7, Instant.parse("2026-11-30T08:00:00Z"), null, text,
                    "SYSTEM", null, null, null, null, "READ", "Keyset", text, "PERMIT", null, "SYSTEM", text, Hashing.GENESIS,
                    null);
            assertThat(Hashing.entryHash(e)).as(text).isEqualTo(plainEntryHash(e));
        }
    }

    @Test
    void theEntryHashOfAKnownEntryIsUnchanged() {
        // Computed with the encoder of session 8 (bba9838) and kept: a change of the encoding fails here first.
        assertThat(Hashing.hex(Hashing.entryHash(entry("CARE_TEAM")))).isEqualTo(KNOWN_HASH);
    }

    private static final String KNOWN_HASH = "e51c9a4021fee9928b217ec6416d31ead555cf8e1bd48d48481736a8820a3ebf";

    private static byte[] plainEntryHash(StoredEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plainString(out, Hashing.ENTRY_DOMAIN);
        plainUuid(out, e.id());
        plainString(out, e.chain());
        plainNumber(out, e.seq());
        plainNumber(out, Hashing.epochMicros(e.at()));
        plainUuid(out, e.actorAccountId());
        plainString(out, e.actorName());
        plainString(out, e.actorRole());
        plainUuid(out, e.actingForAccountId());
        plainString(out, e.actingForName());
        plainString(out, e.actingForRole());
        plainUuid(out, e.patientId());
        plainString(out, e.action());
        plainString(out, e.objectType());
        plainString(out, e.objectId());
        plainString(out, e.decision());
        plainString(out, e.reasonCode());
        plainString(out, e.channel());
        plainString(out, e.justification());
        out.write(1);
        plainInt32(out, e.prevHash().length);
        out.writeBytes(e.prevHash());
        return Hashing.sha256(out.toByteArray());
    }

    private static void plainString(ByteArrayOutputStream out, String s) {
        if (s == null) {
            out.write(0);
            return;
        }
        out.write(1);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        plainInt32(out, utf8.length);
        out.writeBytes(utf8);
    }

    private static void plainUuid(ByteArrayOutputStream out, UUID u) {
        if (u == null) {
            out.write(0);
            return;
        }
        out.write(1);
        plainInt64(out, u.getMostSignificantBits());
        plainInt64(out, u.getLeastSignificantBits());
    }

    private static void plainNumber(ByteArrayOutputStream out, long n) {
        out.write(1);
        plainInt64(out, n);
    }

    private static void plainInt32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void plainInt64(ByteArrayOutputStream out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
    }

    private static StoredEntry entry(String reasonCode) {
        return new StoredEntry(UUID.fromString("0190f3a2-0000-7000-8000-000000000001"), "platform", 1,
                Instant.parse("2026-11-29T08:00:00.123456Z"), null, "Hygie", "SYSTEM", null, null, null, null,
                "KEY_ROTATION", "Keyset", null, "PERMIT", reasonCode, "SYSTEM", null, Hashing.GENESIS, null);
    }

    /** RFC 6962 §2.1 MTH, written recursively as in the RFC. */
    private static byte[] rfc6962(byte[][] leaves) {
        if (leaves.length == 0) {
            return Hashing.sha256();
        }
        if (leaves.length == 1) {
            return leaves[0];
        }
        int k = Integer.highestOneBit(leaves.length - 1);
        return MerkleTree.nodeHash(rfc6962(Arrays.copyOfRange(leaves, 0, k)),
                rfc6962(Arrays.copyOfRange(leaves, k, leaves.length)));
    }

}
