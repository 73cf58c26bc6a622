package fr.hygie.notifications;

/**
 * Delivers outbox messages on one channel. The default is {@code LoggingMessageSender}; an operator
 * plugs a real SMS gateway or SMTP relay by declaring a bean of this type for that channel.
 */
public interface MessageSender {

    OutboxChannel channel();

    /** Sends or throws; a failure leaves the message in the outbox for a later attempt. */
    void send(OutboxMessage message) throws Exception;
}
