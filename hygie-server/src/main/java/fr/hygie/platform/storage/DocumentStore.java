package fr.hygie.platform.storage;

import java.util.UUID;
import java.util.stream.Stream;

/**
 * The store of document contents ("entrepôt des documents"): opaque blobs by id. It only ever
 * receives ciphertext sealed by {@code fr.hygie.platform.crypto.EnvelopeEncryption}; the clear
 * content, the wrapped data key and the metadata live elsewhere (the wrapped key in the owning
 * module's table), so that deleting the wrapped key erases the document cryptographically even where
 * a backup still holds the blob.
 *
 * <p>One implementation today, {@link LocalDocumentStore} (a folder under {@code HYGIE_HOME}). An
 * S3-compatible object store fits the same contract when one machine is no longer enough: {@code put}
 * as a single PUT object (atomic by the protocol), {@code get}/{@code exists}/{@code delete} as
 * GET/HEAD/DELETE, {@code ids} as a paginated listing. Nothing outside this package may assume a file
 * system behind the store.
 */
public interface DocumentStore {

    /** The largest clear content Hygie accepts for one document: 20 MiB. */
    long MAX_CONTENT_BYTES = 20L * 1024 * 1024;

    /** The largest blob the store accepts: the content plus room for the encryption overhead. */
    long MAX_BLOB_BYTES = MAX_CONTENT_BYTES + 64 * 1024;

    /**
     * Stores {@code blob} under {@code id}, replacing an earlier blob of the same id atomically (a
     * retried write after a crash is harmless).
     *
     * @throws IllegalArgumentException when the blob exceeds {@link #MAX_BLOB_BYTES}
     */
    void put(UUID id, byte[] blob);

    /**
     * Stores the blob of a fresh id that nothing references yet (no committed row names it, nobody reads it before
     * this returns), durably, at the lowest cost the store allows: a new document's ciphertext, written before the
     * transaction that records its row. A crash during the write may leave a partial blob, which no row references
     * and the start-up orphan sweep removes ({@code OrphanContentSweeper}). Falls back to {@link #put} when a blob
     * of that id exists already.
     *
     * @throws IllegalArgumentException when the blob exceeds {@link #MAX_BLOB_BYTES}
     */
    default void putNew(UUID id, byte[] blob) {
        put(id, blob);
    }

    /** @throws DocumentNotFoundException when no blob has this id */
    byte[] get(UUID id);

    boolean exists(UUID id);

    /** Removes the blob if present; returns whether there was one. */
    boolean delete(UUID id);

    /**
     * Removes the blob of content whose data key was just destroyed (crypto-erasure, committed) — unless a
     * backup is copying the store ({@link #pauseErasures}): the blob then stays, unreadable without its key,
     * until the last pause ends ({@link #completeDeferredErasures}, which the server runs every few seconds), or,
     * if this process stops first, until the orphan sweep at the server's next start. So a backup never holds a
     * row whose ciphertext is gone: its database snapshot may predate the erasure, and then its copy of the store
     * does too.
     *
     * @return whether the blob was removed now
     */
    boolean erase(UUID id);

    /**
     * Removes the blobs whose erasure a pause deferred, if no pause is open any more (in this process or another
     * one); returns how many were removed.
     */
    int completeDeferredErasures();

    /** How many erasures wait for the end of a pause in this process. */
    int deferredErasures();

    /**
     * While the returned pause is open (in this process or another one: {@code ./hygie backup} runs beside the
     * server), {@link #erase} leaves blobs in place. Open it <em>before</em> the database snapshot, close it
     * after the copy of the store.
     */
    ErasurePause pauseErasures();

    /** Whether a pause of erasures is open, in this process or another one. */
    boolean erasuresPaused();

    /**
     * Ends the pauses nobody holds any more and returns how many ended: a pause whose heartbeat is older than the
     * expiry (a backup that stopped refreshing it, on this machine or another one sharing the store: killed, hung,
     * or a machine gone), and a pause of a process of this machine that is gone (a backup killed before closing its
     * pause). A pause of a live process with a fresh heartbeat, of this machine or another, stays. Only the server
     * calls it: at its start, before its orphan sweep, and every few seconds while it runs.
     */
    int endAbandonedPauses();

    /** An open pause of erasures; closing it twice is harmless. */
    interface ErasurePause extends AutoCloseable {

        /**
         * Whether this pause has held from its opening until now: {@code false} once another process ended it
         * (its heartbeat looked too old), after which an erasure may have removed a blob the holder meant to copy.
         */
        boolean held();

        @Override
        void close();
    }

    /**
     * Every stored id, in no particular order, for orphan checks and backups. The stream holds open
     * folders: close it (try-with-resources).
     */
    Stream<UUID> ids();

    /**
     * Removes the temporary files of writes that a crash interrupted before their rename, written before
     * {@code before} (epoch milliseconds); returns how many. Only the server calls it, at its own start.
     */
    int removeInterruptedWrites(long before);
}
