package fr.hygie.territory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small-count suppression (« secret statistique », règle des petits effectifs) applied to every indicator before
 * anything is stored for display. The rule, also in {@code docs/territory-datasets.md}:
 *
 * <ol>
 * <li><b>Primary</b>: a cell whose numerator or denominator counts fewer than {@value #THRESHOLD} persons is
 * hidden (shown as « moins de 11 »). For a median, the numerator is the number of observations.</li>
 * <li><b>Secondary</b> (rates only, since numerators and denominators add up: France = Σ régions, région =
 * Σ départements): repeated until nothing changes,
 * <ul>
 * <li>(A) under a published total, the hidden children are never exactly one: if one is, the published child
 * with the smallest numerator (then denominator, then code) is hidden too, so the hidden cell is not the
 * difference between the total and the published cells;</li>
 * <li>(B) under a hidden total, at least one child is hidden: otherwise the total would be the sum of its
 * published children, and through it the cell it protects could be recomputed.</li>
 * </ul></li>
 * </ol>
 * Medians are not additive: a hidden median cannot be recomputed from the others, so only the primary rule
 * applies. This is a heuristic on a two-level hierarchy, not an exact audit by linear programming.
 */
public final class SmallCounts {

    /** Default minimum count of persons in a published cell (11, as the Système national des données de santé). */
    public static final int THRESHOLD = 11;
    public static final String HIDDEN_LABEL = "moins de 11";

    private SmallCounts() {
    }

    /** One cell before suppression: {@code parent} is the code of the enclosing cell ({@code null} for France). */
    public record RawCell(TerritoryLevel level, String code, String parent, long numerator, long denominator, Double value) {
    }

    /**
     * Decides which cells are hidden. {@code cells} holds every level (départements, régions, France) of one
     * indicator and one month; the answer is in the same order.
     */
    public static List<Suppression> apply(List<RawCell> cells, boolean additive) {
        Map<String, Suppression> state = new LinkedHashMap<>();
        for (RawCell c : cells) {
            boolean small = c.numerator() < THRESHOLD || c.denominator() < THRESHOLD;
            state.put(key(c.level(), c.code()), small ? Suppression.PRIMARY : Suppression.NONE);
        }
        if (additive) {
            Map<String, List<RawCell>> children = new LinkedHashMap<>();
            Map<String, RawCell> byKey = new LinkedHashMap<>();
            for (RawCell c : cells) {
                byKey.put(key(c.level(), c.code()), c);
                if (c.parent() != null) {
                    children.computeIfAbsent(key(parentLevel(c.level()), c.parent()), k -> new ArrayList<>()).add(c);
                }
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Map.Entry<String, List<RawCell>> e : children.entrySet()) {
                    Suppression parentState = state.get(e.getKey());
                    if (parentState == null) {
                        continue;
                    }
                    List<RawCell> kids = e.getValue();
                    long hidden = kids.stream().filter(k -> state.get(key(k.level(), k.code())) != Suppression.NONE).count();
                    boolean parentHidden = parentState != Suppression.NONE;
                    boolean needMore = parentHidden ? hidden == 0 : hidden == 1;
                    if (needMore) {
                        var candidate = kids.stream().filter(k -> state.get(key(k.level(), k.code())) == Suppression.NONE)
                                .min(Comparator.comparingLong(RawCell::numerator).thenComparingLong(RawCell::denominator)
                                        .thenComparing(RawCell::code));
                        if (candidate.isPresent()) {
                            state.put(key(candidate.get().level(), candidate.get().code()), Suppression.SECONDARY);
                            changed = true;
                        }
                    }
                }
            }
        }
        List<Suppression> result = new ArrayList<>(cells.size());
        for (RawCell c : cells) {
            result.add(state.get(key(c.level(), c.code())));
        }
        return result;
    }

    private static TerritoryLevel parentLevel(TerritoryLevel level) {
        return level == TerritoryLevel.DEPARTEMENT ? TerritoryLevel.REGION : TerritoryLevel.FRANCE;
    }

    private static String key(TerritoryLevel level, String code) {
        return level.name() + ":" + code;
    }
}
