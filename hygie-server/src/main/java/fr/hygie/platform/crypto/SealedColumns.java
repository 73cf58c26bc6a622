package fr.hygie.platform.crypto;

import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-wraps the sealed columns of one module's tables for a {@link WrappedKeyHolder}: walks the rows by batches of
 * their UUID key, and writes each new value guarded by the value read, so a concurrent change is never overwritten
 * (a row sealed meanwhile is already under the new primary key). Table and column names are the caller's constants,
 * never input.
 */
public final class SealedColumns {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public SealedColumns(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** A column of {@link EnvelopeEncryption#sealText} tokens. */
    public long rewrapText(EnvelopeEncryption envelope, String table, String key, String column) {
        return rewrap(table, key, column, String.class, envelope::rewrapText);
    }

    /** A column of wrapped data keys (bytea), whose ciphertexts stay as they are. */
    public long rewrapKeys(EnvelopeEncryption envelope, String table, String key, String column) {
        return rewrap(table, key, column, byte[].class, envelope::rewrap);
    }

    private <T> long rewrap(String table, String key, String column, Class<T> type, UnaryOperator<T> rewrap) {
        long count = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            List<Row<T>> batch = jdbc.sql("SELECT " + key + ", " + column + " FROM " + table + " WHERE " + key + " > :after AND "
                            + column + " IS NOT NULL ORDER BY " + key + " LIMIT :limit")
                    .param("after", after).param("limit", BATCH)
                    .query((rs, n) -> new Row<>(rs.getObject(1, UUID.class), rs.getObject(2, type))).list();
            if (batch.isEmpty()) {
                return count;
            }
            tx.executeWithoutResult(s -> batch.forEach(r -> jdbc.sql("UPDATE " + table + " SET " + column + " = :v WHERE " + key
                    + " = :k AND " + column + " = :old").param("v", rewrap.apply(r.value())).param("k", r.key())
                    .param("old", r.value()).update()));
            count += batch.size();
            after = batch.get(batch.size() - 1).key();
        }
    }

    private record Row<T>(UUID key, T value) {
    }
}
