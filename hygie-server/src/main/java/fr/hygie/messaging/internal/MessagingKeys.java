package fr.hygie.messaging.internal;

import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.crypto.SealedColumns;
import fr.hygie.platform.crypto.WrappedKeyHolder;
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

    private final SealedColumns columns;

    MessagingKeys(JdbcClient jdbc, TransactionTemplate tx) {
        this.columns = new SealedColumns(jdbc, tx);
    }

    @Override
    public String name() {
        return "messaging (conversations, messages, pièces jointes)";
    }

    @Override
    public long rewrapAll(EnvelopeEncryption envelope) {
        return columns.rewrapText(envelope, "messaging.conversation", "id", "subject_sealed")
                + columns.rewrapText(envelope, "messaging.message", "id", "body_sealed")
                + columns.rewrapText(envelope, "messaging.attachment", "id", "file_name_sealed")
                + columns.rewrapKeys(envelope, "messaging.attachment", "id", "wrapped_key");
    }
}
