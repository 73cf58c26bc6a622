package fr.hygie.appointments;

import fr.hygie.platform.security.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Public pages of the module: the search of the care offer, practitioner pages, private agenda feeds (secret URL). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AppointmentsConfiguration {

    @Bean
    PublicRoutes appointmentsPublicRoutes() {
        return PublicRoutes.of("/rendez-vous", "/rendez-vous/praticien/**", "/agenda/flux/**");
    }
}
