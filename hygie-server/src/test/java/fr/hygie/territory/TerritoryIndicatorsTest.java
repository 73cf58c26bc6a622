package fr.hygie.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.hygie.identity.Patients;
import fr.hygie.identity.Professionals;
import fr.hygie.record.MedicalProfile;
import fr.hygie.support.HygieIntegrationTest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The numbers behind the map, the table, the scatter and the series on known data. Communes 48001 (Lozère) and
 * 23001 (Creuse) are used by no other test nor by the demo populations.
 */
@HygieIntegrationTest
class TerritoryIndicatorsTest {

    @Autowired
    Patients patients;
    @Autowired
    Professionals professionals;
    @Autowired
    MedicalProfile profiles;
    @Autowired
    DatabaseIndicatorSource database;
    @Autowired
    TerritoryIndicators indicators;
    @Autowired
    Crossings crossings;
    @Autowired
    Geography geography;

    @Test
    void prevalenceAndPhysiciansPer10000ComeFromTheModulesAggregatesAndSmallCellsAreHidden() {
        LocalDate onset = LocalDate.of(2020, 3, 1);
        TerritoryTestData.persons(patients, profiles, "48001", 30, 12, "E11", onset);
        TerritoryTestData.persons(patients, profiles, "23001", 15, 5, "E11", onset);
        TerritoryTestData.physicians(professionals, "48001", 12, 3);
        YearMonth period = YearMonth.of(2021, 1);

        // commune level, straight from identity + record (aggregates only)
        Map<String, IndicatorSource.Counts> diabetes = database.counts(Indicator.DIABETES, period);
        assertThat(diabetes.get("48001")).isEqualTo(new IndicatorSource.Counts(12, 30));
        assertThat(diabetes.get("23001")).isEqualTo(new IndicatorSource.Counts(5, 15));
        // before the onset nobody had it
        assertThat(database.counts(Indicator.DIABETES, YearMonth.of(2020, 2)).get("48001")).isEqualTo(new IndicatorSource.Counts(0, 30));
        assertThat(database.counts(Indicator.PHYSICIANS, period).get("48001")).isEqualTo(new IndicatorSource.Counts(12, 30));
        assertThat(database.counts(Indicator.TELECONSULTATION, period).get("48001")).isEqualTo(new IndicatorSource.Counts(3, 12));

        IndicatorSource ours = TerritoryTestData.only(database, List.of("48001", "23001"));
        List<IndicatorSnapshot> cells = indicators.compute(ours, Indicator.DIABETES, period);
        IndicatorSnapshot lozere = find(cells, TerritoryLevel.DEPARTEMENT, "48");
        assertThat(lozere.value()).isCloseTo(40.0, within(1e-9));
        assertThat(lozere.shown()).isTrue();
        assertThat(lozere.display()).isEqualTo("40,0");
        IndicatorSnapshot creuse = find(cells, TerritoryLevel.DEPARTEMENT, "23");
        assertThat(creuse.suppression()).isEqualTo(Suppression.PRIMARY);
        assertThat(creuse.display()).isEqualTo("moins de 11");
        assertThat(find(cells, TerritoryLevel.REGION, "76").value()).isCloseTo(40.0, within(1e-9));
        assertThat(find(cells, TerritoryLevel.REGION, "75").suppression()).isEqualTo(Suppression.PRIMARY);
        IndicatorSnapshot france = find(cells, TerritoryLevel.FRANCE, "FR");
        assertThat(france.numerator()).isEqualTo(17);
        assertThat(france.denominator()).isEqualTo(45);
        assertThat(france.value()).isCloseTo(100.0 * 17 / 45, within(1e-9));

        IndicatorSnapshot density = find(indicators.compute(ours, Indicator.PHYSICIANS, period), TerritoryLevel.DEPARTEMENT, "48");
        assertThat(density.value()).isCloseTo(12 * 10_000.0 / 30, within(1e-9));
        // the stored snapshots are what the pages read
        assertThat(indicators.cell(Indicator.PHYSICIANS, TerritoryLevel.DEPARTEMENT, "48", period).orElseThrow().value())
                .isCloseTo(4000.0, within(1e-9));
    }

    @Test
    void theMapTheSeriesAndTheScatterShowTheNumbersOfAKnownWholeFranceDataset() {
        YearMonth base = YearMonth.of(2003, 1);
        IndicatorSource known = TerritoryTestData.france(geography, base, 0.5);
        for (int m = 0; m < 3; m++) {
            indicators.compute(known, Indicator.ASTHMA, base.plusMonths(m));
        }
        List<IndicatorSnapshot> deps = indicators.snapshots(Indicator.ASTHMA, TerritoryLevel.DEPARTEMENT, base.plusMonths(2));
        assertThat(deps).hasSize(101);
        // the three départements with 7 cases are hidden, and each took a sibling with it under its published région
        assertThat(deps.stream().filter(d -> d.suppression() == Suppression.PRIMARY).map(IndicatorSnapshot::code)).containsExactlyInAnyOrder("23", "48", "976");
        assertThat(deps.stream().filter(d -> d.suppression() == Suppression.SECONDARY).map(IndicatorSnapshot::code).map(code ->
                geography.find(TerritoryLevel.DEPARTEMENT, code).orElseThrow().parentCode())).contains("75", "76");
        long hidden = deps.stream().filter(d -> !d.shown()).count();
        // Mayotte is a région of one département: the région is as small, hence hidden too
        assertThat(indicators.cell(Indicator.ASTHMA, TerritoryLevel.REGION, "06", base.plusMonths(2)).orElseThrow().shown()).isFalse();

        IndicatorSource.Counts nord = known.counts(Indicator.ASTHMA, base.plusMonths(2)).get("59001");
        assertThat(find(deps, TerritoryLevel.DEPARTEMENT, "59").value()).isCloseTo(100.0 * nord.numerator() / nord.denominator(), within(1e-9));

        List<IndicatorSnapshot> series = indicators.series(Indicator.ASTHMA, TerritoryLevel.FRANCE, "FR", base.plusMonths(2), 3);
        assertThat(series).extracting(IndicatorSnapshot::period).containsExactly(base, base.plusMonths(1), base.plusMonths(2));
        assertThat(series.get(2).value() - series.get(0).value()).isCloseTo(1.0, within(0.05));

        // scatter: x = latitude of the site, y = the published rates; r computed on the published points only
        Map<String, Double> latitude = new java.util.TreeMap<>();
        geography.departements().forEach(d -> latitude.put(d.code(), Math.max(d.latitude(), 42)));
        Crossing c = crossings.cross(Indicator.ASTHMA, EnvironmentVariable.HEAT_DAYS, "2025", base.plusMonths(2), deps, latitude);
        assertThat(c.points()).hasSize((int) (101 - hidden));
        assertThat(c.hidden()).isEqualTo((int) hidden);
        double[] xs = c.points().stream().mapToDouble(Crossing.Point::x).toArray();
        double[] ys = c.points().stream().mapToDouble(Crossing.Point::y).toArray();
        assertThat(c.pearson().getAsDouble()).isCloseTo(Numbers.pearson(xs, ys).getAsDouble(), within(1e-12)).isGreaterThan(0.95);
        assertThat(c.summary()).contains((101 - hidden) + " départements").contains("Coefficient de corrélation de Pearson r = ").contains(hidden + " départements sont exclus");
    }

    private static IndicatorSnapshot find(List<IndicatorSnapshot> cells, TerritoryLevel level, String code) {
        return cells.stream().filter(c -> c.level() == level && c.code().equals(code)).findFirst().orElseThrow();
    }
}
