package fr.hygie.catalogue;

import java.util.List;

/**
 * What became of a reviewer's or a person's step: done, or refused with a French message naming the state. The
 * message is also given as a code ({@link #wording()}, null for a text made elsewhere) and its arguments (statuses,
 * criteria, names, counts), so that pages can say it in the reader's language from the bundles
 * ({@code code.catalogue.Outcome.Wording.<CODE>}, same French wording, checked by LanguageTest).
 */
public record Outcome(boolean done, String message, Wording wording, List<Object> args) {

    /** The sentences of the catalogue's steps; {@link #label()} is the French MessageFormat pattern. */
    public enum Wording implements fr.hygie.platform.FrenchWording {
        NOT_CONNECTED("Cette application n'est pas connectée à votre espace."),
        REVOKED("L''application « {0} » n''a plus accès à votre espace."),
        ONLY_REVIEWERS_SCORE("Seul un membre du comité de référencement note une candidature."),
        NO_SUCH_APPLICATION("Cette candidature n'existe pas."),
        SCORING_CLOSED("Candidature déjà refusée : la notation est close. Statut actuel : {0}."),
        NO_SCORE("Aucune note saisie."),
        SCORE_INCOMPLETE("Critère « {0} » : une note de 0 à 3 et un commentaire sont demandés."),
        SCORED("{0} critère(s) noté(s)."),
        ONLY_REVIEWERS_DECIDE("Seul un membre du comité de référencement décide."),
        DECISION_IMPOSSIBLE("Décision impossible : la candidature est « {0} »."),
        REASONS_REQUIRED("Les motifs de la décision sont obligatoires : ils sont publiés."),
        CRITERIA_MISSING("Critères à noter avant de référencer : {0}."),
        DECISION_SAVED("Décision enregistrée et publiée : {0}.");

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
