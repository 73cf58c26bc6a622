package fr.hygie.prescriptions;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.StructureId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A prescription (« ordonnance ») and its state machine, modelled on E-Rezept:
 * {@code DRAFT → READY} (signed) {@code → IN_PROGRESS} (accepted by a pharmacy) {@code → COMPLETED};
 * {@code IN_PROGRESS → READY} (handed back); {@code DRAFT/READY → CANCELLED} (by the prescriber);
 * {@code READY → EXPIRED} (by time). Every move checks the current state and refuses with it named.
 * Immutable: a move returns the prescription after it. {@code sentTo} and {@code sentAt}: the pharmacy the person
 * sent it to and when (null when never sent, or sent before the date was kept).
 */
public record Prescription(PrescriptionId id, PrescriptionNumber number, PrescriptionKind kind, PatientId patient,
        Prescriber prescriber, PrescriptionStatus status, List<PrescriptionLine> lines, Instant createdAt, Instant signedAt,
        Instant expiresAt, UUID document, Dispensing dispensing, Instant closedAt, StructureId sentTo, Instant sentAt) {

    /** Who wrote it: the professional, their account and their name as printed. */
    public record Prescriber(ProfessionalId id, UUID account, String name) {
    }

    /** The pharmacy that holds it while IN_PROGRESS (and that completed it). */
    public record Dispensing(StructureId pharmacy, ProfessionalId pharmacist, String pharmacistName, Instant acceptedAt) {
    }

    public Prescription {
        lines = List.copyOf(lines);
    }

    static Prescription draft(PrescriptionId id, PrescriptionNumber number, PrescriptionKind kind, PatientId patient,
            Prescriber prescriber, Instant now) {
        return new Prescription(id, number, kind, patient, prescriber, PrescriptionStatus.DRAFT, List.of(), now, null, null,
                null, null, null, null, null);
    }

    Prescription addLine(String code, String label, String dosage, int quantity) {
        require(PrescriptionStatus.DRAFT, PrescriptionRefusal.Move.EDIT);
        int next = lines.stream().mapToInt(PrescriptionLine::lineNo).max().orElse(0) + 1;
        List<PrescriptionLine> l = new ArrayList<>(lines);
        l.add(new PrescriptionLine(next, code, label, dosage, quantity));
        return with(status, l, signedAt, expiresAt, document, dispensing, closedAt, sentTo, sentAt);
    }

    Prescription removeLine(int lineNo) {
        require(PrescriptionStatus.DRAFT, PrescriptionRefusal.Move.EDIT);
        return with(status, lines.stream().filter(x -> x.lineNo() != lineNo).toList(), signedAt, expiresAt, document, dispensing,
                closedAt, sentTo, sentAt);
    }

    /** DRAFT → READY: the prescriber signs; it is valid until {@code expiresAt}. */
    Prescription sign(Instant now, Instant expires, UUID documentId) {
        require(PrescriptionStatus.DRAFT, PrescriptionRefusal.Move.SIGN);
        if (lines.isEmpty()) {
            throw PrescriptionRefusal.invalid("NO_LINE", "lines", PrescriptionRefusal.Wording.NO_LINE);
        }
        return with(PrescriptionStatus.READY, lines, now, expires, documentId, null, null, null, null);
    }

    /** READY → IN_PROGRESS: a pharmacy accepts it (number and access code checked by the caller). */
    Prescription accept(Dispensing by) {
        require(PrescriptionStatus.READY, PrescriptionRefusal.Move.TAKE);
        if (!by.acceptedAt().isBefore(expiresAt)) {
            throw PrescriptionRefusal.illegal(PrescriptionRefusal.Move.TAKE_EXPIRED, PrescriptionStatus.EXPIRED);
        }
        return with(PrescriptionStatus.IN_PROGRESS, lines, signedAt, expiresAt, document, by, null, sentTo, sentAt);
    }

    /** IN_PROGRESS → READY: the pharmacy gives it back; its secret is void. */
    Prescription handBack() {
        require(PrescriptionStatus.IN_PROGRESS, PrescriptionRefusal.Move.RETURN);
        return with(PrescriptionStatus.READY, lines, signedAt, expiresAt, document, null, null, null, null);
    }

    /** Checks that lines may be dispensed now. */
    void requireDispensable() {
        require(PrescriptionStatus.IN_PROGRESS, PrescriptionRefusal.Move.DISPENSE);
    }

    /** IN_PROGRESS → COMPLETED: nothing changes afterwards. */
    Prescription complete(Instant now) {
        require(PrescriptionStatus.IN_PROGRESS, PrescriptionRefusal.Move.COMPLETE);
        return with(PrescriptionStatus.COMPLETED, lines, signedAt, expiresAt, document, dispensing, now, sentTo, sentAt);
    }

    /** DRAFT/READY → CANCELLED, by the prescriber, before any dispensing. */
    Prescription cancel(Instant now) {
        if (status != PrescriptionStatus.DRAFT && status != PrescriptionStatus.READY) {
            throw PrescriptionRefusal.illegal(PrescriptionRefusal.Move.CANCEL, status);
        }
        return with(PrescriptionStatus.CANCELLED, lines, signedAt, expiresAt, document, null, now, null, null);
    }

    /** READY → EXPIRED once its validity has passed. */
    Prescription expire(Instant now) {
        require(PrescriptionStatus.READY, PrescriptionRefusal.Move.EXPIRE);
        if (now.isBefore(expiresAt)) {
            throw PrescriptionRefusal.invalid("NOT_DUE", null, PrescriptionRefusal.Wording.NOT_DUE);
        }
        return with(PrescriptionStatus.EXPIRED, lines, signedAt, expiresAt, document, null, now, null, null);
    }

    /** The patient sends a READY prescription to a pharmacy (it may then accept it without the code), at {@code now}. */
    Prescription sendTo(StructureId pharmacy, Instant now) {
        require(PrescriptionStatus.READY, PrescriptionRefusal.Move.SEND);
        return with(status, lines, signedAt, expiresAt, document, dispensing, closedAt, pharmacy, now);
    }

    public boolean expiredAt(Instant now) {
        return status == PrescriptionStatus.READY && expiresAt != null && !now.isBefore(expiresAt);
    }

    public java.util.Optional<PrescriptionLine> line(int lineNo) {
        return lines.stream().filter(l -> l.lineNo() == lineNo).findFirst();
    }

    private void require(PrescriptionStatus expected, PrescriptionRefusal.Move action) {
        if (status != expected) {
            throw PrescriptionRefusal.illegal(action, status);
        }
    }

    private Prescription with(PrescriptionStatus s, List<PrescriptionLine> l, Instant signed, Instant expires, UUID doc,
            Dispensing d, Instant closed, StructureId sent, Instant sentOn) {
        return new Prescription(id, number, kind, patient, prescriber, s, l, createdAt, signed, expires, doc, d, closed, sent, sentOn);
    }
}
