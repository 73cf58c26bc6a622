package fr.hygie.record;

import fr.hygie.identity.PatientId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One line of the medical profile: a condition (CIM-10), a treatment (ATC), an allergy, a family
 * history item, a vaccination, or a measurement (LOINC, with value and unit); who entered it and when.
 */
public record ProfileItem(UUID id, PatientId patient, ProfileSectionKind section, String codeSystem, String code,
        String display, BigDecimal value, String unit, LocalDate date, String note, String enteredBy, Instant enteredAt) {
}
