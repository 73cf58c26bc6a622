package fr.hygie.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
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
     * Whether a handler's expression names a parameter, by handler method: the annotation search ran on every request
     * and was ~2 % of the server's CPU on a record read (docs/benchmarks.md, « Session 6 — record read »). Keyed by
     * controller class and method (a class-level annotation counts); bounded by the application's handler methods.
     */
    private final java.util.concurrent.ConcurrentHashMap<java.util.List<Object>, Boolean> usesArguments =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || usesArguments.computeIfAbsent(java.util.List.of(method.getBeanType(), method.getMethod()), k -> usesArguments(method))) {
            return true;
        }
        AuthorizationResult result = manager.authorize(SecurityContextHolder.getContext()::getAuthentication,
                new SimpleMethodInvocation(method.getBean(), method.getMethod(), new Object[method.getMethod().getParameterCount()]));
        if (result != null && !result.isGranted()) {
            throw new AccessDeniedException("Accès refusé");
        }
        return true;
    }

    /** An expression that names a parameter ({@code #id}) cannot be evaluated before binding: left to Spring's check. */
    private static boolean usesArguments(HandlerMethod method) {
        org.springframework.security.access.prepost.PreAuthorize on = method.getMethodAnnotation(
                org.springframework.security.access.prepost.PreAuthorize.class);
        if (on == null) {
            on = org.springframework.core.annotation.AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(),
                    org.springframework.security.access.prepost.PreAuthorize.class);
        }
        return on != null && on.value().contains("#");
    }
}
