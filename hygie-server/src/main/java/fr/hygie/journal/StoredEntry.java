package fr.hygie.journal;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code journal.entry} exactly as stored: enums as their text, so that the verifier hashes
 * what is in the table, even a value no enum knows (a tampered row must fail the hash, not crash).
 */
record StoredEntry(UUID id, String chain, long seq, Instant at, UUID actorAccountId, String actorName,
        String actorRole, UUID actingForAccountId, String actingForName, String actingForRole, UUID patientId,
        String action, String objectType, String objectId, String decision, String reasonCode, String channel,
        String justification, byte[] prevHash, byte[] hash) {

    static final String COLUMNS = """
            id, chain, seq, at, actor_account_id, actor_name, actor_role, acting_for_account_id, acting_for_name,
            acting_for_role, patient_id, action, object_type, object_id, decision, reason_code, channel,
            justification, prev_hash, hash""";

    static StoredEntry read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredEntry(rs.getObject("id", UUID.class), rs.getString("chain"), rs.getLong("seq"),
                rs.getObject("at", java.time.OffsetDateTime.class).toInstant(),
                rs.getObject("actor_account_id", UUID.class), rs.getString("actor_name"), rs.getString("actor_role"),
                rs.getObject("acting_for_account_id", UUID.class), rs.getString("acting_for_name"),
                rs.getString("acting_for_role"), rs.getObject("patient_id", UUID.class), rs.getString("action"),
                rs.getString("object_type"), rs.getString("object_id"), rs.getString("decision"),
                rs.getString("reason_code"), rs.getString("channel"), rs.getString("justification"),
                rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }

    JournalEntry toEntry() {
        return new JournalEntry(id, chain, seq, at, new JournalActor(actorAccountId, actorName, actorRole),
                actingForName == null && actingForRole == null && actingForAccountId == null ? null
                        : new JournalActor(actingForAccountId, actingForName, actingForRole),
                patientId, JournalAction.valueOf(action), objectType, objectId, JournalDecision.valueOf(decision),
                reasonCode, JournalChannel.valueOf(channel), justification, Hashing.hex(hash));
    }
}
