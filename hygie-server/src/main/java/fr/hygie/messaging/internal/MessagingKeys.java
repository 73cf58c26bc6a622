package fr.hygie.messaging.internal;

import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.crypto.WrappedKeyHolder;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-wraps every data key of the secure messaging (messagerie sécurisée) on {@code ./hygie keys rotate}:
 * sealed subjects, bodies and attachment names, and the wrapped keys of attachment contents. Without it,
 * {@code keys rotate --retire-old} left every conversation unreadable (every messaging page answered 500
 * once a test retired the old master key in the shared test context: docs/security.md, "Keys and rotation").
 */
@Component
class MessagingKeys implements WrappedKeyHolder {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    MessagingKeys(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "messaging (conversations, messages, pièces jointes)";
    }

    @Override
    public long rewrapAll(EnvelopeEncryption envelope) {
        return rewrapText(envelope, "messaging.conversation", "subject_sealed")
                + rewrapText(envelope, "messaging.message", "body_sealed")
                + rewrapText(envelope, "messaging.attachment", "file_name_sealed")
                + rewrapKeys(envelope);
    }

    /** Batches by id; each update is guarded by the value read, so a concurrent change is never overwritten. */
    private long rewrapText(EnvelopeEncryption envelope, String table, String column) {
        long count = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            List<Object[]> batch = jdbc.sql("SELECT id, " + column + " FROM " + table + " WHERE id > :after ORDER BY id LIMIT :limit")
                    .param("after", after).param("limit", BATCH)
                    .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).list();
            if (batch.isEmpty()) {
                return count;
            }
            tx.executeWithoutResult(s -> batch.forEach(r -> jdbc.sql("UPDATE " + table + " SET " + column + " = :v WHERE id = :id AND "
                    + column + " = :old").param("v", envelope.rewrapText((String) r[1])).param("id", r[0]).param("old", r[1]).update()));
            count += batch.size();
            after = (UUID) batch.get(batch.size() - 1)[0];
        }
    }

    private long rewrapKeys(EnvelopeEncryption envelope) {
        long count = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            List<Object[]> batch = jdbc.sql("SELECT id, wrapped_key FROM messaging.attachment WHERE id > :after ORDER BY id LIMIT :limit")
                    .param("after", after).param("limit", BATCH)
                    .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getBytes(2)}).list();
            if (batch.isEmpty()) {
                return count;
            }
            tx.executeWithoutResult(s -> batch.forEach(r -> jdbc.sql("UPDATE messaging.attachment SET wrapped_key = :v WHERE id = :id")
                    .param("v", envelope.rewrap((byte[]) r[1])).param("id", r[0]).update()));
            count += batch.size();
            after = (UUID) batch.get(batch.size() - 1)[0];
        }
    }
}
