package fr.hygie.research;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A research project (projet de recherche sur données de santé) and its route. The project owns its state
 * machine: {@link #decide} checks the current status, the role and the reasons, and either refuses with
 * the current status named, or returns the project after the move with its step recorded (actor, decision,
 * reasons, date, deadline). Pure: no database, no clock.
 */
public final class Project {

    private final ProjectId id;
    private final AccountId researcher;
    private final String researcherName;
    private final ProjectSubmission submission;
    private final ProjectStatus status;
    private final Instant submittedAt;
    private final Instant statusSince;
    private final Instant dueAt;
    private final Results results;
    private final List<ProjectStep> steps;

    public Project(ProjectId id, AccountId researcher, String researcherName, ProjectSubmission submission, ProjectStatus status,
            Instant submittedAt, Instant statusSince, Instant dueAt, Results results, List<ProjectStep> steps) {
        this.id = Objects.requireNonNull(id, "id");
        // Null for a project imported before its researcher had an account here (ProjectStore, researcher_login).
        this.researcher = researcher;
        this.researcherName = researcherName;
        this.submission = Objects.requireNonNull(submission, "submission");
        this.status = Objects.requireNonNull(status, "status");
        this.submittedAt = submittedAt;
        this.statusSince = statusSince;
        this.dueAt = dueAt;
        this.results = results;
        this.steps = List.copyOf(steps);
    }

    /** A new project, just submitted: the completeness check is due within its statutory delay. */
    public static Project submitted(ProjectId id, AccountId researcher, String researcherName, ProjectSubmission submission,
            Instant now, StatutoryDelays delays) {
        return new Project(id, researcher, researcherName, submission, ProjectStatus.SUBMITTED, now, now,
                delays.awaitedIn(ProjectStatus.SUBMITTED).map(now::plus).orElse(null), null, List.of());
    }

    /** The result of a move: the project after it and the step recorded, or a refusal. */
    public sealed interface Move {
        record Made(Project after, ProjectStep step) implements Move {
        }

        record Refused(Refusal refusal, ResearchWording wording, java.util.List<Object> args) implements Move {

            Refused(Refusal refusal, ResearchWording wording, Object... args) {
                this(refusal, wording, java.util.List.of(args));
            }

            public String message() {
                return wording.french(args.toArray());
            }
        }
    }

    /**
     * Makes {@code decision} as {@code actorRole} ({@code actorAccount} for ownership; the platform's own
     * extraction move passes a null role). Refuses an illegal move naming the current status, a role that
     * does not make this move, a researcher who is not the project's, a decision without reasons, and
     * closing a project whose results were not published.
     */
    public Move decide(ProjectDecision decision, Role actorRole, AccountId actorAccount, String actorName, String reasons,
            String privateNote, Instant now, StatutoryDelays delays) {
        if (decision == ProjectDecision.CLOSE && results == null && !status.terminal()) {
            return new Move.Refused(Refusal.RESULTS_REQUIRED, ResearchWording.RESULTS_REQUIRED, status);
        }
        if (status != decision.from()) {
            return new Move.Refused(Refusal.ILLEGAL_MOVE, ResearchWording.ILLEGAL_MOVE, decision, status, status.name());
        }
        boolean system = decision.roles().isEmpty();
        if (system ? actorRole != null : actorRole == null || !decision.roles().contains(actorRole)) {
            return new Move.Refused(Refusal.NOT_YOUR_MOVE, ResearchWording.NOT_YOUR_ROLE);
        }
        if (actorRole == Role.RESEARCHER && !Objects.equals(researcher, actorAccount)) {
            return new Move.Refused(Refusal.NOT_YOUR_MOVE, ResearchWording.NOT_YOUR_PROJECT);
        }
        if (reasons == null || reasons.isBlank()) {
            return new Move.Refused(Refusal.REASONS_REQUIRED, decision == ProjectDecision.PUBLISH_RESULTS
                    ? ResearchWording.RESULTS_SUMMARY_REQUIRED : ResearchWording.REASONS_REQUIRED);
        }
        ProjectStep step = new ProjectStep(decision, status, decision.to(), actorName, actorRole == null ? "SYSTEM" : actorRole.name(),
                reasons.strip(), privateNote == null || privateNote.isBlank() ? null : privateNote.strip(), now, dueAt);
        List<ProjectStep> all = new ArrayList<>(steps);
        all.add(step);
        Instant due = delays.awaitedIn(decision.to()).map(now::plus).orElse(null);
        return new Move.Made(new Project(id, researcher, researcherName, submission, decision.to(), submittedAt, now, due,
                results, all), step);
    }

    /** Publishes the results (the summary is the step's public text; negative results are results). */
    public Move publishResults(AccountId actorAccount, String actorName, String summary, boolean negative, Instant now,
            StatutoryDelays delays) {
        Move m = decide(ProjectDecision.PUBLISH_RESULTS, Role.RESEARCHER, actorAccount, actorName, summary, null, now, delays);
        if (m instanceof Move.Made made) {
            Project p = made.after();
            return new Move.Made(new Project(p.id, p.researcher, p.researcherName, p.submission, p.status, p.submittedAt,
                    p.statusSince, p.dueAt, new Results(summary.strip(), negative, now), p.steps), made.step());
        }
        return m;
    }

    /** The step awaited now is overdue. */
    public boolean late(Instant now) {
        return dueAt != null && !status.terminal() && now.isAfter(dueAt);
    }

    /** Whether any step was, or is, late. */
    public boolean everLate(Instant now) {
        return late(now) || steps.stream().anyMatch(ProjectStep::late);
    }

    public ProjectId id() {
        return id;
    }

    public AccountId researcher() {
        return researcher;
    }

    public String researcherName() {
        return researcherName;
    }

    public ProjectSubmission submission() {
        return submission;
    }

    public ProjectStatus status() {
        return status;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Instant statusSince() {
        return statusSince;
    }

    public Optional<Instant> dueAt() {
        return Optional.ofNullable(dueAt);
    }

    public Optional<Results> results() {
        return Optional.ofNullable(results);
    }

    public List<ProjectStep> steps() {
        return steps;
    }
}
