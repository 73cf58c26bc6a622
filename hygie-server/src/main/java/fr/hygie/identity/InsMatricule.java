package fr.hygie.identity;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The matricule INS (« matricule INS ») of a patient's national health identity: either the person's
 * {@link Nir} (« numéro d'inscription au répertoire », RNIPP kept by INSEE) or, for people born abroad
 * whose registration is pending, a {@link Nia} (« numéro identifiant d'attente », SNGI kept by the CNAV).
 * Both have the same 15-character structure and key; they differ by the first digit.
 *
 * <p>{@link #toString()} of both implementations is the {@linkplain #masked() masked} form, so that a
 * matricule logged by accident reveals neither birth place nor order number.
 */
public sealed interface InsMatricule permits Nir, Nia {

    /** FHIR {@code Identifier.system} of an INS whose matricule is a NIR (OID 1.2.250.1.213.1.4.8). */
    String INS_NIR_SYSTEM = "urn:oid:1.2.250.1.213.1.4.8";

    /** FHIR {@code Identifier.system} of an INS whose matricule is a NIA (OID 1.2.250.1.213.1.4.9). */
    String INS_NIA_SYSTEM = "urn:oid:1.2.250.1.213.1.4.9";

    /** The 15 characters, without spaces (13 + 2-digit key). */
    String value();

    /** {@link #INS_NIR_SYSTEM} or {@link #INS_NIA_SYSTEM}. */
    String fhirSystem();

    /** First digit: 1/2 for a NIR, 7/8 for a NIA. */
    default int sexDigit() {
        return value().charAt(0) - '0';
    }

    default Sex sex() {
        return MatriculeRules.sexOf(value());
    }

    /** Last two digits of the birth year, e.g. {@code "84"}. */
    default String birthYear2() {
        return value().substring(1, 3);
    }

    /** Month code as written: {@code "01"}-{@code "12"}, or a code meaning "month unknown". */
    default String birthMonthCode() {
        return value().substring(3, 5);
    }

    /** The real birth month (1-12), empty when the code means the month is unknown. */
    default OptionalInt birthMonth() {
        int code = Integer.parseInt(birthMonthCode());
        return MatriculeRules.isRealMonth(code) ? OptionalInt.of(code) : OptionalInt.empty();
    }

    /**
     * INSEE code of the birth commune (e.g. {@code 75056}, {@code 2A004}, {@code 97105}), or
     * {@code 99} + INSEE country code for people born abroad (e.g. {@code 99134}).
     */
    default String birthPlaceCode() {
        return value().substring(5, 10);
    }

    default boolean bornAbroad() {
        return value().startsWith("99", 5);
    }

    /** Display form revealing only sex and birth year: {@code 1 84 ** ** *** *** **}. */
    default String masked() {
        return MatriculeRules.masked(value());
    }

    /** Reads a NIR or a NIA depending on its first digit (7 or 8 for a NIA). */
    static InsMatricule parse(String raw) {
        return isNiaShaped(raw) ? Nia.parse(raw) : Nir.parse(raw);
    }

    static Optional<InvalidIdentifier> check(String raw) {
        return isNiaShaped(raw) ? Nia.check(raw) : Nir.check(raw);
    }

    private static boolean isNiaShaped(String raw) {
        String v = MatriculeRules.normalise(raw);
        return !v.isEmpty() && (v.charAt(0) == '7' || v.charAt(0) == '8');
    }
}
