package fr.hygie.record;

import fr.hygie.access.AccessControl;
import fr.hygie.access.AccessDecision;
import fr.hygie.access.Actor;
import fr.hygie.access.ProfileSection;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.Journal;
import fr.hygie.identity.Patients;
import fr.hygie.identity.PopulationFilter;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.Ids;
import fr.hygie.platform.crypto.EnvelopeEncryption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The medical profile (history, treatments, allergies, family history, vaccinations, measurements),
 * the wishes (advance directives, organ donation) and the people to contact. Each section is decided
 * by the access policy (matrice d'habilitation pseudo-types) and journaled; notes and directives are
 * sealed at rest.
 */
@Service
public class MedicalProfile {

    static final String NOTE = "record/profile-note";
    static final String DIRECTIVES = "record/advance-directives";
    static final String CONTACT = "record/contact";

    private final AccessControl access;
    private final JdbcClient jdbc;
    private final EnvelopeEncryption envelope;
    private final Clock clock;
    private final Journal journal;
    private final Patients patients;

    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batch;

    MedicalProfile(AccessControl access, JdbcClient jdbc, EnvelopeEncryption envelope, Clock clock, Journal journal,
            Patients patients, org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batch) {
        this.batch = batch;
        this.patients = patients;
        this.access = access;
        this.journal = journal;
        this.jdbc = jdbc;
        this.envelope = envelope;
        this.clock = clock;
    }

    /** Every section the actor may see; the others are absent. Journals one decision per section. */
    // No transaction: it only reads, and holding a pooled connection while the decisions' journal entries are
    // durably committed would block other requests (see Documents.list).
    public ProfileView view(Actor actor, PatientId patient, JournalChannel channel) {
        Stored stored = stored(patient);
        return assemble(patient, stored, access.checkProfileSections(actor, JournalAction.READ, sectionsAsked(patient), channel));
    }

    /** A profile line as stored: its note still sealed (opened only when the line's section is permitted). */
    record StoredItem(UUID id, PatientId patient, ProfileSectionKind section, String codeSystem, String code,
            String display, java.math.BigDecimal value, String unit, LocalDate date, String noteSealed, String enteredBy,
            java.time.Instant enteredAt) {
    }

    /** A person to contact as stored: name and phone still sealed. */
    record StoredContact(UUID id, String kind, String nameSealed, String phoneSealed, String relation) {
    }

    /**
     * What a profile view shows, as stored, read in ONE statement before the decisions (issue 13: the professional's
     * record page read the lines, the wishes and the contacts in three): the active lines newest first, the wishes
     * (directives sealed, donation choice; both null without wishes), the contacts oldest first. Nothing in it is opened here: a note,
     * the directives or a contact is decrypted only once the decision permits its section.
     */
    record Stored(List<StoredItem> items, String directivesSealed, String organDonation, List<StoredContact> contacts) {
    }

    /** One row per line ('I'), per wishes ('W', at most one) and per contact ('C'), in the order each list is shown. */
    static final String STORED = """
            SELECT * FROM (
                SELECT 'I' AS part, id, section, code_system, code, display, value_number, value_unit, effective_date,
                       note_sealed AS sealed, NULL AS sealed2, entered_by_name AS text1, created_at
                FROM record.profile_item WHERE patient_id = :p AND status = 'ACTIVE'
                UNION ALL
                SELECT 'W', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                       advance_directives_sealed, NULL, organ_donation, NULL
                FROM record.wishes WHERE patient_id = :p
                UNION ALL
                SELECT 'C', id, NULL, NULL, kind, NULL, NULL, NULL, NULL,
                       name_sealed, phone_sealed, relation, created_at
                FROM record.contact_person WHERE patient_id = :p) stored
            ORDER BY part, effective_date DESC, (CASE WHEN part = 'I' THEN created_at END) DESC,
                     (CASE WHEN part = 'C' THEN created_at END) ASC""";

    /** The person's profile as stored (read before the decisions, shown only after, and only what they permit). */
    Stored stored(PatientId patient) {
        return jdbc.sql(STORED).param("p", patient.value())
                .query((org.springframework.jdbc.core.ResultSetExtractor<Stored>) rs -> storedFrom(rs, patient));
    }

    /** The rows of {@link #STORED} as one {@link Stored} (also for a caller that sent the query with another). */
    static Stored storedFrom(ResultSet rs, PatientId patient) throws SQLException {
        List<StoredItem> items = new java.util.ArrayList<>();
        List<StoredContact> contacts = new java.util.ArrayList<>();
        String[] wishes = null;
        while (rs.next()) {
            Object row = storedRow(rs, patient);
            if (row instanceof StoredItem item) {
                items.add(item);
            } else if (row instanceof StoredContact contact) {
                contacts.add(contact);
            } else {
                wishes = (String[]) row;
            }
        }
        return new Stored(List.copyOf(items), wishes == null ? null : wishes[0],
                wishes == null ? null : wishes[1], List.copyOf(contacts));
    }

    private static Object storedRow(ResultSet rs, PatientId patient) throws SQLException {
        switch (rs.getString("part")) {
            case "I":
                return new StoredItem(rs.getObject("id", UUID.class), patient, ProfileSectionKind.valueOf(rs.getString("section")),
                        rs.getString("code_system"), rs.getString("code"), rs.getString("display"),
                        rs.getBigDecimal("value_number"), rs.getString("value_unit"), rs.getObject("effective_date", LocalDate.class),
                        rs.getString("sealed"), rs.getString("text1"),
                        // java.time getters: getDate/getTimestamp go through java.util.Calendar (DocumentRepository.map).
                        rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
            case "C":
                return new StoredContact(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("sealed"),
                        rs.getString("sealed2"), rs.getString("text1"));
            default:
                return new String[] {rs.getString("sealed"), rs.getString("text1")};
        }
    }

    /**
     * The sections a profile view asks the policy about, in the order {@link #assemble} reads the decisions: one per
     * {@link ProfileSectionKind}, then the advance directives, the organ donation and the contacts (one fact lookup
     * and one journal write for all).
     */
    static List<ProfileSection> sectionsAsked(PatientId patient) {
        List<ProfileSection> asked = new java.util.ArrayList<>();
        for (ProfileSectionKind kind : ProfileSectionKind.values()) {
            asked.add(new ProfileSection(patient, kind.accessCode()));
        }
        asked.add(new ProfileSection(patient, ProfileSection.ADVANCE_DIRECTIVES));
        asked.add(new ProfileSection(patient, ProfileSection.ORGAN_DONATION));
        asked.add(new ProfileSection(patient, ProfileSection.CONTACTS));
        return asked;
    }

    /**
     * The view of what the decisions (journaled already, in the order of {@link #sectionsAsked}) permit. Only the
     * permitted parts are opened: a refused section's notes, refused directives or contacts stay sealed.
     */
    ProfileView assemble(PatientId patient, Stored stored, List<AccessDecision> decided) {
        Map<ProfileSectionKind, List<ProfileItem>> sections = new EnumMap<>(ProfileSectionKind.class);
        ProfileSectionKind[] kinds = ProfileSectionKind.values();
        for (int k = 0; k < kinds.length; k++) {
            ProfileSectionKind kind = kinds[k];
            if (decided.get(k).permitted()) {
                sections.put(kind, stored.items().stream().filter(i -> i.section() == kind).map(this::opened).toList());
            }
        }
        boolean directives = decided.get(kinds.length).permitted();
        boolean donation = decided.get(kinds.length + 1).permitted();
        boolean contacts = decided.get(kinds.length + 2).permitted();
        Optional<String> directivesText = directives && stored.directivesSealed() != null
                ? Optional.of(envelope.openText(stored.directivesSealed(), EnvelopeEncryption.bindTo(DIRECTIVES, patient.value())))
                : Optional.empty();
        Optional<OrganDonation> donationChoice = donation && stored.organDonation() != null
                ? Optional.of(OrganDonation.valueOf(stored.organDonation())) : Optional.empty();
        Optional<List<ContactPerson>> contactList = contacts
                ? Optional.of(stored.contacts().stream().map(this::opened).toList()) : Optional.empty();
        return new ProfileView(patient, sections, directivesText, donationChoice, directives || donation, contactList);
    }

    private ProfileItem opened(StoredItem i) {
        String note = i.noteSealed() == null ? null : envelope.openText(i.noteSealed(), EnvelopeEncryption.bindTo(NOTE, i.id()));
        return new ProfileItem(i.id(), i.patient(), i.section(), i.codeSystem(), i.code(), i.display(), i.value(), i.unit(),
                i.date(), note, i.enteredBy(), i.enteredAt());
    }

    private ContactPerson opened(StoredContact c) {
        byte[] ad = EnvelopeEncryption.bindTo(CONTACT, c.id());
        return new ContactPerson(c.id(), c.kind(), envelope.openText(c.nameSealed(), ad),
                c.phoneSealed() == null ? null : envelope.openText(c.phoneSealed(), ad), c.relation());
    }

    /**
     * The coded lines (codes and dates only: no note, no value) of these persons' profiles, without an
     * access decision, for a supervised platform algorithm registered in the algorithm registry (module
     * oversight, e.g. the prevention reminders). Each person's journal shows that the named algorithm
     * read their profile and why (EU AI Act art. 14, CSP L4001-3): an algorithm's outputs then reach
     * the person only after a professional validated them.
     */
    @Transactional
    public Map<PatientId, List<ProfileItem>> codedItemsForSupervisedAlgorithm(List<PatientId> patients, String algorithmName,
            String purpose) {
        Map<PatientId, List<ProfileItem>> out = new java.util.LinkedHashMap<>();
        if (patients.isEmpty()) {
            return out;
        }
        patients.forEach(p -> out.put(p, new java.util.ArrayList<>()));
        jdbc.sql("""
                SELECT id, patient_id, section, code_system, code, display, effective_date, entered_by_name, created_at
                FROM record.profile_item WHERE patient_id IN (:ps) AND status = 'ACTIVE' AND code IS NOT NULL
                ORDER BY effective_date DESC""")
                .param("ps", patients.stream().map(PatientId::value).toList())
                .query((rs, n) -> new ProfileItem(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
                        ProfileSectionKind.valueOf(rs.getString("section")), rs.getString("code_system"), rs.getString("code"),
                        rs.getString("display"), null, null, rs.getDate("effective_date").toLocalDate(), null,
                        rs.getString("entered_by_name"), rs.getTimestamp("created_at").toInstant()))
                .list().forEach(i -> out.get(i.patient()).add(i));
        JournalActor algorithm = JournalActor.system(algorithmName);
        journal.appendAll(patients.stream().map(p -> new JournalEntryDraft(algorithm, null, p.value(), JournalAction.READ,
                "HYGIE-PROFIL-CODES", null, JournalDecision.PERMIT, "SUPERVISED_ALGORITHM", JournalChannel.SYSTEM, purpose)).toList());
        return out;
    }

    /** Adds a line to a section; refused (false) when the actor may not write it. */
    @Transactional
    public boolean add(Actor actor, PatientId patient, NewProfileItem item, JournalChannel channel) {
        validate(item);
        if (!permitted(actor, JournalAction.CREATE, patient, item.section().accessCode(), channel)) {
            return false;
        }
        // As for documents (Documents#add): a line about a person who does not exist is refused after the decision.
        if (patients.byId(patient).isEmpty()) {
            throw RecordRefusal.invalid("patient", RecordRefusal.Wording.PATIENT_UNKNOWN);
        }
        insert(patient, item, actor.user().accountId().value(), actor.user().displayName(), null);
        return true;
    }

    /** Imports a line (generator, FHIR import); idempotent on {@code externalId}. */
    @Transactional
    public boolean importItem(PatientId patient, NewProfileItem item, UUID enteredByAccount, String enteredBy, String externalId) {
        validate(item);
        Long known = jdbc.sql("SELECT count(*) FROM record.profile_item WHERE patient_id = :p AND external_id = :e")
                .param("p", patient.value()).param("e", externalId).query(Long.class).single();
        if (externalId != null && known > 0) {
            return false;
        }
        insert(patient, item, enteredByAccount, enteredBy, externalId);
        return true;
    }

    /**
     * The person a profile line belongs to (active lines only), with no access decision and nothing
     * journaled: only for an adapter (FHIR) that must choose the actor before asking {@link #view}.
     */
    @Transactional(readOnly = true)
    public Optional<PatientId> patientOf(UUID itemId) {
        return jdbc.sql("SELECT patient_id FROM record.profile_item WHERE id = :id AND status = 'ACTIVE'")
                .param("id", itemId).query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).optional();
    }

    /** A profile line with the identifier it was imported with (null when entered here). */
    public record ExportedItem(ProfileItem item, String externalId) {
    }

    /**
     * Every active line of a person's profile, for an export the caller has already decided and
     * journaled (operator's bulk export). No per-section decision, like {@link #importItem}.
     */
    @Transactional(readOnly = true)
    public List<ExportedItem> forExport(PatientId patient) {
        return jdbc.sql("""
                SELECT id, patient_id, section, code_system, code, display, value_number, value_unit, effective_date,
                       note_sealed, entered_by_name, created_at, external_id
                FROM record.profile_item WHERE patient_id = :p AND status = 'ACTIVE'
                ORDER BY effective_date DESC, created_at DESC""")
                .param("p", patient.value()).query((rs, n) -> new ExportedItem(item(rs, n), rs.getString("external_id"))).list();
    }

    /**
     * {@link #forExport(PatientId)} for a page of persons in one query (the operator's export walks the
     * whole population: one query per person was most of its time). Persons without lines are absent.
     */
    @Transactional(readOnly = true)
    public Map<PatientId, List<ExportedItem>> forExport(java.util.Collection<PatientId> patients) {
        Map<PatientId, List<ExportedItem>> out = new java.util.HashMap<>();
        if (patients.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                SELECT id, patient_id, section, code_system, code, display, value_number, value_unit, effective_date,
                       note_sealed, entered_by_name, created_at, external_id
                FROM record.profile_item WHERE patient_id IN (:p) AND status = 'ACTIVE'
                ORDER BY patient_id, effective_date DESC, created_at DESC""")
                .param("p", patients.stream().map(PatientId::value).toList())
                .query((rs, n) -> out.computeIfAbsent(new PatientId(rs.getObject("patient_id", UUID.class)), k -> new java.util.ArrayList<>())
                        .add(new ExportedItem(item(rs, n), rs.getString("external_id")))).list();
        return out;
    }

    /** The identifiers lines were imported with, by line id (to export them again unchanged). */
    @Transactional(readOnly = true)
    public Map<UUID, String> externalIds(PatientId patient) {
        Map<UUID, String> ids = new java.util.HashMap<>();
        jdbc.sql("SELECT id, external_id FROM record.profile_item WHERE patient_id = :p AND external_id IS NOT NULL")
                .param("p", patient.value()).query((rs, n) -> ids.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        return ids;
    }

    /** A line to import for a person, with the id it has in the source system (generator, migration). */
    public record ImportedItem(PatientId patient, NewProfileItem item, String enteredBy, String externalId) {
    }

    /**
     * Imports many lines at once (generated populations, migrations): one batch insert, idempotent on
     * (person, external id); no per-line access decision — the caller journals the import on each
     * person's chain. Returns how many lines were new.
     */
    @Transactional
    public int importItems(List<ImportedItem> items) {
        if (items.isEmpty()) {
            return 0;
        }
        java.sql.Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
        org.springframework.jdbc.core.namedparam.MapSqlParameterSource[] params = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource[items.size()];
        for (int i = 0; i < items.size(); i++) {
            ImportedItem it = items.get(i);
            validate(it.item());
            UUID id = Ids.newId();
            NewProfileItem item = it.item();
            params[i] = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                    .addValue("id", id).addValue("p", it.patient().value()).addValue("section", item.section().name())
                    .addValue("system", item.codeSystem()).addValue("code", item.code()).addValue("display", item.display().strip())
                    .addValue("value", item.value()).addValue("unit", item.unit()).addValue("date", item.date())
                    .addValue("note", item.note() == null || item.note().isBlank() ? null
                            : envelope.sealText(item.note().strip(), EnvelopeEncryption.bindTo(NOTE, id)))
                    .addValue("name", it.enteredBy()).addValue("external", it.externalId()).addValue("at", now);
        }
        int[] counts = batch.batchUpdate("""
                INSERT INTO record.profile_item (id, patient_id, section, code_system, code, display, value_number, value_unit,
                    effective_date, note_sealed, entered_by_name, external_id, created_at)
                VALUES (:id, :p, :section, :system, :code, :display, :value, :unit, :date, :note, :name, :external, :at)
                ON CONFLICT (patient_id, external_id) WHERE external_id IS NOT NULL DO NOTHING""", params);
        int added = 0;
        for (int c : counts) {
            added += c > 0 ? 1 : 0;
        }
        return added;
    }

    /** Marks a line as entered in error (it disappears from the profile; the journal keeps the fact). */
    @Transactional
    public boolean retract(Actor actor, PatientId patient, UUID itemId, JournalChannel channel) {
        Optional<String> section = jdbc.sql("SELECT section FROM record.profile_item WHERE id = :id AND patient_id = :p AND status = 'ACTIVE'")
                .param("id", itemId).param("p", patient.value()).query(String.class).optional();
        if (section.isEmpty() || !permitted(actor, JournalAction.UPDATE, patient,
                ProfileSectionKind.valueOf(section.get()).accessCode(), channel)) {
            return false;
        }
        jdbc.sql("UPDATE record.profile_item SET status = 'ENTERED_IN_ERROR' WHERE id = :id").param("id", itemId).update();
        return true;
    }

    /** Writes the wishes (the person or a representative with the right scope). */
    @Transactional
    public boolean updateWishes(Actor actor, PatientId patient, String advanceDirectives, OrganDonation donation,
            JournalChannel channel) {
        if (advanceDirectives != null && advanceDirectives.length() > 20_000) {
            throw RecordRefusal.invalid("directives", RecordRefusal.Wording.DIRECTIVES_TOO_LONG);
        }
        if (!permitted(actor, JournalAction.UPDATE, patient, ProfileSection.ADVANCE_DIRECTIVES, channel)) {
            return false;
        }
        String sealed = advanceDirectives == null || advanceDirectives.isBlank() ? null
                : envelope.sealText(advanceDirectives.strip(), EnvelopeEncryption.bindTo(DIRECTIVES, patient.value()));
        jdbc.sql("""
                INSERT INTO record.wishes (patient_id, advance_directives_sealed, organ_donation, updated_at, updated_by_name)
                VALUES (:p, :d, :o, :at, :by)
                ON CONFLICT (patient_id) DO UPDATE SET advance_directives_sealed = :d, organ_donation = :o,
                    updated_at = :at, updated_by_name = :by""")
                .param("p", patient.value()).param("d", sealed).param("o", donation == null ? null : donation.name())
                .param("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .param("by", actor.user().displayName()).update();
        return true;
    }

    /** Adds a person to contact (or the personne de confiance). */
    @Transactional
    public boolean addContact(Actor actor, PatientId patient, String kind, String name, String phone, String relation,
            JournalChannel channel) {
        if (name == null || name.isBlank()) {
            throw RecordRefusal.invalid("name", RecordRefusal.Wording.NAME_REQUIRED);
        }
        if (!"PERSONNE_DE_CONFIANCE".equals(kind) && !"A_PREVENIR".equals(kind)) {
            throw RecordRefusal.invalid("kind", RecordRefusal.Wording.CONTACT_KIND);
        }
        if (!permitted(actor, JournalAction.UPDATE, patient, ProfileSection.CONTACTS, channel)) {
            return false;
        }
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO record.contact_person (id, patient_id, kind, name_sealed, phone_sealed, relation, created_at)
                VALUES (:id, :p, :kind, :name, :phone, :relation, :at)""")
                .param("id", id).param("p", patient.value()).param("kind", kind)
                .param("name", envelope.sealText(name.strip(), EnvelopeEncryption.bindTo(CONTACT, id)))
                .param("phone", phone == null || phone.isBlank() ? null : envelope.sealText(phone.strip(), EnvelopeEncryption.bindTo(CONTACT, id)))
                .param("relation", relation).param("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .update();
        return true;
    }

    /**
     * How many persons of {@code population} have, in one section of their profile, an active item whose code
     * starts with one of {@code codePrefixes} (e.g. CIM-10 {@code E11} for type 2 diabetes, ATC {@code J07BB}
     * for influenza vaccines) dated between {@code from} (inclusive, {@code null} for no bound) and {@code to}
     * (inclusive), per commune of residence: numerators of territorial indicators (recommendation « Une
     * seule santé »). Aggregates only, no person-level data: counts per commune, never who; not journaled
     * per person since nobody's record is read, and small-count suppression is the caller's duty before
     * anything is shown.
     */
    @Transactional(readOnly = true)
    public Map<String, Long> countByCommune(ProfileSectionKind section, List<String> codePrefixes, LocalDate from,
            LocalDate to, PopulationFilter population) {
        String[] patterns = codePrefixes.stream().map(c -> c.replace("%", "").replace("_", "") + "%").toArray(String[]::new);
        List<PatientId> persons = jdbc.sql("""
                SELECT DISTINCT patient_id FROM record.profile_item
                 WHERE section = :section AND status = 'ACTIVE' AND code LIKE ANY(:patterns)
                   AND effective_date <= :to AND effective_date >= :from""")
                .param("section", section.name()).param("patterns", patterns).param("to", to)
                .param("from", from == null ? LocalDate.of(1, 1, 1) : from)
                .query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list();
        if (persons.isEmpty()) {
            return Map.of();
        }
        return patients.countByCommune(population, persons);
    }

    private boolean permitted(Actor actor, JournalAction action, PatientId patient, String section, JournalChannel channel) {
        return access.checkProfile(actor, action, new ProfileSection(patient, section), channel).permitted();
    }

    private void insert(PatientId patient, NewProfileItem item, UUID account, String name, String externalId) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO record.profile_item (id, patient_id, section, code_system, code, display, value_number, value_unit,
                    effective_date, note_sealed, entered_by_account, entered_by_name, external_id, created_at)
                VALUES (:id, :p, :section, :system, :code, :display, :value, :unit, :date, :note, :account, :name, :external, :at)""")
                .param("id", id).param("p", patient.value()).param("section", item.section().name())
                .param("system", item.codeSystem()).param("code", item.code()).param("display", item.display().strip())
                .param("value", item.value()).param("unit", item.unit()).param("date", item.date())
                .param("note", item.note() == null || item.note().isBlank() ? null
                        : envelope.sealText(item.note().strip(), EnvelopeEncryption.bindTo(NOTE, id)))
                .param("account", account).param("name", name).param("external", externalId)
                .param("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .update();
    }

    private void validate(NewProfileItem item) {
        if (item.section() == null) {
            throw RecordRefusal.invalid("section", RecordRefusal.Wording.SECTION);
        }
        if (item.display() == null || item.display().isBlank() || item.display().length() > 200) {
            throw RecordRefusal.invalid("display", RecordRefusal.Wording.DISPLAY);
        }
        if (item.date() == null || item.date().isAfter(LocalDate.now(clock).plusDays(1))) {
            throw RecordRefusal.invalid("date", RecordRefusal.Wording.DATE);
        }
        if (item.section() == ProfileSectionKind.MEASUREMENTS && item.value() == null) {
            throw RecordRefusal.invalid("value", RecordRefusal.Wording.VALUE);
        }
        // What the columns cannot hold is refused with its reason on every channel (web form, FHIR, import), not left
        // to PostgreSQL: findings of security.FhirWriteFuzzTest, each a 500 before — a code system named by a URI longer
        // than its column, a value beyond NUMERIC(12, 3), a unit longer than its column, a NUL character (refused by
        // PostgreSQL in any text).
        if (tooLong(item.codeSystem(), 255) || tooLong(item.code(), 32) || tooLong(item.unit(), 16)) {
            throw RecordRefusal.invalid("code", RecordRefusal.Wording.CODE);
        }
        // Compared as PostgreSQL stores it, rounded to three decimals (999999999.9996 becomes 1000000000.000, beyond the
        // column); a value written with more than 100 decimals is no measurement (and rounding it could take long).
        if (item.value() != null && (item.value().abs().compareTo(MAX_VALUE) >= 0 || item.value().scale() > 100
                || item.value().setScale(3, java.math.RoundingMode.HALF_UP).abs().compareTo(MAX_VALUE) >= 0)) {
            throw RecordRefusal.invalid("value", RecordRefusal.Wording.VALUE_RANGE);
        }
        for (String text : new String[] {item.codeSystem(), item.code(), item.display(), item.unit(), item.note()}) {
            if (text != null && text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                throw RecordRefusal.invalid("display", RecordRefusal.Wording.CONTROL_CHARACTERS);
            }
        }
    }

    /** A measurement's value fits NUMERIC(12, 3): below one billion in absolute value. */
    private static final java.math.BigDecimal MAX_VALUE = java.math.BigDecimal.valueOf(1_000_000_000L);

    private static boolean tooLong(String s, int max) {
        return s != null && s.length() > max;
    }

    private ProfileItem item(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String note = rs.getString("note_sealed");
        return new ProfileItem(id, new PatientId(rs.getObject("patient_id", UUID.class)),
                ProfileSectionKind.valueOf(rs.getString("section")), rs.getString("code_system"), rs.getString("code"),
                rs.getString("display"), rs.getBigDecimal("value_number"), rs.getString("value_unit"),
                rs.getDate("effective_date").toLocalDate(),
                note == null ? null : envelope.openText(note, EnvelopeEncryption.bindTo(NOTE, id)),
                rs.getString("entered_by_name"), rs.getTimestamp("created_at").toInstant());
    }

}
