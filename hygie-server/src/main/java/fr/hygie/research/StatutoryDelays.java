package fr.hygie.research;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Statutory delays (délais réglementaires) of each step, in days from the moment the project reached the
 * status that awaits it ({@code hygie.research.delays.*}). Defaults: completeness 30 days; ethics and
 * scientific opinion 30 days (CESREES: one month); authorisation 60 days (loi Informatique et Libertés
 * art. 76: CNIL decides within two months); data agreement 30 days; extraction 60 days; results 548 days
 * (EHDS art. 61(4): results public within 18 months of the end of processing); closing 30 days.
 */
@ConfigurationProperties(prefix = "hygie.research.delays")
public record StatutoryDelays(
        @DefaultValue("30") int completenessDays,
        @DefaultValue("30") int ethicsOpinionDays,
        @DefaultValue("60") int authorisationDays,
        @DefaultValue("30") int agreementDays,
        @DefaultValue("60") int extractionDays,
        @DefaultValue("548") int resultsDays,
        @DefaultValue("30") int closingDays) {

    /** The defaults, for tests and tools without Spring. */
    public static StatutoryDelays defaults() {
        return new StatutoryDelays(30, 30, 60, 30, 60, 548, 30);
    }

    /** The delay of the step awaited in {@code status}; empty when nothing statutory is awaited. */
    public Optional<Duration> awaitedIn(ProjectStatus status) {
        switch (status) {
            case SUBMITTED:
                return days(completenessDays);
            case COMPLETE:
                return days(ethicsOpinionDays);
            case ETHICS_FAVOURABLE:
                return days(authorisationDays);
            case AUTHORISED:
                return days(agreementDays);
            case AGREEMENT_SIGNED:
                return days(extractionDays);
            case EXTRACTION_DONE:
                return days(resultsDays);
            case RESULTS_PUBLISHED:
                return days(closingDays);
            default: // INCOMPLETE waits for the team; terminal statuses wait for nothing
                return Optional.empty();
        }
    }

    private static Optional<Duration> days(int d) {
        return d <= 0 ? Optional.empty() : Optional.of(Duration.ofDays(d));
    }
}
