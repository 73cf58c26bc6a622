package fr.hygie.identity;

import fr.hygie.identity.InvalidIdentifier.Reason;
import java.util.Optional;

/**
 * A health professional's RPPS number (« Répertoire partagé des professionnels intervenant dans le
 * système de santé »): 11 digits, the last a Luhn check digit. The national professional identifier
 * used in CPS/e-CPS and FHIR is idNat_PS = {@code 8} + RPPS (type 8 in TRE_G08).
 */
public record Rpps(String value) {

    static final String FIELD = "rpps";
    static final int LENGTH = 11;

    /** FHIR {@code Identifier.system} of idNat_PS (« Identifiant National de Professionnel de Santé »). */
    public static final String ID_NAT_PS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.1";

    public Rpps {
        value = MatriculeRules.normalise(value);
        Optional<InvalidIdentifier> failure = failure(value);
        if (failure.isPresent()) {
            throw failure.get();
        }
    }

    public static Rpps parse(String raw) {
        return new Rpps(raw);
    }

    public static Optional<InvalidIdentifier> check(String raw) {
        return failure(MatriculeRules.normalise(raw));
    }

    /** The 11-digit RPPS made of these 10 digits and their Luhn check digit. */
    public static String withCheckDigit(String first10) {
        String payload = MatriculeRules.normalise(first10);
        if (payload.length() != LENGTH - 1) {
            throw new InvalidIdentifier(Reason.RPPS_LENGTH, FIELD);
        }
        if (!Luhn.allDigits(payload)) {
            throw new InvalidIdentifier(Reason.RPPS_CHARACTERS, FIELD);
        }
        return payload + Luhn.checkDigit(payload);
    }

    private static Optional<InvalidIdentifier> failure(String v) {
        if (v.length() != LENGTH) {
            return Optional.of(new InvalidIdentifier(Reason.RPPS_LENGTH, FIELD));
        }
        if (!Luhn.allDigits(v)) {
            return Optional.of(new InvalidIdentifier(Reason.RPPS_CHARACTERS, FIELD));
        }
        if (!Luhn.isValid(v)) {
            return Optional.of(new InvalidIdentifier(Reason.RPPS_CHECK_DIGIT, FIELD));
        }
        return Optional.empty();
    }

    /** idNat_PS: {@code "8" + rpps}, 12 characters. */
    public String idNatPs() {
        return "8" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
