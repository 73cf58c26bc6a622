package fr.hygie.prescriptions;

/** A signed prescription and its access code, shown once: it is stored here only as a hash. */
public record Signed(Prescription prescription, AccessCode accessCode) {
}
