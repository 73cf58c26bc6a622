package fr.hygie.research;

import java.time.Instant;

/**
 * One step of a project's route: the move, who made it (name and role at the time), the reasons (public),
 * the reviewers' private note (never public), when, and by when it was due.
 */
public record ProjectStep(ProjectDecision decision, ProjectStatus from, ProjectStatus to, String actorName, String actorRole,
        String reasons, String privateNote, Instant decidedAt, Instant dueAt) {

    /** Made after its statutory deadline. */
    public boolean late() {
        return dueAt != null && decidedAt.isAfter(dueAt);
    }
}
