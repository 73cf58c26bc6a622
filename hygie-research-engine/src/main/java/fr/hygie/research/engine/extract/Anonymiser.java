package fr.hygie.research.engine.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the generalisation of the quasi-identifiers (full-domain global recoding, as in ARX's lattice
 * search) that reaches k-anonymity and l-diversity with the least information loss while suppressing at
 * most {@code maxSuppressionRate} of the rows; the equivalence classes still smaller than k (or less
 * diverse than l) are then suppressed whole.
 *
 * <p>Works on the driver, on counts of distinct (quasi-identifiers, sensitive values) combinations that
 * Spark computed: their number is bounded by the domains, not by the population, so a cluster-size
 * extraction still plans in memory. Deterministic: nodes are tried in a fixed order.
 */
public final class Anonymiser {

    /** One distinct combination of base quasi-identifier values and sensitive values, with its row count. */
    public record Combination(List<String> quasiIdentifiers, List<String> sensitive, long rows) {
    }

    /** Decision: the level of each quasi-identifier, and for each base key its generalised key, kept or not. */
    public record Plan(int[] levels, Map<List<String>, List<String>> generalised, Set<List<String>> suppressedClasses,
            long rowsBefore, long rowsSuppressed, long kReached, long lReached, boolean meetsSuppressionLimit) {
    }

    private final List<String> qis;
    private final int k;
    private final int l;
    private final double maxSuppressionRate;
    private final int ageBand;
    private final String dateGranularity;

    public Anonymiser(List<String> qis, int k, int l, double maxSuppressionRate, int ageBand, String dateGranularity) {
        this.qis = List.copyOf(qis);
        this.k = k;
        this.l = l;
        this.maxSuppressionRate = maxSuppressionRate;
        this.ageBand = ageBand;
        this.dateGranularity = dateGranularity;
    }

    public Plan plan(List<Combination> combinations) {
        int[] max = new int[qis.size()];
        for (int i = 0; i < qis.size(); i++) {
            max[i] = Generalisation.levels(qis.get(i), ageBand, dateGranularity).length - 1;
        }
        long total = combinations.stream().mapToLong(Combination::rows).sum();
        List<int[]> nodes = new ArrayList<>();
        enumerate(max, 0, new int[max.length], nodes);
        nodes.sort((a, b) -> {
            int c = Double.compare(loss(a, max), loss(b, max));
            return c != 0 ? c : Arrays.compare(a, b);
        });
        Evaluation best = null;
        for (int[] node : nodes) {
            Evaluation e = evaluate(node, combinations);
            if (e.suppressed <= maxSuppressionRate * total) {
                best = e;
                break;
            }
            if (best == null || e.suppressed < best.suppressed) {
                best = e;
            }
        }
        if (best == null) {
            best = evaluate(new int[max.length], combinations);
        }
        Map<List<String>, List<String>> mapping = new HashMap<>();
        for (Combination c : combinations) {
            mapping.putIfAbsent(c.quasiIdentifiers(), generalise(c.quasiIdentifiers(), best.node));
        }
        long kReached = Long.MAX_VALUE;
        long lReached = Long.MAX_VALUE;
        for (Map.Entry<List<String>, ClassStats> e : best.classes.entrySet()) {
            if (!best.suppressedClasses.contains(e.getKey())) {
                kReached = Math.min(kReached, e.getValue().rows);
                lReached = Math.min(lReached, e.getValue().minDiversity());
            }
        }
        return new Plan(best.node, mapping, best.suppressedClasses, total, best.suppressed,
                kReached == Long.MAX_VALUE ? 0 : kReached, lReached == Long.MAX_VALUE ? 0 : lReached,
                best.suppressed <= maxSuppressionRate * total);
    }

    private static double loss(int[] node, int[] max) {
        double s = 0;
        for (int i = 0; i < node.length; i++) {
            s += max[i] == 0 ? 0 : (double) node[i] / max[i];
        }
        return s;
    }

    private static void enumerate(int[] max, int i, int[] current, List<int[]> out) {
        if (i == max.length) {
            out.add(current.clone());
            return;
        }
        for (int v = 0; v <= max[i]; v++) {
            current[i] = v;
            enumerate(max, i + 1, current, out);
        }
    }

    List<String> generalise(List<String> base, int[] node) {
        List<String> out = new ArrayList<>(base.size());
        for (int i = 0; i < base.size(); i++) {
            out.add(Generalisation.up(qis.get(i), base.get(i), node[i], ageBand, dateGranularity));
        }
        return out;
    }

    private static final class ClassStats {
        long rows;
        final List<Set<String>> sensitive = new ArrayList<>();

        long minDiversity() {
            long m = Long.MAX_VALUE;
            for (Set<String> s : sensitive) {
                m = Math.min(m, s.size());
            }
            return m == Long.MAX_VALUE ? Long.MAX_VALUE : m;
        }
    }

    private record Evaluation(int[] node, Map<List<String>, ClassStats> classes, Set<List<String>> suppressedClasses,
            long suppressed) {
    }

    private Evaluation evaluate(int[] node, List<Combination> combinations) {
        Map<List<String>, ClassStats> classes = new HashMap<>();
        Map<List<String>, List<String>> cache = new HashMap<>();
        for (Combination c : combinations) {
            List<String> key = cache.computeIfAbsent(c.quasiIdentifiers(), b -> generalise(b, node));
            ClassStats s = classes.computeIfAbsent(key, x -> new ClassStats());
            s.rows += c.rows();
            for (int j = 0; j < c.sensitive().size(); j++) {
                if (s.sensitive.size() <= j) {
                    s.sensitive.add(new HashSet<>());
                }
                s.sensitive.get(j).add(String.valueOf(c.sensitive().get(j)));
            }
        }
        Set<List<String>> suppressedClasses = new HashSet<>();
        long suppressed = 0;
        for (Map.Entry<List<String>, ClassStats> e : classes.entrySet()) {
            ClassStats s = e.getValue();
            boolean diverse = s.sensitive.isEmpty() || s.minDiversity() >= l;
            if (s.rows < k || !diverse) {
                suppressedClasses.add(e.getKey());
                suppressed += s.rows;
            }
        }
        return new Evaluation(node, classes, suppressedClasses, suppressed);
    }
}
