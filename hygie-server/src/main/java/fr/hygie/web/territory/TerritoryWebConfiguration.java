package fr.hygie.web.territory;

import fr.hygie.platform.security.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public territory pages and their stylesheet need no login (open data on public health). */
@Configuration
class TerritoryWebConfiguration {

    @Bean
    PublicRoutes territoryPublicRoutes() {
        return PublicRoutes.of(TerritoryController.PUBLIC, TerritoryController.PUBLIC + "/donnees.csv", "/territory/**");
    }
}
