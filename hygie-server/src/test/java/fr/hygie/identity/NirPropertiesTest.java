package fr.hygie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class NirPropertiesTest {

    @Property(tries = 300)
    void anyWellFormedBodyWithItsComputedKeyIsAValidNir(@ForAll("bodies") String body) {
        Nir nir = Nir.parse(body + Nir.key(body));

        assertThat(nir.value()).startsWith(body);
    }

    @Property(tries = 500)
    void changingAnySingleDigitMakesTheNirInvalid(
            @ForAll("bodies") String body, @ForAll @IntRange(max = 14) int position, @ForAll @IntRange(min = 1, max = 9) int shift) {
        String valid = body + Nir.key(body);
        char c = valid.charAt(position);
        if (c < '0' || c > '9') {
            return; // the A/B of a Corsican département is not a digit
        }
        char changed = (char) ('0' + (c - '0' + shift) % 10);
        String tampered = valid.substring(0, position) + changed + valid.substring(position + 1);

        assertThat(Nir.check(tampered)).isPresent();
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> sex = Arbitraries.of("1", "2");
        Arbitrary<String> year = Arbitraries.integers().between(0, 99).map(y -> String.format("%02d", y));
        Arbitrary<String> month = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 12), Arbitraries.integers().between(20, 42), Arbitraries.integers().between(50, 99))
                .map(m -> String.format("%02d", m));
        Arbitrary<String> place = Arbitraries.oneOf(metropolitan(), corsican(), overseas(), abroad());
        Arbitrary<String> order = Arbitraries.integers().between(1, 999).map(o -> String.format("%03d", o));
        return Combinators.combine(sex, year, month, place, order).as((s, y, m, p, o) -> s + y + m + p + o);
    }

    private static Arbitrary<String> metropolitan() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 95).filter(d -> d != 20),
                        Arbitraries.integers().between(1, 999))
                .as((d, c) -> String.format("%02d%03d", d, c));
    }

    private static Arbitrary<String> corsican() {
        return Combinators.combine(Arbitraries.of("2A", "2B"), Arbitraries.integers().between(1, 999))
                .as((d, c) -> d + String.format("%03d", c));
    }

    private static Arbitrary<String> overseas() {
        return Combinators.combine(Arbitraries.integers().between(971, 976), Arbitraries.integers().between(1, 99))
                .as((d, c) -> d + String.format("%02d", c));
    }

    private static Arbitrary<String> abroad() {
        return Arbitraries.integers().between(100, 999).map(c -> "99" + c);
    }
}
