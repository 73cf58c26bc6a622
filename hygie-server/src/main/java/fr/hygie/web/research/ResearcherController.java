package fr.hygie.web.research;

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
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
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

    private final Projects projects;
    private final ExtractionRuns runs;

    ResearcherController(Projects projects, ExtractionRuns runs) {
        this.projects = projects;
        this.runs = runs;
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
            redirect.addFlashAttribute("message", "Projet déposé. Le comité vérifie d'abord que le dossier est complet.");
            return "redirect:/recherche/projets/" + s.project();
        }
        options(model);
        if (outcome instanceof SubmissionOutcome.Prohibited p) {
            response.setStatus(422);
            model.addAttribute("prohibited", p);
            return "research/submit";
        }
        response.setStatus(400);
        model.addAttribute("errors", ((SubmissionOutcome.Invalid) outcome).errors());
        return "research/submit";
    }

    @GetMapping("/{id}")
    String project(@AuthenticationPrincipal HygieUser user, @PathVariable String id, Model model) {
        Project p = own(user, id);
        model.addAttribute("project", p);
        model.addAttribute("runs", runs.runs(p.id()));
        model.addAttribute("now", projects.now());
        return "research/project";
    }

    @PostMapping("/{id}/resultats")
    String publish(@AuthenticationPrincipal HygieUser user, @PathVariable String id, @RequestParam(name = "resultats", defaultValue = "") String summary,
            @RequestParam(name = "negatifs", defaultValue = "false") boolean negative, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Project p = own(user, id);
        MoveOutcome o = projects.publishResults(user, p.id(), summary, negative);
        return after(o, p, "Résultats publiés au registre public.", model, response, redirect);
    }

    @PostMapping("/{id}/decision")
    String decide(@AuthenticationPrincipal HygieUser user, @PathVariable String id, @RequestParam(name = "decision", defaultValue = "") String decision,
            @RequestParam(name = "motifs", defaultValue = "") String reasons, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Project p = own(user, id);
        ProjectDecision d = ProjectDecision.parse(decision).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        MoveOutcome o = projects.decide(user, p.id(), d, reasons, null);
        return after(o, p, d.label() + " : c'est enregistré.", model, response, redirect);
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
