package fr.hygie.messaging;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.util.List;

/**
 * A message as another platform's export carries it (« réversibilité »), for
 * {@link Conversations#importMessage}: its id and its conversation's (kept, so that importing twice
 * creates nothing twice), the person and the care party, the conversation's subject (required for the
 * first message of a conversation), which side wrote it, who wrote it and for whom as shown forever, the
 * body, when, and its attachments with their content and their links to the record. The author's account
 * does not travel; the read marks of the conversation come by login and are restored for the logins that
 * have an account here.
 */
public record ImportedMessage(MessageId id, ConversationId conversation, PatientId patient, CareParty party, String subject,
        Side authorSide, ProfessionalId authorProfessional, String authorName, String onBehalfOf, String body, Instant sentAt,
        List<Attachment> attachments, List<ExportedMessage.ReadMark> readMarks) {

    public ImportedMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        readMarks = readMarks == null ? List.of() : List.copyOf(readMarks);
    }

    public ImportedMessage(MessageId id, ConversationId conversation, PatientId patient, CareParty party, String subject,
            Side authorSide, ProfessionalId authorProfessional, String authorName, String onBehalfOf, String body, Instant sentAt,
            List<Attachment> attachments) {
        this(id, conversation, patient, party, subject, authorSide, authorProfessional, authorName, onBehalfOf, body, sentAt,
                attachments, List.of());
    }

    /**
     * An attachment's file name and content (its type is sniffed from the content, as for an upload); the record
     * documents (already imported, of the same person) it came from and was filed as, when it was filed, and the
     * LOINC type it had from the record (all null when none).
     */
    public record Attachment(String fileName, byte[] content, fr.hygie.record.DocumentId sourceDocument,
            fr.hygie.record.DocumentId filedDocument, Instant filedAt, String typeCode) {

        public Attachment(String fileName, byte[] content) {
            this(fileName, content, null, null, null, null);
        }
    }
}
