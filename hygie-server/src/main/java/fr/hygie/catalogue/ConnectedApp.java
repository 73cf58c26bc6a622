package fr.hygie.catalogue;

import fr.hygie.journal.JournalEntry;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An app a person connected to their space: the referenced service ({@code applicationId}, absent if
 * unknown to the catalogue), the scopes granted, since when, until when ({@code revokedAt}, absent while
 * connected), and the journal entries of reads made through the API during that period.
 */
public record ConnectedApp(String clientId, String name, UUID applicationId, Set<String> scopes, Instant authorisedAt, Instant revokedAt,
        List<JournalEntry> reads) {

    public boolean connected() {
        return revokedAt == null;
    }
}
