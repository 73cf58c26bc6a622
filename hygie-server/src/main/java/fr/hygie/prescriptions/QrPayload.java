package fr.hygie.prescriptions;

import java.util.Optional;

/**
 * What the QR code of a prescription carries: {@code HYGIE-ORD:1:<number>:<access code>} (version 1).
 * Nothing else: no name, no medication — a photo of the QR reveals no health data.
 */
public record QrPayload(PrescriptionNumber number, AccessCode accessCode) {

    static final String PREFIX = "HYGIE-ORD:1:";

    public String text() {
        return PREFIX + number.value() + ":" + accessCode.value();
    }

    public static Optional<QrPayload> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = text.substring(PREFIX.length()).split(":");
        if (parts.length != 2) {
            return Optional.empty();
        }
        Optional<PrescriptionNumber> n = PrescriptionNumber.parse(parts[0]);
        Optional<AccessCode> c = AccessCode.parse(parts[1]);
        return n.isPresent() && c.isPresent() ? Optional.of(new QrPayload(n.get(), c.get())) : Optional.empty();
    }
}
