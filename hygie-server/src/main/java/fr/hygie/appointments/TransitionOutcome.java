package fr.hygie.appointments;

/** What came of a status change (cancel, move, arrived, fulfilled, no-show…). */
public sealed interface TransitionOutcome
        permits TransitionOutcome.Done, TransitionOutcome.Illegal, TransitionOutcome.NotAllowed {

    record Done(Booking booking) implements TransitionOutcome {
    }

    /** The move is not possible from the current status (HTTP 409); the message names that status. */
    record Illegal(AppointmentStatus current, AppointmentStatus wanted, String message) implements TransitionOutcome {
        public static Illegal of(AppointmentStatus current, AppointmentStatus wanted) {
            return new Illegal(current, wanted, "Ce rendez-vous est « " + current.label() + " » (" + current.fhir()
                    + ") : il ne peut pas passer à « " + wanted.label() + " ».");
        }
    }

    /** Not this person's appointment, or unknown (HTTP 404: nothing revealed). */
    record NotAllowed(String message) implements TransitionOutcome {
    }
}
