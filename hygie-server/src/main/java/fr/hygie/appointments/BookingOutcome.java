package fr.hygie.appointments;

/** What came of a booking request: booked, the slot was just taken, or refused for a stated reason. */
public sealed interface BookingOutcome permits BookingOutcome.Booked, BookingOutcome.SlotTaken, BookingOutcome.Refused {

    String SLOT_TAKEN = "Ce créneau vient d'être pris. Choisissez-en un autre.";

    record Booked(Booking booking) implements BookingOutcome {
    }

    /** Another booking won the slot: the caller answers 409 with {@link #SLOT_TAKEN}. */
    record SlotTaken(String message) implements BookingOutcome {
        public SlotTaken() {
            this(SLOT_TAKEN);
        }
    }

    /** Refused: {@code field} names the form field at fault when there is one. */
    record Refused(String code, String field, String message, AppointmentWording wording, java.util.List<String> args)
            implements BookingOutcome {

        public Refused {
            args = args == null ? java.util.List.of() : java.util.List.copyOf(args);
        }

        /** A refusal said by its code (see {@link AppointmentWording}); the French message follows from it. */
        public Refused(String code, String field, AppointmentWording wording, String... args) {
            this(code, field, wording.french((Object[]) args), wording, java.util.List.of(args));
        }
    }
}
