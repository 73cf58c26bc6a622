package fr.hygie.oversight.internal;

import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.crypto.SealedColumns;
import fr.hygie.platform.crypto.WrappedKeyHolder;
import java.util.List;
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

    private final SealedColumns columns;

    OversightKeys(JdbcClient jdbc, TransactionTemplate tx) {
        this.columns = new SealedColumns(jdbc, tx);
    }

    @Override
    public String name() {
        return "oversight (demandes de contact humain)";
    }

    @Override
    public long rewrapAll(EnvelopeEncryption envelope) {
        long count = 0;
        for (String column : COLUMNS) {
            count += columns.rewrapText(envelope, "oversight.contact_request", "id", column);
        }
        return count;
    }
}
