package fr.hygie.platform.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * While the server runs, every few seconds ({@code hygie.storage.erasure-check-interval}, default 5 s): ends the
 * pauses of erasures nobody holds any more (a backup killed on this machine, or whose heartbeat is older than the
 * expiry — also another machine's, docs/security.md "Backup and restore"), then, once no pause is open, removes
 * the blobs whose erasure (effacement) waited for the backup to end — also those an earlier run of the server deferred
 * before it stopped (their list is in the database, {@code platform.deferred_erasure}). Without it an erasure made
 * during a backup would only complete at the server's next start.
 */
@Component
class PausedErasuresWatch {

    private static final Logger log = LoggerFactory.getLogger(PausedErasuresWatch.class);

    private final DocumentStore store;
    private final boolean cli;

    PausedErasuresWatch(DocumentStore store, @Value("${hygie.cli.active:false}") boolean cli) {
        this.store = store;
        this.cli = cli;
    }

    @Scheduled(fixedDelayString = "${hygie.storage.erasure-check-interval:PT5S}",
            initialDelayString = "${hygie.storage.erasure-check-interval:PT5S}")
    void check() {
        if (cli) {
            return; // only the server ends pauses and completes its own erasures (a subcommand erases nothing)
        }
        store.endAbandonedPauses(); // each ended pause is logged by the store
        int removed;
        try {
            removed = store.completeDeferredErasures();
        } catch (org.springframework.dao.DataAccessException e) {
            // The list of deferred erasures is in the database: while it is unreachable they wait (the blobs are
            // unreadable without their keys); the next check tries again. Only the kind is logged (docs/security.md).
            log.warn("Deferred erasures not checked: the database is unavailable ({})", e.getClass().getSimpleName());
            return;
        }
        if (removed > 0) {
            log.info("Removed {} erased ciphertext blob(s) kept while a backup copied the document store", removed);
        }
    }
}
