package fr.hygie.identity;

import static fr.hygie.identity.Reasons.refused;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.InvalidIdentifier.Reason;
import org.junit.jupiter.api.Test;

class NiaTest {

    // Man born June 1985 in Spain (99134), waiting for his NIR: 7850699134005 mod 97 = 59, key 38.
    private static final String SPANISH_MAN_NIA = "785069913400538";

    @Test
    void aMatriculeStartingWith7IsReadAsANia() {
        InsMatricule matricule = InsMatricule.parse(SPANISH_MAN_NIA);

        assertThat(matricule).isInstanceOf(Nia.class);
        assertThat(matricule.sex()).isEqualTo(Sex.MALE);
        assertThat(matricule.fhirSystem()).isEqualTo("urn:oid:1.2.250.1.213.1.4.9");
        assertThat(matricule.birthPlaceCode()).isEqualTo("99134");
        assertThat(matricule.toString()).doesNotContain(SPANISH_MAN_NIA);
    }

    @Test
    void aMatriculeStartingWith1IsReadAsANir() {
        assertThat(InsMatricule.parse("184017505612373")).isInstanceOf(Nir.class);
    }

    @Test
    void aNiaUsesTheSameKeyAsANir() {
        assertThat(Nia.check("785069913400539")).get().extracting(InvalidIdentifier::reason).isEqualTo(Reason.NIR_KEY);
    }

    @Test
    void aNirIsNotANia() {
        refused(() -> Nia.parse("184017505612373"), Reason.NIA_SEX_DIGIT, "184017505612373");
    }
}
