package fr.hygie.access;

/** What asking for an emergency session gave: an open session, or a refusal with its reason. */
public sealed interface EmergencyOpening permits EmergencyOpening.Opened, EmergencyOpening.Refused {

    record Opened(EmergencySession session) implements EmergencyOpening {
    }

    /**
     * Refused: {@link ReasonCode#EMERGENCY_ACCESS_DISABLED_BY_PATIENT}, {@link ReasonCode#JUSTIFICATION_TOO_SHORT},
     * {@link ReasonCode#NOT_A_PROFESSIONAL}, {@link ReasonCode#NOT_A_REGULATOR} or {@link ReasonCode#UNKNOWN_PROFESSIONAL}.
     */
    record Refused(ReasonCode reason, String message) implements EmergencyOpening {
    }
}
