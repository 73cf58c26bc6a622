package fr.hygie.prescriptions;

import java.time.Instant;

/**
 * What the pharmacy handed over for one line: the product actually given (a substitute has another
 * code and label) and the quantity (less than prescribed for a partial dispensation).
 */
public record DispensedLine(int lineNo, String code, String label, int quantity, boolean substituted, Instant dispensedAt) {
}
