package fr.hygie.research.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The human-readable log of one run (run.log). It holds stage names, counts and wall times only:
 * no health data, no identifier, no key material (conventions: "no health data, no NIR in any log line").
 * Times live here and nowhere in the data files, so that outputs stay byte-for-byte reproducible.
 */
public final class RunLog {

    private final Clock clock;
    private final List<String> lines = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    public RunLog(Clock clock) {
        this.clock = clock;
    }

    public synchronized void info(String message) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        lines.add(now + String.format(java.util.Locale.ROOT, " +%.1fs ", elapsed) + message);
    }

    public synchronized String text() {
        return String.join("\n", lines) + "\n";
    }
}
