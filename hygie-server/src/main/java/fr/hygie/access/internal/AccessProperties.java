package fr.hygie.access.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the access module: {@code hygie.access.emergency-session-duration} (default 4 h, the
 * time of an emergency care episode) and {@code hygie.access.matrix} (the matrice d'habilitation in force).
 */
@ConfigurationProperties(prefix = "hygie.access")
public record AccessProperties(
        @DefaultValue("4h") Duration emergencySessionDuration,
        @DefaultValue("classpath:access/matrice-habilitation-v1.csv") String matrix) {
}
