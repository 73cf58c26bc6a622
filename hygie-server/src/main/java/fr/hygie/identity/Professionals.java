package fr.hygie.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import fr.hygie.platform.Ids;

/** The directory of professionals: the only reader of {@code identity.professional}. */
@Service
public class Professionals {

    /** At most this many profession codes kept (a few MB); beyond, the map starts again empty. */
    private static final int PROFESSION_CODES_KEPT = 100_000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    /**
     * Profession code by professional, read once: every access decision of a professional needs it (issue 13, it
     * was one SQL statement per decision, two per record list + read). A registered professional's row is never
     * updated nor deleted (registration inserts, {@code ON CONFLICT DO NOTHING}), so an id's profession never changes
     * and this holds no decision, only an immutable fact; blocks, authorisations and masks are still read at every
     * decision. Whoever adds an update of {@code profession_code} must drop the entry here.
     */
    private final ConcurrentHashMap<ProfessionalId, String> professionCodes = new ConcurrentHashMap<>();

    Professionals(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Transactional
    public ProfessionalId register(NewProfessional p) {
        return registerAll(List.of(p)).get(0);
    }

    /** Registers many professionals in one batch (generated populations, imports). */
    @Transactional
    public List<ProfessionalId> registerAll(List<NewProfessional> professionals) {
        return insert(professionals, false);
    }

    /**
     * Registers those not yet known (same rpps) and returns the ids of all of them, known or new: for
     * loading generated or imported data twice without creating anything twice.
     */
    @Transactional
    public java.util.Map<String, ProfessionalId> registerMissing(List<NewProfessional> professionals) {
        insert(professionals, true);
        List<String> keys = professionals.stream().map(x -> key(x)).toList();
        java.util.Map<String, ProfessionalId> result = new java.util.HashMap<>();
        jdbc.sql("SELECT rpps, id FROM identity.professional WHERE rpps = ANY(:keys)").param("keys", keys.toArray(String[]::new))
                .query((rs, n) -> result.put(rs.getString(1), new ProfessionalId(rs.getObject(2, UUID.class)))).list();
        return result;
    }

    private static String key(NewProfessional x) {
        return x.rpps().value();
    }

    private List<ProfessionalId> insert(List<NewProfessional> professionals, boolean conflict) {
        String insert = INSERT_PROFESSIONAL;
        List<ProfessionalId> ids = new java.util.ArrayList<>(professionals.size());
        MapSqlParameterSource[] params = new MapSqlParameterSource[professionals.size()];
        for (int i = 0; i < professionals.size(); i++) {
            NewProfessional p = professionals.get(i);
            UUID id = Ids.newId();
            ids.add(new ProfessionalId(id));
            params[i] = new MapSqlParameterSource()
                    .addValue("id", id).addValue("rpps", p.rpps().value()).addValue("profession", p.professionCode())
                    .addValue("specialty", p.specialtyCode()).addValue("family", p.familyName())
                    .addValue("given", p.givenName()).addValue("sex", p.sex() == null ? null : p.sex().code())
                    .addValue("structure", p.structure() == null ? null : p.structure().value())
                    .addValue("commune", p.commune() == null ? null : p.commune().value())
                    .addValue("lat", p.latitude()).addValue("lon", p.longitude()).addValue("sector", p.sector())
                    .addValue("tele", p.teleconsultation())
                    .addValue("languages", p.languages().toArray(String[]::new));
        }
        batch.batchUpdate(conflict ? insert + " ON CONFLICT (rpps) DO NOTHING" : insert, params);
        return ids;
    }

    private static final String INSERT_PROFESSIONAL = """
                INSERT INTO identity.professional (id, rpps, profession_code, specialty_code, family_name, given_name, sex,
                    structure_id, commune_insee, latitude, longitude, sector, teleconsultation, languages)
                VALUES (:id, :rpps, :profession, :specialty, :family, :given, :sex, :structure, :commune, :lat, :lon,
                    :sector, :tele, :languages)""";

    public Optional<Professional> byId(ProfessionalId id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id.value()).query(Professionals::map).optional();
    }

