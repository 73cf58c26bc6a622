package fr.hygie.web.messaging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Dates of messages as French readers expect them, in metropolitan French time ("12/03/2026 à 14 h 05"). */
@Component("messagingDates")
public class MessagingDates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH 'h' mm")
            .withZone(ZoneId.of("Europe/Paris"));

    private static final DateTimeFormatter FORMAT_EN = DateTimeFormatter.ofPattern("dd/MM/yyyy 'at' HH:mm")
            .withZone(ZoneId.of("Europe/Paris"));

    /** In the page's language: French by default, English when the person chose it. */
    public String format(Instant at) {
        if (at == null) {
            return "";
        }
        return ("en".equals(LocaleContextHolder.getLocale().getLanguage()) ? FORMAT_EN : FORMAT).format(at);
    }
}
