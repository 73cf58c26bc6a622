package fr.hygie.appointments;

/** A slot of a professional's day or week and the live booking on it (null when none). */
public record AgendaEntry(Slot slot, Booking booking) {

    public boolean booked() {
        return booking != null;
    }
}
