package fr.hygie.research;

/**
 * Where a project stands in its review (instruction). The route: submission → completeness check →
 * ethics and scientific opinion (CESREES-like committee) → authorisation (CNIL) → data agreement →
 * extraction (by the research engine) → results published → closed.
 */
public enum ProjectStatus implements fr.hygie.platform.Labelled {
    SUBMITTED("Déposé, en attente du contrôle de complétude", false),
    INCOMPLETE("Incomplet, à compléter par l'équipe", false),
    COMPLETE("Complet, en attente de l'avis éthique et scientifique", false),
    ETHICS_FAVOURABLE("Avis éthique et scientifique favorable, en attente de l'autorisation", false),
    ETHICS_UNFAVOURABLE("Avis éthique et scientifique défavorable", true),
    AUTHORISED("Autorisé, en attente de la convention de mise à disposition", false),
    REFUSED("Autorisation refusée", true),
    AGREEMENT_SIGNED("Convention signée, prêt pour l'extraction", false),
    EXTRACTION_DONE("Données extraites, résultats attendus", false),
    RESULTS_PUBLISHED("Résultats publiés", false),
    CLOSED("Clos", true);

    private final String label;
    private final boolean terminal;

    ProjectStatus(String label, boolean terminal) {
        this.label = label;
        this.terminal = terminal;
    }

    public String label() {
        return label;
    }

    /** No further step: closed, or stopped by an unfavourable opinion or a refused authorisation. */
    public boolean terminal() {
        return terminal;
    }

    public static java.util.Optional<ProjectStatus> parse(String code) {
        for (ProjectStatus s : values()) {
            if (s.name().equals(code)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
