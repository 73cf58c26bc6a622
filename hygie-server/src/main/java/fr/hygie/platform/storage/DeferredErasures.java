package fr.hygie.platform.storage;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The blobs whose erasure (effacement) a pause of erasures deferred ({@link DocumentStore#pauseErasures}): their data
 * key is destroyed, their ciphertext waits for the backup to end. The server keeps them in its database
 * ({@link JdbcDeferredErasures}, table {@code platform.deferred_erasure}), so that an erasure deferred before a stop is
 * carried out after the restart as soon as no pause is open; {@link #inMemory()} serves a store without a database
 * (unit tests, a store opened on a restored copy).
 */
public interface DeferredErasures {

    /** Remembers that the blob's erasure waits for the end of the pauses (harmless when already remembered). */
    void defer(UUID blob);

    /** Forgets the blob: its erasure is carried out. */
    void forget(UUID blob);

    /** Every blob whose erasure waits, oldest first. */
    List<UUID> pending();

    /** How many erasures wait. */
    int count();

    /**
     * The list in a database's {@code platform.deferred_erasure}, as the server keeps it: for a store opened on a
     * restored home's database (a restore carries the lines of the backup's snapshot, docs/security.md "Backup and restore").
     */
    static DeferredErasures inDatabase(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        return new JdbcDeferredErasures(jdbc, transactions, clock);
    }

    /** A list held in this process's memory only: lost when it stops (then the next start's orphan sweep finds them). */
    static DeferredErasures inMemory() {
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        return new DeferredErasures() {
            @Override
            public void defer(UUID blob) {
                ids.add(blob);
            }

            @Override
            public void forget(UUID blob) {
                ids.remove(blob);
            }

            @Override
            public List<UUID> pending() {
                return List.copyOf(ids);
            }

            @Override
            public int count() {
                return ids.size();
            }
        };
    }
}
