package fr.hygie.platform.crypto;

/**
 * Sealed data could not be opened: the associated data does not match (the ciphertext was moved to
 * another row), the bytes were altered, or the master key that wrapped the data key was retired before
 * this key was re-wrapped. This is an integrity failure, never a business outcome: the message names
 * no content.
 */
public class SealedDataUnreadableException extends RuntimeException {

    public SealedDataUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
