package fr.hygie.identity;

import fr.hygie.platform.web.InvalidInput;

/**
 * A structure to register: a legal entity (entité juridique) or one of its geographic sites
 * (établissement), each with its own FINESS number.
 */
public record NewStructure(Finess finess, StructureKind kind, Finess legalEntity, String name, String category,
        String addressLine, String postcode, InseeCommuneCode commune, Double latitude, Double longitude) {

    public NewStructure {
        if (kind == StructureKind.GEOGRAPHIC_SITE && legalEntity == null) {
            throw new InvalidInput("LEGAL_ENTITY_REQUIRED", "legalEntity", "Un établissement géographique est rattaché à une entité juridique.");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidInput("NAME_REQUIRED", "name", "Le nom de la structure est obligatoire.");
        }
    }
}
