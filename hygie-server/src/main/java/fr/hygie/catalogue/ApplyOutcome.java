package fr.hygie.catalogue;

import java.util.List;
import java.util.Map;

/**
 * What became of a filed application: received for review, refused at once with the reasons (both carry
 * the reference and the status token, shown once to the publisher), or not filed because a field is
 * missing or wrong.
 */
public sealed interface ApplyOutcome {

    record Received(String reference, String statusToken) implements ApplyOutcome {
    }

    record RefusedAtOnce(String reference, String statusToken, List<Refusal> refusals) implements ApplyOutcome {
    }

    /** Field name → French message. */
    record Invalid(Map<String, String> errors) implements ApplyOutcome {
    }
}
