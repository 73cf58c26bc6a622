package fr.hygie.web.research;

import fr.hygie.web.WebMessages;
import fr.hygie.identity.HygieUser;
import fr.hygie.research.ExtractionRuns;
import fr.hygie.research.MoveOutcome;
import fr.hygie.research.Project;
import fr.hygie.research.ProjectDecision;
import fr.hygie.research.ProjectId;
import fr.hygie.research.Projects;
import fr.hygie.research.engine.EngineRuns;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reviewers' queues: the committee (completeness, ethics and scientific opinion), the data-protection
 * authority (authorisation) and the administration (data agreement, launching the extraction). Late steps
 * are flagged.
 */
@Controller
@RequestMapping("/recherche/evaluation")
@PreAuthorize("hasAnyRole('REVIEWER', 'AUDITOR', 'ADMIN')")
class ReviewController {

    private final WebMessages texts;

    private final Projects projects;
    private final ExtractionRuns runs;
    private final EngineRuns engineRuns;

    ReviewController(Projects projects, ExtractionRuns runs, EngineRuns engineRuns, WebMessages texts) {

        this.texts = texts;
        this.projects = projects;
        this.runs = runs;
        this.engineRuns = engineRuns;
    }

    @GetMapping
    String queue(@AuthenticationPrincipal HygieUser user, Model model) {
        model.addAttribute("projects", projects.queue(user.role()));
        model.addAttribute("role", user.role());
        model.addAttribute("now", projects.now());
        return "research/queue";
    }

    @GetMapping("/{id}")
    String project(@AuthenticationPrincipal HygieUser user, @PathVariable String id, Model model) {
        Project p = find(user, id);
        model.addAttribute("project", p);
        model.addAttribute("decisions", ProjectDecision.available(p.status(), user.role()));
        model.addAttribute("runs", runs.runs(p.id()));
        model.addAttribute("launcherInstalled", runs.launcherInstalled());
        // Progress of the engine's runs, refreshed by reloading the page (no JavaScript).
        model.addAttribute("engineRuns", engineRuns.forProject(p.id()));
        model.addAttribute("selfUrl", "/recherche/evaluation/" + p.id());
        model.addAttribute("now", projects.now());
        model.addAttribute("role", user.role());
        return "research/review";
    }

    @PostMapping("/{id}/decision")
    String decide(@AuthenticationPrincipal HygieUser user, @PathVariable String id,
            @RequestParam(name = "decision", defaultValue = "") String decision,
            @RequestParam(name = "motifs", defaultValue = "") String reasons,
            @RequestParam(name = "note", defaultValue = "") String note, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Project p = find(user, id);
        ProjectDecision d = ProjectDecision.parse(decision).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        MoveOutcome o = projects.decide(user, p.id(), d, reasons, note);
        if (o instanceof MoveOutcome.Refused r) {
            return ResearchPages.refused(r, "/recherche/evaluation/" + p.id(), model, response);
        }
        redirect.addFlashAttribute("message", texts.get("research.flash.decisionSaved", texts.get(fr.hygie.web.Codes.key(d, null))));
        return "redirect:/recherche/evaluation/" + p.id();
    }

    @PostMapping("/{id}/extraction")
    @PreAuthorize("hasRole('ADMIN')")
    String launch(@AuthenticationPrincipal HygieUser user, @PathVariable String id, RedirectAttributes redirect) {
        Project p = find(user, id);
        ExtractionRuns.LaunchOutcome o = runs.launch(user, p.id());
        redirect.addFlashAttribute(o.launched() ? "message" : "error", o.launched()
                ? o.message() + " " + texts.get("research.flash.followProgress") : o.message());
        return "redirect:/recherche/evaluation/" + p.id();
    }

    private Project find(HygieUser user, String id) {
        return ProjectId.parse(id).flatMap(pid -> projects.forHandling(user, pid))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
