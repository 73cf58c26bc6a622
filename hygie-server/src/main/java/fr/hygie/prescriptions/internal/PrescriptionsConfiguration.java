package fr.hygie.prescriptions.internal;

import fr.hygie.platform.security.PublicRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring of the prescriptions module: the public pages (the receipt key and the verification page carry
 * no health data and must be usable by anyone holding a receipt).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PrescriptionsConfiguration {

    static final String PUBLIC_KEY = "/ordonnances/cle-publique";
    static final String VERIFY = "/ordonnances/verification";

    @Bean
    PublicRoutes prescriptionsPublicRoutes() {
        return PublicRoutes.of(PUBLIC_KEY, VERIFY);
    }
}
