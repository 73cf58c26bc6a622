package fr.hygie.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Sex as recorded in civil status (« sexe »), one of the five INS traits.
 *
 * <p>An INS identity is always {@link #MALE} or {@link #FEMALE}: the INS comes from the RNIPP/SNGI,
 * whose matricule encodes only these two (first digit 1/2 for a NIR, 7/8 for a NIA).
 * {@link #UNDETERMINED} (« indéterminé », code I) exists for local identities only, when the sex
 * cannot be determined at birth; an {@link InsIdentity} refuses it.
 */
public enum Sex {
    MALE("M", "masculin"),
    FEMALE("F", "féminin"),
    UNDETERMINED("I", "indéterminé");

    private final String code;
    private final String labelFr;

    Sex(String code, String labelFr) {
        this.code = code;
        this.labelFr = labelFr;
    }

    /** Administrative gender code as exchanged in HL7 v2 / INSi: M, F or I. */
    public String code() {
        return code;
    }

    public String labelFr() {
        return labelFr;
    }

    public static Optional<Sex> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equalsIgnoreCase(code == null ? "" : code.trim())).findFirst();
    }
}
