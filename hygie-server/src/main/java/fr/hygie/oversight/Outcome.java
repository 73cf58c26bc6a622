package fr.hygie.oversight;

import java.util.List;

/**
 * What became of a supervision step (approve, suspend, validate, opt out, answer a request): done, or
 * refused with a French message that names the current state. Refusals are values, not exceptions. The message
 * is also given as a code ({@link #wording()}, null for a text made elsewhere) with its arguments, so that pages
 * say it in the reader's language from the bundles ({@code code.oversight.Outcome.Wording.<CODE>}, same French
 * wording, checked by LanguageTest).
 */
public record Outcome(boolean done, String message, Wording wording, List<Object> args) {

    /** The sentences of the oversight steps; {@link #label()} is the French MessageFormat pattern. */
    public enum Wording implements fr.hygie.platform.FrenchWording {
        ONLY_ADMIN_REGISTERS("Seul un administrateur inscrit un algorithme au registre."),
        CODE_REQUIRED("Le code est obligatoire : 3 à 64 lettres minuscules, chiffres ou tirets."),
        SHEET_INCOMPLETE("Toutes les rubriques de la fiche sont obligatoires : finalité, fournisseur, version, données "
                + "utilisées, données de construction et de validation, performances, rôle qui supervise."),
        VERSION_TOO_LONG("Le numéro de version fait au plus 32 caractères."),
        PROFESSION_REQUIRED("Indiquez la profession (code à deux chiffres) des professionnels qui valident."),
        VERSION_EXISTS("La version {0} est déjà inscrite : changez le numéro de version."),
        NEW_VERSION_REGISTERED("Nouvelle version inscrite : elle attend l'approbation d'un évaluateur."),
        REGISTERED("Algorithme inscrit : il attend l'approbation d'un évaluateur et ne produit rien d'ici là."),
        ONLY_REVIEWER_APPROVES("Seul un évaluateur approuve un algorithme."),
        ONLY_ADMIN_OR_REVIEWER_SUSPENDS("Seuls un administrateur ou un évaluateur suspendent un algorithme."),
        SUSPENSION_REASON("Indiquez la raison de la suspension."),
        ONLY_REVIEWER_RESUMES("Seul un évaluateur remet un algorithme en service."),
        ONLY_ADMIN_DESIGNATES("Seul un administrateur désigne le professionnel validateur."),
        UNKNOWN_ALGORITHM("Algorithme inconnu."),
        UNKNOWN_PROFESSIONAL("Ce professionnel est introuvable dans l'annuaire."),
        WRONG_PROFESSION_TO_DESIGNATE("Ce professionnel n'a pas la profession requise pour valider les propositions de cet algorithme."),
        VALIDATOR_DESIGNATED("Professionnel validateur désigné : {0}."),
        APPROVED("Algorithme approuvé : il est actif."),
        SUSPENDED("Algorithme suspendu : il ne produit plus rien."),
        RESUMED("Algorithme remis en service."),
        ILLEGAL_APPROVED("Impossible de approuver : l''algorithme est « {0} »."),
        ILLEGAL_SUSPENDED("Impossible de suspendre : l''algorithme est « {0} »."),
        ILLEGAL_RESUMED("Impossible de remettre en service : l''algorithme est « {0} »."),
        ONLY_ADVISERS("Seuls les conseillers du contact humain traitent les demandes."),
        ANSWER_REQUIRED("Décrivez en quelques mots la réponse apportée (2 000 caractères au plus)."),
        REQUEST_NOT_FOUND("Demande introuvable."),
        REQUEST_CLOSED("Cette demande est déjà « close »."),
        REQUEST_CLOSED_NOW("Demande close."),
        ANSWER_SAVED("Réponse enregistrée."),
        NOT_YOUR_SUGGESTION("Seul le professionnel chargé de cette proposition peut la valider."),
        NOT_IN_YOUR_QUEUE("Cette proposition n'est pas dans votre file de validation."),
        ALGORITHM_NOT_ACTIVE("L''algorithme est « {0} » : ses propositions ne peuvent pas être validées."),
        NO_LONGER_VALIDATOR("Vous n'êtes plus le médecin traitant de cette personne ni le professionnel désigné : "
                + "la proposition attend son nouveau validateur."),
        WRONG_PROFESSION("Votre profession ne permet pas de valider les propositions de cet algorithme."),
        SUGGESTION_DECIDED("Cette proposition ne peut plus être validée : elle est « {0} »."),
        DECISION_REASON("Indiquez la raison de votre décision (500 caractères au plus)."),
        EDITED_TEXT_REQUIRED("Le texte modifié est obligatoire (1 000 caractères au plus)."),
        REJECTED("Proposition refusée : la personne ne recevra rien."),
        ACCEPTED_OPTED_OUT("Proposition acceptée, mais la personne a choisi de ne plus recevoir de messages de prévention : "
                + "rien ne lui est envoyé."),
        DELIVERED_APP("Proposition validée : la personne la reçoit dans son espace santé."),
        DELIVERED_LETTER("Proposition validée : la personne la recevra par courrier."),
        CANNOT_CHANGE_SETTING("Vous ne pouvez pas modifier ce réglage pour cette personne."),
        OPTED_OUT("C'est fait : aucun message de prévention ne sera plus envoyé."),
        OPTED_IN("C'est fait : les messages de prévention validés par un médecin vous seront de nouveau envoyés."),
        CONTACT_NAME_REQUIRED("Indiquez votre nom, pour que la personne qui vous recontacte sache à qui elle parle."),
        CONTACT_NAME_TOO_LONG("Le nom fait au plus 120 caractères."),
        CONTACT_TOPIC_REQUIRED("Choisissez le sujet de votre demande."),
        CONTACT_CHANNEL_REQUIRED("Choisissez comment vous souhaitez être recontacté·e."),
        CONTACT_WHEN_REQUIRED("Choisissez quand vous souhaitez être recontacté·e."),
        CONTACT_PHONE_OR_EMAIL("Indiquez un numéro de téléphone ou une adresse électronique pour que nous puissions vous recontacter."),
        CONTACT_PHONE_INVALID("Le numéro de téléphone n'est pas valide : 10 chiffres, par exemple 06 12 34 56 78."),
        CONTACT_EMAIL_INVALID("L'adresse électronique n'est pas valide, par exemple prenom.nom@exemple.fr."),
        CONTACT_PHONE_REQUIRED("Vous avez choisi d'être appelé·e : indiquez votre numéro de téléphone."),
        CONTACT_EMAIL_REQUIRED("Vous avez choisi une réponse par courriel : indiquez votre adresse électronique."),
        CONTACT_MESSAGE_TOO_LONG("Le message fait au plus 2 000 caractères."),
        RUN_NOT_REGISTERED("L'algorithme n'est pas inscrit au registre : rien n'a été produit."),
        RUN_NOT_ACTIVE("L''algorithme est « {0} » : rien n''a été produit."),
        RUN_ALREADY_GOING("Une évaluation est déjà en cours.");

        private final String label;

        Wording(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Outcome {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Outcome done(String message) {
        return new Outcome(true, message, null, List.of());
    }

    public static Outcome refused(String message) {
        return new Outcome(false, message, null, List.of());
    }

    static Outcome done(Wording wording, Object... args) {
        return new Outcome(true, wording.french(args), wording, List.of(args));
    }

    static Outcome refused(Wording wording, Object... args) {
        return new Outcome(false, wording.french(args), wording, List.of(args));
    }
}
