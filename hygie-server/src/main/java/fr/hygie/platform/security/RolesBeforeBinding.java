package fr.hygie.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A page's {@code @PreAuthorize} role check, made <em>before</em> its parameters are read: Spring checks the
 * annotation when the method is called, after binding, so a wrong role posting an incomplete form got the
 * form's 400 instead of the refusal (the authorisation matrix, {@code security.RouteMatrixTest}, could then
 * not tell "refused" from "allowed but invalid"). Only expressions without arguments are checked here — all of
 * Hygie's are roles ({@code hasRole}, {@code hasAnyRole}); the call itself is still checked by Spring's own
 * interceptor, so nothing is ever allowed by this one.
 */
@Configuration(proxyBeanMethods = false)
class RolesBeforeBinding implements WebMvcConfigurer, HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();
    /**
     * What to check for each handler method: the annotation search ran on every request and was ~2 % of the server's
     * CPU on a record read (docs/benchmarks.md, « Session 6 — record read »), and evaluating the expression through
     * Spring Security's expression handler another ~1.6 % (« Session 9 — rendering »). Keyed by controller class and
     * method (a class-level annotation counts); bounded by the application's handler methods.
     */
    private final ConcurrentHashMap<List<Object>, Check> checks = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Check check = checks.computeIfAbsent(List.of(method.getBeanType(), method.getMethod()), k -> checkOf(method));
        if (check == Check.NONE) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean granted;
        if (check.roles != null && authentication != null) {
            granted = hasAnyAuthority(authentication, check.roles);
        } else {
            AuthorizationResult result = manager.authorize(() -> authentication,
                    new SimpleMethodInvocation(method.getBean(), method.getMethod(), new Object[method.getMethod().getParameterCount()]));
            granted = result == null || result.isGranted();
        }
        if (!granted) {
            throw new AccessDeniedException("Accès refusé");
        }
        return true;
    }

    /**
     * {@code hasRole('A')} and {@code hasAnyRole('A', 'B')} — all of Hygie's expressions — are read once into the
     * authorities they name ({@code ROLE_A}, {@code ROLE_B}) and checked against the user's authorities directly, as
     * Spring's expression does it (default {@code ROLE_} prefix, no role hierarchy: Hygie defines none); any other
     * expression is evaluated by Spring Security's {@link PreAuthorizeAuthorizationManager} as before.
     */
    static Check checkOf(HandlerMethod method) {
        PreAuthorize on = method.getMethodAnnotation(PreAuthorize.class);
        if (on == null) {
            on = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), PreAuthorize.class);
        }
        if (on == null || on.value().contains("#")) {
            // No expression, or one that names a parameter ({@code #id}): it cannot be evaluated before binding and is
            // left to Spring's check.
            return Check.NONE;
        }
        Matcher m = ROLES.matcher(on.value().strip());
        if (!m.matches()) {
            return new Check(null);
        }
        Set<String> roles = new HashSet<>();
        Matcher name = ROLE_NAME.matcher(m.group(2));
        while (name.find()) {
            roles.add("ROLE_" + name.group(1));
        }
        return roles.isEmpty() || "hasRole".equals(m.group(1)) && roles.size() != 1 ? new Check(null) : new Check(Set.copyOf(roles));
    }

    private static boolean hasAnyAuthority(Authentication authentication, Set<String> roles) {
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (roles.contains(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    /** {@code hasRole('A')} or {@code hasAnyRole('A', 'B', …)} with plain role names (not already prefixed). */
    private static final Pattern ROLES = Pattern.compile(
            "(hasRole|hasAnyRole)\\(\\s*('(?!ROLE_)[A-Z][A-Z0-9_]*'(?:\\s*,\\s*'(?!ROLE_)[A-Z][A-Z0-9_]*')*)\\s*\\)");
    private static final Pattern ROLE_NAME = Pattern.compile("'([A-Z][A-Z0-9_]*)'");

    /** The authorities a role expression names ({@code roles}), or null: the expression is evaluated by Spring. */
    record Check(Set<String> roles) {
        static final Check NONE = new Check(Set.of());
    }
}
