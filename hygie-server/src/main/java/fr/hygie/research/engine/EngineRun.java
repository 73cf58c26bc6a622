package fr.hygie.research.engine;

import fr.hygie.research.ProjectId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of the research engine for a project, as its pages show it: progress while it runs (the
 * engine's last {@code PROGRESS} line), the cause when it failed, counts and released files when it
 * succeeded. Counts only: who was included stays in {@code research.run_member}.
 *
 * @param stage    the engine's stage name (e.g. {@code extract.cohort}), null before the first line
 * @param done     steps done in the current job
 * @param total    steps of the current job (0 before the first line)
 * @param files    names of the released files (under HYGIE_HOME/research/&lt;project&gt;/&lt;run&gt;/)
 * @param notice   what the team should know (requested data the engine could not map), or null
 */
public record EngineRun(UUID id, ProjectId project, EngineRunStatus status, String launcher, Instant snapshot,
        Instant startedAt, Instant updatedAt, Instant finishedAt, String stage, int done, int total, String failure,
        String outputMode, String notice, UUID extractionRun, Integer included, Integer excluded, List<String> files) {

    public EngineRun {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** The job the stage belongs to, in French: the warehouse snapshot, then the extraction. */
    public String stageLabel() {
        if (stage == null) {
            return "Démarrage du moteur";
        }
        if (stage.startsWith("warehouse.")) {
            return "1/2 Instantané de l'entrepôt (" + stage.substring("warehouse.".length()) + ")";
        }
        if (stage.startsWith("extract.")) {
            return "2/2 Extraction (" + stage.substring("extract.".length()) + ")";
        }
        return stage;
    }

    /** Progress of the current job in percent (0 before the first line). */
    public int percent() {
        return total <= 0 ? 0 : (int) Math.min(100, done * 100L / total);
    }

    public Optional<String> failureCause() {
        return Optional.ofNullable(failure);
    }
}
