package fr.hygie.web.catalogue;

import fr.hygie.platform.security.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pages open without an account: the public catalogue and each service's sheet (decisions and their
 * reasons are public, refusals included), the application form, and the publisher's status page, reached
 * only through the private link given when applying.
 */
@Configuration(proxyBeanMethods = false)
class CatalogueWebConfiguration {

    @Bean
    PublicRoutes cataloguePublicRoutes() {
        return PublicRoutes.of("/catalogue", "/catalogue/*", "/catalogue/candidature/**");
    }
}
