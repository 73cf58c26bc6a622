package fr.hygie.catalogue;

/**
 * The criteria of the referencing grid (« grille de référencement »): the five guiding principles of
 * digital health (prevention; access for all in every territory; quality, coordination and continuity of
 * care; the human link; the views of patients and professionals), then security, interoperability,
 * ethics, accessibility and environmental footprint. Each is scored 0 to 3.
 */
public enum Criterion implements fr.hygie.platform.Labelled {
    PREVENTION("Prévention", true),
    ACCESS_FOR_ALL("Accès pour tous, dans tous les territoires", true),
    QUALITY_CONTINUITY("Qualité, coordination et continuité des soins", true),
    HUMAN_LINK("Lien humain", true),
    STAKEHOLDER_VIEWS("Avis des patients et des professionnels", true),
    SECURITY("Sécurité", false),
    INTEROPERABILITY("Interopérabilité (FHIR)", false),
    ETHICS("Éthique", false),
    ACCESSIBILITY("Accessibilité", false),
    FOOTPRINT("Empreinte environnementale", false);

    private final String label;
    private final boolean principle;

    Criterion(String label, boolean principle) {
        this.label = label;
        this.principle = principle;
    }

    public String label() {
        return label;
    }

    /** One of the five guiding principles (the others are the grid's technical and ethical criteria). */
    public boolean principle() {
        return principle;
    }

    /** Form field names use the lower-case name ({@code score_prevention}, {@code comment_prevention}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
