package fr.hygie.messaging.internal;

import fr.hygie.messaging.CareParty;
import fr.hygie.identity.PatientId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The only reader and writer of the {@code messaging} schema. Sealed columns stay sealed here. */
@Repository
public class MessagingStore {

    /** A conversation as stored: one person, one care party (professional or structure), a sealed subject. */
    public record ConversationRow(UUID id, UUID patient, UUID professional, UUID structure, String subjectSealed,
            String startedBy, Instant createdAt, Instant lastMessageAt) {

        public CareParty party() {
            return professional != null ? CareParty.of(new fr.hygie.identity.ProfessionalId(professional))
                    : CareParty.of(new fr.hygie.identity.StructureId(structure));
        }
    }

    public record MessageRow(UUID id, UUID conversation, String side, UUID authorAccount, UUID authorProfessional,
            String authorName, String onBehalfOf, String bodySealed, Instant sentAt) {
    }

    public record AttachmentRow(UUID id, UUID message, String fileNameSealed, String contentType, int size, String typeCode,
            byte[] wrappedKey, UUID sourceDocument, UUID filedDocument, Instant filedAt) {
    }

    private final JdbcClient jdbc;

    MessagingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ConversationRow c) {
        jdbc.sql("""
                INSERT INTO messaging.conversation (id, patient_id, professional_id, structure_id, subject_sealed,
                    started_by_side, created_at, last_message_at)
                VALUES (:id, :p, :pro, :s, :subject, :side, :at, :at)""")
                .param("id", c.id()).param("p", c.patient()).param("pro", c.professional()).param("s", c.structure())
                .param("subject", c.subjectSealed()).param("side", c.startedBy()).param("at", ts(c.createdAt())).update();
    }

    public void insert(MessageRow m) {
        jdbc.sql("""
                INSERT INTO messaging.message (id, conversation_id, author_side, author_account_id, author_professional_id,
                    author_name, on_behalf_of, body_sealed, sent_at)
                VALUES (:id, :c, :side, :account, :pro, :name, :behalf, :body, :at)""")
                .param("id", m.id()).param("c", m.conversation()).param("side", m.side()).param("account", m.authorAccount())
                .param("pro", m.authorProfessional()).param("name", m.authorName()).param("behalf", m.onBehalfOf())
                .param("body", m.bodySealed()).param("at", ts(m.sentAt())).update();
        jdbc.sql("UPDATE messaging.conversation SET last_message_at = :at WHERE id = :c AND last_message_at < :at")
                .param("at", ts(m.sentAt())).param("c", m.conversation()).update();
    }

    public void insert(AttachmentRow a) {
        jdbc.sql("""
                INSERT INTO messaging.attachment (id, message_id, file_name_sealed, content_type, content_size, type_code,
                    wrapped_key, source_document_id, filed_document_id, filed_at)
                VALUES (:id, :m, :name, :type, :size, :code, :key, :source, :filed, :filedAt)""")
                .param("id", a.id()).param("m", a.message()).param("name", a.fileNameSealed()).param("type", a.contentType())
                .param("size", a.size()).param("code", a.typeCode()).param("key", a.wrappedKey())
                .param("source", a.sourceDocument()).param("filed", a.filedDocument()).param("filedAt", ts(a.filedAt())).update();
    }

    public Optional<ConversationRow> conversation(UUID id) {
        return jdbc.sql(CONVERSATION + " WHERE id = :id").param("id", id).query(MessagingStore::conversation).optional();
    }

    public List<ConversationRow> conversationsOfPatient(PatientId patient) {
        return jdbc.sql(CONVERSATION + " WHERE patient_id = :p ORDER BY last_message_at DESC, id")
                .param("p", patient.value()).query(MessagingStore::conversation).list();
    }

    /** The conversations of a professional and of their structure's mailbox (structure may be null). */
    public List<ConversationRow> conversationsOfCare(UUID professional, UUID structure) {
        return jdbc.sql(CONVERSATION + " WHERE professional_id = :pro OR (CAST(:s AS uuid) IS NOT NULL AND structure_id = :s) "
                        + "ORDER BY last_message_at DESC, id")
                .param("pro", professional).param("s", structure).query(MessagingStore::conversation).list();
    }

    public List<MessageRow> messages(List<UUID> conversations) {
        if (conversations.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(MESSAGE + " WHERE conversation_id = ANY(CAST(:c AS uuid[])) ORDER BY sent_at, id")
                .param("c", conversations.toArray(UUID[]::new)).query(MessagingStore::message).list();
    }

    public Optional<MessageRow> message(UUID id) {
        return jdbc.sql(MESSAGE + " WHERE id = :id").param("id", id).query(MessagingStore::message).optional();
    }

    public List<AttachmentRow> attachments(List<UUID> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(ATTACHMENT + " WHERE message_id = ANY(CAST(:m AS uuid[])) ORDER BY id")
                .param("m", messages.toArray(UUID[]::new)).query(MessagingStore::attachment).list();
    }

    public Optional<AttachmentRow> attachment(UUID id) {
        return jdbc.sql(ATTACHMENT + " WHERE id = :id").param("id", id).query(MessagingStore::attachment).optional();
    }

    public void markFiled(UUID attachment, UUID document, Instant at) {
        jdbc.sql("UPDATE messaging.attachment SET filed_document_id = :d, filed_at = :at WHERE id = :id")
                .param("d", document).param("at", ts(at)).param("id", attachment).update();
    }

    /** Messages of the other side, written after what this account read, per conversation. */
    public Map<UUID, Integer> unread(List<UUID> conversations, UUID account, String readerSide) {
        Map<UUID, Integer> out = new HashMap<>();
        if (conversations.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                SELECT m.conversation_id, count(*) FROM messaging.message m
                LEFT JOIN messaging.read_mark r ON r.conversation_id = m.conversation_id AND r.account_id = :a
                WHERE m.conversation_id = ANY(CAST(:c AS uuid[])) AND m.author_side <> :side
                  AND (r.read_up_to IS NULL OR m.sent_at > r.read_up_to)
                GROUP BY m.conversation_id""")
                .param("a", account).param("c", conversations.toArray(UUID[]::new)).param("side", readerSide)
                .query((ResultSet rs) -> {
                    out.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return out;
    }

    /** Every read mark of a conversation: (account, read up to), for the operator's export. */
    public List<Map.Entry<UUID, Instant>> readMarks(UUID conversation) {
        return jdbc.sql("SELECT account_id, read_up_to FROM messaging.read_mark WHERE conversation_id = :c ORDER BY account_id")
                .param("c", conversation).query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant())).list();
    }

    public void markRead(UUID conversation, UUID account, Instant upTo) {
        jdbc.sql("""
                INSERT INTO messaging.read_mark (conversation_id, account_id, read_up_to) VALUES (:c, :a, :at)
                ON CONFLICT (conversation_id, account_id) DO UPDATE SET read_up_to = GREATEST(messaging.read_mark.read_up_to, :at)""")
                .param("c", conversation).param("a", account).param("at", ts(upTo)).update();
    }

    /** Did this care party already write to this person (a message of the care side in one of their conversations)? */
    public boolean careWroteTo(PatientId patient, CareParty party) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM messaging.conversation c JOIN messaging.message m ON m.conversation_id = c.id
                WHERE c.patient_id = :p AND m.author_side = 'CARE' AND """ + partyClause("c") + ")")
                .param("p", patient.value()).param("pro", proId(party)).param("s", structureId(party))
                .query(Boolean.class).single();
    }

    public boolean conversationExists(PatientId patient, CareParty party) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM messaging.conversation c WHERE c.patient_id = :p AND " + partyClause("c") + ")")
                .param("p", patient.value()).param("pro", proId(party)).param("s", structureId(party))
                .query(Boolean.class).single();
    }

    public boolean dispensed(PatientId patient, CareParty party) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM messaging.dispensation c WHERE c.patient_id = :p AND " + partyClause("c") + ")")
                .param("p", patient.value()).param("pro", proId(party)).param("s", structureId(party))
                .query(Boolean.class).single();
    }

    public void recordDispensation(PatientId patient, CareParty party, Instant at) {
        jdbc.sql("INSERT INTO messaging.dispensation (patient_id, professional_id, structure_id, dispensed_at) VALUES (:p, :pro, :s, :at)")
                .param("p", patient.value()).param("pro", proId(party)).param("s", structureId(party)).param("at", ts(at)).update();
    }

    /** Care parties that wrote to this person, and those of their recorded dispensations, each once. */
    public List<CareParty> knownCareParties(PatientId patient) {
        return jdbc.sql("""
                SELECT DISTINCT c.professional_id, c.structure_id FROM messaging.conversation c
                WHERE c.patient_id = :p
                UNION
                SELECT d.professional_id, d.structure_id FROM messaging.dispensation d WHERE d.patient_id = :p""")
                .param("p", patient.value())
                .query((rs, n) -> {
                    UUID pro = rs.getObject(1, UUID.class);
                    UUID s = rs.getObject(2, UUID.class);
                    return pro != null ? CareParty.of(new fr.hygie.identity.ProfessionalId(pro))
                            : CareParty.of(new fr.hygie.identity.StructureId(s));
                }).list();
    }

    // ------------------------------------------------------------------------------------------

    private static String partyClause(String alias) {
        return "((CAST(:pro AS uuid) IS NOT NULL AND " + alias + ".professional_id = :pro) OR (CAST(:s AS uuid) IS NOT NULL AND "
                + alias + ".structure_id = :s))";
    }

    private static UUID proId(CareParty party) {
        return party.professional() == null ? null : party.professional().value();
    }

    private static UUID structureId(CareParty party) {
        return party.structure() == null ? null : party.structure().value();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static final String CONVERSATION = """
            SELECT id, patient_id, professional_id, structure_id, subject_sealed, started_by_side, created_at, last_message_at
            FROM messaging.conversation""";
    private static final String MESSAGE = """
            SELECT id, conversation_id, author_side, author_account_id, author_professional_id, author_name, on_behalf_of,
                   body_sealed, sent_at
            FROM messaging.message""";
    private static final String ATTACHMENT = """
            SELECT id, message_id, file_name_sealed, content_type, content_size, type_code, wrapped_key, source_document_id,
                   filed_document_id, filed_at
            FROM messaging.attachment""";

    private static ConversationRow conversation(ResultSet rs, int n) throws SQLException {
        return new ConversationRow(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getObject("professional_id", UUID.class), rs.getObject("structure_id", UUID.class),
                rs.getString("subject_sealed"), rs.getString("started_by_side"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("last_message_at").toInstant());
    }

    private static MessageRow message(ResultSet rs, int n) throws SQLException {
        return new MessageRow(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                rs.getString("author_side"), rs.getObject("author_account_id", UUID.class),
                rs.getObject("author_professional_id", UUID.class), rs.getString("author_name"), rs.getString("on_behalf_of"),
                rs.getString("body_sealed"), rs.getTimestamp("sent_at").toInstant());
    }

    private static AttachmentRow attachment(ResultSet rs, int n) throws SQLException {
        Timestamp filed = rs.getTimestamp("filed_at");
        return new AttachmentRow(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class),
                rs.getString("file_name_sealed"), rs.getString("content_type"), rs.getInt("content_size"),
                rs.getString("type_code"), rs.getBytes("wrapped_key"), rs.getObject("source_document_id", UUID.class),
                rs.getObject("filed_document_id", UUID.class), filed == null ? null : filed.toInstant());
    }
}
