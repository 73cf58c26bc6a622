package fr.hygie.platform.storage;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deferred erasures in the platform's schema ({@code platform.deferred_erasure}): they survive a stop of the server.
 * Each change commits on its own ({@code REQUIRES_NEW}): {@link DocumentStore#erase} runs after the commit of the
 * transaction that destroyed the data key, when that transaction's connection no longer commits anything.
 */
final class JdbcDeferredErasures implements DeferredErasures {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    JdbcDeferredErasures(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public void defer(UUID blob) {
        tx.executeWithoutResult(s -> jdbc.sql("""
                INSERT INTO platform.deferred_erasure (blob_id, deferred_at) VALUES (:id, :at) ON CONFLICT (blob_id) DO NOTHING""")
                .param("id", blob).param("at", java.sql.Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS))).update());
    }

    @Override
    public void forget(UUID blob) {
        tx.executeWithoutResult(s -> jdbc.sql("DELETE FROM platform.deferred_erasure WHERE blob_id = :id").param("id", blob).update());
    }

    @Override
    public List<UUID> pending() {
        return jdbc.sql("SELECT blob_id FROM platform.deferred_erasure ORDER BY deferred_at, blob_id").query(UUID.class).list();
    }

    @Override
    public int count() {
        return jdbc.sql("SELECT count(*) FROM platform.deferred_erasure").query(Integer.class).single();
    }
}
