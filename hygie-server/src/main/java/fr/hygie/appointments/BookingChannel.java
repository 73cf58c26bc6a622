package fr.hygie.appointments;

/** How a booking was made: by the person online, by their representative, at a counter or by phone. */
public enum BookingChannel {
    ONLINE("en ligne"), REPRESENTATIVE("par un représentant"), COUNTER("par un agent d'accueil ou par téléphone");

    private final String label;

    BookingChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
