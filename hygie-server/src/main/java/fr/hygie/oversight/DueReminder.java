package fr.hygie.oversight;

import java.time.LocalDate;
import java.util.Optional;

/** A rule that is due for a person, with the last evidence found (if any) and the « pourquoi » text. */
public record DueReminder(PreventionRule rule, Optional<LocalDate> lastEvidence, String why) {
}
