package fr.hygie.research;

/**
 * Starts the extraction of a project whose data agreement is signed. Implemented by
 * {@link fr.hygie.research.engine.EngineProcessLauncher}, which runs {@code hygie-research-engine} in its own
 * JVM. The engine reads
 * {@link Objections#objectionsAt} at the snapshot it chooses, applies {@link ObjectionPolicy} to the
 * project's population, builds the project's space, and reports the run through
 * {@link ExtractionRuns#recordRun} (snapshot honoured, who was included, who was left out and why).
 */
public interface ExtractionLauncher {

    /** A short name recorded with each run, e.g. "spark 1.0". */
    String name();

    /** Starts the extraction (asynchronously or not); never reports the run by any other way than recordRun. */
    void launch(ExtractionRequest request);
}
