package fr.hygie.record;

/** The result of adding a document: added, or refused for a reason the actor may be told. */
public sealed interface AddOutcome {

    record Added(DocumentSummary document) implements AddOutcome {
    }

    /**
     * Refused: the French message the APIs answer with, and the same message as a code ({@link #wording()}, null for
     * a text made elsewhere) so that pages say {@code code.record.AddOutcome.Wording.<CODE>} in the reader's language.
     */
    record Refused(String message, Wording wording) implements AddOutcome {

        public Refused(String message) {
            this(message, null);
        }

        public Refused(Wording wording) {
            this(wording.label(), wording);
        }
    }

    /** Why a document was not added; {@link #label()} is the French sentence (same wording in the bundles). */
    enum Wording {
        NOT_ALLOWED("Vous ne pouvez pas ajouter de document à cet espace santé.");

        private final String label;

        Wording(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
