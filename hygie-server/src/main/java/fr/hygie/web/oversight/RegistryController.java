package fr.hygie.web.oversight;

import fr.hygie.web.WebMessages;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Professionals;
import fr.hygie.oversight.Algorithm;
import fr.hygie.oversight.AlgorithmRegistry;
import fr.hygie.oversight.CoverageReport;
import fr.hygie.oversight.GenerationReport;
import fr.hygie.oversight.GroupFigure;
import fr.hygie.oversight.NewAlgorithm;
import fr.hygie.oversight.Outcome;
import fr.hygie.oversight.PreventionJob;
import fr.hygie.oversight.PreventionReminders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public algorithm registry (registre des algorithmes) and its supervision pages: admins register
 * and designate validators, reviewers approve, both suspend; the coverage report of the prevention
 * reminders for admins, reviewers and auditors.
 */
@Controller
class RegistryController {

    private final WebMessages texts;

    private final AlgorithmRegistry registry;
    private final PreventionReminders reminders;
    private final PreventionJob job;
    private final Professionals professionals;
    private final Clock clock;

    private final fr.hygie.web.Codes codes;

    RegistryController(AlgorithmRegistry registry, PreventionReminders reminders, PreventionJob job, Professionals professionals,
            Clock clock, WebMessages texts, fr.hygie.web.Codes codes) {
        this.codes = codes;
        this.texts = texts;
        this.registry = registry;
        this.reminders = reminders;
        this.job = job;
        this.professionals = professionals;
        this.clock = clock;
    }

    @GetMapping("/algorithmes")
    String list(Model model) {
        model.addAttribute("algorithms", registry.all());
        return "oversight/registry";
    }

    @GetMapping("/algorithmes/{code}")
    String sheet(@PathVariable String code, Model model) {
        Optional<Algorithm> a = registry.byCode(code);
        if (a.isEmpty()) {
            model.addAttribute("algorithms", registry.all());
            model.addAttribute("error", texts.get("oversight.flash.unknownAlgorithm"));
            return "oversight/registry";
        }
        model.addAttribute("a", a.get());
        model.addAttribute("history", registry.history(a.get().id()));
        model.addAttribute("bias", byDimension(registry.acceptanceByGroup(a.get().id())));
        model.addAttribute("rules", PreventionReminders.CODE.equals(code) ? reminders.rules() : null);
        return "oversight/algorithm";
    }

    @GetMapping("/supervision")
    @PreAuthorize("hasAnyRole('ADMIN', 'REVIEWER')")
    String supervision(@AuthenticationPrincipal HygieUser user, Model model) {
        model.addAttribute("algorithms", registry.all());
        model.addAttribute("role", user.role().name());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", registry.byCode(PreventionReminders.CODE).isPresent()
                    ? new NewAlgorithm("", "", "", "", "", "", "", "", "", "10") : reminders.registrySheet());
        }
        return "oversight/supervision";
    }

    @PostMapping("/supervision/inscrire")
    @PreAuthorize("hasRole('ADMIN')")
    String register(@AuthenticationPrincipal HygieUser user, NewAlgorithm form, RedirectAttributes redirect) {
        Outcome o = registry.register(user, form);
        if (!o.done()) {
            redirect.addFlashAttribute("form", form);
        }
        return done(o, redirect);
    }

    @PostMapping("/supervision/{code}/approuver")
    @PreAuthorize("hasRole('REVIEWER')")
    String approve(@AuthenticationPrincipal HygieUser user, @PathVariable String code, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return done(registry.approve(user, code, note), redirect);
    }

    @PostMapping("/supervision/{code}/suspendre")
    @PreAuthorize("hasAnyRole('ADMIN', 'REVIEWER')")
    String suspend(@AuthenticationPrincipal HygieUser user, @PathVariable String code, @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        return done(registry.suspend(user, code, reason), redirect);
    }

    @PostMapping("/supervision/{code}/reprendre")
    @PreAuthorize("hasRole('REVIEWER')")
    String resume(@AuthenticationPrincipal HygieUser user, @PathVariable String code, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return done(registry.resume(user, code, note), redirect);
    }

    @PostMapping("/supervision/{code}/designer")
    @PreAuthorize("hasRole('ADMIN')")
    String designate(@AuthenticationPrincipal HygieUser user, @PathVariable String code, @RequestParam(required = false) String rpps,
            RedirectAttributes redirect) {
        var pro = rpps == null ? Optional.<fr.hygie.identity.Professional>empty() : professionals.byRpps(rpps.strip());
        if (pro.isEmpty()) {
            return done(Outcome.refused(texts.get("common.unknownRpps")), redirect);
        }
        return done(registry.designateValidator(user, code, pro.get().id()), redirect);
    }

    /** On demand: the admin runs the prevention reminders now (the weekly job does the same). */
    @PostMapping("/supervision/executer")
    @PreAuthorize("hasRole('ADMIN')")
    String run(RedirectAttributes redirect) {
        GenerationReport r = job.runAll();
        return done(r.ran() ? Outcome.done(texts.get("oversight.flash.runReport",
                String.valueOf(r.evaluated()), String.valueOf(r.skippedOptedOut()), String.valueOf(r.created())))
                : Outcome.refused(r.refusal()), redirect);
    }

    @GetMapping("/supervision/couverture")
    @PreAuthorize("hasAnyRole('ADMIN', 'REVIEWER', 'AUDITOR')")
    String coverage(@RequestParam(name = "jours", defaultValue = "365") int days, Model model) {
        int period = Math.max(1, Math.min(days, 3650));
        model.addAttribute("jours", period);
        Optional<Algorithm> a = registry.byCode(PreventionReminders.CODE);
        model.addAttribute("algorithm", a.orElse(null));
        a.ifPresent(x -> {
            Instant to = clock.instant();
            CoverageReport report = reminders.coverage(x.id(), to.minus(Duration.ofDays(period)), to.plusSeconds(1));
            model.addAttribute("report", report);
            model.addAttribute("groups", byDimension(report.byGroup()));
        });
        return "oversight/coverage";
    }

    private static Map<String, List<GroupFigure>> byDimension(List<GroupFigure> rows) {
        Map<String, List<GroupFigure>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.dimension(), k -> new java.util.ArrayList<>()).add(r));
        return out;
    }

    private String done(Outcome o, RedirectAttributes redirect) {
        redirect.addFlashAttribute(o.done() ? "message" : "error", codes.say(o.wording(), o.args(), o.message()));
        return "redirect:/supervision";
    }
}
