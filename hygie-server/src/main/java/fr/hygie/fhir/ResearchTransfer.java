package fr.hygie.fhir;

import fr.hygie.identity.Account;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.research.ExportedProject;
import fr.hygie.research.ExtractionRun;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.ProcessingPlace;
import fr.hygie.research.Project;
import fr.hygie.research.ProjectDecision;
import fr.hygie.research.ProjectId;
import fr.hygie.research.ProjectImport;
import fr.hygie.research.ProjectStatus;
import fr.hygie.research.ProjectStep;
import fr.hygie.research.ProjectSubmission;
import fr.hygie.research.Projects;
import fr.hygie.research.Purpose;
import fr.hygie.research.Registry;
import fr.hygie.research.RegistryFhir;
import fr.hygie.research.RequestedVariable;
import fr.hygie.research.Results;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;

/**
 * Research projects in the operator's export and import (« réversibilité »: a platform that moves keeps its
 * public registry of projects, EHDS art. 57): each project as the public registry's {@code ResearchStudy}
 * ({@link RegistryFhir}, same id, so registry addresses stay valid) plus an operator-only extension
 * {@value #TRANSFER_EXTENSION} holding what FHIR R4 has no element for: the whole submission (purpose, legal
 * basis, organisation and its kind, place of processing, team, population, duration, funding, benefit, every
 * requested variable with its justification), the status and its dates, every step with its decision, statuses,
 * deciding body's name and role, reasons, reviewers' private note, date and deadline, the results, the
 * researcher's name and login, and the dated counts of the extraction runs. Instants keep their microseconds.
 *
 * <p>Accounts never travel (credentials): a project whose researcher has no account here is imported all the
 * same, its login kept as text; importing again once the operator has opened that login gives it the project.
 * The extraction runs' membership (which names persons) and the research engine's output files (under
 * HYGIE_HOME) do not travel: the engine extracts again on the new platform if needed.
 * A ResearchStudy from another system (without the extension) is refused: a project enters this registry by
 * submitting its file (dossier), which FHIR R4 does not hold.
 */
@Component
class ResearchTransfer {

    static final String TYPE = "ResearchStudy";
    static final String TRANSFER_EXTENSION = "https://hygie.fr/fhir/StructureDefinition/research-project-transfer";

    private final Projects projects;
    private final Registry registry;
    private final Accounts accounts;

    ResearchTransfer(Projects projects, Registry registry, Accounts accounts) {
        this.projects = projects;
        this.registry = registry;
        this.accounts = accounts;
    }

    void export(Set<String> types, FhirExporter.Sink sink) {
        if (!types.contains(TYPE)) {
            return;
        }
        for (ExportedProject e : projects.forExport()) {
            Project p = e.project();
            String login = Optional.ofNullable(p.researcher()).flatMap(accounts::byId).map(Account::username).orElse(e.researcherLogin());
            registry.entry(p.id()).ifPresent(entry -> sink.accept(TYPE, researchStudy(RegistryFhir.researchStudy(entry), e, login)));
        }
    }

    static ResearchStudy researchStudy(ResearchStudy rs, ExportedProject e, String login) {
        Project p = e.project();
        ProjectSubmission s = p.submission();
        Extension x = rs.addExtension().setUrl(TRANSFER_EXTENSION);
        string(x, "researcherLogin", login);
        string(x, "researcherName", p.researcherName());
        x.addExtension("purpose", new CodeType(s.purpose().name()));
        string(x, "legalBasis", s.legalBasis());
        string(x, "organisation", s.organisation());
        x.addExtension("organisationKind", new CodeType(s.organisationKind().name()));
        x.addExtension("place", new CodeType(s.place().name()));
        string(x, "team", s.team());
        string(x, "population", s.population());
        x.addExtension("durationMonths", new IntegerType(s.durationMonths()));
        string(x, "funding", s.funding());
        string(x, "publicBenefit", s.publicBenefit());
        for (RequestedVariable v : s.variables()) {
            Extension vx = x.addExtension().setUrl("variable");
            string(vx, "category", v.category());
            string(vx, "variable", v.variable());
            string(vx, "justification", v.justification());
        }
        x.addExtension("status", new CodeType(p.status().name()));
        instant(x, "submittedAt", p.submittedAt());
        instant(x, "statusSince", p.statusSince());
        p.dueAt().ifPresent(d -> instant(x, "dueAt", d));
        for (ProjectStep st : p.steps()) {
            Extension sx = x.addExtension().setUrl("step");
            sx.addExtension("decision", new CodeType(st.decision().name()));
            if (st.from() != null) {
                sx.addExtension("from", new CodeType(st.from().name()));
            }
            sx.addExtension("to", new CodeType(st.to().name()));
            string(sx, "actorName", st.actorName());
            string(sx, "actorRole", st.actorRole());
            string(sx, "reasons", st.reasons());
            string(sx, "privateNote", st.privateNote());
            instant(sx, "decidedAt", st.decidedAt());
            if (st.dueAt() != null) {
                instant(sx, "dueAt", st.dueAt());
            }
        }
        p.results().ifPresent(r -> {
            Extension rx = x.addExtension().setUrl("results");
            string(rx, "summary", r.summary());
            rx.addExtension("negative", new BooleanType(r.negative()));
            instant(rx, "publishedAt", r.publishedAt());
        });
        for (ExtractionRun run : e.runs()) {
            Extension ex = x.addExtension().setUrl("extractionRun");
            string(ex, "id", run.id().toString());
            instant(ex, "snapshotAt", run.snapshot());
            string(ex, "launcher", run.launcher());
            ex.addExtension("included", new IntegerType(run.included()));
            ex.addExtension("excluded", new IntegerType(run.excluded()));
            instant(ex, "recordedAt", run.recordedAt());
        }
        return rs;
    }

