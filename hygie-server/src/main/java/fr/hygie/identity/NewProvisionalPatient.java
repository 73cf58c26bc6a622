package fr.hygie.identity;

import fr.hygie.platform.web.InvalidInput;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A person to register WITHOUT an INS (« identité provisoire », or « identité validée » when an identity
 * document was checked but no INS obtained; RNIV volet 1): e.g. a patient imported from another FHIR
 * system. The strict traits are still required (birth name, first names, birth date, sex — which may be
 * « indéterminé » here), the birth place only when known. At least one identifier from the system the
 * person came from is required: it is how the same person is found again (no automatic merge on traits,
 * which identity vigilance forbids). Such an identity never carries or shows an INS.
 */
public record NewProvisionalPatient(String birthName, String firstNames, LocalDate birthDate, Sex sex, String birthPlaceInsee,
        InsStatus status, String usedName, String addressLine, String postcode, InseeCommuneCode commune, String phone, String email,
        List<ForeignIdentifier> identifiers) {

    public NewProvisionalPatient {
        birthName = InsTraits.normaliseName(birthName, InvalidIdentifier.Reason.BIRTH_NAME, "birthName");
        firstNames = InsTraits.normaliseName(firstNames, InvalidIdentifier.Reason.BIRTH_FIRST_NAMES, "birthFirstNames");
        if (birthDate == null || birthDate.isAfter(LocalDate.now())) {
            throw new InvalidIdentifier(InvalidIdentifier.Reason.BIRTH_DATE, "birthDate");
        }
        if (sex == null) {
            throw new InvalidIdentifier(InvalidIdentifier.Reason.SEX, "sex");
        }
        if (birthPlaceInsee != null && !birthPlaceInsee.isBlank()) {
            // The same rule as an INS trait, when the place is known.
            birthPlaceInsee = new InsTraits(birthName, firstNames, birthDate, Sex.MALE, birthPlaceInsee.trim().toUpperCase(Locale.ROOT))
                    .birthPlaceInsee();
        } else {
            birthPlaceInsee = null;
        }
        status = status == null ? InsStatus.PROVISIONAL : status;
        if (status.insRetrieved()) {
            throw new InvalidIdentifier(InvalidIdentifier.Reason.INS_STATUS_WITHOUT_INS, "insStatus");
        }
        if (identifiers == null || identifiers.isEmpty()) {
            throw new InvalidInput("IDENTIFIER_REQUIRED", "identifier",
                    "Une personne sans INS s'enregistre avec l'identifiant que lui a donné son système d'origine.");
        }
        identifiers = List.copyOf(identifiers);
        if (phone != null && !phone.isBlank() && !phone.replace(" ", "").matches("\\+?[0-9]{10,15}")) {
            throw new InvalidInput("PHONE", "phone", "Le numéro de téléphone n'est pas valide.");
        }
    }
}
