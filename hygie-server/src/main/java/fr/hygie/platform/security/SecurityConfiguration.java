package fr.hygie.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Web security for the HTML pages: form login at {@code /login} (fields {@code username},
 * {@code password}, CSRF field {@code _csrf}), a new session id at login, throttling, one generic
 * failure message, strict security headers (no inline script, no framing, no third-party origin).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity
class SecurityConfiguration {

    /** bcrypt cost 12: about 250 ms a check on our machines, a brake on offline guessing. */
    static final int BCRYPT_COST = 12;

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'self'; object-src 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(BCRYPT_COST);
    }

    /**
     * No Spring Security observations (no metrics or traces are exported: only health and info are exposed). Without
     * this bean every filter of the chain was wrapped, at every request, in an observation decorator whose
     * observations the {@code management.observations.enable.spring.security=false} predicate then dropped (issue 13,
     * docs/benchmarks.md « Session 7 — HTTP stack »). The filters themselves and their order are unchanged.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * The role checks of {@code @PreAuthorize} ({@code hasRole('PROFESSIONAL')}, {@code hasAnyRole(…)}) compiled to
     * bytecode after their first hundred evaluations instead of interpreted at every call (Spring's SpEL « mixed » mode:
     * an expression that cannot be compiled, or whose compiled form fails, is interpreted as before). The interpreter
     * — method lookup, argument conversion and reflective call at every controller call — was 1.2 % of the request
     * threads' CPU on a record read (issue 13, docs/benchmarks.md « Session 11 — the request's path outside our code,
     * again »). Same handler otherwise as Spring Security's default: same expressions, same root object, same role
     * prefix ({@code ROLE_}), no role hierarchy, the application context as bean resolver.
     */
    @Bean
    static org.springframework.security.access.expression.method.MethodSecurityExpressionHandler methodSecurityExpressionHandler(
            org.springframework.context.ApplicationContext context) {
        var handler = new org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler();
        handler.setApplicationContext(context);
        handler.setExpressionParser(new org.springframework.expression.spel.standard.SpelExpressionParser(
                new org.springframework.expression.spel.SpelParserConfiguration(
                        org.springframework.expression.spel.SpelCompilerMode.MIXED, SecurityConfiguration.class.getClassLoader())));
        return handler;
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(dao, throttle));
    }

    @Bean
    @Order(100)
    SecurityFilterChain pages(HttpSecurity http, ObjectProvider<PublicRoutes> publicRoutes,
            AuthenticationManager authenticationManager) throws Exception {
        List<String> open = new ArrayList<>(List.of("/", "/login", "/aide", "/droits", "/css/**", "/js/**", "/img/**", "/favicon.ico",
                "/error", "/actuator/health", "/actuator/health/**", "/actuator/info"));
        publicRoutes.orderedStream().forEach(r -> open.addAll(r.patterns()));
        http
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f
                        .loginPage("/login")
                        .defaultSuccessUrl("/accueil", false)
                        .failureHandler((request, response, e) -> response.sendRedirect(
                                request.getContextPath() + (e instanceof LockedException ? "/login?bloque" : "/login?erreur"))))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/?deconnexion").deleteCookies("JSESSIONID"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
        return http.build();
    }
}
