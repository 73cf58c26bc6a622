package fr.hygie.record.internal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.platform.storage.DocumentStore;
import fr.hygie.support.HygieIntegrationTest;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sealing warm-up (issue 13, docs/benchmarks.md « Session 8 — upload over HTTP ») really encrypts whole
 * documents under fresh data keys, and leaves nothing behind: no blob in the store, no document row.
 */
@HygieIntegrationTest
class SealingWarmUpTest {

    @Autowired
    SealingWarmUp warmUp;

    @Autowired
    DocumentStore store;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theWarmUpSealsWholeDocumentsAndKeepsNothing() {
        long blobs = blobs();
        long rows = rows();

        long sealed = warmUp.seal(20);

        // Each round is a 100 KB document sealed (ciphertext = content + Tink prefix, IV and tag), not a token call.
        assertThat(sealed).isGreaterThanOrEqualTo(20L * SealingWarmUp.DOCUMENT_BYTES);
        assertThat(blobs()).isEqualTo(blobs);
        assertThat(rows()).isEqualTo(rows);
    }

    private long blobs() {
        try (Stream<UUID> ids = store.ids()) {
            return ids.count();
        }
    }

    private long rows() {
        return jdbc.sql("select count(*) from record.document").query(Long.class).single();
    }
}
