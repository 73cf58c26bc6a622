package fr.hygie.notifications;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends what is due in the outbox, every few seconds, through the sender of each channel. */
@Component
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final Map<OutboxChannel, MessageSender> senders = new EnumMap<>(OutboxChannel.class);
    private final boolean cli;

    OutboxDispatcher(Outbox outbox, List<MessageSender> senders, @Value("${hygie.cli.active:false}") boolean cli) {
        this.outbox = outbox;
        this.cli = cli;
        senders.forEach(s -> this.senders.putIfAbsent(s.channel(), s));
    }

    @Scheduled(fixedDelayString = "${hygie.outbox.interval:PT10S}", initialDelayString = "PT5S")
    public void scheduled() {
        if (!cli) {
            dispatch();
        }
    }

    /** Sends every due message; returns how many were sent. */
    public int dispatch() {
        int sent = 0;
        for (OutboxMessage m : outbox.pending(200)) {
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
