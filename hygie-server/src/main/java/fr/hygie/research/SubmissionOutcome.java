package fr.hygie.research;

import java.util.Map;

/** The answer to a submission: registered, refused for a prohibited use (article cited), or to be corrected. */
public sealed interface SubmissionOutcome {

    record Submitted(ProjectId project) implements SubmissionOutcome {
    }

    /** Refused at once: the project declares a use that EHDS forbids. Nothing is registered. */
    record Prohibited(ProhibitedUse use, String message) implements SubmissionOutcome {

        public Prohibited(ProhibitedUse use) {
            this(use, ResearchWording.PROHIBITED.french(use, use.citation()));
        }

        public String citation() {
            return use.citation();
        }

        /** The message as a code with its arguments, for pages ({@code code.research.ResearchWording.PROHIBITED}). */
        public ResearchWording wording() {
            return ResearchWording.PROHIBITED;
        }

        public java.util.List<Object> args() {
            return java.util.List.of(use, use.citation());
        }
    }

    /** What to correct in a field: a code with its arguments ({@link #french()} for the APIs). */
    record FieldError(ResearchWording wording, java.util.List<Object> args) {

        public FieldError {
            args = java.util.List.copyOf(args);
        }

        public FieldError(ResearchWording wording, Object... args) {
            this(wording, java.util.List.of(args));
        }

        public String french() {
            return wording.french(args.toArray());
        }
    }

    /** Fields to correct: field name → what to correct, in the form's order; {@link #errors()} in French. */
    record Invalid(Map<String, FieldError> fields) implements SubmissionOutcome {
        public Invalid {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        /** Field name → French message, in the form's order. */
        public Map<String, String> errors() {
            Map<String, String> french = new java.util.LinkedHashMap<>();
            fields.forEach((field, error) -> french.put(field, error.french()));
            return java.util.Collections.unmodifiableMap(french);
        }
    }
}
