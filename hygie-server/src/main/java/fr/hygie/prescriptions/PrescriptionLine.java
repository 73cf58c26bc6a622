package fr.hygie.prescriptions;

/**
 * One line of a prescription: a product or test of the formulary ({@code code}: ATC or LOINC), its label,
 * the free-text dosage (« posologie ») and the quantity (boxes, or 1 for a test).
 */
public record PrescriptionLine(int lineNo, String code, String label, String dosage, int quantity) {
}
