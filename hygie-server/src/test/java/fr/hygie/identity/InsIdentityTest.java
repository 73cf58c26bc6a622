package fr.hygie.identity;

import static fr.hygie.identity.Reasons.refused;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.InvalidIdentifier.Reason;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InsIdentityTest {

    private static final Nir PARIS_MAN = Nir.parse("184017505612373");

    private static InsTraits parisMan() {
        return new InsTraits("Dupont", "Jean Pierre", LocalDate.of(1984, 1, 15), Sex.MALE, "75056");
    }

    @Test
    void aRetrievedIdentityWhoseTraitsMatchItsNirIsAccepted() {
        InsIdentity identity = InsIdentity.of(PARIS_MAN, parisMan(), InsStatus.RETRIEVED);

        assertThat(identity.traits().birthName()).isEqualTo("DUPONT");
        assertThat(identity.fhirSystem()).isEqualTo(InsMatricule.INS_NIR_SYSTEM);
        assertThat(identity.status().allowsSharing()).isFalse();
        assertThat(identity.toString()).doesNotContain("184017505612373").doesNotContain("DUPONT");
    }

    @Test
    void checkingADocumentQualifiesARetrievedIdentity() {
        InsIdentity identity = InsIdentity.of(PARIS_MAN, parisMan(), InsStatus.RETRIEVED).qualified();

        assertThat(identity.status()).isEqualTo(InsStatus.QUALIFIED);
        assertThat(identity.status().allowsSharing()).isTrue();
        assertThat(identity.status().labelFr()).isEqualTo("qualifiée");
    }

    @Test
    void aProvisionalIdentityCannotCarryAMatricule() {
        refused(() -> InsIdentity.of(PARIS_MAN, parisMan(), InsStatus.PROVISIONAL), Reason.INS_STATUS, PARIS_MAN.value());
    }

    @Test
    void aWomanCannotHoldANirStartingWith1() {
        InsTraits woman = new InsTraits("Dupont", "Jeanne", LocalDate.of(1984, 1, 15), Sex.FEMALE, "75056");

        refused(() -> InsIdentity.of(PARIS_MAN, woman, InsStatus.QUALIFIED), Reason.NIR_SEX_MISMATCH, PARIS_MAN.value());
    }

    @Test
    void anUndeterminedSexNeverMatchesAnIns() {
        InsTraits undetermined = new InsTraits("Dupont", "Camille", LocalDate.of(1984, 1, 15), Sex.UNDETERMINED, "75056");

        refused(() -> InsIdentity.of(PARIS_MAN, undetermined, InsStatus.QUALIFIED), Reason.NIR_SEX_MISMATCH, PARIS_MAN.value());
    }

    @Test
    void aBirthIn1985ContradictsANirSaying84() {
        InsTraits traits = new InsTraits("Dupont", "Jean", LocalDate.of(1985, 1, 15), Sex.MALE, "75056");

        refused(() -> InsIdentity.of(PARIS_MAN, traits, InsStatus.QUALIFIED), Reason.NIR_BIRTH_YEAR_MISMATCH, PARIS_MAN.value());
    }

    @Test
    void aBirthInFebruaryContradictsANirSayingJanuary() {
        InsTraits traits = new InsTraits("Dupont", "Jean", LocalDate.of(1984, 2, 15), Sex.MALE, "75056");

        refused(() -> InsIdentity.of(PARIS_MAN, traits, InsStatus.QUALIFIED), Reason.NIR_BIRTH_MONTH_MISMATCH, PARIS_MAN.value());
    }

    @Test
    void aBirthInLyonContradictsANirSayingParis() {
        InsTraits traits = new InsTraits("Dupont", "Jean", LocalDate.of(1984, 1, 15), Sex.MALE, "69123");

        refused(() -> InsIdentity.of(PARIS_MAN, traits, InsStatus.QUALIFIED), Reason.NIR_BIRTH_PLACE_MISMATCH, PARIS_MAN.value());
    }

    @Test
    void anUnknownMonthCodeAcceptsAnyBirthMonth() {
        Nir unknownMonth = Nir.parse("160209935200795");
        InsTraits traits = new InsTraits("Benali", "Karim", LocalDate.of(1960, 7, 1), Sex.MALE, "99352");

        assertThat(InsIdentity.inconsistency(unknownMonth, traits, InsStatus.QUALIFIED)).isEmpty();
    }

    @Test
    void aPersonBornAbroadHasTheCountryCodeAsBirthPlace() {
        Nir bornInMorocco = Nir.parse("178119935000405");
        InsTraits traits = new InsTraits("El Idrissi", "Youssef", LocalDate.of(1978, 11, 3), Sex.MALE, "99350");

        assertThat(InsIdentity.of(bornInMorocco, traits, InsStatus.RETRIEVED).traits().bornAbroad()).isTrue();
    }

    @Test
    void aWomanBornInGuadeloupeMatchesHerOverseasCommuneCode() {
        Nir nir = Nir.parse("290079712003320");
        InsTraits traits = new InsTraits("Lacroix", "Marie", LocalDate.of(1990, 7, 14), Sex.FEMALE, "97120");

        assertThat(InsIdentity.inconsistency(nir, traits, InsStatus.QUALIFIED)).isEmpty();
    }

    @Test
    void aNiaIdentityIsCheckedLikeANirIdentity() {
        Nia nia = Nia.parse("785069913400538");
        InsTraits traits = new InsTraits("Garcia Lopez", "Pablo", LocalDate.of(1985, 6, 2), Sex.MALE, "99134");

        assertThat(InsIdentity.of(nia, traits, InsStatus.RETRIEVED).fhirSystem()).isEqualTo(InsMatricule.INS_NIA_SYSTEM);
    }

    @Test
    void namesAreStoredUpperCaseWithoutDiacritics() {
        InsTraits traits = new InsTraits("  d’Artagnan  de   la Fère ", "Hélène-Zoé Œnone", LocalDate.of(1984, 1, 15), Sex.FEMALE, "75056");

        assertThat(traits.birthName()).isEqualTo("D'ARTAGNAN DE LA FERE");
        assertThat(traits.birthFirstNames()).isEqualTo("HELENE-ZOE OENONE");
    }

    @Test
    void aBlankBirthNameIsRefused() {
        refused(() -> new InsTraits("  ", "Jean", LocalDate.of(1984, 1, 15), Sex.MALE, "75056"), Reason.BIRTH_NAME, "  ");
    }

    @Test
    void aDigitInTheFirstNamesIsRefused() {
        refused(() -> new InsTraits("Dupont", "J3an", LocalDate.of(1984, 1, 15), Sex.MALE, "75056"), Reason.BIRTH_FIRST_NAMES, "J3an");
    }

    @Test
    void aBirthDateInTheFutureIsRefused() {
        refused(() -> new InsTraits("Dupont", "Jean", LocalDate.now().plusDays(1), Sex.MALE, "75056"), Reason.BIRTH_DATE, "Dupont");
    }

    @Test
    void aBirthPlaceMustBeACommuneOrCountryCode() {
        refused(() -> new InsTraits("Dupont", "Jean", LocalDate.of(1984, 1, 15), Sex.MALE, "7505"), Reason.BIRTH_PLACE, "7505");
    }

    @Test
    void theFourRnivStatusesCombineInsRetrievalAndDocumentCheck() {
        assertThat(InsStatus.PROVISIONAL.labelFr()).isEqualTo("provisoire");
        assertThat(InsStatus.RETRIEVED.insRetrieved()).isTrue();
        assertThat(InsStatus.RETRIEVED.documentChecked()).isFalse();
        assertThat(InsStatus.VALIDATED.documentChecked()).isTrue();
        assertThat(InsStatus.VALIDATED.insRetrieved()).isFalse();
    }

    @Test
    void sexCodesFollowTheAdministrativeGenderCodes() {
        assertThat(Sex.fromCode("f")).contains(Sex.FEMALE);
        assertThat(Sex.fromCode("I")).contains(Sex.UNDETERMINED);
        assertThat(Sex.fromCode("X")).isEmpty();
    }
}
