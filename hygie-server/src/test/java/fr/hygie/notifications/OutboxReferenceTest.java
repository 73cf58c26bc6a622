package fr.hygie.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Messages queued about something (a booking): listed by that reference, and a withdrawn one is never sent, even when due. */
@HygieIntegrationTest
class OutboxReferenceTest {

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    Clock clock;

    @Test
    void aWithdrawnMessageIsNeverSentAndTheOthersAboutTheSameThingAre() {
        UUID booking = UUID.randomUUID();
        UUID reminder = outbox.enqueueAbout(booking, "REMINDER", OutboxChannel.SMS, null, "0611223344", null, "Hygie : rappel", clock.instant());
        UUID confirmation = outbox.enqueueAbout(booking, "CONFIRMATION", OutboxChannel.SMS, null, "0611223344", null, "Hygie : confirmé",
                clock.instant());
        UUID elsewhere = outbox.enqueueAbout(UUID.randomUUID(), "REMINDER", OutboxChannel.SMS, null, "0611223344", null, "Hygie : rappel",
                clock.instant());

        assertThat(outbox.cancelPending(booking, "REMINDER")).isEqualTo(1);
        assertThat(outbox.cancelPending(booking, "REMINDER")).as("already withdrawn").isZero();
        dispatcher.dispatch();

        assertThat(outbox.about(booking)).extracting(OutboxMessage::id).containsExactlyInAnyOrder(reminder, confirmation);
        OutboxMessage withdrawn = outbox.about(booking).stream().filter(m -> m.id().equals(reminder)).findFirst().orElseThrow();
        assertThat(withdrawn.cancelledAt()).isNotNull();
        assertThat(withdrawn.sentAt()).isNull();
        OutboxMessage sent = outbox.about(booking).stream().filter(m -> m.id().equals(confirmation)).findFirst().orElseThrow();
        assertThat(sent.sentAt()).isNotNull();
        assertThat(sent.kind()).isEqualTo("CONFIRMATION");
        assertThat(outbox.pending(1000)).extracting(OutboxMessage::id).doesNotContain(reminder, confirmation, elsewhere);
    }
}
