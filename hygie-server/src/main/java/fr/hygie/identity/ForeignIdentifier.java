package fr.hygie.identity;

import fr.hygie.platform.web.InvalidInput;

/**
 * An identifier given to a person by another system (a hospital's IPP, another platform's id), kept as
 * it came (FHIR {@code Identifier.system} and {@code value}). Never an INS: the matricule has its own
 * column and its own rules. Values can identify a person: kept out of logs and URLs ({@link #toString()}
 * shows the system only).
 */
public record ForeignIdentifier(String system, String value) {

    public ForeignIdentifier {
        if (system == null || system.isBlank() || system.length() > 500) {
            throw new InvalidInput("IDENTIFIER_SYSTEM", "identifier.system", "Le système de l'identifiant est obligatoire (500 caractères au plus).");
        }
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new InvalidInput("IDENTIFIER_VALUE", "identifier.value", "La valeur de l'identifiant est obligatoire (200 caractères au plus).");
        }
        if (InsMatricule.INS_NIR_SYSTEM.equals(system) || InsMatricule.INS_NIA_SYSTEM.equals(system)) {
            throw new InvalidInput("IDENTIFIER_IS_INS", "identifier.system", "Un matricule INS n'est pas un identifiant d'un autre système.");
        }
        system = system.trim();
        value = value.trim();
    }

    @Override
    public String toString() {
        return "ForeignIdentifier[" + system + "]";
    }
}
