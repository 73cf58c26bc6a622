package fr.hygie.appointments;

/** What came of a status change (cancel, move, arrived, fulfilled, no-show…). */
public sealed interface TransitionOutcome
        permits TransitionOutcome.Done, TransitionOutcome.Illegal, TransitionOutcome.NotYet, TransitionOutcome.NotAllowed {

    record Done(Booking booking) implements TransitionOutcome {
    }

    /** The move is not possible from the current status (HTTP 409); the message names that status. */
    record Illegal(AppointmentStatus current, AppointmentStatus wanted, String message) implements TransitionOutcome {
        public static Illegal of(AppointmentStatus current, AppointmentStatus wanted) {
            return new Illegal(current, wanted, AppointmentWording.ILLEGAL.french(current.label(), current.fhir(), wanted.label()));
        }
    }

    /**
     * The status only makes sense once the appointment has started (a no-show before its time would be a
     * false accusation): refused until then (HTTP 409 on pages, 422 OperationOutcome on FHIR).
     */
    record NotYet(AppointmentStatus wanted, java.time.Instant startsAt, String message) implements TransitionOutcome {
        public static NotYet of(AppointmentStatus wanted, java.time.Instant startsAt) {
            return new NotYet(wanted, startsAt, AppointmentWording.NOT_YET.french(NotificationTexts.when(startsAt), wanted.label()));
        }
    }

    /** Not this person's appointment, or unknown (HTTP 404: nothing revealed). */
    record NotAllowed(String message, AppointmentWording wording) implements TransitionOutcome {

        public NotAllowed(AppointmentWording wording) {
            this(wording.french(), wording);
        }
    }
}
