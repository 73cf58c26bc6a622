package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SMS and e-mail texts: when, where, with whom and a reference, never the reason or its instructions;
 * and never a run of digits long enough for the platform outbox to take it for a NIR (it would refuse the
 * message and so the booking), whatever the counter's number looks like.
 */
class NotificationTextsTest {

    private static final java.util.regex.Pattern NIR_LIKE = java.util.regex.Pattern.compile("\\d[\\d ]{12,}\\d");

    private static Booking booking() {
        return new Booking(new BookingId(UUID.randomUUID()), new SlotId(UUID.randomUUID()), new ProfessionalId(UUID.randomUUID()),
                "Paul Leroy", "12 rue de la Paix, 69008 Lyon", Instant.parse("2030-03-04T08:30:00Z"), Instant.parse("2030-03-04T09:00:00Z"),
                UUID.randomUUID(), "Suivi de grossesse", "Venez à jeun", AppointmentStatus.BOOKED, new PatientId(UUID.randomUUID()),
                null, null, null, "0612345678", null, BookingChannel.ONLINE, null, "Marie Durand", "PATIENT", false, null,
                Instant.parse("2030-03-01T08:00:00Z"));
    }

    @Test
    void textsCarryNoReasonNoInstructionAndNoNirLikeNumberEvenWithASpacedCounterPhone() {
        Booking b = booking();
        for (String counter : List.of("3646", "01 23 45 67 89", "01.23.45.67.89")) {
            List<String> texts = List.of(NotificationTexts.confirmation(b, counter), NotificationTexts.reminder(b, counter),
                    NotificationTexts.cancellation(b), NotificationTexts.earlierSlot(b, counter));
            for (String t : texts) {
                assertThat(t).contains(b.reference()).contains("Paul Leroy")
                        .doesNotContain("grossesse").doesNotContain("jeun").doesNotContain("Dr ");
                assertThat(NIR_LIKE.matcher(t).find()).as(t).isFalse();
            }
            assertThat(NotificationTexts.confirmation(b, counter)).contains(counter.replaceAll("[\\s.]", ""));
        }
    }
}
