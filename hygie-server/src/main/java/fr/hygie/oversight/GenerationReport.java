package fr.hygie.oversight;

import java.util.List;

/**
 * What a run of a supervised algorithm did: nothing at all when it is not active ({@code refusal}, in French, and the
 * same as a code with its arguments, {@code refusalWording} and {@code refusalArgs}, that pages say in the reader's
 * language).
 */
public record GenerationReport(boolean ran, String refusal, int evaluated, int skippedOptedOut, int created,
        Outcome.Wording refusalWording, List<Object> refusalArgs) {

    public GenerationReport {
        refusalArgs = refusalArgs == null ? List.of() : List.copyOf(refusalArgs);
    }

    public GenerationReport(boolean ran, String refusal, int evaluated, int skippedOptedOut, int created) {
        this(ran, refusal, evaluated, skippedOptedOut, created, null, List.of());
    }

    static GenerationReport notRun(Outcome.Wording wording, Object... args) {
        return new GenerationReport(false, wording.french(args), 0, 0, 0, wording, List.of(args));
    }

    /** The refusal as an oversight outcome (pages say it by its code). */
    public Outcome refusalOutcome() {
        return new Outcome(false, refusal, refusalWording, refusalArgs);
    }
}
