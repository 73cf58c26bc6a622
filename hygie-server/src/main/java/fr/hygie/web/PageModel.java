package fr.hygie.web;

import fr.hygie.identity.HygieUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: who is logged in, whom they act for (never any health data). */
@ControllerAdvice(basePackages = "fr.hygie")
class PageModel {

    private final ActingFor actingFor;

    PageModel(ActingFor actingFor) {
        this.actingFor = actingFor;
    }

    @ModelAttribute("currentUser")
    HygieUser currentUser(@AuthenticationPrincipal HygieUser user) {
        return user;
    }

    /** The person acted for, shown in the banner on every page until the user switches back. */
    @ModelAttribute("actingFor")
    ActingFor.Represented actingFor(@AuthenticationPrincipal HygieUser user, HttpServletRequest request) {
        return actingFor.actingFor(user, request.getSession(false)).orElse(null);
    }

    /** Whether the menu offers "Agir pour un proche". */
    @ModelAttribute("mayActForOthers")
    boolean mayActForOthers(@AuthenticationPrincipal HygieUser user) {
        return actingFor.mayActForOthers(user);
    }

    /** The current path, for the language link (same page, other language). Never a foreign URL. */
    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/") && !path.startsWith("//") && !path.contains("\\") ? path : "/";
    }
}
