package fr.hygie.oversight;

/** What a run of a supervised algorithm did: nothing at all when it is not active ({@code refusal}). */
public record GenerationReport(boolean ran, String refusal, int evaluated, int skippedOptedOut, int created) {

    static GenerationReport notRun(String refusal) {
        return new GenerationReport(false, refusal, 0, 0, 0);
    }
}
