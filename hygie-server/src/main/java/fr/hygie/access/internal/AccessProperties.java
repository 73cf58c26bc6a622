package fr.hygie.access.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the access module: {@code hygie.access.emergency-session-duration} (default 4 h, the
 * time of an emergency care episode), {@code hygie.access.matrix} (the matrice d'habilitation in force) and
 * {@code hygie.access.relationship-cache-size} (how many (person, professional) pairs' relationship facts are kept
 * in memory between decisions, {@link RelationshipCache}; ~200 bytes each).
 */
@ConfigurationProperties(prefix = "hygie.access")
public record AccessProperties(
        @DefaultValue("4h") Duration emergencySessionDuration,
        @DefaultValue("classpath:access/matrice-habilitation-v1.csv") String matrix,
        @DefaultValue("50000") int relationshipCacheSize) {
}
