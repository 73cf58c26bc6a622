package fr.hygie.research;

import fr.hygie.platform.FrenchWording;

/**
 * Why a move on a project was refused, as a sentence code: {@link #label()} is the French sentence (a MessageFormat
 * pattern when it has arguments) that the research APIs answer with; pages say
 * {@code code.research.ResearchWording.<CODE>} of the message bundles in the reader's language (same French
 * wording, checked by LanguageTest). Statuses and decisions passed as arguments are shown by their labels.
 */
public enum ResearchWording implements FrenchWording {
    RESULTS_REQUIRED("Un projet ne peut pas être clos sans le résumé de ses résultats, même négatifs. Statut actuel : {0}."),
    ILLEGAL_MOVE("« {0} » est impossible dans l''état actuel du projet. Statut actuel : {1} ({2})."),
    NOT_YOUR_ROLE("Cette décision ne relève pas de votre rôle."),
    NOT_YOUR_PROJECT("Seule l'équipe qui a déposé le projet peut faire cela."),
    RESULTS_SUMMARY_REQUIRED("Écrivez le résumé des résultats, même s'ils sont négatifs."),
    REASONS_REQUIRED("Écrivez les motifs de la décision : ils sont publiés au registre."),
    NOT_HERE("Cette étape ne se fait pas ici."),
    RESULTS_TOO_LONG("Le résumé des résultats dépasse 8 000 caractères."),
    ONLY_TEAM_PUBLISHES("Seule l'équipe qui a déposé le projet publie ses résultats."),
    PROJECT_NOT_FOUND("Ce projet n'existe pas."),
    // submission form: fields to correct, and the refusal of a prohibited use
    TITLE_REQUIRED("Indiquez le titre du projet."),
    SUMMARY_REQUIRED("Résumez le projet en quelques phrases."),
    PURPOSE_REQUIRED("Choisissez la finalité du projet parmi celles de l'article 53."),
    LEGAL_BASIS_REQUIRED("Indiquez la base légale du traitement."),
    ORGANISATION_REQUIRED("Indiquez l'organisme responsable."),
    ORGANISATION_KIND_REQUIRED("Choisissez le type d'organisme."),
    PLACE_REQUIRED("Choisissez le lieu de traitement des données."),
    TEAM_REQUIRED("Indiquez l'équipe (noms et rôles)."),
    POPULATION_REQUIRED("Décrivez la population étudiée (critères d'inclusion)."),
    DURATION_INVALID("Indiquez une durée entre 1 et 120 mois."),
    FUNDING_REQUIRED("Indiquez le financement du projet."),
    BENEFIT_REQUIRED("Indiquez le bénéfice attendu pour le public."),
    VARIABLE_INCOMPLETE("Indiquez la catégorie et le nom de la donnée {0}."),
    JUSTIFICATION_REQUIRED("Justifiez pourquoi la donnée « {0} » est nécessaire (minimisation des données)."),
    VARIABLE_REQUIRED("Indiquez au moins une donnée demandée, avec sa justification."),
    TEXT_TOO_LONG("Ce texte dépasse {0} caractères."),
    PROHIBITED("Projet refusé : « {0} » est un usage interdit des données de santé ({1}).");

    private final String label;

    ResearchWording(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
