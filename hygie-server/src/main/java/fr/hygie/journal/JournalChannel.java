package fr.hygie.journal;

/** The door the request came through. */
public enum JournalChannel {
    WEB, FHIR, API, CLI, SYSTEM
}
