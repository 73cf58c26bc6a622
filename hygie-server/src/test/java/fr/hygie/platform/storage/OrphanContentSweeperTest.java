package fr.hygie.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.platform.Ids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanContentSweeperTest {

    @TempDir
    Path dir;

    @Test
    void aBlobNoModuleOwnsIsRemovedAtStartButOwnedAndNewerOnesStay() throws Exception {
        LocalDocumentStore store = new LocalDocumentStore(dir);
        UUID orphan = Ids.newId();
        UUID owned = Ids.newId();
        UUID notV7 = UUID.randomUUID();
        store.put(orphan, new byte[] {1});
        store.put(owned, new byte[] {2});
        store.put(notV7, new byte[] {3});
        Thread.sleep(5);
        OrphanContentSweeper sweeper = new OrphanContentSweeper(store, List.of(id -> Set.of(owned).contains(id)));
        UUID writtenAfterStart = Ids.newId();
        store.put(writtenAfterStart, new byte[] {4});

        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(store.exists(orphan)).isFalse();
        assertThat(store.exists(owned)).isTrue();
        assertThat(store.exists(notV7)).isTrue();
        assertThat(store.exists(writtenAfterStart)).isTrue();
    }

    /**
     * A new document's blob is written in place under its final name ({@link DocumentStore#putNew}): a crash in the
     * middle of the write leaves a partial file there, before any row names it. The start-up sweep removes it like any
     * other orphan (the row commits only after the whole blob is flushed, so no row ever points at a partial one).
     */
    @Test
    void aPartialBlobLeftByAnInPlaceWriteInterruptedByACrashIsRemovedAtStart() throws Exception {
        LocalDocumentStore store = new LocalDocumentStore(dir);
        UUID owned = Ids.newId();
        store.putNew(owned, new byte[] {2});
        UUID interrupted = Ids.newId();
        Path partial = store.pathOf(interrupted);
        Files.createDirectories(partial.getParent());
        Files.write(partial, new byte[] {1, 2, 3}); // the first bytes of a blob whose write the crash cut short
        Thread.sleep(5);
        OrphanContentSweeper sweeper = new OrphanContentSweeper(store, List.of(id -> id.equals(owned)));

        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(store.exists(interrupted)).isFalse();
        assertThat(store.get(owned)).containsExactly(2);
    }

    /**
     * A server starting while {@code ./hygie backup} copies its store (the backup's pause of erasures is open, here
     * held by this process): an orphan may be the blob of a document erased after the backup's snapshot, which the
     * backup must still copy. It stays until a sweep without a pause.
     */
    @Test
    void anOrphanStaysWhileABackupPausesErasuresAndGoesAtTheNextSweepAfterIt() throws Exception {
        LocalDocumentStore store = new LocalDocumentStore(dir);
        UUID orphan = Ids.newId();
        store.put(orphan, new byte[] {1});
        Thread.sleep(5);
        OrphanContentSweeper sweeper = new OrphanContentSweeper(store, List.of(id -> false));
        try (DocumentStore.ErasurePause pause = store.pauseErasures()) {
            assertThat(store.endAbandonedPauses()).as("the pause of a live backup is not abandoned").isZero();
            assertThat(sweeper.sweep()).isZero();
            assertThat(store.exists(orphan)).isTrue();
        }
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(store.exists(orphan)).isFalse();
    }

    /**
     * A backup killed before it closed its pause leaves its marker: the next start ends that pause (its process is
     * gone) and sweeps; a pause held by another machine sharing the store, or of unknown origin, stays and holds
     * the sweep.
     */
    @Test
    void aPauseLeftByABackupThatDiedEndsAtTheNextStartButNotAnotherMachines() throws Exception {
        LocalDocumentStore store = new LocalDocumentStore(dir);
        UUID orphan = Ids.newId();
        store.put(orphan, new byte[] {1});
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = dir.resolve(".erasures-paused-" + UUID.randomUUID());
        Files.writeString(dead, LocalDocumentStore.owner(gone.pid()));
        Path elsewhere = dir.resolve(".erasures-paused-" + UUID.randomUUID());
        Files.writeString(elsewhere, ProcessHandle.current().pid() + "@another-machine.example");
        Thread.sleep(5);
        OrphanContentSweeper sweeper = new OrphanContentSweeper(store, List.of(id -> false));

        assertThat(store.endAbandonedPauses()).isEqualTo(1);
        assertThat(dead).doesNotExist();
        assertThat(elsewhere).exists();
        assertThat(store.erasuresPaused()).isTrue();
        assertThat(sweeper.sweep()).isZero();
        assertThat(store.exists(orphan)).isTrue();

        Files.delete(elsewhere);
        assertThat(sweeper.sweep()).isEqualTo(1);
    }

    /**
     * The remote case: a backup on another machine sharing the store that stops refreshing its marker (killed, hung,
     * machine gone). Its pause ends once the heartbeat is older than the expiry (10 minutes by default), and so does a
     * pause of this machine whose pid lives on (a reused pid, a hung backup); a fresh heartbeat of another machine stays.
     */
    @Test
    void aPauseWhoseHeartbeatIsOlderThanTheExpiryEndsWhateverItsMachineButAFreshOneStays() throws Exception {
        LocalDocumentStore store = new LocalDocumentStore(dir);
        Path silent = dir.resolve(".erasures-paused-" + UUID.randomUUID());
        Files.writeString(silent, "4242@another-machine.example");
        Files.setLastModifiedTime(silent, FileTime.from(Instant.now().minus(11, ChronoUnit.MINUTES)));
        Path hung = dir.resolve(".erasures-paused-" + UUID.randomUUID());
        Files.writeString(hung, LocalDocumentStore.owner(ProcessHandle.current().pid()));
        Files.setLastModifiedTime(hung, FileTime.from(Instant.now().minus(11, ChronoUnit.MINUTES)));
        Path alive = dir.resolve(".erasures-paused-" + UUID.randomUUID());
        Files.writeString(alive, "4242@another-machine.example");
        Files.setLastModifiedTime(alive, FileTime.from(Instant.now().minus(9, ChronoUnit.MINUTES)));

        assertThat(store.endAbandonedPauses()).isEqualTo(2);
        assertThat(silent).doesNotExist();
        assertThat(hung).doesNotExist();
        assertThat(alive).exists();
        assertThat(store.erasuresPaused()).isTrue();
    }

    /**
     * A running backup refreshes its marker (heartbeat), so a server never ends its pause; if another process ends it
     * anyway (the heartbeat looked too old), the backup learns it ({@code held()} false, and it then refuses to
     * finish) and its heartbeat never re-creates the marker.
     */
    @Test
    void aLiveBackupKeepsItsPauseByItsHeartbeatAndLearnsWhenItWasEnded() throws Exception {
        LocalDocumentStore store = new LocalDocumentStore(dir);
        try (DocumentStore.ErasurePause opened = store.pauseErasures()) {
            LocalDocumentStore.MarkerPause pause = (LocalDocumentStore.MarkerPause) opened;
            FileTime old = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
            Files.setLastModifiedTime(pause.marker(), old);
            assertThat(pause.beat()).isTrue();
            assertThat(Files.getLastModifiedTime(pause.marker())).isGreaterThan(old);
            assertThat(store.endAbandonedPauses()).as("a pause with a fresh heartbeat").isZero();
            assertThat(pause.held()).isTrue();

            Files.setLastModifiedTime(pause.marker(), old); // the backup was suspended for an hour
            assertThat(store.endAbandonedPauses()).isEqualTo(1);
            assertThat(pause.held()).isFalse();
            assertThat(pause.beat()).isFalse();
            assertThat(pause.marker()).as("never re-created by a late heartbeat").doesNotExist();
            assertThat(store.erasuresPaused()).isFalse();
        }
    }

    /** An erasure that comes during a backup's pause waits for its end, then completes without a restart. */
    @Test
    void anErasureDuringAPauseCompletesOnceThePauseEnds() throws Exception {
        LocalDocumentStore store = new LocalDocumentStore(dir);
        UUID erased = Ids.newId();
        store.put(erased, new byte[] {1});
        try (DocumentStore.ErasurePause pause = store.pauseErasures()) {
            assertThat(store.erase(erased)).isFalse();
            assertThat(store.deferredErasures()).isEqualTo(1);
            assertThat(store.completeDeferredErasures()).as("still paused").isZero();
            assertThat(store.exists(erased)).isTrue();
        }
        assertThat(store.completeDeferredErasures()).isEqualTo(1);
        assertThat(store.exists(erased)).isFalse();
        assertThat(store.deferredErasures()).isZero();
    }

    @Test
    void anExpiryShorterThanThreeHeartbeatsIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new LocalDocumentStore(dir,
                java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(60), java.time.Clock.systemUTC()));
    }
}
