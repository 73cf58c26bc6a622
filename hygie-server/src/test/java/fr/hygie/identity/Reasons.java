package fr.hygie.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.identity.InvalidIdentifier.Reason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helper: asserts the refusal reason, and that the message never echoes the submitted value. */
final class Reasons {

    private Reasons() {
    }

    static void refused(ThrowingCallable call, Reason reason, String submitted) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidIdentifier.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo(reason.message());
                    if (!submitted.isBlank()) {
                        assertThat(e.getMessage()).doesNotContain(submitted.replace(" ", ""));
                    }
                });
    }
}
