package fr.hygie.identity;

/** What a representative may do for the person. A mandate lists the scopes the person granted. */
public enum MandateScope {
    /** Read documents, the medical profile and wishes. */
    VIEW_DOCUMENTS("Consulter les documents et le profil médical"),
    /** Book, move and cancel appointments. */
    MANAGE_APPOINTMENTS("Gérer les rendez-vous"),
    /** Read the person's secure messages. */
    READ_MESSAGES("Lire les messages"),
    /** Write secure messages on the person's behalf. */
    WRITE_MESSAGES("Écrire des messages"),
    /** Authorise or block professionals, mask documents, change settings. */
    MANAGE_SHARING("Gérer le partage et les paramètres");

    private final String label;

    MandateScope(String label) {
        this.label = label;
    }

    /** The French label shown to people. */
    public String label() {
        return label;
    }
}
