package fr.hygie.research;

import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Role;
import fr.hygie.platform.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Research projects: submission by a researcher, the review moves of the committee (REVIEWER), the
 * data-protection authority (AUDITOR) and the administration (ADMIN), results published by the team.
 * The rules of each move live in {@link Project}; this service loads, asks, and saves.
 */
@Service
public class Projects {

    static final int MAX_TEXT = 4000;
    static final int MAX_LINE = 300;
    static final Set<Role> STAFF = Set.of(Role.REVIEWER, Role.AUDITOR, Role.ADMIN);

    private final ProjectStore store;
    private final StatutoryDelays delays;
    private final Clock clock;

    Projects(ProjectStore store, StatutoryDelays delays, Clock clock) {
        this.store = store;
        this.delays = delays;
        this.clock = clock;
    }

    public StatutoryDelays delays() {
        return delays;
    }

    /**
     * A researcher submits a project. A declared prohibited use (or a purpose that is one) is refused at
     * once with the article cited and nothing is registered; missing or invalid fields come back to correct.
     */
    @Transactional
    public SubmissionOutcome submit(HygieUser researcher, NewProject p) {
        if (researcher.role() != Role.RESEARCHER) {
            throw new IllegalArgumentException("only researchers submit projects");
        }
        Optional<ProhibitedUse> prohibited = ProhibitedUse.parse(p.purpose());
        if (prohibited.isEmpty()) {
            prohibited = p.declaredUses().stream().map(ProhibitedUse::parse).flatMap(Optional::stream).min(Comparator.naturalOrder());
        }
        if (prohibited.isPresent()) {
            ProhibitedUse u = prohibited.get();
            return new SubmissionOutcome.Prohibited(u);
        }
        Map<String, SubmissionOutcome.FieldError> errors = new LinkedHashMap<>();
        text(errors, "titre", p.title(), MAX_LINE, ResearchWording.TITLE_REQUIRED);
        text(errors, "resume", p.summary(), MAX_TEXT, ResearchWording.SUMMARY_REQUIRED);
        Optional<Purpose> purpose = Purpose.parse(p.purpose());
        if (purpose.isEmpty()) {
            errors.put("finalite", new SubmissionOutcome.FieldError(ResearchWording.PURPOSE_REQUIRED));
        }
        text(errors, "baseLegale", p.legalBasis(), MAX_LINE, ResearchWording.LEGAL_BASIS_REQUIRED);
        text(errors, "organisme", p.organisation(), MAX_LINE, ResearchWording.ORGANISATION_REQUIRED);
        Optional<OrganisationKind> kind = OrganisationKind.parse(p.organisationKind());
        if (kind.isEmpty()) {
            errors.put("typeOrganisme", new SubmissionOutcome.FieldError(ResearchWording.ORGANISATION_KIND_REQUIRED));
        }
        Optional<ProcessingPlace> place = ProcessingPlace.parse(p.place());
        if (place.isEmpty()) {
            errors.put("lieu", new SubmissionOutcome.FieldError(ResearchWording.PLACE_REQUIRED));
        }
        text(errors, "equipe", p.team(), MAX_TEXT, ResearchWording.TEAM_REQUIRED);
        text(errors, "population", p.population(), MAX_TEXT, ResearchWording.POPULATION_REQUIRED);
        int months = 0;
        try {
            months = Integer.parseInt(p.durationMonths() == null ? "" : p.durationMonths().strip());
        } catch (NumberFormatException e) {
            months = 0;
        }
        if (months < 1 || months > 120) {
            errors.put("duree", new SubmissionOutcome.FieldError(ResearchWording.DURATION_INVALID));
        }
        text(errors, "financement", p.funding(), MAX_TEXT, ResearchWording.FUNDING_REQUIRED);
        text(errors, "benefice", p.publicBenefit(), MAX_TEXT, ResearchWording.BENEFIT_REQUIRED);
        List<RequestedVariable> variables = new ArrayList<>();
        for (int i = 0; i < p.variables().size(); i++) {
            RequestedVariable v = p.variables().get(i);
            boolean empty = blank(v.category()) && blank(v.variable()) && blank(v.justification());
            if (empty) {
                continue;
            }
            if (blank(v.category()) || blank(v.variable())) {
                errors.putIfAbsent("variable" + i, new SubmissionOutcome.FieldError(ResearchWording.VARIABLE_INCOMPLETE, String.valueOf(i + 1)));
            } else if (blank(v.justification())) {
                errors.putIfAbsent("justification" + i, new SubmissionOutcome.FieldError(ResearchWording.JUSTIFICATION_REQUIRED,
                        v.variable().strip()));
            } else {
                variables.add(new RequestedVariable(v.category().strip(), v.variable().strip(), v.justification().strip()));
            }
        }
        if (variables.isEmpty() && errors.keySet().stream().noneMatch(k -> k.startsWith("variable") || k.startsWith("justification"))) {
            errors.put("variable0", new SubmissionOutcome.FieldError(ResearchWording.VARIABLE_REQUIRED));
        }
        if (!errors.isEmpty()) {
            return new SubmissionOutcome.Invalid(errors);
        }
        ProjectSubmission s = new ProjectSubmission(p.title().strip(), p.summary().strip(), purpose.get(), p.legalBasis().strip(),
                p.organisation().strip(), kind.get(), place.get(), p.team().strip(), p.population().strip(), months,
                p.funding().strip(), p.publicBenefit().strip(), variables);
        Project project = Project.submitted(new ProjectId(Ids.newId()), researcher.accountId(), researcher.displayName(), s,
                now(), delays);
        store.insert(project);
        return new SubmissionOutcome.Submitted(project.id());
    }

