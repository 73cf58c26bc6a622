package fr.hygie.journal;
import java.util.UUID;
public record JournalEntryDraft(JournalActor actor, JournalActor actingFor, UUID patientId, JournalAction action, String objectType, String objectId, JournalDecision decision, String reasonCode, JournalChannel channel, String justification) {}
