package fr.hygie.web;

import fr.hygie.identity.HygieUser;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page where a representative or a parent chooses whom they act for (agir pour un proche). */
@Controller
class ActingForController {

    private final ActingFor actingFor;

    ActingForController(ActingFor actingFor) {
        this.actingFor = actingFor;
    }

    @GetMapping("/agir-pour")
    String page(@AuthenticationPrincipal HygieUser user, HttpSession session, Model model) {
        return render(user, session, model, false);
    }

    @PostMapping("/agir-pour")
    String choose(@AuthenticationPrincipal HygieUser user, HttpSession session,
            @RequestParam(name = "patient", required = false) String patient, Model model, HttpServletResponse response) {
        ActingFor.Choice choice = actingFor.choose(user, session, patient);
        if (choice == ActingFor.Choice.REFUSED) {
            // Same answer for an unknown person and a person without a mandate: nothing is revealed.
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return render(user, session, model, true);
        }
        return "redirect:/accueil";
    }

    /** "Revenir à mon espace": a POST (it changes state), reachable from the banner on every page. */
    @PostMapping("/agir-pour/moi")
    String myself(HttpSession session) {
        actingFor.actForMyself(session);
        return "redirect:/accueil";
    }

    private String render(HygieUser user, HttpSession session, Model model, boolean refused) {
        model.addAttribute("choices", actingFor.choices(user));
        model.addAttribute("ownPatient", user.patientId().map(p -> p.value().toString()).orElse(null));
        model.addAttribute("current", actingFor.actingFor(user, session).map(r -> r.patient().value().toString()).orElse(null));
        model.addAttribute("refused", refused);
        return "acting-for";
    }
}
