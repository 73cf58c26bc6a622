package fr.hygie.identity;

/**
 * The two kinds of structure registered in FINESS (« Fichier national des établissements sanitaires et
 * sociaux »). Both carry a 9-character FINESS number of the same shape, so the kind is never read from
 * the number: it comes from the register.
 */
public enum StructureKind {
    /** « Entité juridique » (EJ, FINESS juridique): the legal person holding authorisations. */
    LEGAL_ENTITY("entité juridique", "EJ"),
    /** « Établissement géographique » (ET, FINESS géographique): a site where care is delivered. */
    GEOGRAPHIC_SITE("établissement géographique", "ET");

    private final String labelFr;
    private final String abbreviation;

    StructureKind(String labelFr, String abbreviation) {
        this.labelFr = labelFr;
        this.abbreviation = abbreviation;
    }

    public String labelFr() {
        return labelFr;
    }

    /** {@code EJ} or {@code ET}, as used in FINESS extracts. */
    public String abbreviation() {
        return abbreviation;
    }
}
