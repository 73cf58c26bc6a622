package fr.hygie.web;

import fr.hygie.identity.HygieUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

/**
 * What every page's layout needs: who is logged in, whom they act for (never any health data).
 *
 * <p>One method instead of one per attribute, and the attributes that cost a look-up are Thymeleaf lazy variables
 * (issue 13): this advice runs before every handler of {@code fr.hygie}, also those that answer without a page (a
 * document's content, a redirect), where a person's « Agir pour un proche » menu cost a query of their mandates for
 * nothing. A page reads each value at most once, when the layout first uses it.
 */
@ControllerAdvice(basePackages = "fr.hygie")
class PageModel {

    private final ActingFor actingFor;

    PageModel(ActingFor actingFor) {
        this.actingFor = actingFor;
    }

    @ModelAttribute
    void layout(@AuthenticationPrincipal HygieUser user, HttpServletRequest request, Model model) {
        model.addAttribute("currentUser", user);
        // The person acted for, shown in the banner on every page until the user switches back.
        model.addAttribute("actingFor", new LazyContextVariable<ActingFor.Represented>() {
            @Override
            protected ActingFor.Represented loadValue() {
                return actingFor.actingFor(user, request.getSession(false)).orElse(null);
            }
        });
        // Whether the menu offers "Agir pour un proche".
        model.addAttribute("mayActForOthers", new LazyContextVariable<Boolean>() {
            @Override
            protected Boolean loadValue() {
                return actingFor.mayActForOthers(user);
            }
        });
        model.addAttribute("currentPath", currentPath(request));
    }

    /** The current path, for the language link (same page, other language). Never a foreign URL. */
    static String currentPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/") && !path.startsWith("//") && !path.contains("\\") ? path : "/";
    }
}
