package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.ProfessionalId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ICalendarTest {

    /** A minimal RFC 5545 reader: unfolds lines, unescapes text, returns the properties of the first event. */
    static Map<String, String> firstEvent(String ics) {
        String unfolded = ics.replace("\r\n ", "");
        Map<String, String> props = new LinkedHashMap<>();
        boolean in = false;
        for (String line : unfolded.split("\r\n")) {
            if (line.equals("BEGIN:VEVENT")) {
                in = true;
            } else if (line.equals("END:VEVENT")) {
                break;
            } else if (in) {
                int colon = line.indexOf(':');
                props.put(line.substring(0, colon), line.substring(colon + 1).replace("\\n", "\n").replace("\\,", ",")
                        .replace("\\;", ";").replace("\\\\", "\\"));
            }
        }
        return props;
    }

    static Booking booking(String practitioner, String address) {
        return new Booking(new BookingId(UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")), new SlotId(UUID.randomUUID()),
                new ProfessionalId(UUID.randomUUID()), practitioner, address, Instant.parse("2026-12-08T08:30:00Z"),
                Instant.parse("2026-12-08T08:45:00Z"), null, "Consultation psychiatrique", null, AppointmentStatus.BOOKED,
                null, "X", "Y", null, null, null, BookingChannel.ONLINE, null, "a", "PATIENT", false, null, Instant.now());
    }

    @Test
    void anAppointmentIcsParsesBackWithItsTimesPlaceAndNoReason() {
        String ics = ICalendar.ofBooking(booking("Paul Leroy", "12 avenue des Frères Lumière, 69008 Lyon 8e"),
                Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n");
        Map<String, String> e = firstEvent(ics);
        assertThat(e).containsEntry("DTSTART", "20261208T083000Z").containsEntry("DTEND", "20261208T084500Z")
                .containsEntry("LOCATION", "12 avenue des Frères Lumière, 69008 Lyon 8e")
                .containsEntry("UID", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b@hygie").containsEntry("STATUS", "CONFIRMED");
        assertThat(e.get("SUMMARY")).isEqualTo("Rendez-vous avec Paul Leroy");
        assertThat(ics).doesNotContain("psychiatrique");
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutBreakingUtf8() {
        String ics = ICalendar.ofBooking(booking("Éléonore Œuvrard-Bérénice de la Fontaine-Saint-Étienne", "é".repeat(100)),
                Instant.parse("2026-12-01T10:00:00Z"));
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(firstEvent(ics).get("LOCATION")).isEqualTo("é".repeat(100));
    }

    @Test
    void theProfessionalFeedHoldsNoNameNorReason() {
        String ics = ICalendar.feed("Agenda Hygie", List.of(booking("Paul Leroy", "adresse")), Instant.now());
        assertThat(ics).doesNotContain("psychiatrique").doesNotContain("Paul Leroy");
        assertThat(firstEvent(ics).get("SUMMARY")).isEqualTo("Rendez-vous (confirmé)");
    }
}
