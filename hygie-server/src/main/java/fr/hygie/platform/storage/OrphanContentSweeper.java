package fr.hygie.platform.storage;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, removes ciphertext that no module references: a blob is written inside the transaction
 * that records it, so a crash (kill -9) between the write and the commit leaves a blob without a row.
 * Only blobs created before this process started are considered (their ids are UUID v7: the first 48
 * bits are the creation time in milliseconds), so nothing being written right now is touched. While a
 * backup pauses erasures ({@link DocumentStore#pauseErasures}, possibly in another process) it removes
 * nothing at once: the orphan may be the blob of a document erased after the backup's snapshot, which the
 * backup copies; its erasure is deferred until the pause ends ({@link PausedErasuresWatch}). Pauses nobody
 * holds any more (a backup that died, a heartbeat too old) are ended first ({@link DocumentStore#endAbandonedPauses}),
 * then the erasures an earlier run deferred are carried out if no pause is open ({@link DocumentStore#completeDeferredErasures}).
 */
@Component
@Order(0)
class OrphanContentSweeper implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OrphanContentSweeper.class);

    private final DocumentStore store;
    private final List<StoredContentOwner> owners;
    /** Milliseconds, like the time in a UUID v7: a blob of the same millisecond is kept (safe side). */
    private final long startedAtMillis = System.currentTimeMillis();

    private final boolean cli;

    @org.springframework.beans.factory.annotation.Autowired
    OrphanContentSweeper(DocumentStore store, List<StoredContentOwner> owners,
            @org.springframework.beans.factory.annotation.Value("${hygie.cli.active:false}") boolean cli) {
        this.store = store;
        this.owners = owners;
        this.cli = cli;
    }

    OrphanContentSweeper(DocumentStore store, List<StoredContentOwner> owners) {
        this(store, owners, false);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (cli) {
            // A subcommand (./hygie backup, journal verify…) may start while the server writes: a blob written just
            // before it started, whose row commits just after its look, would be taken for an orphan and deleted.
            // Only the server sweeps, at its own start (docs/security.md, "Open work" of session 1).
            return;
        }
        int abandoned = store.endAbandonedPauses();
        if (abandoned > 0) {
            log.info("Ended {} pause(s) of erasures that no backup holds any more", abandoned);
        }
        // Erasures a backup deferred before this server stopped (their list is in the database): carried out now if no
        // pause is open any more, else once the pause ends (PausedErasuresWatch).
        int carriedOut = store.completeDeferredErasures();
        if (carriedOut > 0) {
            log.info("Removed {} erased ciphertext blob(s) whose erasure a backup had deferred before the restart", carriedOut);
        }
        int removed = sweep();
        if (store.deferredErasures() > 0) {
            // A backup is copying the store: an orphan may be the blob of a document erased after its snapshot, which the
            // backup still needs (docs/security.md, "Backup and restore"). They go once the backup's pause ends.
            log.info("A backup is copying the document store: {} orphan ciphertext blob(s) kept until it ends",
                    store.deferredErasures());
        }
        log.info("Removed {} orphan ciphertext blob(s) and {} temporary file(s) left by an interrupted write", removed,
                store.removeInterruptedWrites(startedAtMillis));
    }

    /** Removes the orphans; returns how many. */
    int sweep() {
        int removed = 0;
        try (Stream<UUID> ids = store.ids()) {
            for (UUID id : (Iterable<UUID>) ids::iterator) {
                if (id.version() != 7 || (id.getMostSignificantBits() >>> 16) >= startedAtMillis) {
                    continue;
                }
                // erase, not delete: it leaves the blob while a backup pauses erasures, checked after the owners were
                // asked (a backup that starts after that check finds the blob there or never needed it).
                if (owners.stream().noneMatch(o -> o.owns(id)) && store.erase(id)) {
                    removed++;
                }
            }
        }
        return removed;
    }
}
