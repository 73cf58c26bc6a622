package fr.hygie.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void pearsonOfAKnownSeries() {
        // x = 1..5, y = 2,4,5,4,5: r = 6 / sqrt(10 × 6) = 0.7746
        assertThat(Numbers.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5}).getAsDouble())
                .isCloseTo(6 / Math.sqrt(60), within(1e-12));
        assertThat(Numbers.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}).getAsDouble()).isCloseTo(-1, within(1e-12));
        assertThat(Numbers.pearson(new double[] {1, 2}, new double[] {1, 2})).isEmpty();
        assertThat(Numbers.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isEmpty();
    }

    @Test
    void medianAndFrenchFormatting() {
        assertThat(Numbers.median(List.of(3.0, 1.0, 2.0)).getAsDouble()).isEqualTo(2.0);
        assertThat(Numbers.median(List.of(4.0, 1.0, 2.0, 3.0)).getAsDouble()).isEqualTo(2.5);
        assertThat(Numbers.median(List.of())).isEmpty();
        assertThat(Numbers.fr(12.345, 1)).isEqualTo("12,3");
        assertThat(Numbers.strength(0.62)).isEqualTo("corrélation positive marquée");
        assertThat(Numbers.strength(-0.2)).isEqualTo("corrélation négative faible");
    }

    @Test
    void englishReadersGetADecimalPointAndCommaGroupingWhileFrenchStaysAsItWas() {
        assertThat(Numbers.format(12.345, 1, Locale.ENGLISH)).isEqualTo("12.3");
        assertThat(Numbers.format(12345.67, 1, Locale.UK)).isEqualTo("12,345.7");
        assertThat(Numbers.format(-0.456, 2, Locale.ENGLISH)).isEqualTo("-0.46");
        assertThat(Numbers.format(1234567, 0, Locale.US)).isEqualTo("1,234,567");
        assertThat(Numbers.format(12.345, 1, Locale.FRENCH)).isEqualTo("12,3").isEqualTo(Numbers.fr(12.345, 1));
        assertThat(Numbers.format(12345.67, 1, Locale.FRANCE)).isEqualTo("12345,7");
        assertThat(Numbers.format(-0.456, 2, Locale.FRENCH)).isEqualTo("-0,46");
    }

    @Test
    void anotherLanguageOrNoLanguageFallsBackToFrench() {
        assertThat(Numbers.format(12.345, 1, Locale.GERMAN)).isEqualTo("12,3");
        assertThat(Numbers.format(12.345, 1, null)).isEqualTo("12,3");
    }
}
