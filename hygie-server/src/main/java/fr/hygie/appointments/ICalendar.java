package fr.hygie.appointments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * iCalendar (RFC 5545) written by hand: UTC times, escaped text, lines folded at 75 octets, CRLF.
 * The person's own .ics names the practitioner and the place; the professional's private feed holds
 * times and statuses only (it is fetched by calendar services outside the platform).
 */
public final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final String PRODID = "-//Hygie//Rendez-vous//FR";

    private ICalendar() {
    }

    /** The .ics of one appointment, for the person's own calendar. */
    public static String ofBooking(Booking b, Instant stamp) {
        StringBuilder out = header("Rendez-vous Hygie");
        event(out, b, stamp, "Rendez-vous avec " + b.practitionerName(), b.address(),
                "Référence " + b.reference() + ". Pour annuler ou déplacer : votre espace Hygie.");
        return footer(out);
    }

    /** A professional's private feed: every appointment of the window, without names or reasons. */
    public static String feed(String calendarName, List<Booking> bookings, Instant stamp) {
        StringBuilder out = header(calendarName);
        for (Booking b : bookings) {
            event(out, b, stamp, "Rendez-vous (" + b.status().label() + ")", null, "Détails dans Hygie, réf. " + b.reference() + ".");
        }
        return footer(out);
    }

    private static StringBuilder header(String name) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:" + PRODID);
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + escape(name));
        return out;
    }

    private static void event(StringBuilder out, Booking b, Instant stamp, String summary, String location, String description) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + b.id().value() + "@hygie");
        line(out, "DTSTAMP:" + UTC.format(stamp));
        line(out, "DTSTART:" + UTC.format(b.startsAt()));
        line(out, "DTEND:" + UTC.format(b.endsAt()));
        line(out, "SUMMARY:" + escape(summary));
        if (location != null && !location.isBlank()) {
            line(out, "LOCATION:" + escape(location));
        }
        line(out, "DESCRIPTION:" + escape(description));
        line(out, "STATUS:" + (b.status() == AppointmentStatus.CANCELLED || b.status() == AppointmentStatus.ENTERED_IN_ERROR
                ? "CANCELLED" : "CONFIRMED"));
        line(out, "END:VEVENT");
    }

    private static String footer(StringBuilder out) {
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
    }

    /** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 sequence. */
    static void line(StringBuilder out, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            out.append(content).append("\r\n");
            return;
        }
        int octets = 0;
        int limit = 75;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + len > limit) {
                out.append(current).append("\r\n ");
                current.setLength(0);
                octets = 0;
                limit = 74; // the leading space of a continuation line counts
            }
            current.appendCodePoint(cp);
            octets += len;
            i += Character.charCount(cp);
        }
        out.append(current).append("\r\n");
    }
}
