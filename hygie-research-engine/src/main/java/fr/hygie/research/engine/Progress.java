package fr.hygie.research.engine;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Machine-readable progress on stdout, one line a step: {@code PROGRESS stage=<name> done=<n> total=<m>}.
 * The server's research module parses these lines for its progress bar; nothing else an engine run
 * prints on stdout starts with {@code PROGRESS }. Lines carry counts of steps, never data.
 */
public final class Progress {

    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void step(String stage, long done, long total) {
        out.println(String.format(Locale.ROOT, "PROGRESS stage=%s done=%d total=%d", stage, done, total));
        out.flush();
    }

    /** Discards everything, for library callers that do not need progress. */
    public static Progress none() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()));
    }
}
