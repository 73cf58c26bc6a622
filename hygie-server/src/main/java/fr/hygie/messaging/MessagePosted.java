package fr.hygie.messaging;

import fr.hygie.identity.PatientId;

/**
 * A message was posted. Carries no content: listeners (notifications) only learn that the person has a
 * new message and from which side it came.
 */
public record MessagePosted(MessageId message, ConversationId conversation, PatientId patient, Side authorSide) {
}
