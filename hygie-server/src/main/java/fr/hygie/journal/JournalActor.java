package fr.hygie.journal;

import java.util.UUID;

/**
 * Who did something, as the journal will show it forever: the account (absent for the platform
 * itself), the name displayed at that moment and the role held ({@code fr.hygie.identity.Role} name,
 * or {@code SYSTEM}).
 */
public record JournalActor(UUID accountId, String displayName, String role) {

    public static final String SYSTEM_ROLE = "SYSTEM";

    /** A platform task (checkpoint, import, purge): no account. */
    public static JournalActor system(String name) {
        return new JournalActor(null, name, SYSTEM_ROLE);
    }
}
