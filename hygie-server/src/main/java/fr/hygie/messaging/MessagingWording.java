package fr.hygie.messaging;

/**
 * The refusals of the secure messaging as sentence codes: {@link #label()} is the plain-French sentence that the
 * messaging APIs (FHIR Communication) answer with; pages say {@code code.messaging.MessagingWording.<CODE>} of the
 * message bundles in the reader's language (same French wording, checked by LanguageTest).
 */
public enum MessagingWording {
    ROLE_REFUSED("Votre rôle ne donne pas accès à la messagerie de santé : les messages contiennent des données de santé."),
    NO_MANDATE("Vous n'avez pas de mandat en cours pour cette personne."),
    READ_SCOPE("Votre mandat ne vous permet pas de lire les messages de cette personne. Elle peut ajouter « Lire les messages » à votre mandat."),
    WRITE_SCOPE("Votre mandat ne vous permet pas d'écrire pour cette personne. Elle peut ajouter « Écrire des messages » à votre mandat."),
    NOT_PARTICIPANT("Cette conversation n'existe pas ou ne vous concerne pas."),
    PATIENT_TO_PATIENT("La messagerie relie une personne et ses professionnels de santé : on ne peut pas écrire à un autre patient."),
    CARE_TO_CARE("La messagerie de Hygie relie un patient et ses professionnels : choisissez un patient comme destinataire."),
    NEVER_WROTE("Vous pouvez écrire à un professionnel seulement s'il vous a déjà écrit. Pour un premier contact, prenez rendez-vous ou appelez son cabinet."),
    PHARMACY_NEEDS_A_PRESCRIPTION("Vous pouvez écrire à une pharmacie pour lui envoyer une ordonnance : joignez une ordonnance de votre dossier."),
    PHARMACY_NOT_USED_BEFORE("Vous pouvez envoyer une ordonnance seulement à une pharmacie où vous êtes déjà allé·e ou avec laquelle vous avez déjà échangé."),
    UNKNOWN_PROFESSIONAL("Votre compte professionnel n'a pas de profession enregistrée : contactez l'administration."),
    ATTACHMENT_REFUSED("Cette pièce jointe n'est pas acceptée : joignez un PDF, un texte, un document CDA ou FHIR de 20 Mo au plus, ou un document de votre dossier."),
    PATIENT_UNKNOWN("Cette personne n'est pas enregistrée."),
    NO_STRUCTURE("Votre compte n'est rattaché à aucune structure."),
    ATTACHMENT_FROM_RECORD("Joignez un fichier : les documents du dossier se joignent depuis l'espace de la personne."),
    RECIPIENT_UNKNOWN("Ce destinataire n'existe pas."),
    SUBJECT_REQUIRED("L'objet est obligatoire (200 caractères au plus)."),
    BODY_REQUIRED("Le message est obligatoire (10 000 caractères au plus)."),
    TOO_MANY_ATTACHMENTS("Cinq pièces jointes au plus par message."),
    ATTACHMENT_UNKNOWN("Cette pièce jointe n'existe pas ou ne vous concerne pas."),
    ATTACHMENT_FROM_THE_RECORD("Cette pièce jointe vient déjà du dossier."),
    ATTACHMENT_ALREADY_FILED("Cette pièce jointe est déjà classée dans le dossier.");

    private final String label;

    MessagingWording(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
