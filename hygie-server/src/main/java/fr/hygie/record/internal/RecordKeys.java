package fr.hygie.record.internal;

import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.crypto.SealedColumns;
import fr.hygie.platform.crypto.WrappedKeyHolder;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-wraps every data key the record module holds under the current master key ({@code ./hygie keys
 * rotate}): document keys, sealed titles, notes, directives and contacts. Content ciphertext is untouched.
 */
@Component
class RecordKeys implements WrappedKeyHolder {

    private static final int BATCH = 500;

    private final DocumentRepository documents;
    private final TransactionTemplate tx;
    private final SealedColumns columns;

    RecordKeys(DocumentRepository documents, JdbcClient jdbc, TransactionTemplate tx) {
        this.documents = documents;
        this.tx = tx;
        this.columns = new SealedColumns(jdbc, tx);
    }

    @Override
    public String name() {
        return "record (documents, profil, volontés)";
    }

    @Override
    public long rewrapAll(EnvelopeEncryption envelope) {
        long count = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            UUID from = after;
            List<Object[]> batch = documents.keysAfter(from, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            tx.executeWithoutResult(s -> {
                for (Object[] r : batch) {
                    documents.updateKeys((UUID) r[0], envelope.rewrap((byte[]) r[1]),
                            r[2] == null ? null : envelope.rewrapText((String) r[2]));
                }
            });
            count += batch.size();
            after = (UUID) batch.get(batch.size() - 1)[0];
        }
        count += columns.rewrapText(envelope, "record.profile_item", "id", "note_sealed");
        count += columns.rewrapText(envelope, "record.wishes", "patient_id", "advance_directives_sealed");
        count += columns.rewrapText(envelope, "record.contact_person", "id", "name_sealed");
        count += columns.rewrapText(envelope, "record.contact_person", "id", "phone_sealed");
        return count;
    }
}
