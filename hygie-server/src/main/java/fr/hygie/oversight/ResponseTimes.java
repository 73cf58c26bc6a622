package fr.hygie.oversight;

import java.time.Duration;
import java.util.Optional;

/**
 * First-response delays of the human-contact requests made in a period, against the target (délai cible)
 * in working days: how many requests, how many answered, median and 90th percentile of the first
 * response (calendar time), how many answered within the target, how many still waiting beyond it.
 */
public record ResponseTimes(int targetWorkingDays, long requests, long answered, long open, Optional<Duration> median,
        Optional<Duration> p90, long withinTarget, long overdue) {

    /** Share of answered requests answered within the target, as « 83 % », or « — ». */
    public String withinTargetShare() {
        return answered == 0 ? "—" : Math.round(100.0 * withinTarget / answered) + " %";
    }

    public String medianShown() {
        return median.map(ResponseTimes::hours).orElse("—");
    }

    public String p90Shown() {
        return p90.map(ResponseTimes::hours).orElse("—");
    }

    /** « 5 h 30 » or « 2 j 3 h ». */
    static String hours(Duration d) {
        long minutes = d.toMinutes();
        long days = minutes / (24 * 60);
        long h = (minutes % (24 * 60)) / 60;
        long m = minutes % 60;
        return days > 0 ? days + " j " + h + " h" : h + " h " + String.format("%02d", m);
    }
}
