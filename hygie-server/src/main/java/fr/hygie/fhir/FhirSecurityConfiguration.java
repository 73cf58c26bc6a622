package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.platform.security.PublicRoutes;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Security of {@code /fhir/**}, before the pages' chain: a bearer token of the embedded authorisation
 * server or the browser session; no CSRF token (a token is not sent by the browser on its own, and a
 * session-authenticated write must carry a FHIR content type, which a cross-site form cannot send,
 * see {@link HygieFhirServer}); no session created for token calls. Anonymous calls get a 401
 * OperationOutcome, except the CapabilityStatement, the SMART configuration and the reads of public
 * referential data (Schedule, Slot, ResearchStudy), which are public.
 */
@Configuration(proxyBeanMethods = false)
class FhirSecurityConfiguration {

    @Bean
    @Order(50)
    SecurityFilterChain fhirApi(HttpSecurity http, JwtDecoder decoder, FhirTokens tokens, FhirContext fhir) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            boolean bearer = request.getHeader("Authorization") != null;
            response.setHeader("WWW-Authenticate", bearer ? "Bearer realm=\"hygie\", error=\"invalid_token\"" : "Bearer realm=\"hygie\"");
            Outcomes.write(fhir, response, 401, Outcomes.of(IssueSeverity.ERROR, IssueType.LOGIN,
                    bearer ? "Jeton d'accès invalide ou expiré." : "Authentification requise : session ou jeton d'accès (Bearer)."));
        };
        AccessDeniedHandler denied = (request, response, e) -> Outcomes.write(fhir, response, 403,
                Outcomes.of(IssueSeverity.ERROR, IssueType.FORBIDDEN, "Accès refusé."));
        http.securityMatcher("/fhir/**")
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/fhir/metadata", "/fhir/.well-known/smart-configuration").permitAll()
                        // The public directory (/rendez-vous) and research registry (/recherche/registre) are open
                        // without login: so are their FHIR forms (AppointmentResourceProviders, ResearchStudyResourceProvider).
                        .requestMatchers(HttpMethod.GET, "/fhir/Schedule", "/fhir/Schedule/*", "/fhir/Slot", "/fhir/Slot/*",
                                "/fhir/ResearchStudy", "/fhir/ResearchStudy/*").permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/fhir", "/fhir/").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(r -> r
                        .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied));
        return http.build();
    }

    /** The SMART configuration at the server root is public too (the one under /fhir is in the chain above). */
    @Bean
    PublicRoutes smartConfigurationRoute() {
        return PublicRoutes.of("/.well-known/smart-configuration");
    }
}
