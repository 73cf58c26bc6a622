package fr.hygie.journal;
import java.util.UUID;
public record JournalActor(UUID accountId, String displayName, String role) { public static JournalActor system(String name) { return new JournalActor(null, name, "SYSTEM"); } }
