package fr.hygie.prescriptions;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the prescriptions module ({@code hygie.prescriptions.*}): how long a signed prescription
 * may be accepted by a pharmacy, per kind — medications 3 months (Code de la santé publique R5123-2:
 * a first dispensation within three months of the prescription), laboratory tests 1 year — and how
 * often the expiry job runs.
 */
@ConfigurationProperties(prefix = "hygie.prescriptions")
public record PrescriptionProperties(
        @DefaultValue("P3M") Period medicationValidity,
        @DefaultValue("P1Y") Period labValidity,
        @DefaultValue("PT1H") Duration expiryInterval) {

    public Period validity(PrescriptionKind kind) {
        return kind == PrescriptionKind.LAB ? labValidity : medicationValidity;
    }
}
