package fr.hygie.research;

import java.text.MessageFormat;

/**
 * Why a move on a project was refused, as a sentence code: {@link #label()} is the French sentence (a MessageFormat
 * pattern when it has arguments) that the research APIs answer with; pages say
 * {@code code.research.ResearchWording.<CODE>} of the message bundles in the reader's language (same French
 * wording, checked by LanguageTest). Statuses and decisions passed as arguments are shown by their labels.
 */
public enum ResearchWording {
    RESULTS_REQUIRED("Un projet ne peut pas être clos sans le résumé de ses résultats, même négatifs. Statut actuel : {0}."),
    ILLEGAL_MOVE("« {0} » est impossible dans l''état actuel du projet. Statut actuel : {1} ({2})."),
    NOT_YOUR_ROLE("Cette décision ne relève pas de votre rôle."),
    NOT_YOUR_PROJECT("Seule l'équipe qui a déposé le projet peut faire cela."),
    RESULTS_SUMMARY_REQUIRED("Écrivez le résumé des résultats, même s'ils sont négatifs."),
    REASONS_REQUIRED("Écrivez les motifs de la décision : ils sont publiés au registre."),
    NOT_HERE("Cette étape ne se fait pas ici."),
    RESULTS_TOO_LONG("Le résumé des résultats dépasse 8 000 caractères."),
    ONLY_TEAM_PUBLISHES("Seule l'équipe qui a déposé le projet publie ses résultats."),
    PROJECT_NOT_FOUND("Ce projet n'existe pas.");

    private final String label;

    ResearchWording(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The French sentence with its arguments (statuses and decisions by their French labels). */
    public String french(Object... args) {
        if (args.length == 0) {
            return label;
        }
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            texts[i] = a instanceof ProjectStatus s ? s.label() : a instanceof ProjectDecision d ? d.label() : String.valueOf(a);
        }
        return MessageFormat.format(label, texts);
    }
}
