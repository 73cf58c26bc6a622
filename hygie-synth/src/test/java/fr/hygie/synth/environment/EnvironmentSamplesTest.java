package fr.hygie.synth.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentSamplesTest {

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherValues() {
        String a = new EnvironmentSamples(7).csv();
        assertThat(new EnvironmentSamples(7).csv()).isEqualTo(a);
        assertThat(new EnvironmentSamples(8).csv()).isNotEqualTo(a);
    }

    @Test
    void everyCommuneAndDepartementOfTheBundledListHasItsValuesInTheImportSchema() {
        List<String> lines = Arrays.stream(new EnvironmentSamples(EnvironmentSamples.DEFAULT_SEED).csv().split("\n"))
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(lines.get(0)).isEqualTo("niveau,code,periode,variable,valeur");
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).allMatch(l -> l.matches("(commune|departement),[0-9AB]{2,5},\\d{4}(-\\d{2})?,[a-z0-9_]+,-?\\d+\\.\\d"));
        // 197 communes x 3 annual values; 101 départements x (3 annual + 12 monthly)
        assertThat(rows.stream().filter(l -> l.startsWith("commune,"))).hasSize(197 * 3);
        assertThat(rows.stream().filter(l -> l.startsWith("departement,")).map(l -> l.split(",")[1]).distinct()).hasSize(101);
        assertThat(rows.stream().filter(l -> l.startsWith("departement,"))).hasSize(101 * 15);
        assertThat(rows).contains(rows.stream().filter(l -> l.startsWith("departement,2A,2025-01,pm25,")).findFirst().orElseThrow());
    }
}
