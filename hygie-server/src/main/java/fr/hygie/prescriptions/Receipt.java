package fr.hygie.prescriptions;

import java.time.Instant;

/**
 * The receipt of a completed dispensation (« preuve de délivrance »): the canonical JSON of what was
 * dispensed ({@code payload}), its Ed25519 signature by the platform (base64) and the key's id. Anyone
 * may verify it with the public key published at {@code /ordonnances/cle-publique}.
 */
public record Receipt(String payload, String signature, String keyId, Instant signedAt) {
}
