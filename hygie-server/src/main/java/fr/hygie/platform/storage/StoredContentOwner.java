package fr.hygie.platform.storage;

import java.util.UUID;

/**
 * A module that keeps ciphertext in the {@link DocumentStore} says which blobs are still its own, so that
 * blobs left behind by a crash (written before a transaction that never committed) can be removed.
 */
public interface StoredContentOwner {

    /** True when {@code id} is a blob this module still references. */
    boolean owns(UUID id);
}
