package fr.hygie.web.appointments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** French dates and times for the appointment pages ({@code @rdvFormat} in templates), in Paris time. */
@Component("rdvFormat")
public class AppointmentsFormat {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRANCE);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.FRANCE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H'h'mm", Locale.FRANCE);

    private final String counterPhone;

    AppointmentsFormat(@org.springframework.beans.factory.annotation.Value("${hygie.contact.phone:3646}") String counterPhone) {
        this.counterPhone = counterPhone;
    }

    /** The phone number where an agent books with people who do not use the digital space. */
    public String counterPhone() {
        return counterPhone;
    }

    public String day(Instant at) {
        return DAY.format(at.atZone(FRANCE));
    }

    public String day(LocalDate d) {
        return DAY.format(d);
    }

    public String shortDay(Instant at) {
        return SHORT_DAY.format(at.atZone(FRANCE));
    }

    public String time(Instant at) {
        return TIME.format(at.atZone(FRANCE));
    }

    public String dateTime(Instant at) {
        return day(at) + " à " + time(at);
    }

    public String iso(Instant at) {
        return at.atZone(FRANCE).toOffsetDateTime().toString();
    }

    public LocalDate date(Instant at) {
        return at.atZone(FRANCE).toLocalDate();
    }
}
