package fr.hygie.oversight.internal;

import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.crypto.WrappedKeyHolder;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-wraps the data keys of the sealed fields of human-contact requests (message, phone, e-mail,
 * response note) on {@code ./hygie keys rotate}, so that retiring an old master key never makes a
 * request unreadable.
 */
@Component
class OversightKeys implements WrappedKeyHolder {

    private static final List<String> COLUMNS = List.of("message_sealed", "phone_sealed", "email_sealed", "response_note_sealed");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    OversightKeys(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "oversight (demandes de contact humain)";
    }

    @Override
    public long rewrapAll(EnvelopeEncryption envelope) {
        long count = 0;
        for (String column : COLUMNS) {
            List<Object[]> rows = jdbc.sql("SELECT id, " + column + " FROM oversight.contact_request WHERE " + column + " IS NOT NULL")
                    .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).list();
            tx.executeWithoutResult(s -> rows.forEach(r -> jdbc.sql("UPDATE oversight.contact_request SET " + column + " = :v WHERE id = :id")
                    .param("v", envelope.rewrapText((String) r[1])).param("id", r[0]).update()));
            count += rows.size();
        }
        return count;
    }
}
