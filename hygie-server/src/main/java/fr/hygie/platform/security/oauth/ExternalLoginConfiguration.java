package fr.hygie.platform.security.oauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Login delegated to an external OpenID Connect provider (Keycloak; FranceConnect or Pro Santé Connect
 * style), switched on by {@code hygie.oauth.external-login.enabled=true} with the provider declared
 * under {@code spring.security.oauth2.client.*}. The provider proves who the person is; the claim
 * {@code hygie.oauth.external-login.username-claim} names the Hygie account, and from then on the
 * session holds that account exactly as after the login form: same roles, same access decisions,
 * same tokens. An identity without a matching, enabled account is refused like a wrong password.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hygie.oauth.external-login.enabled", havingValue = "true")
class ExternalLoginConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExternalLoginConfiguration.class);

    @Bean
    @Order(20)
    SecurityFilterChain externalLogin(HttpSecurity http, UserDetailsService accounts, OAuthProperties properties) throws Exception {
        SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
        SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl("/accueil");
        http.securityMatcher("/oauth2/authorization/**", "/login/oauth2/code/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .oauth2Login(o -> o.successHandler((request, response, authentication) ->
                        onSuccess(request, response, authentication, accounts, properties, repository, next)));
        return http.build();
    }

    private static void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication external,
            UserDetailsService accounts, OAuthProperties properties, SecurityContextRepository repository,
            SavedRequestAwareAuthenticationSuccessHandler next) throws IOException, jakarta.servlet.ServletException {
        Object claim = external.getPrincipal() instanceof OAuth2User u ? u.getAttribute(properties.externalLogin().usernameClaim()) : null;
        UserDetails user;
        try {
            user = claim == null ? null : accounts.loadUserByUsername(String.valueOf(claim));
        } catch (UsernameNotFoundException e) {
            user = null;
        }
        if (user == null || !user.isEnabled()) {
            log.info("External login refused: no enabled Hygie account for the identity given by the provider");
            // The OAuth2 login filter has already saved the provider's authentication in the session before
            // calling this handler: clearing the thread is not enough, the session must forget it too (else
            // the next request is "logged in" without any Hygie account).
            SecurityContextHolder.clearContext();
            repository.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            jakarta.servlet.http.HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/login?erreur");
            return;
        }
        request.changeSessionId();
        Authentication local = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(local);
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
        next.onAuthenticationSuccess(request, response, local);
    }
}
