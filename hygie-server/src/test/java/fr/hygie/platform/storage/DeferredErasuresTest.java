package fr.hygie.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.platform.Ids;
import fr.hygie.platform.TransactionHooks;
import fr.hygie.support.HygieIntegrationTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The erasures a backup deferred survive a stop of the server (real PostgreSQL, table {@code platform.deferred_erasure}):
 * a run of the store defers an erasure while a backup pauses erasures, then stops; the next run, which has nothing of the
 * first in memory and whose orphan sweep is told that every blob is still owned (so that only the recorded list can
 * remove it), carries the erasure out at its start once the pause is over, or, while it still holds, as soon as it ends.
 *
 * <p>Each run is a {@link LocalDocumentStore} on a folder of the test's own, over the context's database, as the server
 * builds it ({@link StorageConfiguration}). The context's own store is paused meanwhile, so that its watch (every few
 * seconds, same table) leaves the test's line alone; nothing else of the shared context changes.
 */
@HygieIntegrationTest
class DeferredErasuresTest {

    @TempDir
    Path dir;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    @Autowired
    DocumentStore contextStore;

    @Test
    void anErasureDeferredBeforeAStopIsCarriedOutAtTheNextStartOnceTheBackupIsOver() {
        try (DocumentStore.ErasurePause quietContext = contextStore.pauseErasures()) {
            LocalDocumentStore first = run();
            UUID blob = Ids.newId();
            first.put(blob, new byte[] {1, 2, 3});
            DocumentStore.ErasurePause backup = first.pauseErasures();
            eraseAfterCommit(first, blob);
            assertThat(lineOf(blob)).as("the deferred erasure, committed on its own after the erasing transaction").isTrue();
            assertThat(first.exists(blob)).as("kept while the backup copies the store").isTrue();
            backup.close(); // the backup ends while the first run is already stopped: nothing of it is used from here

            LocalDocumentStore second = run();
            assertThat(second.deferredErasures()).as("the next run knows of the erasure without any memory of the first").isPositive();
            new OrphanContentSweeper(second, List.of(id -> true)).run(null);
            assertThat(second.exists(blob)).as("carried out at the start, not by the orphan sweep (every blob is owned)").isFalse();
            assertThat(lineOf(blob)).as("forgotten once carried out").isFalse();
        }
    }

    @Test
    void aStartDuringTheBackupKeepsTheBlobAndCarriesTheErasureOutWhenThePauseEnds() {
        try (DocumentStore.ErasurePause quietContext = contextStore.pauseErasures()) {
            LocalDocumentStore first = run();
            UUID blob = Ids.newId();
            first.put(blob, new byte[] {4, 5, 6});
            try (DocumentStore.ErasurePause backup = first.pauseErasures()) {
                eraseAfterCommit(first, blob);

                LocalDocumentStore second = run();
                new OrphanContentSweeper(second, List.of(id -> true)).run(null);
                assertThat(second.exists(blob)).as("the backup still copies the store").isTrue();
                assertThat(second.completeDeferredErasures()).as("still paused").isZero();
                assertThat(lineOf(blob)).isTrue();

                backup.close();
                assertThat(second.completeDeferredErasures()).as("the watch's pass once the backup is over").isPositive();
                assertThat(second.exists(blob)).isFalse();
                assertThat(lineOf(blob)).isFalse();
            }
        }
    }

    @Test
    void anErasureWithoutABackupRemovesTheBlobAtOnceAndRecordsNothing() {
        LocalDocumentStore store = run();
        UUID blob = Ids.newId();
        store.put(blob, new byte[] {7});
        eraseAfterCommit(store, blob);
        assertThat(store.exists(blob)).isFalse();
        assertThat(lineOf(blob)).isFalse();
    }

    /** A run of the server's store on the test's folder: a new object, with nothing in memory of an earlier one. */
    private LocalDocumentStore run() {
        return new LocalDocumentStore(dir, Duration.ofSeconds(30), Duration.ofMinutes(10), clock,
                new JdbcDeferredErasures(jdbc, transactions, clock));
    }

    /** As {@code record.Documents#delete}: the blob's erasure runs once the transaction that destroyed its key has committed. */
    private void eraseAfterCommit(LocalDocumentStore store, UUID blob) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            jdbc.sql("SELECT 1").query(Integer.class).single(); // the transaction's own work (a key destroyed)
            TransactionHooks.afterCommit(() -> store.erase(blob));
        });
    }

    /** Read on a connection of its own, outside any transaction of the test: only committed lines are seen. */
    private boolean lineOf(UUID blob) {
        return jdbc.sql("SELECT count(*) FROM platform.deferred_erasure WHERE blob_id = :id").param("id", blob).query(Integer.class).single() == 1;
    }
}
