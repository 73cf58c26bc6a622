package fr.hygie.record.internal;

import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.record.ContentType;
import fr.hygie.record.DocumentId;
import fr.hygie.record.DocumentSource;
import fr.hygie.record.DocumentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of record.document. */
@Repository
public class DocumentRepository {

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(DocumentRow r, String externalId) {
        jdbc.sql("""
                INSERT INTO record.document (id, patient_id, type_code, title_sealed, clinical_date, author_professional_id,
                    author_account_id, author_name, source, labels, status, content_type, content_size, wrapped_key,
                    replaces, external_id, created_at)
                VALUES (:id, :patient, :type, :title, :date, :author, :authorAccount, :authorName, :source, :labels,
                    :status, :contentType, :size, :key, :replaces, :external, :created)""")
                .param("id", r.id().value()).param("patient", r.patient().value()).param("type", r.typeCode())
                .param("title", r.titleSealed()).param("date", r.clinicalDate())
                .param("author", r.author() == null ? null : r.author().value())
                .param("authorAccount", r.authorAccount()).param("authorName", r.authorName())
                .param("source", r.source().name()).param("labels", labels(r.labels()))
                .param("status", r.status().name()).param("contentType", r.contentType().name())
                .param("size", r.size()).param("key", r.wrappedKey())
                .param("replaces", r.replaces() == null ? null : r.replaces().value())
                .param("external", externalId).param("created", Timestamp.from(r.createdAt()))
                .update();
    }

    public Optional<DocumentRow> find(DocumentId id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id.value()).query(DocumentRepository::map).optional();
    }

    /** Current (and optionally superseded) documents of a person, newest clinical date first. Never deleted ones. */
    public List<DocumentRow> ofPatient(PatientId patient, boolean includeSuperseded) {
        return jdbc.sql(SELECT + " WHERE patient_id = :p AND status IN (:statuses) ORDER BY clinical_date DESC, created_at DESC")
                .param("p", patient.value())
                .param("statuses", includeSuperseded ? List.of("CURRENT", "SUPERSEDED") : List.of("CURRENT"))
                .query(DocumentRepository::map).list();
    }

    public boolean existsExternal(PatientId patient, String externalId) {
        return jdbc.sql("SELECT count(*) FROM record.document WHERE patient_id = :p AND external_id = :e")
                .param("p", patient.value()).param("e", externalId).query(Long.class).single() > 0;
    }

    /** The current document a person's import stored under this external id, if any. */
    public Optional<DocumentId> byExternalId(PatientId patient, String externalId) {
        return jdbc.sql("SELECT id FROM record.document WHERE patient_id = :p AND external_id = :e AND status = 'CURRENT'"
                        + " ORDER BY created_at DESC LIMIT 1")
                .param("p", patient.value()).param("e", externalId).query(java.util.UUID.class).optional().map(DocumentId::new);
    }

    public Optional<String> externalId(DocumentId id) {
        return jdbc.sql("SELECT external_id FROM record.document WHERE id = :id AND external_id IS NOT NULL")
                .param("id", id.value()).query(String.class).optional();
    }

    public void setLabels(DocumentId id, Set<ConfidentialityLabel> labels, Instant releasedAt) {
        jdbc.sql("UPDATE record.document SET labels = :labels, released_at = coalesce(:released, released_at) WHERE id = :id")
                .param("labels", labels(labels)).param("released", releasedAt == null ? null : Timestamp.from(releasedAt))
                .param("id", id.value()).update();
    }

    public void markSuperseded(DocumentId id) {
        jdbc.sql("UPDATE record.document SET status = 'SUPERSEDED' WHERE id = :id AND status = 'CURRENT'")
                .param("id", id.value()).update();
    }

    /** Crypto-erasure: the data key and the sealed title are destroyed; the row keeps the fact. */
    public void erase(DocumentId id, Instant at) {
        jdbc.sql("""
                UPDATE record.document SET status = 'DELETED', wrapped_key = NULL, title_sealed = NULL, deleted_at = :at
                WHERE id = :id""").param("at", Timestamp.from(at)).param("id", id.value()).update();
    }

    public List<UUID> idsWithContent() {
        return jdbc.sql("SELECT id FROM record.document WHERE wrapped_key IS NOT NULL").query(UUID.class).list();
    }

    /** Batch of (id, wrapped key, title token) for key rotation. */
    public List<Object[]> keysAfter(UUID after, int limit) {
        return jdbc.sql("""
                SELECT id, wrapped_key, title_sealed FROM record.document
                WHERE wrapped_key IS NOT NULL AND id > :after ORDER BY id LIMIT :limit""")
                .param("after", after).param("limit", limit)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getBytes(2), rs.getString(3)}).list();
    }

    public void updateKeys(UUID id, byte[] wrappedKey, String titleSealed) {
        jdbc.sql("UPDATE record.document SET wrapped_key = :k, title_sealed = :t WHERE id = :id")
                .param("k", wrappedKey).param("t", titleSealed).param("id", id).update();
    }

    private static final String SELECT = """
            SELECT id, patient_id, type_code, title_sealed, clinical_date, author_professional_id, author_account_id,
                   author_name, source, labels, status, content_type, content_size, wrapped_key, replaces, created_at
            FROM record.document""";

    // java.time getters: getDate/getTimestamp go through java.util.Calendar, ~10 % of the CPU samples of the
    // authorised read at 64 threads (JFR, docs/benchmarks.md session 3); same values.
    private static DocumentRow map(ResultSet rs, int n) throws SQLException {
        UUID author = rs.getObject("author_professional_id", UUID.class);
        UUID replaces = rs.getObject("replaces", UUID.class);
        EnumSet<ConfidentialityLabel> labels = EnumSet.noneOf(ConfidentialityLabel.class);
        for (Object o : (Object[]) rs.getArray("labels").getArray()) {
            labels.add(ConfidentialityLabel.valueOf((String) o));
        }
        return new DocumentRow(new DocumentId(rs.getObject("id", UUID.class)), new PatientId(rs.getObject("patient_id", UUID.class)),
                rs.getString("type_code"), rs.getString("title_sealed"), rs.getObject("clinical_date", LocalDate.class),
                author == null ? null : new ProfessionalId(author), rs.getObject("author_account_id", UUID.class),
                rs.getString("author_name"), DocumentSource.valueOf(rs.getString("source")), labels,
                DocumentStatus.valueOf(rs.getString("status")), ContentType.valueOf(rs.getString("content_type")),
                rs.getInt("content_size"), rs.getBytes("wrapped_key"), replaces == null ? null : new DocumentId(replaces),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static String[] labels(Set<ConfidentialityLabel> labels) {
        return labels.stream().map(Enum::name).sorted().toArray(String[]::new);
    }
}
