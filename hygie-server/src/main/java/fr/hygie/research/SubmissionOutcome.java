package fr.hygie.research;

import java.util.Map;

/** The answer to a submission: registered, refused for a prohibited use (article cited), or to be corrected. */
public sealed interface SubmissionOutcome {

    record Submitted(ProjectId project) implements SubmissionOutcome {
    }

    /** Refused at once: the project declares a use that EHDS forbids. Nothing is registered. */
    record Prohibited(ProhibitedUse use, String message) implements SubmissionOutcome {
        public String citation() {
            return use.citation();
        }
    }

    /** Fields to correct: field name → French message, in the form's order. */
    record Invalid(Map<String, String> errors) implements SubmissionOutcome {
        public Invalid {
            errors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(errors));
        }
    }
}
