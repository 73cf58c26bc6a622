package fr.hygie.synth;

/**
 * A care structure of the FINESS directory: either a legal entity (entité juridique, EJ) or one of
 * its geographic sites (établissement, ET) that points to its legal entity.
 *
 * @param legalEntityFiness the legal entity of a geographic site; {@code null} for a legal entity
 */
public record SynthStructure(
        String finess,
        Kind kind,
        String legalEntityFiness,
        Category category,
        String name,
        String addressLine,
        String postcode,
        String communeInsee,
        String communeName,
        String department,
        double latitude,
        double longitude) {

    public enum Kind { LEGAL_ENTITY, GEOGRAPHIC_SITE }

    /**
     * Kind of structure. Private practices (cabinets libéraux) have no FINESS number, so a
     * professional in a private practice has no structure; imaging practices with heavy
     * equipment do have one.
     */
    public enum Category {
        CENTRE_HOSPITALIER("Centre hospitalier"),
        MAISON_DE_SANTE("Maison de santé pluriprofessionnelle"),
        CENTRE_DE_SANTE("Centre de santé"),
        PHARMACIE("Pharmacie d'officine"),
        LABORATOIRE("Laboratoire de biologie médicale"),
        CABINET_RADIOLOGIE("Cabinet de radiologie et d'imagerie médicale");

        private final String label;

        Category(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
