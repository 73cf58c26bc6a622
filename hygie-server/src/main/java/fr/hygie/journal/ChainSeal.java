package fr.hygie.journal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What proves a chain's head elsewhere: the signed checkpoint (point de contrôle) that covers it ({@code
 * checkpointId}, {@code at}, Merkle {@code root} in hex, {@code chainCount}, Ed25519 {@code signature} in base64
 * by {@code keyId}), the public key (X.509 PEM) whose id is {@code keyId}, and the Merkle inclusion proof of the
 * head's leaf: steps {@code "L:<hex>"} (sibling on the left) or {@code "R:<hex>"}, from the leaf up
 * ({@link MerkleProofs}).
 */
public record ChainSeal(UUID checkpointId, Instant at, String root, long chainCount, String signature, String keyId,
        String publicKeyPem, List<String> proof) {
}
