package fr.hygie.prescriptions;

import java.util.Objects;
import java.util.UUID;

/** Identifier of a prescription (internal; people use its {@link PrescriptionNumber}). */
public record PrescriptionId(UUID value) {

    public PrescriptionId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses a path segment; empty when it is not a UUID. */
    public static java.util.Optional<PrescriptionId> parse(String raw) {
        try {
            return java.util.Optional.of(new PrescriptionId(UUID.fromString(raw)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
