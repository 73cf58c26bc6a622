package fr.hygie.platform.crypto;

/**
 * A module that stores wrapped data keys (or {@link EnvelopeEncryption#sealText} tokens) implements
 * this as a bean, so that {@code ./hygie keys rotate} can re-wrap them under the new master key. Only
 * the small wrapped keys change: the document contents and their ciphertexts stay as they are.
 *
 * <p>An implementation walks its rows in batches, calls {@link EnvelopeEncryption#rewrap} (or
 * {@link EnvelopeEncryption#rewrapText}) and writes the result back in the same transaction as it
 * read it (an update guarded by the old value is enough against a concurrent writer). Rows sealed
 * while the pass runs are already under the new primary key; re-wrapping them again is harmless.
 */
public interface WrappedKeyHolder {

    /** A short name for the operator's report, e.g. {@code "record.documents"}. */
    String name();

    /**
     * Re-wraps every key this holder stores under the current primary master key.
     *
     * @return how many keys were re-wrapped
     */
    long rewrapAll(EnvelopeEncryption envelope);
}
