package fr.hygie.web.research;

import fr.hygie.platform.security.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public registry of research projects is open to anyone, without login (DOMAIN: public registry). */
@Configuration(proxyBeanMethods = false)
class ResearchWebConfiguration {

    @Bean
    PublicRoutes researchPublicRoutes() {
        return PublicRoutes.of("/recherche/registre", "/recherche/registre/**", "/recherche/registre.csv", "/recherche/registre.json");
    }
}
