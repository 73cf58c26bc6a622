package fr.hygie.research.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.research.engine.extract.Anonymiser;
import fr.hygie.research.engine.extract.Generalisation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnonymiserTest {

    @Test
    void hierarchiesGeneraliseAgesTerritoriesAndDates() {
        assertThat(Generalisation.up("age", "37", 1, 1, "MONTH")).isEqualTo("35-39");
        assertThat(Generalisation.up("age", "35-39", 1, 5, "MONTH")).isEqualTo("30-39");
        assertThat(Generalisation.up("age", "35-39", 2, 5, "MONTH")).isEqualTo("20-39");
        assertThat(Generalisation.up("age", "35-39", 3, 5, "MONTH")).isEqualTo("*");
        assertThat(Generalisation.up("commune", "2A004", 1, 5, "MONTH")).isEqualTo("2A");
        assertThat(Generalisation.up("commune", "2A004", 2, 5, "MONTH")).isEqualTo("94");
        assertThat(Generalisation.up("commune", "97411", 2, 5, "MONTH")).isEqualTo("04");
        assertThat(Generalisation.up("condition_first_date:E11", "2024-03", 1, 5, "MONTH")).isEqualTo("2024");
        assertThat(Generalisation.up("sex", "F", 1, 5, "MONTH")).isEqualTo("*");
    }

    @Test
    void generalisesUntilEveryClassHasKRowsThenSuppressesTheRest() {
        List<Anonymiser.Combination> combos = new ArrayList<>();
        // 12 persons aged 30-34 and 12 aged 35-39 in 75056: fine at 5-year bands by commune.
        combos.add(new Anonymiser.Combination(List.of("30-34", "75056"), List.of(), 12));
        combos.add(new Anonymiser.Combination(List.of("35-39", "75056"), List.of(), 12));
        // 3 + 4 persons in two communes of Seine-Saint-Denis: need the département to reach k=5.
        combos.add(new Anonymiser.Combination(List.of("30-34", "93066"), List.of(), 3));
        combos.add(new Anonymiser.Combination(List.of("30-34", "93048"), List.of(), 4));
        Anonymiser.Plan plan = new Anonymiser(List.of("age", "commune"), 5, 1, 0.0, 5, "MONTH").plan(combos);
        assertThat(plan.rowsSuppressed()).isZero();
        assertThat(plan.kReached()).isGreaterThanOrEqualTo(5);
        assertThat(plan.generalised().get(List.of("30-34", "93066"))).isEqualTo(List.of("30-34", "93"));
        // Allowing 30% suppression keeps communes and drops the small classes instead.
        Anonymiser.Plan lenient = new Anonymiser(List.of("age", "commune"), 5, 1, 0.3, 5, "MONTH").plan(combos);
        assertThat(lenient.levels()).containsExactly(0, 0);
        assertThat(lenient.rowsSuppressed()).isEqualTo(7);
    }
}
