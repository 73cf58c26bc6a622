package fr.hygie.journal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the journal ({@code hygie.journal.*}): how often a checkpoint is signed, and the
 * thresholds of the auditor's anomaly rules (see {@link JournalAudit}).
 */
@ConfigurationProperties(prefix = "hygie.journal")
public record JournalProperties(
        @DefaultValue("PT10M") Duration checkpointInterval,
        @DefaultValue("50") int distinctPatientsPerDay,
        @DefaultValue("3") long emergencyMinimum,
        @DefaultValue("3") double emergencyFactor) {
}
