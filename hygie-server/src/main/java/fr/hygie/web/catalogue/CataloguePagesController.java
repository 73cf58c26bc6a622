package fr.hygie.web.catalogue;

import fr.hygie.web.WebMessages;
import fr.hygie.catalogue.ApplicationStatus;
import fr.hygie.catalogue.ApplyOutcome;
import fr.hygie.catalogue.Assessment;
import fr.hygie.catalogue.Catalogue;
import fr.hygie.catalogue.CatalogueEntry;
import fr.hygie.catalogue.Criterion;
import fr.hygie.catalogue.NewApplication;
import fr.hygie.catalogue.ReviewScore;
import fr.hygie.catalogue.ServiceApplication;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public side of the catalogue: the list of decided services (referenced, suspended, refused, each
 * with its reasons), a service's sheet, the application form for publishers and their status page.
 */
@Controller
class CataloguePagesController {

    private final WebMessages texts;

    private final Catalogue catalogue;

    CataloguePagesController(Catalogue catalogue, WebMessages texts) {

        this.texts = texts;
        this.catalogue = catalogue;
    }

    @GetMapping("/catalogue")
    String list(Model model) {
        List<CatalogueEntry> all = catalogue.decided();
        model.addAttribute("referenced", all.stream().filter(e -> e.application().status() == ApplicationStatus.REFERENCED).toList());
        model.addAttribute("suspended", all.stream().filter(e -> e.application().status() == ApplicationStatus.SUSPENDED).toList());
        model.addAttribute("refused", all.stream().filter(e -> e.application().status() == ApplicationStatus.REFUSED).toList());
        return "catalogue/list";
    }

    @GetMapping("/catalogue/{id}")
    String sheet(@PathVariable String id, Model model) {
        Optional<ServiceApplication> app = parse(id).flatMap(catalogue::byId).filter(a -> a.status() != ApplicationStatus.SUBMITTED);
        if (app.isEmpty()) {
            model.addAttribute("error", texts.get("catalogue.flash.unknownDecision"));
            return list(model);
        }
        sheetModel(app.get(), model);
        return "catalogue/sheet";
    }

    @GetMapping("/catalogue/candidater")
    String form(Model model) {
        model.addAttribute("criteria", Criterion.values());
        model.addAttribute("form", Map.of());
        return "catalogue/apply";
    }

    @PostMapping("/catalogue/candidater")
    String apply(@RequestParam Map<String, String> form, Model model) {
        NewApplication a = read(form);
        ApplyOutcome outcome = catalogue.apply(a);
        if (outcome instanceof ApplyOutcome.Invalid invalid) {
            model.addAttribute("criteria", Criterion.values());
            model.addAttribute("form", form);
            model.addAttribute("errors", invalid.errors());
            return "catalogue/apply";
        }
        if (outcome instanceof ApplyOutcome.Received r) {
            model.addAttribute("reference", r.reference());
            model.addAttribute("token", r.statusToken());
            model.addAttribute("refusals", List.of());
        } else if (outcome instanceof ApplyOutcome.RefusedAtOnce r) {
            model.addAttribute("reference", r.reference());
            model.addAttribute("token", r.statusToken());
            model.addAttribute("refusals", r.refusals());
        }
        return "catalogue/applied";
    }

    @GetMapping("/catalogue/candidature/{token}")
    String status(@PathVariable String token, Model model) {
        Optional<ServiceApplication> app = catalogue.byStatusToken(token);
        if (app.isEmpty()) {
            return "catalogue/unknown-link";
        }
        sheetModel(app.get(), model);
        model.addAttribute("token", token);
        return "catalogue/status";
    }

    /** Draws a new client secret for a referenced confidential app; shown once, on this response only. */
    @PostMapping("/catalogue/candidature/{token}/secret")
    String secret(@PathVariable String token, Model model, jakarta.servlet.http.HttpServletResponse response) {
        Optional<ServiceApplication> app = catalogue.byStatusToken(token);
        if (app.isEmpty()) {
            // The page explains, but the request for a new secret failed: not a 200 (security.RouteMatrixTest).
            response.setStatus(404);
            return "catalogue/unknown-link";
        }
        Optional<String> secret = catalogue.newClientSecret(token);
        sheetModel(app.get(), model);
        model.addAttribute("token", token);
        if (secret.isPresent()) {
            model.addAttribute("secret", secret.get());
        } else {
            model.addAttribute("error", texts.get("catalogue.flash.secretOnlyConfidential"));
        }
        return "catalogue/status";
    }

    private void sheetModel(ServiceApplication app, Model model) {
        model.addAttribute("a", app);
        model.addAttribute("self", catalogue.selfAssessment(app.id()));
        Map<Criterion, ReviewScore> scores = new EnumMap<>(Criterion.class);
        catalogue.scores(app.id()).forEach(s -> scores.put(s.criterion(), s));
        model.addAttribute("scores", scores);
        model.addAttribute("decisions", catalogue.decisions(app.id()));
        model.addAttribute("criteria", Criterion.values());
    }

    static NewApplication read(Map<String, String> f) {
        Map<Criterion, Assessment> self = new EnumMap<>(Criterion.class);
        for (Criterion c : Criterion.values()) {
            Integer score = score(f.get("self_" + c.key()));
            if (score != null) {
                self.put(c, new Assessment(score, f.get("self_comment_" + c.key())));
            }
        }
        return new NewApplication(f.get("serviceName"), f.get("description"), f.get("publisher"), f.get("contactEmail"),
                f.get("hostingProvider"), f.get("hostingCountry"), f.get("hostingLawCountry"), f.get("certifications"), f.get("dataUsed"),
                f.get("dataPurpose"), f.get("businessModel"), "oui".equals(f.get("sellsData")), "oui".equals(f.get("advertising")),
                f.get("accessibilityStatement"), f.get("footprint"), f.get("redirectUris"), f.get("requestedScopes"),
                "confidentiel".equals(f.get("clientType")), self);
    }

    static Integer score(String s) {
        if (s == null || !s.matches("[0-3]")) {
            return null;
        }
        return Integer.valueOf(s);
    }

    static Optional<UUID> parse(String id) {
        try {
            return id != null && id.length() == 36 ? Optional.of(UUID.fromString(id)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
