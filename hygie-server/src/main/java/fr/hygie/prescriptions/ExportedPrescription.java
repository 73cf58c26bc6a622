package fr.hygie.prescriptions;

import java.util.List;

/**
 * A prescription for the operator's whole-platform export (« réversibilité »): everything
 * {@link ImportedPrescription} needs to bring it back, the stored hashes of its access code and of the
 * pharmacy's secret included (so that an open prescription stays usable with the code printed on the
 * person's copy after a move), the signed receipt of a completed dispensation and the public key that signed
 * it (this platform's, or a former platform's for a receipt that moved here), so that it still verifies after
 * the next move; the person's copy is {@code prescription.document()}.
 */
public record ExportedPrescription(Prescription prescription, List<DispensedLine> dispensed, String accessCodeHash,
        String secretHash, Receipt receipt, String receiptPublicKeyPem) {

    public ExportedPrescription(Prescription prescription, List<DispensedLine> dispensed, String accessCodeHash, String secretHash) {
        this(prescription, dispensed, accessCodeHash, secretHash, null, null);
    }

    public ExportedPrescription {
        dispensed = List.copyOf(dispensed);
    }
}
