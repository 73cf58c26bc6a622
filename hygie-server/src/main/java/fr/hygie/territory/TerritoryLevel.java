package fr.hygie.territory;

/** The scales indicators are published at (« échelon territorial »). Communes are inputs only, never published. */
public enum TerritoryLevel {
    DEPARTEMENT("département", "departement"),
    REGION("région", "region"),
    FRANCE("France entière", "france");

    private final String label;
    private final String slug;

    TerritoryLevel(String label, String slug) {
        this.label = label;
        this.slug = slug;
    }

    public String label() {
        return label;
    }

    /** The value used in URLs and CSV files. */
    public String slug() {
        return slug;
    }

    public static java.util.Optional<TerritoryLevel> ofSlug(String slug) {
        for (TerritoryLevel l : values()) {
            if (l.slug.equalsIgnoreCase(slug == null ? "" : slug.strip())) {
                return java.util.Optional.of(l);
            }
        }
        return java.util.Optional.empty();
    }
}
