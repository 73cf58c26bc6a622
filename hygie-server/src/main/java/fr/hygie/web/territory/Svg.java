package fr.hygie.web.territory;

import java.util.Locale;

/**
 * Number formatting for server-side SVG (presentation attributes only: the CSP forbids style attributes); texts are
 * escaped with Hygie's one escape, {@link fr.hygie.platform.web.Html#escape(String)}.
 */
final class Svg {

    private Svg() {
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** "Nice" tick step for a range (1, 2 or 5 × 10^k) giving about {@code count} ticks. */
    static double step(double range, int count) {
        if (range <= 0) {
            return 1;
        }
        double raw = range / count;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * mag;
    }
}
