package fr.hygie.web.catalogue;

import fr.hygie.web.WebMessages;
import fr.hygie.catalogue.ApplicationStatus;
import fr.hygie.catalogue.Assessment;
import fr.hygie.catalogue.Catalogue;
import fr.hygie.catalogue.Criterion;
import fr.hygie.catalogue.Outcome;
import fr.hygie.catalogue.ServiceApplication;
import fr.hygie.identity.HygieUser;
import java.util.EnumMap;
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

/** The committee's pages (« comité de référencement »): the queue, scoring on the grid, decisions with reasons. */
@Controller("catalogueReviewController")
@PreAuthorize("hasRole('REVIEWER')")
class ReviewController {

    private final WebMessages texts;

    private final Catalogue catalogue;

    private final fr.hygie.web.Codes codes;

    ReviewController(Catalogue catalogue, WebMessages texts, fr.hygie.web.Codes codes) {
        this.codes = codes;

        this.texts = texts;
        this.catalogue = catalogue;
    }

    @GetMapping("/comite/catalogue")
    String queue(Model model) {
        model.addAttribute("entries", catalogue.underReview());
        model.addAttribute("referenced", catalogue.decided().stream()
                .filter(e -> e.application().status() == ApplicationStatus.REFERENCED).toList());
        return "catalogue/review-queue";
    }

    @GetMapping("/comite/catalogue/{id}")
    String review(@PathVariable String id, Model model, RedirectAttributes redirect) {
        Optional<ServiceApplication> app = CataloguePagesController.parse(id).flatMap(catalogue::byId);
        if (app.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("catalogue.flash.unknownApplication"));
            return "redirect:/comite/catalogue";
        }
        ServiceApplication a = app.get();
        model.addAttribute("a", a);
        model.addAttribute("self", catalogue.selfAssessment(a.id()));
        Map<Criterion, Object> current = new EnumMap<>(Criterion.class);
        catalogue.scores(a.id()).forEach(s -> current.put(s.criterion(), s));
        model.addAttribute("current", current);
        model.addAttribute("decisions", catalogue.decisions(a.id()));
        model.addAttribute("criteria", Criterion.values());
        model.addAttribute("mayReference", a.status().allows(ApplicationStatus.REFERENCED));
        model.addAttribute("mayRefuse", a.status().allows(ApplicationStatus.REFUSED));
        model.addAttribute("maySuspend", a.status().allows(ApplicationStatus.SUSPENDED));
        return "catalogue/review";
    }

    @PostMapping("/comite/catalogue/{id}/notes")
    String score(@AuthenticationPrincipal HygieUser user, @PathVariable String id, @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        Map<Criterion, Assessment> scores = new EnumMap<>(Criterion.class);
        for (Criterion c : Criterion.values()) {
            Integer s = CataloguePagesController.score(form.get("score_" + c.key()));
            if (s != null) {
                scores.put(c, new Assessment(s, form.get("comment_" + c.key())));
            }
        }
        Outcome o = CataloguePagesController.parse(id).map(u -> catalogue.score(user, u, scores))
                .orElse(Outcome.refused(texts.get("catalogue.flash.unknownApplication")));
        return done(o, id, redirect, codes);
    }

    @PostMapping("/comite/catalogue/{id}/decision")
    String decide(@AuthenticationPrincipal HygieUser user, @PathVariable String id, @RequestParam(required = false) String decision,
            @RequestParam(required = false) String reasons, RedirectAttributes redirect) {
        ApplicationStatus d = null;
        for (ApplicationStatus s : ApplicationStatus.values()) {
            if (s.name().equals(decision)) {
                d = s;
            }
        }
        ApplicationStatus chosen = d;
        Outcome o = CataloguePagesController.parse(id).map(u -> catalogue.decide(user, u, chosen, reasons))
                .orElse(Outcome.refused(texts.get("catalogue.flash.unknownApplication")));
        return done(o, id, redirect, codes);
    }

    private static String done(Outcome o, String id, RedirectAttributes redirect, fr.hygie.web.Codes codes) {
        redirect.addFlashAttribute(o.done() ? "message" : "error", codes.say(o.wording(), o.args(), o.message()));
        return "redirect:/comite/catalogue/" + id;
    }
}
