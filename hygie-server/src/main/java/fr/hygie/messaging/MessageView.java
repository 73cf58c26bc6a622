package fr.hygie.messaging;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.util.List;

/**
 * One message as a permitted reader sees it: who wrote it ({@code authorName}) and for whom
 * ({@code onBehalfOf}: the person for the patient side, the professional or structure for the care
 * side), the decrypted body, its attachments, and its place in the conversation.
 */
public record MessageView(MessageId id, ConversationId conversation, PatientId patient, CareParty party, String subject,
        Side authorSide, String authorName, ProfessionalId authorProfessional, String onBehalfOf, String body, Instant sentAt,
        MessageId inResponseTo, List<AttachmentView> attachments) {

    public MessageView {
        attachments = List.copyOf(attachments);
    }

    /** "Luc Petit (aidant) pour Jean Petit", or only the author when they wrote in their own name. */
    public String signature() {
        return authorName.equals(onBehalfOf) ? authorName : authorName + " pour " + onBehalfOf;
    }
}
