package fr.hygie.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
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
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aWithdrawnMessageIsNeverSentAndTheOthersAboutTheSameThingAre() {
        UUID booking = UUID.randomUUID();
        // Queued and withdrawn in one transaction: the background dispatcher never sees the due reminder before
        // its withdrawal (it used to send it first now and then, and the withdrawal found nothing to withdraw).
        UUID reminder = tx.execute(status -> {
            UUID queued = outbox.enqueueAbout(booking, "REMINDER", OutboxChannel.SMS, null, "0611223344", null, "Hygie : rappel",
                    clock.instant());
            assertThat(outbox.cancelPending(booking, "REMINDER")).isEqualTo(1);
            return queued;
        });
        UUID confirmation = outbox.enqueueAbout(booking, "CONFIRMATION", OutboxChannel.SMS, null, "0611223344", null, "Hygie : confirmé",
                clock.instant());
        UUID elsewhere = outbox.enqueueAbout(UUID.randomUUID(), "REMINDER", OutboxChannel.SMS, null, "0611223344", null, "Hygie : rappel",
                clock.instant());

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

    /**
     * A message held by one dispatcher (here a transaction that locked its row, as {@code claimDue} does) is
     * skipped by another (a second server): it never leaves twice. The background dispatcher may send it
     * first; then the attempt is repeated with a new message.
     */
    @Test
    void aMessageHeldByOneDispatcherIsSkippedByAnother() {
        boolean checked = false;
        for (int attempt = 0; attempt < 5 && !checked; attempt++) {
            UUID about = UUID.randomUUID();
            UUID id = outbox.enqueueAbout(about, "REMINDER", OutboxChannel.SMS, null, "0622334455", null, "Hygie : rappel", clock.instant());
            Boolean held = tx.execute(status -> {
                boolean locked = jdbc.sql("SELECT id FROM notifications.outbox WHERE id = :id AND sent_at IS NULL FOR UPDATE")
                        .param("id", id).query(UUID.class).optional().isPresent();
                if (!locked) {
                    return false; // the background dispatcher sent it before we held it
                }
                // Without SKIP LOCKED the other dispatcher would wait for this transaction, which waits for it:
                // the guard turns that deadlock into a failure instead of a hung build (not a speed assertion).
                int sentByOther = CompletableFuture.supplyAsync(dispatcher::dispatch)
                        .orTimeout(2, java.util.concurrent.TimeUnit.MINUTES).join();
                assertThat(sentByOther).isGreaterThanOrEqualTo(0);
                assertThat(outbox.about(about)).singleElement().satisfies(m -> assertThat(m.sentAt()).isNull());
                return true;
            });
            checked = Boolean.TRUE.equals(held);
            if (checked) {
                dispatcher.dispatch();
                assertThat(outbox.about(about)).singleElement().satisfies(m -> assertThat(m.sentAt()).isNotNull());
            }
        }
        assertThat(checked).as("the message could be held once in five attempts").isTrue();
    }
}
