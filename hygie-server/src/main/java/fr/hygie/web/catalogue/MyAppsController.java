package fr.hygie.web.catalogue;

import fr.hygie.catalogue.AppConnections;
import fr.hygie.catalogue.Outcome;
import fr.hygie.identity.HygieUser;
import fr.hygie.platform.security.oauth.ScopeDescriptions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * « Mes applications connectées »: the apps the logged-in person authorised, what each read, and the
 * button that withdraws one at once. Always the person's own authorisations, also when they act for
 * someone else: an app is connected to an account, not to a mandate.
 */
@Controller
class MyAppsController {

    private final AppConnections connections;
    private final ScopeDescriptions scopes;

    private final fr.hygie.web.Codes codes;

    MyAppsController(AppConnections connections, ScopeDescriptions scopes, fr.hygie.web.Codes codes) {
        this.codes = codes;
        this.scopes = scopes;
        this.connections = connections;
    }

    @GetMapping("/mes-applications")
    String list(@AuthenticationPrincipal HygieUser user, Model model) {
        var apps = connections.of(user);
        model.addAttribute("connected", apps.stream().filter(a -> a.connected()).toList());
        model.addAttribute("past", apps.stream().filter(a -> !a.connected()).toList());
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        apps.forEach(a -> a.scopes().forEach(s -> labels.put(s, scopes.describe(s) + " (" + s + ")")));
        model.addAttribute("scopeLabels", labels);
        return "catalogue/my-apps";
    }

    @PostMapping("/mes-applications/retirer")
    String revoke(@AuthenticationPrincipal HygieUser user, @RequestParam(required = false) String clientId, RedirectAttributes redirect) {
        Outcome o = connections.revoke(user, clientId);
        redirect.addFlashAttribute(o.done() ? "message" : "error", codes.say(o.wording(), o.args(), o.message()));
        return "redirect:/mes-applications";
    }
}
