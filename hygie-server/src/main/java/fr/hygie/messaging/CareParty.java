package fr.hygie.messaging;

import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.StructureId;

/**
 * The care side of a conversation: one professional, or one care structure's shared mailbox (boîte
 * structurelle), never both.
 */
public record CareParty(ProfessionalId professional, StructureId structure) {

    public CareParty {
        if ((professional == null) == (structure == null)) {
            throw new IllegalArgumentException("a care party is one professional or one structure");
        }
    }

    public static CareParty of(ProfessionalId professional) {
        return new CareParty(professional, null);
    }

    public static CareParty of(StructureId structure) {
        return new CareParty(null, structure);
    }

    public boolean isStructure() {
        return structure != null;
    }

    /** A stable text key ("P:uuid" or "S:uuid") for forms. */
    public String key() {
        return professional != null ? "P:" + professional.value() : "S:" + structure.value();
    }

    public static java.util.Optional<CareParty> parseKey(String key) {
        if (key == null || key.length() != 38 || key.charAt(1) != ':') {
            return java.util.Optional.empty();
        }
        try {
            java.util.UUID id = java.util.UUID.fromString(key.substring(2));
            return switch (key.charAt(0)) {
                case 'P' -> java.util.Optional.of(of(new ProfessionalId(id)));
                case 'S' -> java.util.Optional.of(of(new StructureId(id)));
                default -> java.util.Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
