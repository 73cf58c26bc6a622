package fr.hygie.web.messaging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Dates of messages as French readers expect them, in metropolitan French time ("12/03/2026 à 14 h 05"). */
@Component("messagingDates")
public class MessagingDates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH 'h' mm")
            .withZone(ZoneId.of("Europe/Paris"));

    public String format(Instant at) {
        return at == null ? "" : FORMAT.format(at);
    }
}
