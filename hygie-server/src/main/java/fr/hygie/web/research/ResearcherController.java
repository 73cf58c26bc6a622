package fr.hygie.web.research;

import fr.hygie.web.WebMessages;
import fr.hygie.identity.HygieUser;
import fr.hygie.research.ExtractionRuns;
import fr.hygie.research.MoveOutcome;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.ProcessingPlace;
import fr.hygie.research.ProhibitedUse;
import fr.hygie.research.Project;
import fr.hygie.research.ProjectDecision;
import fr.hygie.research.ProjectId;
import fr.hygie.research.Projects;
import fr.hygie.research.Purpose;
import fr.hygie.research.SubmissionOutcome;
import fr.hygie.research.engine.EngineRuns;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The researcher's pages: my projects, submitting one, completing it, publishing results, closing. */
@Controller
@RequestMapping("/recherche/projets")
@PreAuthorize("hasRole('RESEARCHER')")
class ResearcherController {

    private final WebMessages texts;
    private final fr.hygie.web.Codes codes;

    private final Projects projects;
    private final ExtractionRuns runs;
    private final EngineRuns engineRuns;

    ResearcherController(Projects projects, ExtractionRuns runs, EngineRuns engineRuns, WebMessages texts, fr.hygie.web.Codes codes) {

        this.texts = texts;
        this.codes = codes;
        this.projects = projects;
        this.runs = runs;
        this.engineRuns = engineRuns;
    }

    @GetMapping
    String mine(@AuthenticationPrincipal HygieUser user, Model model) {
        model.addAttribute("projects", projects.ofResearcher(user));
        model.addAttribute("now", projects.now());
        return "research/projects";
    }

    @GetMapping("/nouveau")
    String form(@ModelAttribute("form") ProjectForm form, Model model) {
        options(model);
        return "research/submit";
    }

    @PostMapping("/nouveau")
    String submit(@AuthenticationPrincipal HygieUser user, @ModelAttribute("form") ProjectForm form, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        SubmissionOutcome outcome = projects.submit(user, form.toNewProject());
        if (outcome instanceof SubmissionOutcome.Submitted s) {
            redirect.addFlashAttribute("message", texts.get("research.flash.submitted"));
            return "redirect:/recherche/projets/" + s.project();
        }
        options(model);
        if (outcome instanceof SubmissionOutcome.Prohibited p) {
            response.setStatus(422);
            model.addAttribute("prohibited", p);
            return "research/submit";
        }
        response.setStatus(400);
        // the fields to correct, said in the reader's language from their codes
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        ((SubmissionOutcome.Invalid) outcome).fields().forEach((field, e) -> errors.put(field, codes.say(e.wording(), e.args(), e.french())));
        model.addAttribute("errors", errors);
        return "research/submit";
    }

    @GetMapping("/{id}")
    String project(@AuthenticationPrincipal HygieUser user, @PathVariable String id, Model model) {
        Project p = own(user, id);
        model.addAttribute("project", p);
        model.addAttribute("runs", runs.runs(p.id()));
        model.addAttribute("engineRuns", engineRuns.forProject(p.id()));
        model.addAttribute("selfUrl", "/recherche/projets/" + p.id());
        model.addAttribute("now", projects.now());
        return "research/project";
    }

    /** A file the engine released for the project (never the membership, which stays in the platform). */
    @GetMapping("/{id}/extractions/{run}/{file}")
    ResponseEntity<FileSystemResource> download(@AuthenticationPrincipal HygieUser user, @PathVariable String id,
            @PathVariable String run, @PathVariable String file) {
        Project p = own(user, id);
        UUID runId;
        try {
            runId = UUID.fromString(run);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Path path = engineRuns.releasedFile(p.id(), runId, file).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(file.endsWith(".csv") ? MediaType.parseMediaType("text/csv;charset=UTF-8")
                        : file.endsWith(".json") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new FileSystemResource(path));
    }

    @PostMapping("/{id}/resultats")
    String publish(@AuthenticationPrincipal HygieUser user, @PathVariable String id, @RequestParam(name = "resultats", defaultValue = "") String summary,
            @RequestParam(name = "negatifs", defaultValue = "false") boolean negative, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Project p = own(user, id);
        MoveOutcome o = projects.publishResults(user, p.id(), summary, negative);
        return after(o, p, texts.get("research.flash.resultsPublished"), model, response, redirect);
    }

    @PostMapping("/{id}/decision")
    String decide(@AuthenticationPrincipal HygieUser user, @PathVariable String id, @RequestParam(name = "decision", defaultValue = "") String decision,
            @RequestParam(name = "motifs", defaultValue = "") String reasons, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Project p = own(user, id);
        ProjectDecision d = ProjectDecision.parse(decision).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        MoveOutcome o = projects.decide(user, p.id(), d, reasons, null);
        return after(o, p, texts.get("research.flash.stepSaved", texts.get(fr.hygie.web.Codes.key(d, null))), model, response, redirect);
    }

    private String after(MoveOutcome o, Project p, String ok, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (o instanceof MoveOutcome.Refused r) {
            return ResearchPages.refused(r, "/recherche/projets/" + p.id(), model, response);
        }
        redirect.addFlashAttribute("message", ok);
        return "redirect:/recherche/projets/" + p.id();
    }

    private Project own(HygieUser user, String id) {
        return ProjectId.parse(id).flatMap(pid -> projects.forHandling(user, pid))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static void options(Model model) {
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("kinds", OrganisationKind.values());
        model.addAttribute("places", ProcessingPlace.values());
        model.addAttribute("prohibitedUses", ProhibitedUse.values());
        model.addAttribute("rows", java.util.stream.IntStream.range(0, ProjectForm.ROWS).boxed().toList());
        model.addAttribute("errors", model.getAttribute("errors") == null ? Map.of() : model.getAttribute("errors"));
    }
}
