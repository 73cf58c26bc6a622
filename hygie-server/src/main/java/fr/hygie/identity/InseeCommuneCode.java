package fr.hygie.identity;

import fr.hygie.identity.InvalidIdentifier.Reason;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An INSEE commune code (« code officiel géographique », COG): 5 characters, département then commune.
 * Metropolitan départements use 2 characters (01-19, 2A, 2B, 21-95) followed by 3 digits; overseas
 * départements and collectivities use 3 digits (971-978, 984-989) followed by 2 digits.
 *
 * <p>This is a shape check, not a lookup in the COG: a well-formed code may not exist.
 */
public record InseeCommuneCode(String value) {

    static final String FIELD = "inseeCommuneCode";

    private static final Pattern SHAPE = Pattern.compile(
            "(0[1-9]|1[0-9]|2[AB]|2[1-9]|[3-8][0-9]|9[0-5])[0-9]{3}|97[1-8][0-9]{2}|98[4-9][0-9]{2}");

    public InseeCommuneCode {
        value = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (!isWellFormed(value)) {
            throw new InvalidIdentifier(Reason.INSEE_CODE, FIELD);
        }
    }

    public static InseeCommuneCode parse(String raw) {
        return new InseeCommuneCode(raw);
    }

    public static Optional<InvalidIdentifier> check(String raw) {
        String v = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        return isWellFormed(v) ? Optional.empty() : Optional.of(new InvalidIdentifier(Reason.INSEE_CODE, FIELD));
    }

    static boolean isWellFormed(String v) {
        if (!SHAPE.matcher(v).matches()) {
            return false;
        }
        // Commune 000 does not exist, nor 00 overseas.
        boolean overseas = v.startsWith("97") || v.startsWith("98");
        return !v.endsWith(overseas ? "00" : "000");
    }

    /** {@code "75"}, {@code "2A"}, or a 3-digit overseas code such as {@code "971"}. */
    public String departement() {
        return isOverseas() ? value.substring(0, 3) : value.substring(0, 2);
    }

    public boolean isOverseas() {
        return value.startsWith("97") || value.startsWith("98");
    }

    @Override
    public String toString() {
        return value;
    }
}
