package fr.hygie.research.engine;

/** Receives the engine's progress lines as they come ({@code PROGRESS stage=… done=… total=…}). */
@FunctionalInterface
public interface ProgressListener {

    void progress(String stage, long done, long total);

    static ProgressListener none() {
        return (stage, done, total) -> {
        };
    }
}
