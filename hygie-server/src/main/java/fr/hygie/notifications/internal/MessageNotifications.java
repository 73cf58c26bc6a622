package fr.hygie.notifications.internal;

import fr.hygie.access.NotificationKind;
import fr.hygie.messaging.MessagePosted;
import fr.hygie.messaging.Side;
import org.springframework.stereotype.Component;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Tells the person that a professional or a structure wrote to them, through the channels they chose for
 * NEW_MESSAGE. The text is one fixed sentence: no sender, no subject, no content (no health data ever
 * leaves in a notification). A message the person (or their representative) wrote notifies no one.
 * Asynchronous after commit, like {@link NotificationPolicy}: the posting request never needs a second pooled
 * connection; the event publication registry keeps the notification until it is written.
 */
@Component
class MessageNotifications {

    static final String NEW_MESSAGE = "Vous avez reçu un nouveau message.";

    private final NotificationPolicy policy;
    private final NotificationWriter writer;

    MessageNotifications(NotificationPolicy policy, NotificationWriter writer) {
        this.policy = policy;
        this.writer = writer;
    }

    @ApplicationModuleListener
    void on(MessagePosted event) {
        if (event.authorSide() == Side.CARE) {
            writer.commitWithoutWaitingForTheDisk(); // as NotificationPolicy's listeners (the publication is the durable record)
            policy.notify(event.patient(), NotificationKind.NEW_MESSAGE, NEW_MESSAGE);
        }
    }
}
