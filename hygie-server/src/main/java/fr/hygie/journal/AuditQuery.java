package fr.hygie.journal;

import java.time.Instant;
import java.util.UUID;

/**
 * An auditor's search of the journal; every criterion is optional ({@code null} = any). The period is
 * {@code from} inclusive, {@code to} exclusive.
 */
public record AuditQuery(UUID actorAccountId, UUID patientId, JournalAction action, JournalDecision decision,
        Instant from, Instant to) {

    public static AuditQuery any() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    public AuditQuery byActor(UUID accountId) {
        return new AuditQuery(accountId, patientId, action, decision, from, to);
    }

    public AuditQuery aboutPatient(UUID patient) {
        return new AuditQuery(actorAccountId, patient, action, decision, from, to);
    }

    public AuditQuery withAction(JournalAction a) {
        return new AuditQuery(actorAccountId, patientId, a, decision, from, to);
    }

    public AuditQuery withDecision(JournalDecision d) {
        return new AuditQuery(actorAccountId, patientId, action, d, from, to);
    }

    public AuditQuery between(Instant start, Instant end) {
        return new AuditQuery(actorAccountId, patientId, action, decision, start, end);
    }
}
