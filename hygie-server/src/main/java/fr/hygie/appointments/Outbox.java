package fr.hygie.appointments;

import fr.hygie.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification outbox: messages are written in the booking's transaction (so a rolled-back booking
 * sends nothing) and sent later by {@link #sendDue()}, through the channel declared for SMS or e-mail, the
 * logging channel by default.
 */
@Service("appointmentsOutbox")
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Map<NotificationSender.Channel, NotificationSender> senders = new EnumMap<>(NotificationSender.Channel.class);

    Outbox(JdbcClient jdbc, Clock clock, TransactionTemplate tx, ObjectProvider<NotificationSender> declared) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = tx;
        declared.orderedStream().forEach(s -> senders.putIfAbsent(s.channel(), s));
        for (NotificationSender.Channel c : NotificationSender.Channel.values()) {
            senders.putIfAbsent(c, new LoggingNotificationSender(c));
        }
    }

    UUID queue(BookingId booking, String kind, NotificationSender.Channel channel, String recipient, String text, Instant dueAt) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO appointments.outbox (id, booking_id, kind, channel, recipient, text, due_at)
                VALUES (:id, :b, :k, :c, :r, :t, :d)""")
                .param("id", id).param("b", booking == null ? null : booking.value()).param("k", kind)
                .param("c", channel.name()).param("r", recipient).param("t", text)
                .param("d", Timestamp.from(dueAt.truncatedTo(ChronoUnit.MICROS))).update();
        return id;
    }

    /** Withdraws what was not sent yet for a booking (its reminder once cancelled or moved). */
    void cancelPending(BookingId booking, String kind) {
        jdbc.sql("""
                UPDATE appointments.outbox SET cancelled_at = :now
                WHERE booking_id = :b AND kind = :k AND sent_at IS NULL AND cancelled_at IS NULL""")
                .param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS))).param("b", booking.value())
                .param("k", kind).update();
    }

    /** Every message about one booking, oldest first (confirmation pages, tests, support). */
    public List<OutboxMessage> forBooking(BookingId booking) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointments.outbox WHERE booking_id = :b ORDER BY due_at, id")
                .param("b", booking.value()).query(Outbox::map).list();
    }

    /** Sends what is due, a batch at a time; rows are locked so two servers never send one message twice. */
    @Scheduled(fixedDelayString = "${hygie.appointments.outbox-interval:PT30S}",
            initialDelayString = "${hygie.appointments.outbox-initial-delay:PT30S}")
    public void sendDue() {
        int sent;
        do {
            Integer n = tx.execute(status -> sendBatch(50));
            sent = n == null ? 0 : n;
        } while (sent == 50);
    }

    private int sendBatch(int size) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<OutboxMessage> due = jdbc.sql("SELECT " + COLUMNS + "\n" + """
                FROM appointments.outbox WHERE sent_at IS NULL AND cancelled_at IS NULL AND due_at <= :now
                 ORDER BY due_at LIMIT :n FOR UPDATE SKIP LOCKED""")
                .param("now", Timestamp.from(now)).param("n", size).query(Outbox::map).list();
        int done = 0;
        for (OutboxMessage m : due) {
            try {
                senders.get(m.channel()).send(m.recipient(), m.text());
                jdbc.sql("UPDATE appointments.outbox SET sent_at = :now, attempts = attempts + 1 WHERE id = :id")
                        .param("now", Timestamp.from(now)).param("id", m.id()).update();
                done++;
            } catch (RuntimeException e) {
                log.warn("Notification {} not sent ({}); kept for the next round", m.id(), e.getClass().getSimpleName());
                jdbc.sql("UPDATE appointments.outbox SET attempts = attempts + 1, due_at = :later WHERE id = :id")
                        .param("later", Timestamp.from(now.plusSeconds(300))).param("id", m.id()).update();
            }
        }
        return due.size() == size ? done : 0;
    }

    private static final String COLUMNS = "id, booking_id, kind, channel, recipient, text, due_at, sent_at, cancelled_at";

    private static OutboxMessage map(ResultSet rs, int n) throws SQLException {
        UUID booking = rs.getObject("booking_id", UUID.class);
        Timestamp sent = rs.getTimestamp("sent_at");
        Timestamp cancelled = rs.getTimestamp("cancelled_at");
        return new OutboxMessage(rs.getObject("id", UUID.class), booking == null ? null : new BookingId(booking),
                rs.getString("kind"), NotificationSender.Channel.valueOf(rs.getString("channel")),
                rs.getString("recipient"), rs.getString("text"), rs.getTimestamp("due_at").toInstant(),
                sent == null ? null : sent.toInstant(), cancelled == null ? null : cancelled.toInstant());
    }
}
