package fr.hygie.identity;

import fr.hygie.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The register of care structures by FINESS: the only reader of {@code identity.structure}. */
@Service
public class Structures {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    Structures(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Transactional
    public StructureId register(NewStructure s) {
        return registerAll(List.of(s)).get(0);
    }

    /** Registers many structures in one batch (generated populations, imports). */
    @Transactional
    public List<StructureId> registerAll(List<NewStructure> structures) {
        return insert(structures, false);
    }

    /**
     * Registers those not yet known (same finess) and returns the ids of all of them, known or new: for
     * loading generated or imported data twice without creating anything twice.
     */
    @Transactional
    public java.util.Map<String, StructureId> registerMissing(List<NewStructure> structures) {
        insert(structures, true);
        List<String> keys = structures.stream().map(x -> key(x)).toList();
        java.util.Map<String, StructureId> result = new java.util.HashMap<>();
        jdbc.sql("SELECT finess, id FROM identity.structure WHERE finess = ANY(:keys)").param("keys", keys.toArray(String[]::new))
                .query((rs, n) -> result.put(rs.getString(1), new StructureId(rs.getObject(2, UUID.class)))).list();
        return result;
    }

    private static String key(NewStructure x) {
        return x.finess().value();
    }

    private List<StructureId> insert(List<NewStructure> structures, boolean conflict) {
        String insert = INSERT_STRUCTURE;
        List<StructureId> ids = new ArrayList<>(structures.size());
        MapSqlParameterSource[] params = new MapSqlParameterSource[structures.size()];
        for (int i = 0; i < structures.size(); i++) {
            NewStructure s = structures.get(i);
            UUID id = Ids.newId();
            ids.add(new StructureId(id));
            params[i] = new MapSqlParameterSource()
                    .addValue("id", id).addValue("finess", s.finess().value()).addValue("kind", s.kind().name())
                    .addValue("legal", s.legalEntity() == null ? null : s.legalEntity().value())
                    .addValue("name", s.name()).addValue("category", s.category())
                    .addValue("address", s.addressLine()).addValue("postcode", s.postcode())
                    .addValue("commune", s.commune() == null ? null : s.commune().value())
                    .addValue("lat", s.latitude()).addValue("lon", s.longitude());
        }
        batch.batchUpdate(conflict ? insert + " ON CONFLICT (finess) DO NOTHING" : insert, params);
        return ids;
    }

    private static final String INSERT_STRUCTURE = """
                INSERT INTO identity.structure (id, finess, kind, legal_entity_finess, name, category, address_line,
                    postcode, commune_insee, latitude, longitude)
                VALUES (:id, :finess, :kind, :legal, :name, :category, :address, :postcode, :commune, :lat, :lon)""";

    public Optional<Structure> byId(StructureId id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id.value()).query(Structures::map).optional();
    }

    public Optional<Structure> byFiness(String finess) {
        return jdbc.sql(SELECT + " WHERE finess = :f").param("f", finess).query(Structures::map).optional();
    }

    /** The whole register in id order after {@code after} (null: from the start): for the operator's export (« réversibilité »). */
    public List<Structure> page(StructureId after, int limit) {
        return jdbc.sql(SELECT + " WHERE id > :after ORDER BY id LIMIT :limit")
                .param("after", after == null ? new UUID(0, 0) : after.value()).param("limit", limit).query(Structures::map).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM identity.structure").query(Long.class).single();
    }

    /**
     * Structures whose name contains {@code query} (any case) or whose FINESS starts with it, by name; an
     * empty query lists all of them. For the administration of the referential, a page at a time.
     */
    public List<Structure> search(String query, int offset, int limit) {
        return jdbc.sql(SELECT + " WHERE " + MATCHES + " ORDER BY name, finess OFFSET :offset LIMIT :limit")
                .param("q", query == null ? "" : query.strip()).param("offset", Math.max(0, offset))
                .param("limit", Math.max(0, limit)).query(Structures::map).list();
    }

    /** How many structures {@link #search} finds for {@code query}. */
    public long countMatching(String query) {
        return jdbc.sql("SELECT count(*) FROM identity.structure WHERE " + MATCHES)
                .param("q", query == null ? "" : query.strip()).query(Long.class).single();
    }

    private static final String MATCHES =
            "(:q = '' OR name ILIKE '%' || :q || '%' OR finess LIKE :q || '%')";

    private static final String SELECT = """
            SELECT id, finess, kind, legal_entity_finess, name, category, address_line, postcode, commune_insee,
                   latitude, longitude
            FROM identity.structure""";

    private static Structure map(ResultSet rs, int n) throws SQLException {
        return new Structure(new StructureId(rs.getObject("id", UUID.class)), rs.getString("finess"),
                StructureKind.valueOf(rs.getString("kind")), rs.getString("legal_entity_finess"), rs.getString("name"),
                rs.getString("category"), rs.getString("address_line"), rs.getString("postcode"),
                rs.getString("commune_insee"), (Double) rs.getObject("latitude"), (Double) rs.getObject("longitude"));
    }
}
