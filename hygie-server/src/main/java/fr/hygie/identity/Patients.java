package fr.hygie.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import fr.hygie.platform.Ids;
import fr.hygie.platform.web.InvalidInput;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The register of persons (usagers) with their INS: the only reader of {@code identity.patient}. */
@Service
public class Patients {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final PersonRows kept;

    Patients(JdbcClient jdbc, NamedParameterJdbcTemplate batch, PersonRows kept) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.kept = kept;
    }

    /** Registers a person. A matricule already registered is refused (one INS, one person). */
    @Transactional
    public PatientId register(NewPatient p) {
        if (byMatricule(p.ins().matricule().value()).isPresent()) {
            throw new InvalidInput("INS_ALREADY_REGISTERED", "nir", "Cette personne est déjà enregistrée.");
        }
        return registerAll(List.of(p)).get(0);
    }

    /** Registers many persons in one batch (generated populations, imports). */
    @Transactional
    public List<PatientId> registerAll(List<NewPatient> patients) {
        return insert(patients, false);
    }

    /**
     * Registers those not yet known (same matricule) and returns the ids of all of them, known or new: for
     * loading generated or imported data twice without creating anything twice.
     */
    @Transactional
    public java.util.Map<String, PatientId> registerMissing(List<NewPatient> patients) {
        insert(patients, true);
        List<String> keys = patients.stream().map(x -> key(x)).toList();
        java.util.Map<String, PatientId> result = new java.util.HashMap<>();
        jdbc.sql("SELECT matricule, id FROM identity.patient WHERE matricule = ANY(:keys)").param("keys", keys.toArray(String[]::new))
                .query((rs, n) -> result.put(rs.getString(1), new PatientId(rs.getObject(2, UUID.class)))).list();
        return result;
    }

    private static String key(NewPatient x) {
        return x.ins().matricule().value();
    }

    private List<PatientId> insert(List<NewPatient> patients, boolean conflict) {
        String insert = INSERT_PATIENT;
        List<PatientId> ids = new java.util.ArrayList<>(patients.size());
        MapSqlParameterSource[] params = new MapSqlParameterSource[patients.size()];
        for (int i = 0; i < patients.size(); i++) {
            NewPatient p = patients.get(i);
            UUID id = Ids.newId();
            ids.add(new PatientId(id));
            InsTraits t = p.ins().traits();
            params[i] = new MapSqlParameterSource()
                    .addValue("id", id).addValue("matricule", p.ins().matricule().value())
                    .addValue("kind", p.ins().matricule() instanceof Nia ? "NIA" : "NIR")
                    .addValue("status", p.ins().status().name()).addValue("birthName", t.birthName())
                    .addValue("firstNames", t.birthFirstNames()).addValue("usedName", p.usedName())
                    .addValue("birthDate", t.birthDate()).addValue("sex", t.sex().code())
                    .addValue("birthPlace", t.birthPlaceInsee()).addValue("address", p.addressLine())
                    .addValue("postcode", p.postcode()).addValue("commune", p.commune() == null ? null : p.commune().value())
                    .addValue("lat", p.latitude()).addValue("lon", p.longitude()).addValue("phone", p.phone())
                    .addValue("email", p.email()).addValue("digital", p.digitalUser());
        }
        batch.batchUpdate(conflict ? insert + " ON CONFLICT (matricule) DO NOTHING" : insert, params);
        return ids;
    }

    private static final String INSERT_PATIENT = """
                INSERT INTO identity.patient (id, matricule, matricule_kind, ins_status, birth_name, first_names, used_name,
                    birth_date, sex, birth_place_insee, address_line, postcode, commune_insee, latitude, longitude, phone,
                    email, digital_user)
                VALUES (:id, :matricule, :kind, :status, :birthName, :firstNames, :usedName, :birthDate, :sex, :birthPlace,
                    :address, :postcode, :commune, :lat, :lon, :phone, :email, :digital)""";

    /** A person registered without INS, and whether this call created them (false: found by one of their identifiers). */
    public record Registered(PatientId id, boolean created) {
    }

    /**
     * Registers persons without INS (RNIV « identité provisoire » or « validée »), each with the identifiers
     * of the system they came from. A person one of whose identifiers is already known is not registered
     * again (their missing identifiers are added): importing twice creates nobody twice. No match on traits
     * (identity vigilance forbids an automatic merge): two records of one person are for a human to merge.
     */
    @Transactional
    public List<Registered> registerProvisional(List<NewProvisionalPatient> persons) {
        List<Registered> out = new java.util.ArrayList<>(persons.size());
        for (NewProvisionalPatient p : persons) {
            Optional<PatientId> known = p.identifiers().stream().map(i -> byIdentifier(i)).flatMap(Optional::stream).findFirst();
            if (known.isPresent()) {
                addIdentifiers(known.get(), p.identifiers());
                out.add(new Registered(known.get(), false));
                continue;
            }
            UUID id = Ids.newId();
            jdbc.sql("""
                    INSERT INTO identity.patient (id, matricule, matricule_kind, ins_status, birth_name, first_names, used_name,
                        birth_date, sex, birth_place_insee, address_line, postcode, commune_insee, phone, email, digital_user)
                    VALUES (:id, NULL, NULL, :status, :birthName, :firstNames, :usedName, :birthDate, :sex, :birthPlace,
                        :address, :postcode, :commune, :phone, :email, TRUE)""")
                    .param("id", id).param("status", p.status().name()).param("birthName", p.birthName())
                    .param("firstNames", p.firstNames()).param("usedName", blankToNull(p.usedName())).param("birthDate", p.birthDate())
                    .param("sex", p.sex().code()).param("birthPlace", p.birthPlaceInsee()).param("address", blankToNull(p.addressLine()))
                    .param("postcode", blankToNull(p.postcode())).param("commune", p.commune() == null ? null : p.commune().value())
                    .param("phone", blankToNull(p.phone())).param("email", blankToNull(p.email())).update();
            addIdentifiers(new PatientId(id), p.identifiers());
            out.add(new Registered(new PatientId(id), true));
        }
        return out;
    }

    /** Keeps identifiers from other systems for a person; one already held (by anyone) is left as it is. */
    @Transactional
    public void addIdentifiers(PatientId patient, List<ForeignIdentifier> identifiers) {
        for (ForeignIdentifier i : identifiers) {
            jdbc.sql("INSERT INTO identity.patient_identifier (system, value, patient_id) VALUES (:s, :v, :p) ON CONFLICT DO NOTHING")
                    .param("s", i.system()).param("v", i.value()).param("p", patient.value()).update();
        }
    }

    /** {@link #identifiers(PatientId)} for a page of persons in one query (operator's export); persons without any are absent. */
    public java.util.Map<PatientId, List<ForeignIdentifier>> identifiers(java.util.Collection<PatientId> patients) {
        java.util.Map<PatientId, List<ForeignIdentifier>> out = new java.util.HashMap<>();
        if (!patients.isEmpty()) {
            jdbc.sql("SELECT patient_id, system, value FROM identity.patient_identifier WHERE patient_id IN (:p) ORDER BY patient_id, system, value")
                    .param("p", patients.stream().map(PatientId::value).toList())
                    .query((rs, n) -> out.computeIfAbsent(new PatientId(rs.getObject(1, UUID.class)), k -> new java.util.ArrayList<>())
                            .add(new ForeignIdentifier(rs.getString(2), rs.getString(3)))).list();
        }
        return out;
    }

    /** {@link #matricule(PatientId)} for a page of persons in one query (operator's export); persons without one are absent. */
    public java.util.Map<PatientId, String> matricules(java.util.Collection<PatientId> patients) {
        java.util.Map<PatientId, String> out = new java.util.HashMap<>();
        if (!patients.isEmpty()) {
            jdbc.sql("SELECT id, matricule FROM identity.patient WHERE id IN (:p) AND matricule IS NOT NULL")
                    .param("p", patients.stream().map(PatientId::value).toList())
                    .query((rs, n) -> out.put(new PatientId(rs.getObject(1, UUID.class)), rs.getString(2))).list();
        }
        return out;
    }

    /** The identifiers other systems gave this person, in a stable order. */
    public List<ForeignIdentifier> identifiers(PatientId patient) {
        return jdbc.sql("SELECT system, value FROM identity.patient_identifier WHERE patient_id = :p ORDER BY system, value")
                .param("p", patient.value()).query((rs, n) -> new ForeignIdentifier(rs.getString(1), rs.getString(2))).list();
    }

    /** The person another system designates with this identifier. */
    public Optional<PatientId> byIdentifier(ForeignIdentifier identifier) {
        return jdbc.sql("SELECT patient_id FROM identity.patient_identifier WHERE system = :s AND value = :v")
                .param("s", identifier.system()).param("v", identifier.value())
                .query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).optional();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Finds persons by INS traits as a counter agent or a professional types them: birth name (or used
     * name), first name and birth date. At most {@code limit} results.
     */
    public List<Patient> searchByTraits(String name, String firstName, java.time.LocalDate birthDate, int limit) {
        String n = InsTraits.searchKey(name);
        String f = InsTraits.searchKey(firstName);
        return jdbc.sql(SELECT + "\n" + """
                 WHERE birth_date = :d AND (upper(birth_name) = :n OR upper(coalesce(used_name, '')) = :n)
                   AND upper(first_names) LIKE :firstPattern
                 ORDER BY birth_name, first_names LIMIT :limit""")
                .param("d", birthDate).param("n", n).param("firstPattern", f.replace("%", "").replace("_", "") + "%").param("limit", limit)
                .query(Patients::map).list();
    }

    /**
     * The person's row; kept in memory between calls (issue 13, docs/adr/0005-persons-rows-kept-in-memory.md): no
     * method of this class changes a row, and another process's change is announced by the table's triggers.
     */
    public Optional<Patient> byId(PatientId id) {
        return kept.byId(id, () -> jdbc.sql(SELECT + " WHERE id = :id").param("id", id.value()).query(Patients::map).optional());
    }

    /** The INS matricule (NIR or NIA) of a person: for FHIR identifiers and INS checks, never for logs or URLs. */
    public Optional<String> matricule(PatientId id) {
        return jdbc.sql("SELECT matricule FROM identity.patient WHERE id = :id AND matricule IS NOT NULL").param("id", id.value())
                .query(String.class).optional();
    }

    public Optional<PatientId> byMatricule(String matricule) {
        return jdbc.sql("SELECT id FROM identity.patient WHERE matricule = :m").param("m", matricule)
                .query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).optional();
    }

    /** How to reach a person (notifications, confirmations, letters); any part may be null. */
    public record Contact(String phone, String email, String addressLine, String postcode, String communeInsee) {
        /** The postal address on one line, or null when the register has none. */
        public String postalAddress() {
            if (addressLine == null || addressLine.isBlank()) {
                return null;
            }
            return addressLine + (postcode == null ? "" : ", " + postcode);
        }
    }

    public Contact contact(PatientId id) {
        return jdbc.sql("SELECT phone, email, address_line, postcode, commune_insee FROM identity.patient WHERE id = :id")
                .param("id", id.value())
                .query((rs, n) -> new Contact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional().orElse(new Contact(null, null, null, null, null));
    }

    /**
     * Persons in id order after {@code after} (null: from the start), at most {@code limit}: for the
     * operator's export of the whole register (« réversibilité ») and for supervised platform algorithms
     * (module oversight) that evaluate every person; never for a search.
     */
    public List<Patient> page(PatientId after, int limit) {
        return jdbc.sql(SELECT + " WHERE id > :after ORDER BY id LIMIT :limit")
                .param("after", after == null ? new UUID(0, 0) : after.value()).param("limit", limit)
                .query(Patients::map).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM identity.patient").query(Long.class).single();
    }

    /**
     * Registered persons per commune of residence (INSEE code; persons without a commune are left out):
     * the population denominators of territorial indicators. Aggregates only, no person-level data.
     */
    public java.util.Map<String, Long> countByCommune(PopulationFilter filter) {
        return countByCommune(filter, null);
    }

    /**
     * Same, restricted to the persons among {@code among} (e.g. those with a condition, as another module
     * found them): the numerators of territorial indicators. Aggregates only, no person-level data: the
     * answer is counts per commune, never who.
     */
    public java.util.Map<String, Long> countByCommune(PopulationFilter filter, java.util.Collection<PatientId> among) {
        String sql = "SELECT commune_insee, count(*) FROM identity.patient WHERE commune_insee IS NOT NULL AND "
                + filter.sql() + (among == null ? "" : " AND id = ANY(:ids)") + " GROUP BY commune_insee";
        var spec = jdbc.sql(sql);
        if (filter.sex() != null) {
            spec = spec.param("sex", filter.sex().code());
        }
        if (filter.minAge() != null) {
            spec = spec.param("bornOnOrBefore", filter.bornOnOrBefore());
        }
        if (filter.maxAge() != null) {
            spec = spec.param("bornAfter", filter.bornAfter());
        }
        if (among != null) {
            spec = spec.param("ids", among.stream().map(PatientId::value).toArray(UUID[]::new));
        }
        if (!filter.excluded().isEmpty()) {
            spec = spec.param("excluded", filter.excluded().stream().map(PatientId::value).toArray(UUID[]::new));
        }
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        spec.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    static final String SELECT = """
            SELECT id, birth_name, first_names, used_name, birth_date, sex, birth_place_insee, commune_insee, postcode,
                   ins_status, digital_user
            FROM identity.patient""";

    static Patient map(ResultSet rs, int n) throws SQLException {
        return new Patient(new PatientId(rs.getObject("id", UUID.class)), rs.getString("birth_name"),
                rs.getString("first_names"), rs.getString("used_name"), rs.getDate("birth_date").toLocalDate(),
                rs.getString("sex"), rs.getString("birth_place_insee"), rs.getString("commune_insee"),
                rs.getString("postcode"), rs.getString("ins_status"), rs.getBoolean("digital_user"));
    }

}
