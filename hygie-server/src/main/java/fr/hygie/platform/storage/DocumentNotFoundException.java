package fr.hygie.platform.storage;

import java.util.UUID;

/**
 * No blob has this id: the metadata and the store disagree (a bug, a restore from an incomplete
 * backup, or a document already erased). Callers that expect absence use {@link DocumentStore#exists}.
 */
public class DocumentNotFoundException extends RuntimeException {

    private final UUID id;

    public DocumentNotFoundException(UUID id) {
        super("No stored document content with id " + id);
        this.id = id;
    }

    public UUID id() {
        return id;
    }
}
