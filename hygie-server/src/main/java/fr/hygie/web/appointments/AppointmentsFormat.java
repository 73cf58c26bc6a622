package fr.hygie.web.appointments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and times for the appointment pages ({@code @rdvFormat} in templates), in Paris time, in the language of
 * the page (French by default, English on request).
 */
@Component("rdvFormat")
public class AppointmentsFormat {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRANCE);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.FRANCE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H'h'mm", Locale.FRANCE);
    private static final DateTimeFormatter DAY_EN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter SHORT_DAY_EN = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);
    private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("H:mm", Locale.UK);

    private final String counterPhone;

    AppointmentsFormat(@org.springframework.beans.factory.annotation.Value("${hygie.contact.phone:3646}") String counterPhone) {
        this.counterPhone = counterPhone;
    }

    /** The phone number where an agent books with people who do not use the digital space. */
    public String counterPhone() {
        return counterPhone;
    }

    private static boolean english() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage());
    }

    public String day(Instant at) {
        return (english() ? DAY_EN : DAY).format(at.atZone(FRANCE));
    }

    public String day(LocalDate d) {
        return (english() ? DAY_EN : DAY).format(d);
    }

    public String shortDay(Instant at) {
        return (english() ? SHORT_DAY_EN : SHORT_DAY).format(at.atZone(FRANCE));
    }

    public String time(Instant at) {
        return (english() ? TIME_EN : TIME).format(at.atZone(FRANCE));
    }

    public String dateTime(Instant at) {
        return day(at) + (english() ? " at " : " à ") + time(at);
    }

    public String iso(Instant at) {
        return at.atZone(FRANCE).toOffsetDateTime().toString();
    }

    public LocalDate date(Instant at) {
        return at.atZone(FRANCE).toLocalDate();
    }
}
