package fr.hygie.journal;
public enum JournalChannel { WEB, FHIR, API, CLI, SYSTEM }
