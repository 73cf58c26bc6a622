package fr.hygie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class RppsPropertiesTest {

    @Property(tries = 300)
    void anyTenDigitsWithTheirLuhnDigitAreAValidRpps(@ForAll @NumericChars @StringLength(10) String first10) {
        assertThat(Rpps.check(Rpps.withCheckDigit(first10))).isEmpty();
    }

    @Property(tries = 500)
    void changingAnySingleDigitMakesTheRppsInvalid(
            @ForAll @NumericChars @StringLength(10) String first10,
            @ForAll @IntRange(max = 10) int position,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        String valid = Rpps.withCheckDigit(first10);
        char changed = (char) ('0' + (valid.charAt(position) - '0' + shift) % 10);
        String tampered = valid.substring(0, position) + changed + valid.substring(position + 1);

        assertThat(Rpps.check(tampered)).get().extracting(InvalidIdentifier::reason)
                .isEqualTo(InvalidIdentifier.Reason.RPPS_CHECK_DIGIT);
    }
}
