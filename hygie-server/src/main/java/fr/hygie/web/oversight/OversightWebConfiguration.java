package fr.hygie.web.oversight;

import fr.hygie.platform.security.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pages anyone may reach without an account: the public algorithm registry (transparency is owed to
 * everyone, EU AI Act art. 13) and « Parler à une personne » (a human contact for anyone, DOMAIN).
 */
@Configuration(proxyBeanMethods = false)
class OversightWebConfiguration {

    @Bean
    PublicRoutes oversightPublicRoutes() {
        return PublicRoutes.of("/algorithmes", "/algorithmes/*", "/contact", "/contact/envoyee");
    }
}
