package fr.hygie.identity;

import fr.hygie.identity.InvalidIdentifier.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * A national health identity (« identité nationale de santé », INS): a matricule INS, the five INS
 * traits, and its identity-vigilance status.
 *
 * <p>The factory refuses a matricule that contradicts the traits (RNIV: the traits returned by INSi
 * are those of the person the matricule designates): sex digit vs sex, 2-digit birth year vs birth
 * date, birth month vs month code unless that code means "month unknown", and birth place, which for
 * a person born in France is the INSEE commune code (overseas 97x included) and for a person born
 * abroad is 99 + INSEE country code. Only an identity whose INS was obtained from INSi may carry a
 * matricule, hence status {@link InsStatus#RETRIEVED} or {@link InsStatus#QUALIFIED}.
 *
 * <p>{@link #toString()} shows only the masked matricule.
 */
public record InsIdentity(InsMatricule matricule, InsTraits traits, InsStatus status) {

    public InsIdentity {
        Objects.requireNonNull(matricule, "matricule");
        Objects.requireNonNull(traits, "traits");
        Objects.requireNonNull(status, "status");
        Optional<InvalidIdentifier> inconsistency = inconsistency(matricule, traits, status);
        if (inconsistency.isPresent()) {
            throw inconsistency.get();
        }
    }

    public static InsIdentity of(InsMatricule matricule, InsTraits traits, InsStatus status) {
        return new InsIdentity(matricule, traits, status);
    }

    /** The first inconsistency between matricule, traits and status, if any, without throwing. */
    public static Optional<InvalidIdentifier> inconsistency(InsMatricule matricule, InsTraits traits, InsStatus status) {
        if (!status.insRetrieved()) {
            return fail(Reason.INS_STATUS, "status");
        }
        if (matricule.sex() != traits.sex()) {
            return fail(Reason.NIR_SEX_MISMATCH, "sex");
        }
        if (Integer.parseInt(matricule.birthYear2()) != traits.birthDate().getYear() % 100) {
            return fail(Reason.NIR_BIRTH_YEAR_MISMATCH, "birthDate");
        }
        if (matricule.birthMonth().isPresent()
                && matricule.birthMonth().getAsInt() != traits.birthDate().getMonthValue()) {
            return fail(Reason.NIR_BIRTH_MONTH_MISMATCH, "birthDate");
        }
        if (!matricule.birthPlaceCode().equals(traits.birthPlaceInsee())) {
            return fail(Reason.NIR_BIRTH_PLACE_MISMATCH, "birthPlaceInsee");
        }
        return Optional.empty();
    }

    private static Optional<InvalidIdentifier> fail(Reason reason, String field) {
        return Optional.of(new InvalidIdentifier(reason, field));
    }

    /** After a high-trust identity document was checked (RNIV): récupérée → qualifiée. */
    public InsIdentity qualified() {
        return status == InsStatus.QUALIFIED ? this : new InsIdentity(matricule, traits, InsStatus.QUALIFIED);
    }

    /** FHIR {@code Identifier.system} for this INS. */
    public String fhirSystem() {
        return matricule.fhirSystem();
    }

    @Override
    public String toString() {
        return "InsIdentity[" + matricule.masked() + ", " + status + "]";
    }
}
