package fr.hygie.identity;

import java.util.Objects;

/**
 * An ordinal specialty (« spécialité ordinale ») from the national nomenclature
 * TRE_R38_SpecialiteOrdinale, e.g. {@code SM54} Médecine générale, attached to one profession.
 *
 * @param code           the TRE_R38 code
 * @param labelFr        the published French label
 * @param labelEn        Hygie's English label
 * @param professionCode the TRE_G15 code of the profession this specialty belongs to
 * @param system         the FHIR code system URL
 * @param oid            the code system OID
 */
public record Specialty(String code, String labelFr, String labelEn, String professionCode, String system, String oid) {

    public Specialty {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(labelFr, "labelFr");
        Objects.requireNonNull(labelEn, "labelEn");
        Objects.requireNonNull(professionCode, "professionCode");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(oid, "oid");
    }

    public boolean belongsTo(Profession profession) {
        return professionCode.equals(profession.code());
    }
}
