package fr.hygie.journal;

import java.util.UUID;

/**
 * An entry to append: who ({@code actor}), acting for whom ({@code actingFor}, e.g. a caregiver's
 * mandate), whose data ({@code patientId}, absent for platform events), what, outcome, why.
 * {@code reasonCode} is the policy's code (e.g. {@code CARE_TEAM}, {@code BLOCKED}); {@code justification}
 * the written reason of an emergency access. Required: actor (with name and role), action,
 * objectType, decision, channel.
 */
public record JournalEntryDraft(JournalActor actor, JournalActor actingFor, UUID patientId, JournalAction action,
        String objectType, String objectId, JournalDecision decision, String reasonCode, JournalChannel channel,
        String justification) {
}
