package fr.hygie.prescriptions;

import java.util.List;
import java.util.Optional;

/**
 * A prescription as one party may see it. {@code dispensed} and {@code receipt} are empty for a
 * prescriber when the patient objected ({@code dispensationHidden}).
 */
public record PrescriptionView(Prescription prescription, String patientName, java.time.LocalDate patientBirthDate,
        String pharmacyName, List<DispensedLine> dispensed, Optional<Receipt> receipt, boolean dispensationHidden) {
}
