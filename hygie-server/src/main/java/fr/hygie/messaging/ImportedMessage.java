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
 * body, when, and its attachments with their content. The author's account does not travel.
 */
public record ImportedMessage(MessageId id, ConversationId conversation, PatientId patient, CareParty party, String subject,
        Side authorSide, ProfessionalId authorProfessional, String authorName, String onBehalfOf, String body, Instant sentAt,
        List<Attachment> attachments) {

    public ImportedMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** An attachment's file name and content (its type is sniffed from the content, as for an upload). */
    public record Attachment(String fileName, byte[] content) {
    }
}
