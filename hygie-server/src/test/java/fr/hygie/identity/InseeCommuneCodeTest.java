package fr.hygie.identity;

import static fr.hygie.identity.Reasons.refused;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.InvalidIdentifier.Reason;
import org.junit.jupiter.api.Test;

class InseeCommuneCodeTest {

    @Test
    void parisBelongsToDepartement75() {
        assertThat(InseeCommuneCode.parse("75056").departement()).isEqualTo("75");
    }

    @Test
    void ajaccioBelongsToDepartement2A() {
        assertThat(InseeCommuneCode.parse("2a004").departement()).isEqualTo("2A");
    }

    @Test
    void pointeAPitreBelongsToTheThreeDigitDepartement971() {
        InseeCommuneCode code = InseeCommuneCode.parse("97120");

        assertThat(code.departement()).isEqualTo("971");
        assertThat(code.isOverseas()).isTrue();
    }

    @Test
    void aCountryCodeIsNotACommuneCode() {
        refused(() -> InseeCommuneCode.parse("99350"), Reason.INSEE_CODE, "99350");
    }

    @Test
    void departement20NoLongerExists() {
        assertThat(InseeCommuneCode.check("20004")).isPresent();
    }

    @Test
    void fourCharactersAreRefused() {
        assertThat(InseeCommuneCode.check("7505")).isPresent();
    }
}
