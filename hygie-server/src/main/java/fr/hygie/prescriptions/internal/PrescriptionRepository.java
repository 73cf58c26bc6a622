package fr.hygie.prescriptions.internal;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.StructureId;
import fr.hygie.prescriptions.DispensedLine;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionId;
import fr.hygie.prescriptions.PrescriptionKind;
import fr.hygie.prescriptions.PrescriptionLine;
import fr.hygie.prescriptions.PrescriptionNumber;
import fr.hygie.prescriptions.PrescriptionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The module's tables (schema {@code prescriptions}); plain SQL. */
@Repository
public class PrescriptionRepository {

    private static final String SELECT = """
            SELECT id, number, kind, patient_id, prescriber_id, prescriber_account, prescriber_name, status, created_at,
                   signed_at, expires_at, document_id, pharmacy_id, pharmacist_id, pharmacist_name, accepted_at, closed_at, sent_to,
                   sent_at
            FROM prescriptions.prescription""";

    private final JdbcClient jdbc;

    PrescriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Prescription p) {
        jdbc.sql("""
                INSERT INTO prescriptions.prescription (id, number, kind, patient_id, prescriber_id, prescriber_account,
                    prescriber_name, status, created_at)
                VALUES (:id, :number, :kind, :patient, :prescriber, :account, :name, :status, :created)""")
                .param("id", p.id().value()).param("number", p.number().value()).param("kind", p.kind().name())
                .param("patient", p.patient().value()).param("prescriber", p.prescriber().id().value())
                .param("account", p.prescriber().account()).param("name", p.prescriber().name())
                .param("status", p.status().name()).param("created", ts(p.createdAt())).update();
    }

    /** A prescription brought in by an import, in the state it had, with its stored hashes. */
    public void insertImported(Prescription p, String accessCodeHash, String secretHash) {
        Prescription.Dispensing d = p.dispensing();
        jdbc.sql("""
                INSERT INTO prescriptions.prescription (id, number, kind, patient_id, prescriber_id, prescriber_account,
                    prescriber_name, status, created_at, signed_at, expires_at, access_code_hash, document_id, secret_hash,
                    pharmacy_id, pharmacist_id, pharmacist_name, accepted_at, closed_at, sent_to, sent_at)
                VALUES (:id, :number, :kind, :patient, :prescriber, :account, :name, :status, :created, :signed, :expires, :code,
                    :document, :secret, :pharmacy, :pharmacist, :pharmacistName, :accepted, :closed, :sent, :sentAt)""")
                .param("sent", p.sentTo() == null ? null : p.sentTo().value()).param("sentAt", ts(p.sentAt()))
                .param("document", p.document())
                .param("id", p.id().value()).param("number", p.number().value()).param("kind", p.kind().name())
                .param("patient", p.patient().value()).param("prescriber", p.prescriber().id().value())
                .param("account", p.prescriber().account()).param("name", p.prescriber().name())
                .param("status", p.status().name()).param("created", ts(p.createdAt())).param("signed", ts(p.signedAt()))
                .param("expires", ts(p.expiresAt())).param("code", accessCodeHash).param("secret", secretHash)
                .param("pharmacy", d == null ? null : d.pharmacy().value())
                .param("pharmacist", d == null ? null : d.pharmacist().value())
                .param("pharmacistName", d == null ? null : d.pharmacistName())
                .param("accepted", d == null ? null : ts(d.acceptedAt())).param("closed", ts(p.closedAt())).update();
    }

    /** Every prescription of a person but drafts, oldest first (the operator's export). */
    public List<Prescription> allOfPatient(PatientId patient) {
        return jdbc.sql(SELECT + " WHERE patient_id = :p AND status <> 'DRAFT' ORDER BY created_at, id")
                .param("p", patient.value()).query(this::map).list();
    }

    public boolean numberTaken(PrescriptionNumber number) {
        return jdbc.sql("SELECT count(*) FROM prescriptions.prescription WHERE number = :n").param("n", number.value())
                .query(Long.class).single() > 0;
    }

    public Optional<Prescription> find(PrescriptionId id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id.value()).query(this::map).optional();
    }

    /** Locks the row until the transaction ends (for moves that touch several tables). */
    public Optional<Prescription> findForUpdate(PrescriptionId id) {
        return jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id.value()).query(this::map).optional();
    }

    public Optional<Prescription> byNumber(PrescriptionNumber number) {
        return jdbc.sql(SELECT + " WHERE number = :n").param("n", number.value()).query(this::map).optional();
    }

    public List<Prescription> ofPatient(PatientId patient) {
        return jdbc.sql(SELECT + " WHERE patient_id = :p AND status <> 'DRAFT' ORDER BY created_at DESC, id")
                .param("p", patient.value()).query(this::map).list();
    }

    public List<Prescription> ofPrescriber(ProfessionalId prescriber) {
        return jdbc.sql(SELECT + " WHERE prescriber_id = :p ORDER BY created_at DESC, id")
                .param("p", prescriber.value()).query(this::map).list();
    }

    public List<Prescription> sentTo(StructureId pharmacy) {
        return jdbc.sql(SELECT + " WHERE sent_to = :s AND status = 'READY' ORDER BY signed_at DESC, id")
                .param("s", pharmacy.value()).query(this::map).list();
    }

    public List<Prescription> dispensedBy(ProfessionalId pharmacist) {
        return jdbc.sql(SELECT + " WHERE pharmacist_id = :p AND status IN ('IN_PROGRESS', 'COMPLETED') ORDER BY accepted_at DESC, id")
                .param("p", pharmacist.value()).query(this::map).list();
    }

    /** Pharmacies that accepted one of this person's prescriptions before (« pharmacies fréquentées »). */
    public List<UUID> pharmaciesUsedBy(PatientId patient) {
        return jdbc.sql("""
                SELECT pharmacy_id FROM prescriptions.prescription WHERE patient_id = :p AND pharmacy_id IS NOT NULL
                GROUP BY pharmacy_id ORDER BY max(accepted_at) DESC""").param("p", patient.value()).query(UUID.class).list();
    }

    public List<PrescriptionId> dueForExpiry(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM prescriptions.prescription WHERE status = 'READY' AND expires_at <= :now ORDER BY expires_at LIMIT :l")
                .param("now", ts(now)).param("l", limit).query((rs, n) -> new PrescriptionId(rs.getObject(1, UUID.class))).list();
    }

    /**
     * Writes the state after a move, on condition that the row is still in the state the move started
     * from: of two concurrent moves from the same state, exactly one updates a row. Returns false for
     * the loser. {@code accessCodeHash} and {@code secretHash} are written only when given.
     */
    public boolean transition(PrescriptionStatus from, Prescription after, String accessCodeHash, String secretHash,
            boolean clearSecret) {
        Prescription.Dispensing d = after.dispensing();
        int n = jdbc.sql("""
                UPDATE prescriptions.prescription SET status = :status, signed_at = :signed, expires_at = :expires,
                    document_id = :doc, pharmacy_id = :pharmacy, pharmacist_id = :pharmacist, pharmacist_name = :pharmacistName,
                    accepted_at = :accepted, closed_at = :closed, sent_to = :sent, sent_at = :sentAt,
                    access_code_hash = COALESCE(:code, access_code_hash),
                    secret_hash = CASE WHEN :clear THEN NULL ELSE COALESCE(:secret, secret_hash) END
                WHERE id = :id AND status = :from""")
                .param("status", after.status().name()).param("signed", ts(after.signedAt())).param("expires", ts(after.expiresAt()))
                .param("doc", after.document())
                .param("pharmacy", d == null ? null : d.pharmacy().value())
                .param("pharmacist", d == null ? null : d.pharmacist().value())
                .param("pharmacistName", d == null ? null : d.pharmacistName())
                .param("accepted", d == null ? null : ts(d.acceptedAt()))
                .param("closed", ts(after.closedAt())).param("sent", after.sentTo() == null ? null : after.sentTo().value())
                .param("sentAt", ts(after.sentAt()))
                .param("code", accessCodeHash).param("secret", secretHash).param("clear", clearSecret)
                .param("id", after.id().value()).param("from", from.name()).update();
        return n == 1;
    }

    public Optional<String> accessCodeHash(PrescriptionId id) {
        return jdbc.sql("SELECT access_code_hash FROM prescriptions.prescription WHERE id = :id").param("id", id.value())
                .query(String.class).optional();
    }

    public Optional<String> secretHash(PrescriptionId id) {
        return jdbc.sql("SELECT secret_hash FROM prescriptions.prescription WHERE id = :id").param("id", id.value())
                .query(String.class).optional();
    }

    public void replaceLines(PrescriptionId id, List<PrescriptionLine> lines) {
        jdbc.sql("DELETE FROM prescriptions.line WHERE prescription_id = :id").param("id", id.value()).update();
        for (PrescriptionLine l : lines) {
            jdbc.sql("INSERT INTO prescriptions.line (prescription_id, line_no, code, label, dosage, quantity) VALUES (:id, :no, :code, :label, :dosage, :q)")
                    .param("id", id.value()).param("no", l.lineNo()).param("code", l.code()).param("label", l.label())
                    .param("dosage", l.dosage()).param("q", l.quantity()).update();
        }
    }

    public void putDispensed(PrescriptionId id, DispensedLine d) {
        jdbc.sql("""
                INSERT INTO prescriptions.dispensed_line (prescription_id, line_no, code, label, quantity, substituted, dispensed_at)
                VALUES (:id, :no, :code, :label, :q, :s, :at)
                ON CONFLICT (prescription_id, line_no) DO UPDATE SET code = EXCLUDED.code, label = EXCLUDED.label,
                    quantity = EXCLUDED.quantity, substituted = EXCLUDED.substituted, dispensed_at = EXCLUDED.dispensed_at""")
                .param("id", id.value()).param("no", d.lineNo()).param("code", d.code()).param("label", d.label())
                .param("q", d.quantity()).param("s", d.substituted()).param("at", ts(d.dispensedAt())).update();
    }

    public void clearDispensed(PrescriptionId id) {
        jdbc.sql("DELETE FROM prescriptions.dispensed_line WHERE prescription_id = :id").param("id", id.value()).update();
    }

    public List<DispensedLine> dispensed(PrescriptionId id) {
        return jdbc.sql("SELECT line_no, code, label, quantity, substituted, dispensed_at FROM prescriptions.dispensed_line WHERE prescription_id = :id ORDER BY line_no")
                .param("id", id.value()).query((rs, n) -> new DispensedLine(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getBoolean(5), rs.getTimestamp(6).toInstant())).list();
    }

    /** A stored receipt: the canonical JSON, its signature (base64) and the signing key's id. */
    public record StoredReceipt(String payload, String signature, String keyId, Instant signedAt) {
    }

    public void insertReceipt(PrescriptionId id, StoredReceipt r) {
        jdbc.sql("INSERT INTO prescriptions.receipt (prescription_id, payload, signature, key_id, signed_at) VALUES (:id, :p, :s, :k, :at)")
                .param("id", id.value()).param("p", r.payload()).param("s", r.signature()).param("k", r.keyId())
                .param("at", ts(r.signedAt())).update();
    }

    /** The public key (X.509 PEM) of a former platform's receipt key, by its id. */
    public Optional<String> formerReceiptKey(String keyId) {
        return jdbc.sql("SELECT public_key FROM prescriptions.former_receipt_key WHERE key_id = :k").param("k", keyId)
                .query(String.class).optional();
    }

    public void putFormerReceiptKey(String keyId, String publicKeyPem, Instant at) {
        jdbc.sql("INSERT INTO prescriptions.former_receipt_key (key_id, public_key, imported_at) VALUES (:k, :pem, :at)"
                + " ON CONFLICT (key_id) DO NOTHING").param("k", keyId).param("pem", publicKeyPem).param("at", ts(at)).update();
    }

    public Optional<StoredReceipt> receipt(PrescriptionId id) {
        return jdbc.sql("SELECT payload, signature, key_id, signed_at FROM prescriptions.receipt WHERE prescription_id = :id")
                .param("id", id.value()).query((rs, n) -> new StoredReceipt(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).optional();
    }

    public boolean objects(PatientId patient) {
        return jdbc.sql("SELECT count(*) FROM prescriptions.dispensation_objection WHERE patient_id = :p").param("p", patient.value())
                .query(Long.class).single() > 0;
    }

    public void setObjection(PatientId patient, boolean objects, Instant now) {
        if (objects) {
            jdbc.sql("INSERT INTO prescriptions.dispensation_objection (patient_id, since) VALUES (:p, :now) ON CONFLICT DO NOTHING")
                    .param("p", patient.value()).param("now", ts(now)).update();
        } else {
            jdbc.sql("DELETE FROM prescriptions.dispensation_objection WHERE patient_id = :p").param("p", patient.value()).update();
        }
    }

    private Prescription map(ResultSet rs, int n) throws SQLException {
        PrescriptionId id = new PrescriptionId(rs.getObject("id", UUID.class));
        UUID pharmacy = rs.getObject("pharmacy_id", UUID.class);
        Prescription.Dispensing d = pharmacy == null ? null : new Prescription.Dispensing(new StructureId(pharmacy),
                new ProfessionalId(rs.getObject("pharmacist_id", UUID.class)), rs.getString("pharmacist_name"), instant(rs, "accepted_at"));
        UUID sent = rs.getObject("sent_to", UUID.class);
        return new Prescription(id, new PrescriptionNumber(rs.getString("number")), PrescriptionKind.valueOf(rs.getString("kind")),
                new PatientId(rs.getObject("patient_id", UUID.class)),
                new Prescription.Prescriber(new ProfessionalId(rs.getObject("prescriber_id", UUID.class)),
                        rs.getObject("prescriber_account", UUID.class), rs.getString("prescriber_name")),
                PrescriptionStatus.valueOf(rs.getString("status")), lines(id), instant(rs, "created_at"), instant(rs, "signed_at"),
                instant(rs, "expires_at"), rs.getObject("document_id", UUID.class), d, instant(rs, "closed_at"),
                sent == null ? null : new StructureId(sent), instant(rs, "sent_at"));
    }

    private List<PrescriptionLine> lines(PrescriptionId id) {
        return jdbc.sql("SELECT line_no, code, label, dosage, quantity FROM prescriptions.line WHERE prescription_id = :id ORDER BY line_no")
                .param("id", id.value()).query((rs, n) -> new PrescriptionLine(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5))).list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
