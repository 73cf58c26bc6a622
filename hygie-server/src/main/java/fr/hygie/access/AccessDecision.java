package fr.hygie.access;

import java.util.Objects;

/**
 * The answer of the one decision point: permitted or not, and why. It is recorded in the journal
 * (the reason code is what the patient and the auditors read).
 *
 * <p>The reason of a refusal is for the journal, never for the actor: a caller shows a refused
 * professional exactly what it shows for something that does not exist (DOMAIN: "a restriction must
 * be invisible", EHDS art. 8).
 */
public record AccessDecision(boolean permitted, ReasonCode reason) {

    public AccessDecision {
        Objects.requireNonNull(reason, "reason");
    }

    public static AccessDecision permit(ReasonCode reason) {
        return new AccessDecision(true, reason);
    }

    public static AccessDecision deny(ReasonCode reason) {
        return new AccessDecision(false, reason);
    }

    public boolean denied() {
        return !permitted;
    }
}
