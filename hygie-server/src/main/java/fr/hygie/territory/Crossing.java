package fr.hygie.territory;

import java.util.List;
import java.util.OptionalDouble;

/**
 * An environment variable crossed with a health indicator per département (« croisement santé-environnement »):
 * the points behind the scatter chart (only départements whose indicator is published and whose variable is
 * known) and Pearson's r. A correlation between territories says nothing about persons (ecological fallacy) nor
 * about causes.
 */
public record Crossing(Indicator indicator, EnvironmentVariable variable, String environmentPeriod,
        java.time.YearMonth period, List<Point> points, OptionalDouble pearson, int hidden) {

    /** One département: environment value {@code x}, indicator value {@code y}. */
    public record Point(String code, String name, double x, double y) {
    }

    public Crossing {
        points = List.copyOf(points);
    }

    /**
     * The same crossing over a subset of its points (e.g. the départements of one région), with Pearson's r
     * recomputed on them. {@code hidden} is set to 0: a regional reader does not learn how many cells elsewhere
     * are suppressed.
     */
    public Crossing restrictedTo(List<Point> kept) {
        double[] xs = kept.stream().mapToDouble(Point::x).toArray();
        double[] ys = kept.stream().mapToDouble(Point::y).toArray();
        return new Crossing(indicator, variable, environmentPeriod, period, kept, Numbers.pearson(xs, ys), 0);
    }

    /** The French sentence read by screen readers and printed under the chart. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append("Croisement de « ").append(variable.label()).append(" » (").append(environmentPeriod == null ? "aucune donnée" : environmentPeriod)
                .append(") et de « ").append(indicator.label()).append(" » (").append(period).append(") sur ")
                .append(points.size()).append(points.size() > 1 ? " départements" : " département").append(". ");
        if (pearson.isPresent()) {
            double r = pearson.getAsDouble();
            s.append("Coefficient de corrélation de Pearson r = ").append(Numbers.fr(r, 2)).append(" : ").append(Numbers.strength(r))
                    .append(". ");
        } else {
            s.append("Trop peu de départements pour calculer une corrélation (au moins 3). ");
        }
        if (hidden > 0) {
            s.append(hidden).append(hidden > 1 ? " départements sont exclus" : " département est exclu")
                    .append(" car leur valeur est masquée (moins de 11 personnes) ou inconnue. ");
        }
        s.append("Une corrélation entre territoires ne prouve pas un lien de cause à effet.");
        return s.toString();
    }
}
