package fr.hygie.journal;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry as stored: its place in its chain ({@code chain}, {@code seq}, from 1), the time (microsecond
 * precision) and {@code hash}, the lowercase hex SHA-256 that links it to the previous entry.
 */
public record JournalEntry(UUID id, String chain, long seq, Instant at, JournalActor actor, JournalActor actingFor,
        UUID patientId, JournalAction action, String objectType, String objectId, JournalDecision decision,
        String reasonCode, JournalChannel channel, String justification, String hash) {
}
