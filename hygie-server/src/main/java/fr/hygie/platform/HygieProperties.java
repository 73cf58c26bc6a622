package fr.hygie.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hygie's own settings. Environment variables map the Spring Boot way:
 * {@code HYGIE_HOME}, {@code HYGIE_DATABASE_URL}, {@code HYGIE_DATABASE_USER},
 * {@code HYGIE_DATABASE_PASSWORD}, {@code HYGIE_DEMO_ENABLED}, {@code HYGIE_DEMO_PASSWORD},
 * {@code HYGIE_DEMO_PERSONS}, {@code HYGIE_DEMO_SEED}.
 */
@ConfigurationProperties(prefix = "hygie")
public record HygieProperties(
        @DefaultValue("data") String home,
        @DefaultValue Database database,
        @DefaultValue Demo demo) {

    /** An external PostgreSQL 15+ server; when {@code url} is empty, Hygie runs its embedded one. */
    public record Database(String url, String user, String password) {
        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * The demo population: the named accounts of the README plus a generated population of
     * {@code persons} persons. Refused by the production profile.
     */
    public record Demo(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("demo") String password,
            @DefaultValue("3000") int persons,
            @DefaultValue("20261129") long seed) {
    }
}
