package fr.hygie.prescriptions;

/**
 * A prescription accepted by a pharmacy and the secret (« secret ») that only this pharmacy holds: every
 * later move (dispense, hand back, complete) must present it. Stored only as a hash.
 */
public record Accepted(PrescriptionView view, String secret) {
}
