package fr.hygie.appointments;

import java.util.Optional;

/** French phone numbers as typed at a counter: "06 12 34 56 78", "+33 6 12…" → "0612345678". */
public final class Phones {

    private Phones() {
    }

    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String d = typed.replaceAll("[\\s.\\-()]", "");
        if (d.startsWith("+33")) {
            d = "0" + d.substring(3);
        } else if (d.startsWith("0033")) {
            d = "0" + d.substring(4);
        }
        return d.matches("0[1-9][0-9]{8}") ? Optional.of(d) : Optional.empty();
    }

    /** A mobile number (06, 07) can receive an SMS. */
    public static boolean mobile(String normalised) {
        return normalised != null && (normalised.startsWith("06") || normalised.startsWith("07"));
    }
}
