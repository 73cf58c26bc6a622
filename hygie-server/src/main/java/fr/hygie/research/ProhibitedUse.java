package fr.hygie.research;

import java.util.Optional;

/**
 * Uses of health data that no project may pursue (usages interdits). EHDS article 54 lists points a) to
 * e); re-identification and giving the data to anyone not named in the permit are forbidden to every data
 * user by article 61(3) and 61(2) (recital 54 lists them with the others). A project declaring any of them
 * is refused at submission, with the article cited.
 */
public enum ProhibitedUse implements fr.hygie.platform.Labelled {
    DETRIMENTAL_DECISIONS("Prendre des décisions préjudiciables à une personne ou à un groupe de personnes",
            "article 54, point a)"),
    EMPLOYMENT_INSURANCE_CREDIT("Prendre des décisions sur l'emploi, l'assurance, le crédit ou l'accès à des biens ou services",
            "article 54, point b)"),
    ADVERTISING_MARKETING("Faire de la publicité ou du marketing", "article 54, point c)"),
    HARMFUL_PRODUCTS("Développer des produits ou services nocifs ou conçus pour créer une dépendance (tabac, alcool, armes…)",
            "article 54, point d)"),
    CONTRARY_TO_ETHICS("Mener des activités contraires aux règles d'éthique du droit national", "article 54, point e)"),
    RE_IDENTIFICATION("Réidentifier les personnes ou tenter de le faire", "article 61, paragraphe 3"),
    THIRD_PARTY_DISCLOSURE("Transmettre les données à des tiers non désignés dans l'autorisation", "article 61, paragraphe 2");

    private final String label;
    private final String article;

    ProhibitedUse(String label, String article) {
        this.label = label;
        this.article = article;
    }

    public String label() {
        return label;
    }

    /** The article that forbids it, e.g. "article 54, point c)". */
    public String article() {
        return article;
    }

    /** The full citation shown with a refusal. */
    public String citation() {
        return "Règlement (UE) 2025/327 (EHDS), " + article;
    }

    public static Optional<ProhibitedUse> parse(String code) {
        for (ProhibitedUse u : values()) {
            if (u.name().equals(code)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
