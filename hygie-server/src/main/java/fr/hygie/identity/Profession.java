package fr.hygie.identity;

import java.util.Objects;

/**
 * A health profession (« profession de santé ») from the national nomenclature TRE_G15_ProfessionSante,
 * e.g. {@code 10} Médecin, {@code 60} Infirmier.
 *
 * @param code   the TRE_G15 code
 * @param labelFr the published French label
 * @param labelEn Hygie's English label
 * @param system the FHIR code system URL
 * @param oid    the code system OID
 */
public record Profession(String code, String labelFr, String labelEn, String system, String oid) {

    public Profession {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(labelFr, "labelFr");
        Objects.requireNonNull(labelEn, "labelEn");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(oid, "oid");
    }
}
