package fr.hygie.research;

/**
 * The purposes for which health data may serve secondary use: the exhaustive list of EHDS article 53(1)
 * (finalités autorisées). Each carries a plain-language explanation and an example for the person's
 * choices page.
 */
public enum Purpose {
    PUBLIC_HEALTH("a", "Santé publique et santé au travail",
            "Surveiller les maladies, se protéger des épidémies, vérifier la sécurité des soins, des médicaments et des dispositifs médicaux.",
            "Repérer tôt une épidémie de grippe ou un effet indésirable d'un médicament."),
    HEALTH_POLICY("b", "Politiques de santé et régulation",
            "Aider les autorités publiques à décider et à contrôler dans le domaine de la santé et des soins.",
            "Décider où ouvrir un centre de santé, ou évaluer une réforme du remboursement."),
    OFFICIAL_STATISTICS("c", "Statistiques officielles",
            "Produire les statistiques publiques nationales ou européennes sur la santé.",
            "Compter chaque année le nombre de personnes diabétiques par département."),
    EDUCATION("d", "Enseignement",
            "Former les futurs professionnels de santé, à l'université ou en formation professionnelle.",
            "Des exercices pour des étudiants en médecine sur des données pseudonymisées."),
    SCIENTIFIC_RESEARCH("e", "Recherche scientifique, y compris l'intelligence artificielle",
            "Faire progresser les connaissances, évaluer des traitements, développer et tester des produits ou des algorithmes, dont l'intelligence artificielle.",
            "Étudier les facteurs de risque d'une maladie, ou entraîner un algorithme qui aide à lire des radiographies."),
    CARE_IMPROVEMENT("f", "Amélioration des soins",
            "Améliorer l'organisation des soins et les traitements proposés à d'autres patients grâce aux données de nombreuses personnes.",
            "Comparer des parcours de soins pour réduire les délais d'attente aux urgences.");

    private final String point;
    private final String label;
    private final String explanation;
    private final String example;

    Purpose(String point, String label, String explanation, String example) {
        this.point = point;
        this.label = label;
        this.explanation = explanation;
        this.example = example;
    }

    /** The point of EHDS article 53(1), e.g. "a". */
    public String point() {
        return point;
    }

    public String citation() {
        return "Règlement (UE) 2025/327 (EHDS), article 53, paragraphe 1, point " + point + ")";
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }

    public String example() {
        return example;
    }

    /** Parses a code as posted by a form; empty for anything else. */
    public static java.util.Optional<Purpose> parse(String code) {
        for (Purpose p : values()) {
            if (p.name().equals(code)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
