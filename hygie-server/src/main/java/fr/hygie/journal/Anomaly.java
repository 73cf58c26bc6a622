package fr.hygie.journal;

import java.time.Instant;

/**
 * A pattern in the journal that an auditor should look at (not a verdict): who, how many, over which
 * period ({@code from} inclusive, {@code to} exclusive) and why it stands out, in French.
 * {@code formerKeyId} is null for this platform's journal; otherwise the pattern was found in the former
 * platforms' journals of persons who moved here, on the platform whose checkpoint key id it names (« ancienne
 * plateforme »): its actor is one of that platform's accounts, not one of ours.
 */
public record Anomaly(Kind kind, JournalActor actor, long count, Instant from, Instant to, String explanation, String formerKeyId) {

    public enum Kind {
        /** Far more emergency accesses (bris de glace) than peers. */
        EMERGENCY_ACCESS_OUTLIER,
        /** Accesses to patients' data between 22:00 and 06:00, Paris time. */
        UNUSUAL_HOURS,
        /** Read or listed more distinct patients in one day than the configured threshold. */
        MANY_PATIENTS_IN_ONE_DAY
    }

    public boolean former() {
        return formerKeyId != null;
    }
}
