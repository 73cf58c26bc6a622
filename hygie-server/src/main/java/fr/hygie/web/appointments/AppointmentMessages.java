package fr.hygie.web.appointments;

import fr.hygie.appointments.AppointmentWording;
import fr.hygie.appointments.BookingOutcome;
import fr.hygie.appointments.TransitionOutcome;
import fr.hygie.web.Codes;
import fr.hygie.web.WebMessages;
import org.springframework.stereotype.Component;

/**
 * Booking refusals and refused status changes in the reader's language ({@code @appointmentMessages} in
 * templates): the appointments module says them as codes ({@link AppointmentWording}) with their French sentence
 * for its APIs; pages take the sentence of the bundles, with statuses and dates in the page's language.
 */
@Component("appointmentMessages")
public class AppointmentMessages {

    private final WebMessages texts;
    private final Codes codes;
    private final AppointmentsFormat format;

    AppointmentMessages(WebMessages texts, Codes codes, AppointmentsFormat format) {
        this.texts = texts;
        this.codes = codes;
        this.format = format;
    }

    public String of(BookingOutcome.Refused r) {
        return codes.say(r.wording(), r.args(), r.message());
    }

    /** Another booking won the slot. */
    public String taken() {
        return texts.get(Codes.key(AppointmentWording.SLOT_TAKEN, null));
    }

    public String of(TransitionOutcome outcome) {
        if (outcome instanceof TransitionOutcome.Illegal i) {
            return texts.get(Codes.key(AppointmentWording.ILLEGAL, null), codes.label(i.current()), i.current().fhir(),
                    codes.label(i.wanted()));
        }
        if (outcome instanceof TransitionOutcome.NotYet n) {
            return texts.get(Codes.key(AppointmentWording.NOT_YET, null), format.dateTime(n.startsAt()), codes.label(n.wanted()));
        }
        if (outcome instanceof TransitionOutcome.NotAllowed n) {
            return codes.say(n.wording(), java.util.List.of(), n.message());
        }
        return "";
    }
}
