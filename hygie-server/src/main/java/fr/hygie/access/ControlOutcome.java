package fr.hygie.access;

/**
 * The result of a change to the person's controls: done, or refused with a message in plain French
 * for the person who asked (only the person or their representative ever sees it). The message is also given
 * as a code ({@link #wording()}, null for a text made by another module) so that pages say it in the reader's
 * language ({@code code.access.ControlOutcome.Wording.<CODE>}, same French wording, checked by LanguageTest).
 */
public record ControlOutcome(boolean done, ReasonCode reason, String message, Wording wording) {

    /** The refusals of the person's controls; {@link #label()} is the French sentence. */
    public enum Wording {
        SETTINGS_NOT_ALLOWED("Vous ne pouvez pas modifier les paramètres de cet espace santé."),
        CARE_TEAM_NOT_ALLOWED("Vous ne pouvez pas modifier les professionnels qui ont accès à cet espace santé."),
        REGULATORS_NOT_ALLOWED("Seul un administrateur gère la liste des médecins régulateurs."),
        TREATING_PHYSICIAN_CANNOT_BE_BLOCKED("Votre médecin traitant ne peut pas être bloqué. Déclarez d'abord un autre médecin "
                + "traitant si vous ne souhaitez plus qu'il accède à votre espace."),
        UNKNOWN_PROFESSIONAL("Ce professionnel est introuvable dans l'annuaire."),
        NOT_A_PHYSICIAN("Le médecin traitant doit être un médecin."),
        BLOCKED_CANNOT_BE_TREATING_PHYSICIAN("Ce professionnel est bloqué : débloquez-le avant de le déclarer comme médecin traitant.");

        private final String label;

        Wording(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static ControlOutcome done(ReasonCode reason) {
        return new ControlOutcome(true, reason, null, null);
    }

    public static ControlOutcome refused(ReasonCode reason, Wording wording) {
        return new ControlOutcome(false, reason, wording.label(), wording);
    }

    /** Refused with a French message of another module (e.g. research objections). */
    public static ControlOutcome refused(ReasonCode reason, String message) {
        return new ControlOutcome(false, reason, message, null);
    }
}
