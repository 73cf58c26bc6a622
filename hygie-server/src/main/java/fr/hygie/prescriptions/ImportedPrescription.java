package fr.hygie.prescriptions;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.StructureId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A prescription as another platform's export carries it (« réversibilité »), for
 * {@link Prescriptions#importPrescription}: its number (the key that makes importing twice create nothing
 * twice), its state and dates, its lines, and what a pharmacy dispensed. {@code accessCodeHash} and
 * {@code secretHash} are the SHA-256 hashes the platform stored (null when the data do not carry them: a
 * fresh unknown code is drawn, so that an open prescription from elsewhere cannot be accepted by guessing).
 * {@code pharmacy}, {@code pharmacist}, {@code pharmacistName} and {@code acceptedAt} are required for a
 * prescription in progress or completed, and only then. {@code document} is the record document already
 * imported for the person's copy (the PDF), to link it again (null: no copy). {@code receipt} is the signed
 * receipt of a completed dispensation, {@code receiptPublicKeyPem} the public key that signed it when it is
 * another platform's: the receipt is kept only if it verifies with that key, and the key then verifies it here.
 * {@code sentTo} and {@code sentAt}: the pharmacy the person sent it to (« envoi à la pharmacie ») and when, so
 * that this pharmacy's queue shows it again (null: never sent; only for a prescription ready, in progress or
 * completed, the states in which the workflow keeps it).
 */
public record ImportedPrescription(PrescriptionNumber number, PrescriptionKind kind, PatientId patient, ProfessionalId prescriber,
        String prescriberName, PrescriptionStatus status, Instant signedAt, Instant expiresAt, Instant closedAt,
        List<PrescriptionLine> lines, StructureId pharmacy, ProfessionalId pharmacist, String pharmacistName, Instant acceptedAt,
        List<DispensedLine> dispensed, String accessCodeHash, String secretHash, UUID document, Receipt receipt,
        String receiptPublicKeyPem, StructureId sentTo, Instant sentAt) {

    /** Never sent to a pharmacy (or data that do not say so). */
    public ImportedPrescription(PrescriptionNumber number, PrescriptionKind kind, PatientId patient, ProfessionalId prescriber,
            String prescriberName, PrescriptionStatus status, Instant signedAt, Instant expiresAt, Instant closedAt,
            List<PrescriptionLine> lines, StructureId pharmacy, ProfessionalId pharmacist, String pharmacistName, Instant acceptedAt,
            List<DispensedLine> dispensed, String accessCodeHash, String secretHash, UUID document, Receipt receipt,
            String receiptPublicKeyPem) {
        this(number, kind, patient, prescriber, prescriberName, status, signedAt, expiresAt, closedAt, lines, pharmacy, pharmacist,
                pharmacistName, acceptedAt, dispensed, accessCodeHash, secretHash, document, receipt, receiptPublicKeyPem, null, null);
    }

    /** Without the person's copy, nor a receipt (data from another system). */
    public ImportedPrescription(PrescriptionNumber number, PrescriptionKind kind, PatientId patient, ProfessionalId prescriber,
            String prescriberName, PrescriptionStatus status, Instant signedAt, Instant expiresAt, Instant closedAt,
            List<PrescriptionLine> lines, StructureId pharmacy, ProfessionalId pharmacist, String pharmacistName, Instant acceptedAt,
            List<DispensedLine> dispensed, String accessCodeHash, String secretHash) {
        this(number, kind, patient, prescriber, prescriberName, status, signedAt, expiresAt, closedAt, lines, pharmacy, pharmacist,
                pharmacistName, acceptedAt, dispensed, accessCodeHash, secretHash, null, null, null);
    }

    public ImportedPrescription {
        lines = lines == null ? List.of() : List.copyOf(lines);
        dispensed = dispensed == null ? List.of() : List.copyOf(dispensed);
    }
}
