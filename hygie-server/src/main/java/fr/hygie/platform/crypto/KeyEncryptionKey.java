package fr.hygie.platform.crypto;

import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * The key that encrypts data keys ("clé de chiffrement de clés", KEK): it never touches health content
 * itself, only the small serialized data keys of {@link EnvelopeEncryption}.
 *
 * <p>The contract is deliberately what a key-management service or a hardware security module offers:
 * authenticated encryption of a few hundred bytes with a context string, where the key material never
 * leaves the service. Today's only implementation is {@link MasterKeys}, a Tink keyset in a local
 * file. A KMS (Tink's {@code KmsClient#getAead(keyUri)}: Google Cloud KMS, AWS KMS, HashiCorp Vault)
 * or a PKCS#11 HSM plugs in by implementing these two methods as the service's encrypt and decrypt
 * calls; rotation then happens in the service (which keeps old key versions for decryption), and the
 * {@code keys rotate} command's re-wrap pass still applies unchanged.
 */
public interface KeyEncryptionKey {

    /**
     * Encrypts a serialized data key with the current primary key.
     *
     * @param context associated data naming what the key is for; {@link #unwrap} needs the same
     */
    byte[] wrap(byte[] dataKey, byte[] context) throws GeneralSecurityException;

    /** Decrypts a wrapped data key with whichever enabled key wrapped it. */
    byte[] unwrap(byte[] wrappedKey, byte[] context) throws GeneralSecurityException;

    /** Where the key lives, for operators' messages (never key material). */
    String describe();

    /**
     * The keys that unwrap right now, as an object whose identity changes whenever a key is added, disabled or removed
     * (a rotation, a retirement, a keyset replaced by another process): {@link EnvelopeEncryption} serves a data key it
     * unwrapped earlier only while this is the same object (docs/adr/0003-unwrapped-data-keys-kept-in-memory.md). Empty when the
     * implementation cannot tell (a KMS that rotates or disables keys on its side): then every data key is unwrapped
     * by the service each time, as before.
     */
    default Optional<Object> unwrappingKeys() {
        return Optional.empty();
    }
}
