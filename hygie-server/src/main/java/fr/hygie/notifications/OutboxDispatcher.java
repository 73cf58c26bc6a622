package fr.hygie.notifications;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Sends what is due in the outbox, every few seconds, through the sender of each channel. */
@Component
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Map<OutboxChannel, MessageSender> senders = new EnumMap<>(OutboxChannel.class);
    private final boolean cli;

    OutboxDispatcher(Outbox outbox, TransactionTemplate tx, List<MessageSender> senders,
            @Value("${hygie.cli.active:false}") boolean cli) {
        this.outbox = outbox;
        this.tx = tx;
        this.cli = cli;
        senders.forEach(s -> this.senders.putIfAbsent(s.channel(), s));
    }

    @Scheduled(fixedDelayString = "${hygie.outbox.interval:PT10S}", initialDelayString = "PT5S")
    public void scheduled() {
        if (!cli) {
            dispatch();
        }
    }

    /**
     * Sends the due messages (200 at most per call) in one transaction that holds them locked: a second
     * server's dispatcher skips them and a withdrawal (a cancelled appointment's reminder) waits for the
     * outcome; returns how many were sent.
     */
    public int dispatch() {
        Integer sent = tx.execute(status -> sendClaimed());
        return sent == null ? 0 : sent;
    }

    private int sendClaimed() {
        int sent = 0;
        for (OutboxMessage m : outbox.claimDue(200)) {
            MessageSender sender = senders.get(m.channel());
            try {
                if (sender == null) {
                    throw new IllegalStateException("no sender for " + m.channel());
                }
                sender.send(m);
                outbox.markSent(m.id());
                sent++;
            } catch (Exception e) {
                log.warn("Outbox message {} on {} not sent: {}", m.id(), m.channel(), e.getClass().getSimpleName());
                outbox.markFailed(m.id(), e.getClass().getSimpleName());
            }
        }
        return sent;
    }
}
