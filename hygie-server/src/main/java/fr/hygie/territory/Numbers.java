package fr.hygie.territory;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Small statistics and French number formatting shared by indicators and charts. */
public final class Numbers {

    private Numbers() {
    }

    /** {@code 12.345} → {@code "12,3"} with {@code decimals} = 1 (French decimal comma). */
    public static String fr(double value, int decimals) {
        return String.format(Locale.FRANCE, "%." + decimals + "f", value).replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    /**
     * A number in the reader's language: French as {@link #fr} (decimal comma, no grouping, as the pages always
     * printed it), English with a decimal point and comma grouping ({@code 12345.67} → {@code "12,345.7"}); any
     * other language falls back to French, the service's language.
     */
    public static String format(double value, int decimals, Locale locale) {
        if (locale != null && "en".equals(locale.getLanguage())) {
            return String.format(Locale.UK, "%,." + decimals + "f", value);
        }
        return fr(value, decimals);
    }

    /** Median of a list (not necessarily sorted); empty for an empty list. */
    public static OptionalDouble median(List<Double> values) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return OptionalDouble.of(n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
    }

    /**
     * Pearson's correlation coefficient (« coefficient de corrélation de Pearson ») of paired values; empty with
     * fewer than 3 pairs or when one variable is constant.
     */
    public static OptionalDouble pearson(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length || n < 3) {
            return OptionalDouble.empty();
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(sxy / Math.sqrt(sxx * syy));
    }

    /** How strong a correlation is, in words (conventional thresholds 0.1 / 0.3 / 0.5 / 0.7). */
    public static String strength(double r) {
        double a = Math.abs(r);
        String sign = r >= 0 ? "positive" : "négative";
        if (a < 0.1) {
            return "pas de corrélation linéaire notable";
        }
        if (a < 0.3) {
            return "corrélation " + sign + " faible";
        }
        if (a < 0.5) {
            return "corrélation " + sign + " modérée";
        }
        if (a < 0.7) {
            return "corrélation " + sign + " marquée";
        }
        return "corrélation " + sign + " forte";
    }
}