    /** Imports one project; empty when stored or already there (counted), else why it was refused (nothing stored). */
    Optional<String> importOne(ResearchStudy rs, Map<String, Long> created, Map<String, Long> known) {
        Extension x = rs.getExtensionByUrl(TRANSFER_EXTENSION);
        if (x == null) {
            return Optional.of("étude d'un autre système, sans l'extension de transfert Hygie (" + TRANSFER_EXTENSION
                    + ") : un projet n'entre au registre qu'en déposant son dossier complet (finalité, base légale, variables justifiées…), "
                    + "que FHIR R4 ne porte pas");
        }
        Optional<ProjectId> id = ProjectId.parse(rs.getIdElement().getIdPart());
        if (id.isEmpty()) {
            return Optional.of("identifiant de projet invalide : " + rs.getIdElement().getIdPart());
        }
        Project p;
        List<ExtractionRun> runs = new ArrayList<>();
        String login;
        try {
            login = text(x, "researcherLogin");
            List<RequestedVariable> variables = new ArrayList<>();
            for (Extension v : x.getExtensionsByUrl("variable")) {
                variables.add(new RequestedVariable(text(v, "category"), text(v, "variable"), text(v, "justification")));
            }
            ProjectSubmission s = new ProjectSubmission(rs.getTitle(), rs.getDescription(),
                    code(x, "purpose", Purpose::parse), text(x, "legalBasis"), text(x, "organisation"),
                    code(x, "organisationKind", OrganisationKind::parse), code(x, "place", ProcessingPlace::parse), text(x, "team"),
                    text(x, "population"), integer(x, "durationMonths"), text(x, "funding"), text(x, "publicBenefit"), variables);
            List<ProjectStep> steps = new ArrayList<>();
            for (Extension sx : x.getExtensionsByUrl("step")) {
                String from = text(sx, "from");
                steps.add(new ProjectStep(code(sx, "decision", ProjectDecision::parse), from == null ? null : code(sx, "from", ProjectStatus::parse),
                        code(sx, "to", ProjectStatus::parse), text(sx, "actorName"), text(sx, "actorRole"), text(sx, "reasons"),
                        text(sx, "privateNote"), instant(sx, "decidedAt"), instant(sx, "dueAt")));
            }
            Extension rx = x.getExtensionByUrl("results");
            Results results = rx == null ? null : new Results(text(rx, "summary"),
                    rx.getExtensionByUrl("negative") != null && ((BooleanType) rx.getExtensionByUrl("negative").getValue()).booleanValue(),
                    instant(rx, "publishedAt"));
            for (Extension ex : x.getExtensionsByUrl("extractionRun")) {
                runs.add(new ExtractionRun(UUID.fromString(text(ex, "id")), id.get(), instant(ex, "snapshotAt"), text(ex, "launcher"),
                        integer(ex, "included"), integer(ex, "excluded"), instant(ex, "recordedAt")));
            }
            p = new Project(id.get(), null, text(x, "researcherName"), s, code(x, "status", ProjectStatus::parse),
                    instant(x, "submittedAt"), instant(x, "statusSince"), instant(x, "dueAt"), results, steps);
        } catch (IllegalArgumentException | NullPointerException | ClassCastException | java.time.format.DateTimeParseException e) {
            return Optional.of("extension de transfert illisible : " + e.getMessage());
        }
        AccountId researcher = login == null ? null : accounts.byUsername(login.strip()).map(Account::id).orElse(null);
        ProjectImport outcome = projects.importProject(p, login, researcher, runs);
        if (outcome instanceof ProjectImport.Refused r) {
            return Optional.of(r.reason());
        }
        (outcome instanceof ProjectImport.Created ? created : known).merge(TYPE, 1L, Long::sum);
        return Optional.empty();
    }

    private static void string(Extension x, String url, String value) {
        if (value != null && !value.isBlank()) {
            x.addExtension(url, new StringType(value));
        }
    }

    /** Microseconds kept (the instant's own text): FHIR's instant allows them, a java.util.Date would not. */
    private static void instant(Extension x, String url, Instant value) {
        if (value != null) {
            x.addExtension(url, new InstantType(value.toString()));
        }
    }

    private static String text(Extension x, String url) {
        Extension e = x.getExtensionByUrl(url);
        return e == null || e.getValue() == null ? null : e.getValue().primitiveValue();
    }

    private static Instant instant(Extension x, String url) {
        String t = text(x, url);
        return t == null ? null : java.time.OffsetDateTime.parse(t).toInstant();
    }

    private static int integer(Extension x, String url) {
        Type v = x.getExtensionByUrl(url) == null ? null : x.getExtensionByUrl(url).getValue();
        if (!(v instanceof IntegerType i)) {
            throw new IllegalArgumentException(url + " manquant");
        }
        return i.getValue();
    }

    private static <T> T code(Extension x, String url, java.util.function.Function<String, Optional<T>> parse) {
        String c = text(x, url);
        return parse.apply(c).orElseThrow(() -> new IllegalArgumentException(url + " inconnu : " + c));
    }
}
