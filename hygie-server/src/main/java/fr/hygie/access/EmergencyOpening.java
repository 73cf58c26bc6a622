package fr.hygie.access;

/** What asking for an emergency session gave: an open session, or a refusal with its reason. */
public sealed interface EmergencyOpening permits EmergencyOpening.Opened, EmergencyOpening.Refused {

    record Opened(EmergencySession session) implements EmergencyOpening {
    }

    /**
     * Refused: {@link ReasonCode#EMERGENCY_ACCESS_DISABLED_BY_PATIENT}, {@link ReasonCode#JUSTIFICATION_TOO_SHORT},
     * {@link ReasonCode#NOT_A_PROFESSIONAL}, {@link ReasonCode#NOT_A_REGULATOR} or {@link ReasonCode#UNKNOWN_PROFESSIONAL}.
     */
    record Refused(ReasonCode reason, String message, Wording wording, java.util.List<Object> args) implements EmergencyOpening {

        public Refused {
            args = args == null ? java.util.List.of() : java.util.List.copyOf(args);
        }

        public Refused(ReasonCode reason, Wording wording, Object... args) {
            this(reason, wording.french(args), wording, java.util.List.of(args));
        }
    }

    /**
     * Why an emergency session was refused, as a sentence code: {@link #label()} is the French sentence (a
     * MessageFormat pattern when it has arguments) that the APIs answer with; pages say
     * {@code code.access.EmergencyOpening.Wording.<CODE>} in the reader's language (same French wording).
     */
    enum Wording implements fr.hygie.platform.FrenchWording {
        DISABLED_BY_PATIENT("Cette personne a refusé l'accès en urgence à son espace santé."),
        JUSTIFICATION_TOO_SHORT("Expliquez en au moins {0} caractères pourquoi l''accès en urgence est nécessaire."),
        NOT_A_REGULATOR("Vous n'êtes pas enregistré comme médecin régulateur du centre 15."),
        PROFESSIONALS_ONLY("L'accès en urgence est réservé aux professionnels de santé.");

        private final String label;

        Wording(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
