package fr.hygie.journal;

import java.util.UUID;

/** The cast of the journal tests and short ways to write drafts. */
final class Drafts {

    static final JournalActor DR_MARTIN = new JournalActor(UUID.fromString("00000000-0000-7000-8000-000000000001"),
            "Dr Claire Martin", "PROFESSIONAL");

    private Drafts() {
    }

    static JournalActor professional(String name) {
        return new JournalActor(UUID.randomUUID(), name, "PROFESSIONAL");
    }

    static JournalEntryDraft read(JournalActor actor, UUID patient) {
        return new JournalEntryDraft(actor, null, patient, JournalAction.READ, "DocumentReference",
                UUID.randomUUID().toString(), JournalDecision.PERMIT, "CARE_TEAM", JournalChannel.WEB, null);
    }

    static JournalEntryDraft draft(JournalActor actor, UUID patient, JournalAction action, JournalDecision decision) {
        return new JournalEntryDraft(actor, null, patient, action, "DocumentReference", null, decision, null,
                JournalChannel.WEB, null);
    }
}
