package fr.hygie.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.platform.Ids;
import java.nio.file.Path;
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
}
