package fr.hygie.appointments;

/**
 * Sends a message of the outbox through one channel (an SMS gateway, an e-mail relay). Declare a bean
 * for a channel to replace the logging default for that channel.
 */
public interface NotificationSender {

    enum Channel {
        SMS, EMAIL
    }

    Channel channel();

    /** Sends or throws; a failure leaves the message in the outbox for the next round. */
    void send(String recipient, String text);
}
