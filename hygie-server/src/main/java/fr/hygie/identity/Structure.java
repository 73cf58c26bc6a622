package fr.hygie.identity;

/** A structure (établissement) as other modules see it. */
public record Structure(StructureId id, String finess, StructureKind kind, String legalEntityFiness, String name,
        String category, String addressLine, String postcode, String communeInsee, Double latitude, Double longitude) {
}
