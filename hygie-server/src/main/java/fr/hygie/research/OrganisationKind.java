package fr.hygie.research;

import java.util.Optional;

/** The kind of organisation that processes the data, as the person can object to it. */
public enum OrganisationKind {
    PUBLIC("Organismes publics", "Hôpitaux publics, universités, Inserm, Santé publique France, ministère."),
    PRIVATE_NON_PROFIT("Organismes privés à but non lucratif", "Associations de patients, fondations, centres de lutte contre le cancer."),
    COMMERCIAL("Entreprises commerciales", "Laboratoires pharmaceutiques, fabricants de dispositifs médicaux, start-up.");

    private final String label;
    private final String examples;

    OrganisationKind(String label, String examples) {
        this.label = label;
        this.examples = examples;
    }

    public String label() {
        return label;
    }

    public String examples() {
        return examples;
    }

    public static Optional<OrganisationKind> parse(String code) {
        for (OrganisationKind k : values()) {
            if (k.name().equals(code)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
