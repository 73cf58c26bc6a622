package fr.hygie.identity;

import static fr.hygie.identity.Reasons.refused;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.InvalidIdentifier.Reason;
import org.junit.jupiter.api.Test;

class RppsTest {

    @Test
    void theRppsOfTheAnsExamplePractitionerIsValid() {
        // idNat_PS 810002909371 in the ANS SAS implementation guide examples.
        Rpps rpps = Rpps.parse("10002909371");

        assertThat(rpps.idNatPs()).isEqualTo("810002909371");
    }

    @Test
    void theCheckDigitIsComputedWithLuhn() {
        assertThat(Rpps.withCheckDigit("1000345678")).isEqualTo("10003456786");
        assertThat(Rpps.parse("100 034 567 86").value()).isEqualTo("10003456786");
    }

    @Test
    void aTenDigitRppsIsRefusedForItsLength() {
        refused(() -> Rpps.parse("1000345678"), Reason.RPPS_LENGTH, "1000345678");
    }

    @Test
    void anRppsWithALetterIsRefusedForItsCharacters() {
        refused(() -> Rpps.parse("1000345678A"), Reason.RPPS_CHARACTERS, "1000345678A");
    }

    @Test
    void anRppsWithAWrongCheckDigitIsRefused() {
        refused(() -> Rpps.parse("10003456789"), Reason.RPPS_CHECK_DIGIT, "10003456789");
    }
}
