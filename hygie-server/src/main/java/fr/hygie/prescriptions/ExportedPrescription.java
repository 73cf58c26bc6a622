package fr.hygie.prescriptions;

import java.util.List;

/**
 * A prescription for the operator's whole-platform export (« réversibilité »): everything
 * {@link ImportedPrescription} needs to bring it back, the stored hashes of its access code and of the
 * pharmacy's secret included (so that an open prescription stays usable with the code printed on the
 * person's copy after a move).
 */
public record ExportedPrescription(Prescription prescription, List<DispensedLine> dispensed, String accessCodeHash,
        String secretHash) {

    public ExportedPrescription {
        dispensed = List.copyOf(dispensed);
    }
}
