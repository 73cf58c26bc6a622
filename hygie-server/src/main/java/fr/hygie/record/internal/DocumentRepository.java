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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of record.document. */
@Repository
public class DocumentRepository {

    private static final String SELECT_COLUMNS = """
            SELECT id, patient_id, type_code, title_sealed, clinical_date, author_professional_id, author_account_id,
                   author_name, source, labels, status, content_type, content_size, wrapped_key, replaces, created_at
            FROM record.document""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    /** Public for the record module's tests, which count its statements on a wrapped pool (internal package). */
    public DocumentRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
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
        return jdbc.sql(SELECT_COLUMNS + " WHERE id = :id").param("id", id.value()).query(DocumentRepository::map).optional();
    }

    private static final String OF_PATIENT = SELECT_COLUMNS
            + " WHERE patient_id = :p AND status IN (:statuses) ORDER BY clinical_date DESC, created_at DESC";

    /** Current (and optionally superseded) documents of a person, newest clinical date first. Never deleted ones. */
    public List<DocumentRow> ofPatient(PatientId patient, boolean includeSuperseded) {
        return jdbc.sql(OF_PATIENT).param("p", patient.value()).param("statuses", statuses(includeSuperseded))
                .query(DocumentRepository::map).list();
    }

    /** {@link #ofPatient} and what another query of the module read about the same person, from ONE round trip. */
    public record WithOther<T>(List<DocumentRow> documents, T other) {
    }

    /**
     * {@link #ofPatient} and another query of this module about the same person ({@code otherSql}, whose only parameter
     * is {@code :p}, the person), sent to PostgreSQL together and answered in one round trip (issue 13: the
     * professional's record page read its documents and its profile in two). The driver sends both statements with one
     * synchronisation (PgJDBC's multi-statement prepared statement, each statement still parsed and bound on its own).
     */
    public <T> WithOther<T> ofPatientWith(PatientId patient, boolean includeSuperseded, String otherSql, ResultSetExtractor<T> other) {
        Map<String, Object> params = Map.of("p", patient.value(), "statuses", statuses(includeSuperseded));
        return named.execute(OF_PATIENT + ";\n" + otherSql, params, (PreparedStatementCallback<WithOther<T>>) ps -> {
            if (!ps.execute()) {
                throw new IllegalStateException("the documents' query gave no result set");
            }
            List<DocumentRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    rows.add(map(rs, rows.size()));
                }
            }
            if (!ps.getMoreResults()) {
                throw new IllegalStateException("the second query gave no result set");
            }
            try (ResultSet rs = ps.getResultSet()) {
                return new WithOther<>(rows, other.extractData(rs));
            }
        });
    }

    private static List<String> statuses(boolean includeSuperseded) {
        return includeSuperseded ? List.of("CURRENT", "SUPERSEDED") : List.of("CURRENT");
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
