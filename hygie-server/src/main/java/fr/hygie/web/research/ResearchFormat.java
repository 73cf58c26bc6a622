package fr.hygie.web.research;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Dates of the research pages, in French time, in the page's language ({@code @researchFormat.date(instant)} in templates). */
@Component("researchFormat")
class ResearchFormat {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter DAY_EN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter ISO_DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    public String date(Instant instant) {
        if (instant == null) {
            return "";
        }
        return ("en".equals(LocaleContextHolder.getLocale().getLanguage()) ? DAY_EN : DAY).format(instant.atZone(FRANCE));
    }

    public String isoDate(Instant instant) {
        return instant == null ? "" : ISO_DAY.format(instant.atZone(FRANCE));
    }
}
