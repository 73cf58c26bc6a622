package fr.hygie.record;

import java.time.LocalDate;

/** Filters of a document list; nulls mean "any". {@code text} searches titles (after decryption). */
public record DocumentFilter(String documentClass, String typeCode, LocalDate from, LocalDate to, String text,
        boolean includeSuperseded) {

    public static DocumentFilter all() {
        return new DocumentFilter(null, null, null, null, null, false);
    }

    boolean accepts(DocumentSummary d) {
        if (documentClass != null && !documentClass.isBlank()
                && !DocumentTypes.bundled().find(d.typeCode()).map(t -> t.documentClass().equals(documentClass)).orElse(false)) {
            return false;
        }
        if (typeCode != null && !typeCode.isBlank() && !typeCode.equals(d.typeCode())) {
            return false;
        }
        if (from != null && d.clinicalDate().isBefore(from)) {
            return false;
        }
        if (to != null && d.clinicalDate().isAfter(to)) {
            return false;
        }
        return text == null || text.isBlank() || d.title().toLowerCase(java.util.Locale.FRENCH)
                .contains(text.trim().toLowerCase(java.util.Locale.FRENCH));
    }
}
