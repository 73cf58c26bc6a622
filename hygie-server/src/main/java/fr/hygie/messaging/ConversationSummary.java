package fr.hygie.messaging;

import fr.hygie.identity.PatientId;
import java.time.Instant;

/**
 * A conversation in a list: the person, the care party (professional or structure mailbox) with their
 * names, the decrypted subject, the last activity and how many messages of the other side this reader
 * has not read yet.
 */
public record ConversationSummary(ConversationId id, PatientId patient, String patientName, CareParty party, String partyName,
        String subject, Instant lastMessageAt, int messageCount, int unread) {
}