    /** The professional's profession code (« code profession » of the RPPS), as {@code byId(id).professionCode()}. */
    public Optional<String> professionCode(ProfessionalId id) {
        String known = professionCodes.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> read = jdbc.sql("SELECT profession_code FROM identity.professional WHERE id = :id")
                .param("id", id.value()).query(String.class).optional();
        read.ifPresent(code -> {
            if (professionCodes.size() >= PROFESSION_CODES_KEPT) {
                professionCodes.clear();
            }
            professionCodes.put(id, code);
        });
        return read;
    }

    public Optional<Professional> byRpps(String rpps) {
        return jdbc.sql(SELECT + " WHERE rpps = :r").param("r", rpps).query(Professionals::map).optional();
    }

    /** Professionals whose family name starts with {@code name} (case and accents ignored), for a person choosing whom to authorise. */
    public List<Professional> searchByName(String name, int limit) {
        String key = InsTraits.searchKey(name).replace("%", "").replace("_", "");
        if (key.isBlank()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE upper(family_name) LIKE :k ORDER BY family_name, given_name LIMIT :limit")
                .param("k", key + "%").param("limit", limit).query(Professionals::map).list();
    }

    /** The whole register in id order after {@code after} (null: from the start): for the operator's export (« réversibilité »). */
    public List<Professional> page(ProfessionalId after, int limit) {
        return jdbc.sql(SELECT + " WHERE id > :after ORDER BY id LIMIT :limit")
                .param("after", after == null ? new UUID(0, 0) : after.value()).param("limit", limit).query(Professionals::map).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM identity.professional").query(Long.class).single();
    }

    /** Professionals of one commune (INSEE code): how many, and how many offer teleconsultation. */
    public record CommuneCount(String commune, long professionals, long teleconsultation) {
    }

    /**
     * Registered professionals per commune of practice, optionally of one profession (code list
     * {@link Professions}; {@code null} for all): access-to-care indicators. Aggregates only, no
     * person-level data.
     */
    public List<CommuneCount> countByCommune(String professionCode) {
        return jdbc.sql("SELECT commune_insee, count(*), count(*) FILTER (WHERE teleconsultation) FROM identity.professional"
                        + " WHERE commune_insee IS NOT NULL" + (professionCode == null ? "" : " AND profession_code = :p")
                        + " GROUP BY commune_insee ORDER BY commune_insee")
                .params(professionCode == null ? java.util.Map.of() : java.util.Map.of("p", professionCode))
                .query((rs, n) -> new CommuneCount(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    static final String SELECT = """
            SELECT id, rpps, profession_code, specialty_code, family_name, given_name, structure_id, commune_insee,
                   latitude, longitude, sector, teleconsultation, languages
            FROM identity.professional""";

    static Professional map(ResultSet rs, int n) throws SQLException {
        UUID structure = rs.getObject("structure_id", UUID.class);
        Object lat = rs.getObject("latitude");
        Object lon = rs.getObject("longitude");
        Object sector = rs.getObject("sector");
        return new Professional(new ProfessionalId(rs.getObject("id", UUID.class)), rs.getString("rpps"),
                rs.getString("profession_code"), rs.getString("specialty_code"), rs.getString("family_name"),
                rs.getString("given_name"), Optional.ofNullable(structure).map(StructureId::new),
                rs.getString("commune_insee"), lat == null ? null : ((Number) lat).doubleValue(),
                lon == null ? null : ((Number) lon).doubleValue(), sector == null ? null : ((Number) sector).intValue(),
                rs.getBoolean("teleconsultation"),
                Arrays.stream((Object[]) rs.getArray("languages").getArray()).map(String::valueOf).toList());
    }
}
