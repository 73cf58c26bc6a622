package fr.hygie.record;

import fr.hygie.platform.Labelled;

/**
 * Lifecycle of a document: a new version supersedes the old one; deletion crypto-erases the content. {@link #label()}
 * is the French wording the APIs say (« état du document »); pages say
 * {@code code.record.DocumentStatus.<CONSTANT>} in the reader's language.
 */
public enum DocumentStatus implements Labelled {
    CURRENT("version en vigueur"),
    SUPERSEDED("remplacé par une nouvelle version"),
    DELETED("supprimé");

    private final String label;

    DocumentStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
