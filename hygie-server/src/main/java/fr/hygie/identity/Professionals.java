package fr.hygie.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The directory of professionals: the only reader of {@code identity.professional}. */
@Service
public class Professionals {

    private final JdbcClient jdbc;

    Professionals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Professional> byId(ProfessionalId id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id.value()).query(Professionals::map).optional();
    }

    public Optional<Professional> byRpps(String rpps) {
        return jdbc.sql(SELECT + " WHERE rpps = :r").param("r", rpps).query(Professionals::map).optional();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM identity.professional").query(Long.class).single();
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
