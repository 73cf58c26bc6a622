package fr.hygie.journal;

import static org.assertj.core.api.Assertions.assertThat;

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
