package fr.hygie.notifications.internal;

import fr.hygie.access.NotificationKind;
import fr.hygie.messaging.MessagePosted;
import fr.hygie.messaging.Side;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the person that a professional or a structure wrote to them, through the channels they chose for
 * NEW_MESSAGE. The text is one fixed sentence: no sender, no subject, no content (no health data ever
 * leaves in a notification). A message the person (or their representative) wrote notifies no one.
 */
@Component
class MessageNotifications {

    static final String NEW_MESSAGE = "Vous avez reçu un nouveau message.";

    private final NotificationPolicy policy;

    MessageNotifications(NotificationPolicy policy) {
        this.policy = policy;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(MessagePosted event) {
        if (event.authorSide() == Side.CARE) {
            policy.notify(event.patient(), NotificationKind.NEW_MESSAGE, NEW_MESSAGE);
        }
    }
}
