package fr.hygie.identity;

import static fr.hygie.identity.Reasons.refused;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.InvalidIdentifier.Reason;
import org.junit.jupiter.api.Test;

class NirTest {

    // Man born January 1984 in Paris (75056), order 123: 1840175056123 mod 97 = 24, key 73.
    private static final String PARIS_MAN = "184017505612373";

    @Test
    void aManBornInParisInJanuary1984IsReadWithSpaces() {
        Nir nir = Nir.parse(" 1 84 01 75 056 123 73 ");

        assertThat(nir.value()).isEqualTo(PARIS_MAN);
        assertThat(nir.sexDigit()).isEqualTo(1);
        assertThat(nir.sex()).isEqualTo(Sex.MALE);
        assertThat(nir.birthYear2()).isEqualTo("84");
        assertThat(nir.birthMonthCode()).isEqualTo("01");
        assertThat(nir.birthMonth()).hasValue(1);
        assertThat(nir.birthPlaceCode()).isEqualTo("75056");
        assertThat(nir.bornAbroad()).isFalse();
        assertThat(nir.fhirSystem()).isEqualTo("urn:oid:1.2.250.1.213.1.4.8");
    }

    @Test
    void theKeyIs97MinusTheBodyModulo97() {
        assertThat(Nir.key("1840175056123")).isEqualTo("73");
    }

    @Test
    void aCorsicanBornIn2AIsKeyedWith19InPlaceOf2A() {
        // 2920219004045 mod 97 = 16 -> key 81; reading A as 0 would give 54.
        Nir nir = Nir.parse("2 92 02 2a 004 045 81");

        assertThat(nir.value()).isEqualTo("292022A00404581");
        assertThat(nir.birthPlaceCode()).isEqualTo("2A004");
        assertThat(Nir.check("292022A00404554")).get().extracting(InvalidIdentifier::reason).isEqualTo(Reason.NIR_KEY);
    }

    @Test
    void aCorsicanBornIn2BIsKeyedWith18InPlaceOf2B() {
        // 1750318033012 mod 97 = 24 -> key 73; reading B as 0 would give 19.
        Nir nir = Nir.parse("175032B03301273");

        assertThat(nir.birthPlaceCode()).isEqualTo("2B033");
        assertThat(Nir.check("175032B03301219")).isPresent();
    }

    @Test
    void aWomanBornInGuadeloupeHasAThreeDigitDepartementAndTwoDigitCommune() {
        Nir nir = Nir.parse("290079712003320");

        assertThat(nir.sex()).isEqualTo(Sex.FEMALE);
        assertThat(nir.birthPlaceCode()).isEqualTo("97120");
    }

    @Test
    void aManBornAbroadCarries99AndTheInseeCountryCode() {
        Nir nir = Nir.parse("178119935000405");

        assertThat(nir.bornAbroad()).isTrue();
        assertThat(nir.birthPlaceCode()).isEqualTo("99350");
    }

    @Test
    void aMonthCodeOf20MeansTheBirthMonthIsUnknown() {
        Nir nir = Nir.parse("160209935200795");

        assertThat(nir.birthMonthCode()).isEqualTo("20");
        assertThat(nir.birthMonth()).isEmpty();
    }

    @Test
    void theMaskedFormShowsOnlySexAndBirthYear() {
        Nir nir = Nir.parse(PARIS_MAN);

        assertThat(nir.masked()).isEqualTo("1 84 ** ** *** *** **");
        assertThat(nir.toString()).doesNotContain(PARIS_MAN).contains("1 84 **");
    }

    @Test
    void aValidNirHasNoCheckFailure() {
        assertThat(Nir.check(PARIS_MAN)).isEmpty();
    }

    @Test
    void aShortNirIsRefusedForItsLength() {
        refused(() -> Nir.parse("18401750561237"), Reason.NIR_LENGTH, "18401750561237");
    }

    @Test
    void aNirWithALetterOutsideCorsicaIsRefusedForItsCharacters() {
        refused(() -> Nir.parse("18401750X612373"), Reason.NIR_CHARACTERS, "18401750X612373");
    }

    @Test
    void aNirStartingWith3IsRefusedForItsSexDigit() {
        String raw = "3840175056123" + Nir.key("3840175056123");
        refused(() -> Nir.parse(raw), Reason.NIR_SEX_DIGIT, raw);
    }

    @Test
    void aThirteenthMonthIsRefused() {
        String raw = "1841375056123" + Nir.key("1841375056123");
        refused(() -> Nir.parse(raw), Reason.NIR_MONTH, raw);
    }

    @Test
    void departement00IsRefused() {
        String raw = "1840100056123" + Nir.key("1840100056123");
        refused(() -> Nir.parse(raw), Reason.NIR_DEPARTEMENT, raw);
    }

    @Test
    void departement20IsRefusedBecauseCorsicaIs2AOr2B() {
        String raw = "1840120004123" + Nir.key("1840120004123");
        refused(() -> Nir.parse(raw), Reason.NIR_DEPARTEMENT, raw);
    }

    @Test
    void commune000IsRefused() {
        String raw = "1840175000123" + Nir.key("1840175000123");
        refused(() -> Nir.parse(raw), Reason.NIR_COMMUNE, raw);
    }

    @Test
    void orderNumber000IsRefused() {
        String raw = "1840175056000" + Nir.key("1840175056000");
        refused(() -> Nir.parse(raw), Reason.NIR_ORDER, raw);
    }

    @Test
    void aWrongKeyIsRefusedWithAMessageThatDoesNotRepeatTheNir() {
        refused(() -> Nir.parse("184017505612372"), Reason.NIR_KEY, "184017505612372");
    }

    @Test
    void aNiaIsNotANir() {
        refused(() -> Nir.parse("785069913400538"), Reason.NIR_SEX_DIGIT, "785069913400538");
    }
}
