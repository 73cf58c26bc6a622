package fr.hygie.journal;

import java.time.Instant;
import java.util.UUID;

/**
 * A signed checkpoint (point de contrôle): {@code root} (hex) is the Merkle root over the heads of the
 * {@code chainCount} chains at {@code at}; {@code signature} (base64) is Ed25519 by the key
 * {@code keyId} over {@link #signedMessage()}. It holds no health data and is published.
 */
public record Checkpoint(UUID id, Instant at, String root, long chainCount, String signature, String keyId) {

    public static final String DOMAIN = "hygie-journal-checkpoint-v1";

    /**
     * The signed bytes (v1), with the field encoding of the entry hash: the text
     * "hygie-journal-checkpoint-v1", id, at (epoch microseconds), chain count, root (32 bytes), key id.
     */
    public byte[] signedMessage() {
        return message(id, at, chainCount, java.util.HexFormat.of().parseHex(root), keyId);
    }

    static byte[] message(UUID id, Instant at, long chainCount, byte[] root, String keyId) {
        return new Hashing.Encoder().string(DOMAIN).uuid(id).instant(at).number(chainCount).bytes(root)
                .string(keyId).toByteArray();
    }
}
