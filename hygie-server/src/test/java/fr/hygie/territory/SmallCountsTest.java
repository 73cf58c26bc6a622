package fr.hygie.territory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.territory.SmallCounts.RawCell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SmallCountsTest {

    static RawCell dep(String code, String region, long n, long d) {
        return new RawCell(TerritoryLevel.DEPARTEMENT, code, region, n, d, d == 0 ? null : 100.0 * n / d);
    }

    static RawCell reg(String code, long n, long d) {
        return new RawCell(TerritoryLevel.REGION, code, Territory.FRANCE_CODE, n, d, d == 0 ? null : 100.0 * n / d);
    }

    static RawCell fr(long n, long d) {
        return new RawCell(TerritoryLevel.FRANCE, Territory.FRANCE_CODE, null, n, d, 100.0 * n / d);
    }

    static Map<String, Suppression> decide(List<RawCell> cells, boolean additive) {
        List<Suppression> s = SmallCounts.apply(cells, additive);
        Map<String, Suppression> byCode = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            byCode.put(cells.get(i).code(), s.get(i));
        }
        return byCode;
    }

    @Test
    void aCellUnderElevenPersonsInTheNumeratorOrTheDenominatorIsHidden() {
        Map<String, Suppression> s = decide(List.of(
                dep("01", "84", 10, 500), dep("02", "84", 11, 11), dep("03", "84", 30, 10), dep("04", "84", 0, 0)), false);
        assertThat(s).containsEntry("01", Suppression.PRIMARY).containsEntry("02", Suppression.NONE)
                .containsEntry("03", Suppression.PRIMARY).containsEntry("04", Suppression.PRIMARY);
    }

    @Test
    void aLoneHiddenCellUnderAPublishedTotalTakesTheSmallestPublishedSiblingWithIt() {
        // Région R = 85 / 450: without secondary suppression, A = 85 - 50 - 30 = 5 could be recomputed.
        Map<String, Suppression> s = decide(List.of(
                dep("A", "R", 5, 100), dep("B", "R", 50, 200), dep("C", "R", 30, 150), reg("R", 85, 450), fr(85, 450)), true);
        assertThat(s).containsEntry("A", Suppression.PRIMARY).containsEntry("C", Suppression.SECONDARY)
                .containsEntry("B", Suppression.NONE).containsEntry("R", Suppression.NONE);
    }

    @Test
    void twoHiddenCellsAlreadyProtectEachOther() {
        Map<String, Suppression> s = decide(List.of(
                dep("A", "R", 5, 100), dep("B", "R", 3, 40), dep("C", "R", 30, 150), reg("R", 38, 290), fr(38, 290)), true);
        assertThat(s).containsEntry("A", Suppression.PRIMARY).containsEntry("B", Suppression.PRIMARY)
                .containsEntry("C", Suppression.NONE);
    }

    @Test
    void aRegionHiddenToProtectAnotherHidesOneOfItsDepartementsSoItCannotBeRebuiltFromThem() {
        // R1 is small (primary); R2 is hidden so that R1 != France - R2; R2's départements must not all stay published.
        Map<String, Suppression> s = decide(List.of(
                dep("A", "R1", 4, 60), dep("B", "R2", 40, 400), dep("C", "R2", 25, 300),
                dep("D", "R3", 90, 900), dep("E", "R3", 80, 800),
                reg("R1", 4, 60), reg("R2", 65, 700), reg("R3", 170, 1700), fr(239, 2460)), true);
        assertThat(s).containsEntry("R1", Suppression.PRIMARY).containsEntry("R2", Suppression.SECONDARY)
                .containsEntry("R3", Suppression.NONE).containsEntry("A", Suppression.PRIMARY);
        assertThat(List.of(s.get("B"), s.get("C"))).contains(Suppression.SECONDARY);
        assertThat(s.get("C")).isEqualTo(Suppression.SECONDARY);
        assertThat(s).containsEntry("D", Suppression.NONE).containsEntry("E", Suppression.NONE);
    }

    @Test
    void mediansAreNotAdditiveSoOnlyThePrimaryRuleApplies() {
        Map<String, Suppression> s = decide(List.of(
                dep("A", "R", 5, 5), dep("B", "R", 50, 50), dep("C", "R", 30, 30), reg("R", 85, 85), fr(85, 85)), false);
        assertThat(s).containsEntry("A", Suppression.PRIMARY).containsEntry("B", Suppression.NONE).containsEntry("C", Suppression.NONE);
    }

    /** Whatever the counts: no published total has exactly one hidden child, no hidden total has all children published. */
    @Property(tries = 300)
    void noHiddenCellIsTheDifferenceBetweenAPublishedTotalAndPublishedCells(
            @ForAll @Size(min = 2, max = 12) List<@IntRange(min = 0, max = 60) Integer> numerators) {
        List<RawCell> cells = new ArrayList<>();
        int i = 0;
        for (Integer n : numerators) {
            String region = "R" + (i % 3);
            cells.add(dep("D" + i, region, n, n * 3L + 5));
            i++;
        }
        Map<String, long[]> regions = new java.util.TreeMap<>();
        for (RawCell c : new ArrayList<>(cells)) {
            long[] t = regions.computeIfAbsent(c.parent(), k -> new long[2]);
            t[0] += c.numerator();
            t[1] += c.denominator();
        }
        long n = 0;
        long d = 0;
        for (Map.Entry<String, long[]> e : regions.entrySet()) {
            cells.add(reg(e.getKey(), e.getValue()[0], e.getValue()[1]));
            n += e.getValue()[0];
            d += e.getValue()[1];
        }
        cells.add(fr(n, Math.max(d, 1)));
        Map<String, Suppression> s = decide(cells, true);
        Map<String, List<RawCell>> children = cells.stream().filter(c -> c.parent() != null).collect(Collectors.groupingBy(RawCell::parent));
        children.forEach((parent, kids) -> {
            long hidden = kids.stream().filter(k -> s.get(k.code()) != Suppression.NONE).count();
            if (s.get(parent) == Suppression.NONE) {
                assertThat(hidden).as("hidden children of published %s", parent).isNotEqualTo(1);
            } else {
                assertThat(hidden).as("hidden children of hidden %s", parent).isGreaterThan(0);
            }
        });
    }
}
