package fr.hygie.appointments;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The texts of SMS and e-mails. They carry when, where, with whom (name only) and a reference — never a
 * profession, specialty, title, reason for visit or instruction: an SMS or an e-mail may be read by
 * anyone holding the phone or the mailbox (DOMAIN "Appointments": no health data in reminders).
 */
public final class NotificationTexts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' H'h'mm", Locale.FRANCE)
            .withZone(Directory.FRANCE);

    private NotificationTexts() {
    }

    public static String when(Instant at) {
        return WHEN.format(at);
    }

    public static String confirmation(Booking b, String counterPhone) {
        return "Hygie : rendez-vous confirmé le " + when(b.startsAt()) + " avec " + b.practitionerName() + where(b)
                + ". Réf. " + b.reference() + ". Pour annuler ou déplacer : votre espace Hygie ou le " + phone(counterPhone) + ".";
    }

    public static String reminder(Booking b, String counterPhone) {
        return "Hygie : rappel de votre rendez-vous le " + when(b.startsAt()) + " avec " + b.practitionerName() + where(b)
                + ". Réf. " + b.reference() + ". Empêché·e ? Annulez au " + phone(counterPhone) + " ou dans votre espace.";
    }

    public static String cancellation(Booking b) {
        return "Hygie : votre rendez-vous du " + when(b.startsAt()) + " avec " + b.practitionerName()
                + " est annulé. Réf. " + b.reference() + ".";
    }

    public static String earlierSlot(Booking waiting, String counterPhone) {
        return "Hygie : un créneau plus tôt s'est libéré avec " + waiting.practitionerName()
                + ". Pour le prendre : votre espace Hygie ou le " + phone(counterPhone) + ". Réf. " + waiting.reference() + ".";
    }

    /**
     * The counter's number without spaces or dots: the platform outbox refuses any text holding a run of
     * digits and spaces as long as a NIR (« 01 23 45 67 89 » is one), so a spaced number would stop every booking.
     */
    static String phone(String counterPhone) {
        return counterPhone == null ? "" : counterPhone.replaceAll("[\\s.]", "");
    }

    private static String where(Booking b) {
        return b.address() == null || b.address().isBlank() ? "" : ", " + b.address();
    }
}
