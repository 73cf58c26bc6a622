package fr.hygie.web;

import fr.hygie.identity.HygieUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class HomeController {

    private final String phone;
    private final String phoneHours;
    private final ActingFor actingFor;
    private final fr.hygie.notifications.Notifications notifications;

    HomeController(@org.springframework.beans.factory.annotation.Value("${hygie.contact.phone:3646}") String phone,
            @org.springframework.beans.factory.annotation.Value("${hygie.contact.phone-hours:du lundi au vendredi, de 8 h 30 à 17 h 30}") String phoneHours,
            ActingFor actingFor, fr.hygie.notifications.Notifications notifications) {
        this.actingFor = actingFor;
        this.notifications = notifications;
        this.phone = phone;
        this.phoneHours = phoneHours;
    }

    @GetMapping("/aide")
    String help(Model model) {
        model.addAttribute("phone", phone);
        model.addAttribute("phoneHours", phoneHours);
        return "help";
    }

    @GetMapping("/droits")
    String rights() {
        return "rights";
    }

    /** The rights page in "facile à lire et à comprendre" (FALC, easy-to-read) language. */
    @GetMapping("/droits/facile")
    String rightsEasyToRead() {
        return "rights-easy";
    }

    @GetMapping("/")
    String home() {
        return "home";
    }

    @GetMapping("/login")
    String login(@RequestParam(name = "erreur", required = false) String error,
            @RequestParam(name = "bloque", required = false) String locked,
            @RequestParam(name = "active", required = false) String activated, Model model) {
        model.addAttribute("loginActivated", activated != null);
        model.addAttribute("loginError", error != null);
        model.addAttribute("loginLocked", locked != null);
        return "login";
    }

    /**
     * The site map (plan du site, RGAA 12.1 / WCAG 2.4.5 « plusieurs moyens »): every page the reader may reach —
     * the public pages, and once logged in the same lists as the dashboard for their role.
     */
    @GetMapping("/plan-du-site")
    String siteMap(@AuthenticationPrincipal HygieUser user, Model model) {
        if (user != null) {
            model.addAttribute("role", user.role().name());
        }
        return "sitemap";
    }

    /** The dashboard after login: what this role can do. */
    @GetMapping("/accueil")
    String dashboard(@AuthenticationPrincipal HygieUser user, jakarta.servlet.http.HttpSession session, Model model) {
        model.addAttribute("role", user.role().name());
        actingFor.subject(user, session).filter(p -> !actingFor.currentActor(user, session).representing())
                .ifPresent(p -> model.addAttribute("unread", notifications.unread(p)));
        model.addAttribute("roleKey", "dashboard.role." + user.role().name());
        return "dashboard";
    }
}