    /** A review move (completeness, opinion, authorisation, agreement, resubmission, closing). */
    @Transactional
    public MoveOutcome decide(HygieUser actor, ProjectId id, ProjectDecision decision, String reasons, String privateNote) {
        if (decision == ProjectDecision.EXTRACTION || decision == ProjectDecision.PUBLISH_RESULTS) {
            return new MoveOutcome.Refused(Refusal.NOT_YOUR_MOVE, ResearchWording.NOT_HERE);
        }
        Optional<Project> p = store.load(id, true);
        if (p.isEmpty()) {
            return notFound();
        }
        return save(p.get().decide(decision, actor.role(), actor.accountId(), actor.displayName(), reasons,
                actor.role() == Role.RESEARCHER ? null : privateNote, now(), delays), actor);
    }

    /** The team publishes its results summary, negative results included. */
    @Transactional
    public MoveOutcome publishResults(HygieUser researcher, ProjectId id, String summary, boolean negative) {
        Optional<Project> p = store.load(id, true);
        if (p.isEmpty()) {
            return notFound();
        }
        if (summary != null && summary.length() > MAX_TEXT * 2) {
            return new MoveOutcome.Refused(Refusal.REASONS_REQUIRED, ResearchWording.RESULTS_TOO_LONG);
        }
        if (researcher.role() != Role.RESEARCHER) {
            return new MoveOutcome.Refused(Refusal.NOT_YOUR_MOVE, ResearchWording.ONLY_TEAM_PUBLISHES);
        }
        return save(p.get().publishResults(researcher.accountId(), researcher.displayName(), summary, negative, now(), delays), researcher);
    }

    /** The platform's own move when a first extraction run is reported (called by {@link ExtractionRuns}). */
    MoveOutcome recordExtraction(ProjectId id, String launcher, String summary) {
        Optional<Project> p = store.load(id, true);
        if (p.isEmpty()) {
            return notFound();
        }
        return save(p.get().decide(ProjectDecision.EXTRACTION, null, null, "Moteur d'extraction (" + launcher + ")", summary, null,
                now(), delays), null);
    }

    /** A researcher's own projects, newest first. */
    @Transactional(readOnly = true)
    public List<Project> ofResearcher(HygieUser researcher) {
        return store.byResearcher(researcher.accountId());
    }

    /**
     * A project as the people who handle it see it (private notes included): reviewers, the authority and
     * the administration, or its own researcher. Empty for anyone else, as for an unknown id.
     */
    @Transactional(readOnly = true)
    public Optional<Project> forHandling(HygieUser actor, ProjectId id) {
        return store.load(id, false).filter(p -> STAFF.contains(actor.role())
                || actor.role() == Role.RESEARCHER && p.researcher().equals(actor.accountId()));
    }

    /** Projects awaiting a move of this role (late first, then by deadline), and the others still under way. */
    @Transactional(readOnly = true)
    public List<Project> queue(Role role) {
        Instant now = now();
        return store.all().stream().filter(p -> !p.status().terminal())
                .sorted(Comparator.comparing((Project p) -> !ProjectDecision.available(p.status(), role).isEmpty() ? 0 : 1)
                        .thenComparing(p -> p.late(now) ? 0 : 1)
                        .thenComparing(p -> p.dueAt().orElse(Instant.MAX)))
                .toList();
    }

    /** Every project (for the registry, which keeps only public fields). */
    List<Project> all() {
        return store.all();
    }

    Optional<Project> byId(ProjectId id) {
        return store.load(id, false);
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private MoveOutcome save(Project.Move move, HygieUser actor) {
        if (move instanceof Project.Move.Refused r) {
            return new MoveOutcome.Refused(r.refusal(), r.message(), r.wording(), r.args());
        }
        Project.Move.Made made = (Project.Move.Made) move;
        store.saveMove(made.after(), made.step(), actor == null ? null : actor.accountId().value());
        return new MoveOutcome.Done(made.after().id(), made.after().status());
    }

    private static MoveOutcome notFound() {
        return new MoveOutcome.Refused(Refusal.NOT_FOUND, ResearchWording.PROJECT_NOT_FOUND);
    }

    private static void text(Map<String, SubmissionOutcome.FieldError> errors, String field, String value, int max,
            ResearchWording missing) {
        if (blank(value)) {
            errors.put(field, new SubmissionOutcome.FieldError(missing));
        } else if (value.length() > max) {
            errors.put(field, new SubmissionOutcome.FieldError(ResearchWording.TEXT_TOO_LONG, String.valueOf(max)));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
