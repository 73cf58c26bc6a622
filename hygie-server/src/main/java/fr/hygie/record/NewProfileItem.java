package fr.hygie.record;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A line to add to the medical profile. */
public record NewProfileItem(ProfileSectionKind section, String codeSystem, String code, String display,
        BigDecimal value, String unit, LocalDate date, String note) {
}
