package fr.hygie.web;

import fr.hygie.identity.HygieUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.servlet.view.UrlBasedViewResolver;

/**
 * What every page's layout needs: who is logged in, whom they act for (never any health data). Added to the model
 * of a page that Hygie's controllers render, after the controller ran and before the view is rendered; an attribute
 * the controller put there itself is kept.
 *
 * <p>This was a {@code @ControllerAdvice} with four {@code @ModelAttribute} methods: Spring then built four handler
 * methods, resolved their arguments and called them at <em>every</em> request, a document download or a redirect
 * included (~4 % of the server's CPU on a record read, and a mandate query per request for a person), and threw the
 * result away when no page was rendered (issue 13, docs/benchmarks.md « Session 7 — HTTP stack »). The same four
 * attributes, with the same values, are now computed only for a page: a redirect's model is not the page model (Spring
 * does not expose it either), an answer written by the controller itself ({@code ResponseEntity}, {@code
 * @ResponseBody}) has no model. Same scope as the advice had: handlers of Hygie's own controllers ({@code fr.hygie}).
 */
final class PageModel implements HandlerInterceptor {

    private final ActingFor actingFor;

    PageModel(ActingFor actingFor) {
        this.actingFor = actingFor;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || !(handler instanceof HandlerMethod method) || !ownController(method) || isRedirect(page)) {
            return;
        }
        Map<String, Object> model = page.getModel();
        HygieUser user = currentUser();
        putIfAbsent(model, "currentUser", user);
        if (!model.containsKey("actingFor")) {
            // The person acted for, shown in the banner on every page until the user switches back.
            model.put("actingFor", actingFor.actingFor(user, request.getSession(false)).orElse(null));
        }
        if (!model.containsKey("mayActForOthers")) {
            // Whether the menu offers "Agir pour un proche".
            model.put("mayActForOthers", actingFor.mayActForOthers(user));
        }
        putIfAbsent(model, "currentPath", currentPath(request));
    }

    private static void putIfAbsent(Map<String, Object> model, String name, Object value) {
        if (!model.containsKey(name)) {
            model.put(name, value);
        }
    }

    /** As the advice's {@code basePackages = "fr.hygie"}: Spring Boot's error controller is not ours. */
    private static boolean ownController(HandlerMethod method) {
        return method.getBeanType().getPackageName().startsWith("fr.hygie");
    }

    private static boolean isRedirect(ModelAndView page) {
        if (page.isReference()) {
            String name = page.getViewName();
            return name != null && name.startsWith(UrlBasedViewResolver.REDIRECT_URL_PREFIX);
        }
        View view = page.getView();
        return view instanceof RedirectView;
    }

    /** The logged-in user as {@code @AuthenticationPrincipal} resolved it: null when anonymous. */
    private static HygieUser currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof HygieUser user ? user : null;
    }

    /** The current path, for the language link (same page, other language). Never a foreign URL. */
    private static String currentPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/") && !path.startsWith("//") && !path.contains("\\") ? path : "/";
    }
}
