package fr.hygie.research;

/** What importing a project from another platform did: stored, already there (nothing created), or refused with the French reason. */
public sealed interface ProjectImport {

    record Created(ProjectId id) implements ProjectImport {
    }

    record AlreadyThere(ProjectId id) implements ProjectImport {
    }

    record Refused(String reason) implements ProjectImport {
    }
}
