package fr.hygie.identity;

import fr.hygie.identity.InvalidIdentifier.Reason;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The five strict traits of a national health identity (« traits INS »): birth name, birth first
 * names, birth date, sex and birth place (INSEE code of the commune, or 99 + INSEE country code for
 * people born abroad).
 *
 * <p>Names are stored the way the INSi teleservice returns them and the RNIV requires them to be kept:
 * trimmed, in capital letters without diacritics, single spaces, only letters, spaces, hyphens and
 * apostrophes. The first names are the full list of birth first names, separated by spaces.
 */
public record InsTraits(String birthName, String birthFirstNames, LocalDate birthDate, Sex sex, String birthPlaceInsee) {

    private static final Pattern NAME = Pattern.compile("[A-Z]+(?:[ '-]+[A-Z]+)*");
    private static final Pattern COUNTRY = Pattern.compile("99[0-9]{3}");

    public InsTraits {
        birthName = normaliseName(birthName, Reason.BIRTH_NAME, "birthName");
        birthFirstNames = normaliseName(birthFirstNames, Reason.BIRTH_FIRST_NAMES, "birthFirstNames");
        if (birthDate == null || birthDate.isAfter(LocalDate.now())) {
            throw new InvalidIdentifier(Reason.BIRTH_DATE, "birthDate");
        }
        if (sex == null) {
            throw new InvalidIdentifier(Reason.SEX, "sex");
        }
        birthPlaceInsee = birthPlaceInsee == null ? "" : birthPlaceInsee.trim().toUpperCase(Locale.ROOT);
        if (!InseeCommuneCode.isWellFormed(birthPlaceInsee)
                && !(COUNTRY.matcher(birthPlaceInsee).matches() && !birthPlaceInsee.endsWith("000"))) {
            throw new InvalidIdentifier(Reason.BIRTH_PLACE, "birthPlaceInsee");
        }
    }

    /** Names and birth date are personal data: kept out of logs. */
    @Override
    public String toString() {
        return "InsTraits[sex=" + sex.code() + ", birthYear=" + birthDate.getYear() + "]";
    }

    public boolean bornAbroad() {
        return birthPlaceInsee.startsWith("99");
    }

    /** The same normalisation as stored names, for searching what a person typed; never throws. */
    public static String searchKey(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        // A NUL can be in no stored name and PostgreSQL refuses it in a parameter (an error, not "no match"):
        // dropped here. Found by security.TerritoryAndSearchFuzzTest.
        String upper = raw.replace("\u0000", "").strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT)
                .replace("Œ", "OE").replace("Æ", "AE").replace('’', '\'');
        return Normalizer.normalize(upper, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    /** Upper-case, diacritics removed (É → E, Œ → OE), blanks collapsed; refuses anything else. */
    static String normaliseName(String raw, Reason reason, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentifier(reason, field);
        }
        // A NUL can be in no stored name and PostgreSQL refuses it in a parameter (an error, not "no match"):
        // dropped here. Found by security.TerritoryAndSearchFuzzTest.
        String upper = raw.replace("\u0000", "").strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT)
                .replace("Œ", "OE").replace("Æ", "AE").replace('’', '\'');
        String plain = Normalizer.normalize(upper, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        if (!NAME.matcher(plain).matches()) {
            throw new InvalidIdentifier(reason, field);
        }
        return plain;
    }
}
