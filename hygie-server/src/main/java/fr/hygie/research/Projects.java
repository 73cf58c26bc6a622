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
                || actor.role() == Role.RESEARCHER && actor.accountId().equals(p.researcher()));
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

    /** Every project for the operator's export (whole platform, no per-project decision: the caller journals the export). */
    @Transactional(readOnly = true)
    public List<ExportedProject> forExport() {
        return store.forExport();
    }

    /**
     * Brings back a project exported by another Hygie (« réversibilité »), id kept so that registry addresses stay
     * valid; idempotent by id. The submission's rules apply (every field present, lengths, 1–120 months, each
     * variable justified), and the route must be one this platform would have made: each step the move of its
     * status by its role, with reasons, the last one leading to the status; results exactly when published or
     * closed; extraction runs only after an extraction step. A project that breaks one is refused with the French
     * reason and stores nothing. No notification: the old platform sent them. {@code researcher} is the account of
     * {@code researcherLogin} here, or null when the operator has not opened it (yet): the project is imported all
     * the same (the public registry must not lose it) and the login is kept; importing again once the account
     * exists gives it the project. The steps' deciders' accounts do not travel (their names and roles do).
     */
    @Transactional
    public ProjectImport importProject(Project p, String researcherLogin, fr.hygie.identity.AccountId researcher,
            List<ExtractionRun> runs) {
        Optional<Project> existing = store.load(p.id(), true);
        if (existing.isPresent()) {
            if (existing.get().researcher() == null && researcher != null) {
                store.attachResearcher(p.id(), researcher);
            }
            return new ProjectImport.AlreadyThere(p.id());
        }
        Optional<String> broken = importRuleBroken(p, researcherLogin, runs);
        if (broken.isPresent()) {
            return new ProjectImport.Refused(broken.get());
        }
        Project stored = new Project(p.id(), researcher, p.researcherName().strip(), p.submission(), p.status(), p.submittedAt(),
                p.statusSince(), p.dueAt().orElse(null), p.results().orElse(null), p.steps());
        store.insertImported(stored, researcherLogin.strip(), runs);
        return new ProjectImport.Created(p.id());
    }

    private static Optional<String> importRuleBroken(Project p, String researcherLogin, List<ExtractionRun> runs) {
        ProjectSubmission s = p.submission();
        if (blank(researcherLogin) || blank(p.researcherName())) {
            return Optional.of("projet sans identifiant ni nom de son chercheur");
        }
        String[][] texts = {{"titre", s.title(), "300"}, {"résumé", s.summary(), "4000"}, {"base légale", s.legalBasis(), "300"},
            {"organisme", s.organisation(), "300"}, {"équipe", s.team(), "4000"}, {"population", s.population(), "4000"},
            {"financement", s.funding(), "4000"}, {"bénéfice attendu", s.publicBenefit(), "4000"}};
        for (String[] t : texts) {
            if (blank(t[1])) {
                return Optional.of("dossier incomplet : " + t[0] + " manquant");
            }
            if (t[1].length() > Integer.parseInt(t[2])) {
                return Optional.of("dossier invalide : " + t[0] + " trop long (" + t[2] + " caractères au plus)");
            }
        }
        if (s.purpose() == null || s.organisationKind() == null || s.place() == null) {
            return Optional.of("dossier incomplet : finalité, type d'organisme ou lieu de traitement manquant");
        }
        if (s.durationMonths() < 1 || s.durationMonths() > 120) {
            return Optional.of("dossier invalide : durée de " + s.durationMonths() + " mois (de 1 à 120 mois)");
        }
        if (s.variables().isEmpty()) {
            return Optional.of("dossier incomplet : aucune variable demandée");
        }
        for (RequestedVariable v : s.variables()) {
            if (blank(v.category()) || blank(v.variable()) || blank(v.justification())) {
                return Optional.of("dossier incomplet : chaque variable demandée a sa catégorie, son nom et sa justification");
            }
        }
        if (p.submittedAt() == null || p.statusSince() == null) {
            return Optional.of("projet sans date de dépôt ou de statut");
        }
        ProjectStatus at = ProjectStatus.SUBMITTED;
        boolean extracted = false;
        for (ProjectStep step : p.steps()) {
            ProjectDecision d = step.decision();
            if (d.from() != at || step.from() != at || step.to() != d.to()) {
                return Optional.of("étape « " + d.label() + " » impossible depuis le statut « " + at.label() + " »");
            }
            boolean roleMakesIt = d.roles().isEmpty() ? "SYSTEM".equals(step.actorRole())
                    : d.roles().stream().anyMatch(r -> r.name().equals(step.actorRole()));
            if (!roleMakesIt) {
                return Optional.of("étape « " + d.label() + " » décidée par un rôle qui ne la prend pas : " + step.actorRole());
            }
            if (blank(step.reasons()) || blank(step.actorName()) || step.decidedAt() == null) {
                return Optional.of("étape « " + d.label() + " » sans motifs, sans auteur ou sans date");
            }
            extracted |= d == ProjectDecision.EXTRACTION;
            at = d.to();
        }
        if (at != p.status()) {
            return Optional.of("le statut « " + p.status().label() + " » ne suit pas des étapes, qui mènent à « " + at.label() + " »");
        }
        boolean published = p.status() == ProjectStatus.RESULTS_PUBLISHED || p.status() == ProjectStatus.CLOSED;
        if (published != p.results().isPresent()) {
            return Optional.of(published ? "résultats publiés manquants" : "résultats d'un projet qui ne les a pas publiés");
        }
        if (p.results().isPresent() && (blank(p.results().get().summary()) || p.results().get().publishedAt() == null)) {
            return Optional.of("résultats sans résumé ou sans date de publication");
        }
        if (!runs.isEmpty() && !extracted) {
            return Optional.of("extractions d'un projet qui n'a pas atteint l'étape d'extraction");
        }
        for (ExtractionRun run : runs) {
            if (run.id() == null || run.snapshot() == null || run.recordedAt() == null || blank(run.launcher()) || run.included() < 0
                    || run.excluded() < 0) {
                return Optional.of("extraction incomplète (identifiant, date, moteur, comptes positifs)");
            }
        }
        return Optional.empty();
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
