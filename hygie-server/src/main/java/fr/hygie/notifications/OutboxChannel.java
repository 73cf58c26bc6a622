package fr.hygie.notifications;

/** Where an outbox message goes. LETTER is printed and posted by the operator (people without digital access). */
public enum OutboxChannel {
    EMAIL, SMS, LETTER
}
